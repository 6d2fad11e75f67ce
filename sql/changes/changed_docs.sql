-- changed_docs: the documents whose rows an incremental build replaces in the marts keyed by
-- document: every document of a new lake file, every document a source with a new observation
-- holds or held (it may have come or gone), and every near-copy naming one of those (its
-- duplicate_of points only at a current document). A full build reads every lake file as new,
-- so every document is here.
-- grain: one row per document (doc_id).
with written as (
    select doc_id from new_documents
    union select doc_id from new_sentences
    union select doc_id from new_extractions
    union select doc_id from new_actor_mentions
    union select doc_id from new_doc_actors
    union select doc_id from new_claims
    union select doc_id from new_claim_mentions
    union select doc_id from new_claim_speakers
    union select doc_id from new_events
),

reobserved as (
    select doc_id
    from stg_source_versions
    semi join new_source_versions using (source_uri)
    where doc_id is not null
),

touched as (
    select doc_id from written
    union select doc_id from reobserved
),

near_copies as (
    select doc_id
    from stg_documents
    where duplicate_of in (select doc_id from touched)
)

select doc_id from touched
union
select doc_id from near_copies
