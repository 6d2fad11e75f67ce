-- one row per claim and speaker; position 1 is the claim's speaker_actor_id
select s.claim_id, s.actor_id, s.position
from claim_speakers as s
join claims as c using (claim_id)
where (s.position = 1 and s.actor_id is distinct from c.speaker_actor_id)
   or (s.claim_id, s.actor_id) in (select claim_id, actor_id from claim_speakers group by all having count(*) > 1)
