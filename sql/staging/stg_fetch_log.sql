-- stg_fetch_log: the lake's fetch_log table, renamed and cast; no filtering.
-- grain: one row per HTTP fetch (all attempts and redirects of one URL at one time) written to
--        the lake; a row may repeat after a crash between two writes of a batch.
select
    url,
    final_url,
    kind,
    status,
    content_type,
    n_bytes,
    elapsed_s,
    attempts,
    error,
    message,
    redirects,
    fetched_at
from src_fetch_log
