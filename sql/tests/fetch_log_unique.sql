-- fetch_log_unique: one row per fetch of a URL.
select url, kind, fetched_at, count(*) as n
from fetch_log
group by url, kind, fetched_at
having count(*) > 1
