-- stg_extractions: the lake's extractions table, renamed and cast; no filtering.
-- grain: one row per (document, extractor) that read the document.
select
    doc_id,
    extractor,
    extracted_at,
    n_mentions
from src_extractions
