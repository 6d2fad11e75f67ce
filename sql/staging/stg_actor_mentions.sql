-- stg_actor_mentions: the lake's actor_mentions table, renamed and cast; no filtering.
-- grain: one row per mention row written to the lake (a document re-extracted has one set per extractor).
select
    doc_id,
    sentence_id,
    "start" as start_offset,
    "end" as end_offset,
    surface,
    actor_id,
    mention_kind,
    cast(confidence as double) as confidence,
    extractor
from src_actor_mentions
