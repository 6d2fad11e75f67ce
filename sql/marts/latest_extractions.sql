-- latest_extractions: which extractor's output counts for each current document.
-- grain: one row per current document that has been extracted (its latest extraction).
-- tests: latest_extractions_unique
-- incremental: changed_docs
with ranked as (
    select *
    from stg_extractions
    semi join changed_docs using (doc_id)
    semi join documents using (doc_id)
    qualify row_number() over (partition by doc_id order by extracted_at desc, extractor) = 1
)

select doc_id, extractor, extracted_at, n_mentions
from ranked
