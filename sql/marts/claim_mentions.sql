-- claim_mentions: the actors a claim's content names, so analysts can ask who says what about whom.
-- grain: one row per (claim_id, actor_id).
-- tests: claim_mentions_unique
-- incremental: changed_claims
select distinct
    stg_claim_mentions.claim_id,
    stg_claim_mentions.actor_id
from stg_claim_mentions
semi join changed_docs using (doc_id)
semi join claims using (claim_id)
semi join latest_extractions using (doc_id, extractor)
order by claim_id, actor_id
