-- latest_extractions: which extractor's output counts for each current document
-- (defined once in staging/state_extractions.sql).
-- grain: one row per current document that has been extracted (its latest extraction).
-- tests: latest_extractions_unique
-- incremental: changed_docs
select doc_id, extractor, extracted_at, n_mentions
from state_extractions
semi join changed_docs using (doc_id)
semi join documents using (doc_id)
