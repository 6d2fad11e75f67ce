-- state_sources: the latest recorded version of every source; THE definition of "latest", read
-- by the warehouse (source_state) and by every run (marsad/lakestate.py: which files changed).
-- Latest: the newest observation; within one run (every row of a run has the same time) a
-- reject before a document; then by ids, so that ties never depend on the order of lake files.
-- grain: one row per source (source_uri).
select *
from stg_source_versions
qualify row_number() over (
    partition by source_uri
    order by observed_at desc, doc_id nulls first, doc_id, reject_id, size_bytes, mtime_ns
) = 1
