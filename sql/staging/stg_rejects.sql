-- stg_rejects: the lake's rejects table, renamed and cast; no filtering.
-- grain: one row per reject row written to the lake.
select
    reject_id,
    source_uri,
    source_kind,
    reason,
    message,
    size_bytes,
    rejected_at
from src_rejects
