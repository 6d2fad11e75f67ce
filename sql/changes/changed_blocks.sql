-- changed_blocks: the (event type, day, date precision) blocks an incremental build clusters
-- again (event_cluster_members, event_clusters): every block an event of a changed document is
-- or was in, in any extraction and with any copy's publication date. Clustering never crosses
-- blocks, so the others stay as they are.
-- grain: one row per block (event_type, day, date_precision); day and date_precision as in
--        event_cluster_members.
with doc_events as (
    select stg_events.*
    from stg_events
    semi join changed_docs using (doc_id)
),

changed_copies as (
    select doc_id, published_at, ingested_at
    from stg_documents
    semi join changed_docs using (doc_id)
),

dated as (
    select
        doc_events.event_type,
        doc_events.event_date is not null
            and doc_events.date_precision in ('day', 'month', 'year') as is_dated,
        case when is_dated then doc_events.event_date
             else cast(coalesce(changed_copies.published_at, changed_copies.ingested_at) as date) end as day,
        case when is_dated then doc_events.date_precision else 'day' end as date_precision
    from doc_events
    join changed_copies using (doc_id)
)

select distinct event_type, day, date_precision from dated
