-- one row per actor
select actor_id, count(*) as n from actor_document_counts group by actor_id having count(*) > 1
