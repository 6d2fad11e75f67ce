-- events: who did what to whom, when, where, how many, and whether it really happened.
-- grain: one row per event (event_id): a trigger word of a current document; start/end index documents.text.
-- tests: events_unique, events_offsets_in_text, events_actors_exist, cameo_roots_unique
-- incremental: changed_docs
with current_events as (
    select stg_events.*
    from stg_events
    semi join changed_docs using (doc_id)
    semi join latest_extractions using (doc_id, extractor)
    -- a document extracted twice by one extractor (batches written twice) has identical copies
    qualify row_number() over (partition by event_id) = 1
)

select
    event_id,
    doc_id,
    sentence_id,
    sentence,
    trigger,
    start_offset as "start",
    end_offset as "end",
    event_type,
    mode,
    cameo_root,
    quad_class,
    goldstein,
    source_actor_id,
    target_actor_id,
    event_date,
    date_precision,
    date_text,
    location,
    quantity,
    quantity_unit,
    factual,
    modality,
    historical,
    claim_id,
    confidence
from current_events
left join cameo_roots using (cameo_root)
order by doc_id, "start", event_id
