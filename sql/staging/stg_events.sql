-- stg_events: the lake's events table, renamed and cast; no filtering.
-- grain: one row per event row written to the lake (a document re-extracted has one set per extractor).
select
    doc_id,
    event_id,
    sentence_id,
    sentence,
    trigger,
    "start" as start_offset,
    "end" as end_offset,
    event_type,
    mode,
    cameo_root,
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
    cast(confidence as double) as confidence,
    extractor
from src_events
