-- stg_documents: the lake's documents table, renamed and cast; no filtering.
-- grain: one row per document row written to the lake (a doc_id may repeat after a crash
--        between two writes of the same batch; marts deduplicate).
select
    doc_id,
    source_uri,
    source_kind,
    title,
    subtitle,
    headings,
    text,
    language,
    encoding,
    published_at,
    published_precision,
    outlet,
    url,
    ingested_at,
    n_chars,
    n_paragraphs,
    simhash,
    duplicate_of
from src_documents
