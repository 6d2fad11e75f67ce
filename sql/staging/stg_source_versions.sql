-- stg_source_versions: the lake's source_versions table, renamed and cast; no filtering.
-- grain: one row per observation of a source with a new fingerprint or outcome.
select
    source_uri,
    source_kind,
    size_bytes,
    mtime_ns,
    sidecar_mtime_ns,
    doc_id,
    reject_id,
    observed_at
from src_source_versions
