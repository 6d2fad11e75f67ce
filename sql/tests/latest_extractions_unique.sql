-- each current document has at most one latest extraction
select doc_id, count(*) as n from latest_extractions group by doc_id having count(*) > 1
