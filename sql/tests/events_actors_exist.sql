-- an event's source, target and claim exist
select e.event_id, e.source_actor_id, e.target_actor_id, e.claim_id
from events as e
left join actors as s on s.actor_id = e.source_actor_id
left join actors as t on t.actor_id = e.target_actor_id
left join claims as c on c.claim_id = e.claim_id
where (e.source_actor_id is not null and s.actor_id is null)
   or (e.target_actor_id is not null and t.actor_id is null)
   or (e.claim_id is not null and c.claim_id is null)
