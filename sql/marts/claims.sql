-- claims: who said what, in every current document: speaker, cue, content span, channel, date.
-- grain: one row per claim (claim_id); content_start/content_end and cue_start/cue_end index documents.text.
-- tests: claims_unique, claims_offsets_in_text, claims_speaker_exists, claims_via_exists
-- incremental: changed_docs
with current_claims as (
    select stg_claims.*
    from stg_claims
    semi join changed_docs using (doc_id)
    semi join latest_extractions using (doc_id, extractor)
    -- a document extracted twice by one extractor (batches written twice) has identical copies
    qualify row_number() over (partition by claim_id) = 1
)

select
    claim_id,
    doc_id,
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
    confidence
from current_claims
order by doc_id, content_start, cue_start, claim_id
