-- actor_mentions: every place an article names an actor, traceable to its sentence and span.
-- grain: one row per mention (doc_id, start, end); start/end index documents.text.
-- tests: actor_mentions_unique, actor_mentions_in_text, actor_mentions_actor_exists
-- incremental: changed_docs
with current_mentions as (
    select stg_actor_mentions.*
    from stg_actor_mentions
    semi join changed_docs using (doc_id)
    semi join latest_extractions using (doc_id, extractor)
),

deduplicated as (
    select *
    from current_mentions
    qualify row_number() over (partition by doc_id, start_offset, end_offset order by confidence desc, actor_id) = 1
)

select
    doc_id,
    sentence_id,
    start_offset as "start",
    end_offset as "end",
    surface,
    actor_id,
    mention_kind,
    confidence
from deduplicated
order by doc_id, "start", "end"
