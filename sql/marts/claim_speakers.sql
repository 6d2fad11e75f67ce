-- claim_speakers: every actor a claim is attributed to; a group (مسؤولون أمريكيون وعراقيون)
-- has one row per member, position 1 being claims.speaker_actor_id.
-- grain: one row per (claim_id, actor_id).
-- tests: claim_speakers_unique
-- incremental: changed_claims
select distinct on (stg_claim_speakers.claim_id, stg_claim_speakers.actor_id)
    stg_claim_speakers.claim_id,
    stg_claim_speakers.actor_id,
    stg_claim_speakers.position
from stg_claim_speakers
semi join changed_docs using (doc_id)
semi join claims using (claim_id)
semi join latest_extractions using (doc_id, extractor)
order by stg_claim_speakers.claim_id, stg_claim_speakers.position
