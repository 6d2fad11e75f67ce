-- stg_claim_mentions: the lake's claim_mentions table, renamed and cast; no filtering.
-- grain: one row per (claim, actor, extractor) written to the lake.
select
    doc_id,
    claim_id,
    actor_id,
    extractor
from src_claim_mentions
