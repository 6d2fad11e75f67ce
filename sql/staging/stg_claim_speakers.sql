-- stg_claim_speakers: the lake's claim_speakers table, renamed and cast; no filtering.
-- grain: one row per (claim, speaker actor, extractor) written to the lake.
select
    doc_id,
    claim_id,
    actor_id,
    position,
    extractor
from src_claim_speakers
