-- a span of a document is one mention of one actor
select doc_id, "start", "end", count(*) as n
from actor_mentions group by doc_id, "start", "end" having count(*) > 1
