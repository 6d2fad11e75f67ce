-- daily_event_counts: factual events per day and type; the event's date at day precision, else
-- the publication day, else the ingest day; `events` counts mentions, `clusters` the distinct
-- happenings they report (event_clusters).
-- grain: one row per (day, event_type).
-- tests: daily_event_counts_unique
with dated as (
    select
        events.event_type,
        event_cluster_members.event_cluster_id,
        case when events.date_precision = 'day' then events.event_date
             else cast(coalesce(documents.published_at, documents.ingested_at) as date) end as day
    from events
    join documents using (doc_id)
    left join event_cluster_members using (event_id)
    where events.factual
)

select day, event_type, count(*) as events, count(distinct event_cluster_id) as clusters
from dated
group by day, event_type
order by day, event_type
