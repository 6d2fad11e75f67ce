-- every doc_id appears once in documents
select doc_id, count(*) as n from documents group by doc_id having count(*) > 1
