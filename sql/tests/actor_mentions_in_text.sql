-- every mention's [start, end) lies in its document's text and reproduces its surface
select m.doc_id, m."start", m."end", m.surface
from actor_mentions as m
join documents as d using (doc_id)
where m."start" < 0 or m."end" > d.n_chars or m."start" >= m."end"
   or substring(d.text, m."start" + 1, m."end" - m."start") <> m.surface
