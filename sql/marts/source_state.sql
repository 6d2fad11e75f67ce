-- source_state: what each source currently is: a document, a reject, or a web archive read
-- whole (its records are sources of their own, so the archive holds neither).
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
    case
        when doc_id is not null and reject_id is null then 'document'
        when reject_id is not null and doc_id is null then 'rejected'
        when doc_id is null and reject_id is null and source_kind = 'warc' then 'archive'
    end as state,
    observed_at as last_changed_at
from latest
