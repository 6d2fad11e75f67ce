-- documents: the articles users query, in their latest version.
-- grain: one row per document (doc_id) that is the current content of at least one source.
--        The same article in two files is one document; an edited file's old version drops out.
--        A near-copy of an earlier document (simhash) is kept, with `duplicate_of` naming it.
-- tests: documents_unique, documents_not_null, documents_have_sentences
-- incremental: changed_docs
with current_docs as (
    select distinct doc_id from source_state where doc_id is not null
),

first_copy as (
    select *
    from stg_documents
    semi join changed_docs using (doc_id)
    qualify row_number() over (partition by doc_id order by ingested_at, source_uri) = 1
),

current_copies as (
    select first_copy.*
    from first_copy
    semi join current_docs using (doc_id)
)

-- duplicate_of points only at a current document (not at an older version of an edited file)
select
    current_copies.* replace (
        case when duplicate_of in (select doc_id from current_docs) then duplicate_of end as duplicate_of
    )
from current_copies
