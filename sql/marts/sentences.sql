-- sentences: every sentence of every current document, title, subtitle and headings included.
-- grain: one row per sentence (sentence_id = doc_id + position); start/end index documents.text.
-- tests: sentences_unique, sentences_document_exists, sentences_offsets_in_text
-- incremental: changed_docs
with deduplicated as (
    select *
    from stg_sentences
    semi join changed_docs using (doc_id)
    qualify row_number() over (partition by sentence_id) = 1
)

select
    deduplicated.doc_id,
    deduplicated.sentence_id,
    deduplicated.paragraph,
    deduplicated.part,
    deduplicated.start_offset as "start",
    deduplicated.end_offset as "end",
    deduplicated.text,
    deduplicated.is_heading
from deduplicated
semi join documents using (doc_id)
order by doc_id, sentence_id
