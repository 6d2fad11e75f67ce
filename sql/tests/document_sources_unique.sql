-- every (source_uri, doc_id) pair appears once
select source_uri, doc_id from document_sources group by source_uri, doc_id having count(*) > 1
