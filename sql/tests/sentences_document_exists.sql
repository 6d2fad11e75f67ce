-- every sentence belongs to a document in documents
select sentence_id, doc_id from sentences anti join documents using (doc_id)
