-- every source has one current state, and it is either a document or a reject
select source_uri from source_state
group by source_uri
having count(*) > 1 or bool_or((doc_id is null) = (reject_id is null))
