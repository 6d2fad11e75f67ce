-- every mention links to an actor of the actors table, and to a sentence of its document
select m.doc_id, m."start", m.actor_id, m.sentence_id
from actor_mentions as m
left join actors as a using (actor_id)
left join sentences as s on s.sentence_id = m.sentence_id and s.doc_id = m.doc_id
where a.actor_id is null or s.sentence_id is null
