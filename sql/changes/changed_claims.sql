-- changed_claims: the claims whose rows an incremental build replaces in claim_mentions and
-- claim_speakers: every claim ever extracted from a changed document (a claim id belongs to one
-- document).
-- grain: one row per claim (claim_id).
with extracted as (
    select claim_id from stg_claims semi join changed_docs using (doc_id)
    union select claim_id from stg_claim_mentions semi join changed_docs using (doc_id)
    union select claim_id from stg_claim_speakers semi join changed_docs using (doc_id)
)

select claim_id from extracted
