-- event_keys: what event clustering reads of each current event: its block (event type, day,
-- date precision), actors, place and the words of its sentence. Kept between builds, so that an
-- incremental build clusters again without reading every sentence again.
-- grain: one row per current event (event_id); day: the event's date when dated to the day,
--        month or year, else the publication day, else the ingest day.
-- incremental: changed_docs
with current_words as (
    select event_id, words, wording
    from stg_event_words
    semi join changed_docs using (doc_id)
    semi join latest_extractions using (doc_id, extractor)
    qualify row_number() over (partition by event_id) = 1
),

dated as (
    select
        events.event_id,
        events.doc_id,
        events.event_type,
        events.factual,
        events.source_actor_id,
        events.target_actor_id,
        events.location,
        events.event_date is not null and events.date_precision in ('day', 'month', 'year') as is_dated,
        case when is_dated then events.event_date
             else cast(coalesce(documents.published_at, documents.ingested_at) as date) end as day,
        case when is_dated then events.date_precision else 'day' end as date_precision,
        events.source_actor_id is not null and events.target_actor_id is not null as is_dyad
    from events
    semi join changed_docs using (doc_id)
    join documents using (doc_id)
)

select dated.* exclude (is_dated), current_words.words, current_words.wording
from dated
join current_words using (event_id)
