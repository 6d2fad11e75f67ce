-- stg_sentences: the lake's sentences table, renamed and cast; no filtering.
-- grain: one row per sentence row written to the lake.
select
    doc_id,
    sentence_id,
    paragraph,
    part,
    "start" as start_offset,
    "end" as end_offset,
    text,
    is_heading
from src_sentences
