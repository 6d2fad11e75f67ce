-- every sentence's [start, end) lies inside its document's text and reproduces the sentence
select s.sentence_id, s."start", s."end", d.n_chars
from sentences as s
join documents as d using (doc_id)
where s."start" < 0 or s."end" > d.n_chars or s."start" >= s."end"
   or substring(d.text, s."start" + 1, s."end" - s."start") <> s.text
