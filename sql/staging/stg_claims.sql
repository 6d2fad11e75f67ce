-- stg_claims: the lake's claims table, renamed and cast; no filtering.
-- grain: one row per claim row written to the lake (a document re-extracted has one set per extractor).
select
    doc_id,
    claim_id,
    sentence_id,
    speaker_actor_id,
    speaker_text,
    via_actor_id,
    cue,
    cue_start,
    cue_end,
    kind,
    content,
    content_start,
    content_end,
    channel,
    claim_date,
    date_precision,
    cast(confidence as double) as confidence,
    extractor
from src_claims
