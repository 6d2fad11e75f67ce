-- state_documents: the current documents, which copy of each counts (the first ingested) and
-- its current duplicate_of; THE definition of these, read by the warehouse (documents) and by
-- every run (marsad/lakestate.py: the near-copy index a run checks new documents against, and
-- the documents extraction reads). Only the small columns: a run reads no text through it.
-- Current: the latest version (state_sources) of at least one source; an edited file's old
-- version is not. duplicate_of: the near-copy the ingest found (an earlier current document
-- within the simhash threshold), kept only while that document is current.
-- grain: one row per current document (doc_id).
with current_docs as (
    select distinct doc_id from state_sources where doc_id is not null
),

first_copy as (
    select doc_id, source_uri, ingested_at, simhash, duplicate_of
    from stg_documents
    semi join current_docs using (doc_id)
    qualify row_number() over (partition by doc_id order by ingested_at, source_uri) = 1
)

select
    doc_id,
    source_uri,
    ingested_at,
    simhash,
    case when duplicate_of in (select doc_id from current_docs) then duplicate_of end as duplicate_of
from first_copy
