-- source_state: what each source currently is, a document or a reject.
-- grain: one row per source (source_uri).
-- tests: source_state_unique
with observations as (
    select * from stg_source_versions
),

latest as (
    select *
    from observations
    qualify row_number() over (
        partition by source_uri order by observed_at desc, doc_id nulls first
    ) = 1
)

select
    source_uri,
    source_kind,
    doc_id,
    reject_id,
    observed_at as last_changed_at
from latest
