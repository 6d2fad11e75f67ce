-- rejects: inputs that could not be ingested, with the reason, kept across runs.
-- grain: one row per rejection (reject_id: source, reason and file version).
-- tests: rejects_unique, rejects_not_null
with deduplicated as (
    select *
    from stg_rejects
    qualify row_number() over (partition by reject_id order by rejected_at) = 1
)

select
    deduplicated.*,
    coalesce(source_state.reject_id = deduplicated.reject_id, false) as is_current
from deduplicated
left join source_state using (source_uri)
order by rejected_at, source_uri
