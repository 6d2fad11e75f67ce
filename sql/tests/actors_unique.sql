-- one row per actor
select actor_id, count(*) as n from actors group by actor_id having count(*) > 1
