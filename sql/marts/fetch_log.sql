-- fetch_log: every web request marsad made (pages, feeds, sitemaps, robots.txt) and its outcome.
-- grain: one row per fetch of a URL (url, kind, fetched_at); retries and redirects are inside it.
-- tests: fetch_log_unique
with deduplicated as (
    select *
    from stg_fetch_log
    qualify row_number() over (partition by url, kind, fetched_at order by final_url) = 1
)

select
    url,
    final_url,
    kind,
    status,
    error is null and status between 200 and 299 as ok,
    error,
    message,
    content_type,
    n_bytes,
    elapsed_s,
    attempts,
    redirects,
    fetched_at
from deduplicated
order by fetched_at, url
