-- daily_event_counts: factual events per day and type; the event's date at day precision, else
-- the publication day, else the ingest day.
-- grain: one row per (day, event_type).
-- tests: daily_event_counts_unique
with dated as (
    select
        events.event_type,
        case when events.date_precision = 'day' then events.event_date
             else cast(coalesce(documents.published_at, documents.ingested_at) as date) end as day
    from events
    join documents using (doc_id)
    where events.factual
)

select day, event_type, count(*) as events
from dated
group by day, event_type
order by day, event_type
