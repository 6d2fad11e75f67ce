-- one row per claim and actor, and every row points to a claim and an actor
select m.claim_id, m.actor_id, count(*) as n
from claim_mentions as m
left join claims as c using (claim_id)
left join actors as a using (actor_id)
group by m.claim_id, m.actor_id, c.claim_id, a.actor_id
having count(*) > 1 or c.claim_id is null or a.actor_id is null
