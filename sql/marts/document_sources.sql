-- document_sources: where each document was read from, and when.
-- grain: one row per (source_uri, doc_id) pair ever observed.
-- tests: document_sources_unique
with observed as (
    select source_uri, doc_id, min(observed_at) as first_seen_at, max(observed_at) as last_seen_at
    from stg_source_versions
    where doc_id is not null
    group by source_uri, doc_id
)

select
    observed.source_uri,
    observed.doc_id,
    observed.first_seen_at,
    observed.last_seen_at,
    coalesce(source_state.doc_id = observed.doc_id, false) as is_current
from observed
left join source_state using (source_uri)
order by source_uri, first_seen_at, doc_id
