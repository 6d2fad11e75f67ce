-- documents: the articles users query, in their latest version.
-- grain: one row per document (doc_id) that is the current content of at least one source.
--        The same article in two files is one document; an edited file's old version drops out.
--        A near-copy of an earlier document (simhash) is kept, with `duplicate_of` naming it.
--        Which documents are current, which copy counts, and duplicate_of:
--        staging/state_documents.sql (distinct on: a batch written twice holds the same row twice).
-- tests: documents_unique, documents_not_null, documents_have_sentences
-- incremental: changed_docs
select distinct on (doc_id)
    stg_documents.* replace (state_documents.duplicate_of as duplicate_of)
from stg_documents
join state_documents using (doc_id, source_uri, ingested_at)
semi join changed_docs using (doc_id)
