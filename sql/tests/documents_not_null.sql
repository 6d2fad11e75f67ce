-- required document columns are filled
select doc_id, source_uri from documents
where doc_id is null or source_uri is null or source_kind is null or text is null
   or language is null or encoding is null or ingested_at is null or n_chars is null
