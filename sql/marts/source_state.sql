-- source_state: what each source currently is: a document, a reject, or a web archive read
-- whole (its records are sources of their own, so the archive holds neither); its latest version
-- as defined once in staging/state_sources.sql, with the fingerprint a run compares the file to.
-- grain: one row per source (source_uri).
-- tests: source_state_unique
select
    source_uri,
    source_kind,
    doc_id,
    reject_id,
    case
        when doc_id is not null and reject_id is null then 'document'
        when reject_id is not null and doc_id is null then 'rejected'
        when doc_id is null and reject_id is null and source_kind = 'warc' then 'archive'
    end as state,
    observed_at as last_changed_at
from state_sources
