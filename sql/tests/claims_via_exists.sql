-- a claim's relaying outlet, when it has one, is an actor of the actors table
select c.claim_id, c.via_actor_id
from claims as c
left join actors as a on a.actor_id = c.via_actor_id
where c.via_actor_id is not null and a.actor_id is null
