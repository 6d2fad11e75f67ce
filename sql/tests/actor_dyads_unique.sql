-- one row per source, target and event type
select source_actor_id, target_actor_id, event_type, count(*) as n
from actor_dyads group by all having count(*) > 1
