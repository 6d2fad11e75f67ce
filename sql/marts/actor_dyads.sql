-- actor_dyads: how often each source acts on each target, by event type (factual events only):
-- `events` counts mentions, `clusters` the distinct happenings they report (event_clusters).
-- grain: one row per (source_actor_id, target_actor_id, event_type); dates are event dates, else publication dates.
-- tests: actor_dyads_unique
with dated as (
    select
        events.*,
        event_cluster_members.event_cluster_id,
        coalesce(events.event_date, cast(documents.published_at as date)) as happened_on
    from events
    join documents using (doc_id)
    left join event_cluster_members using (event_id)
    where events.factual and events.source_actor_id is not null and events.target_actor_id is not null
)

select
    dated.source_actor_id,
    source.name as source_name,
    source.code as source_code,
    dated.target_actor_id,
    target.name as target_name,
    target.code as target_code,
    dated.event_type,
    count(*) as events,
    count(distinct dated.event_cluster_id) as clusters,
    min(dated.happened_on) as first_date,
    max(dated.happened_on) as last_date
from dated
join actors as source on source.actor_id = dated.source_actor_id
join actors as target on target.actor_id = dated.target_actor_id
group by all
order by events desc, source_name, target_name, event_type
