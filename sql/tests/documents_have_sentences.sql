-- every document has at least one sentence (sentences cover the whole article)
select doc_id from documents anti join sentences using (doc_id)
