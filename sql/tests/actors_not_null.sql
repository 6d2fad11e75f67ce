-- every actor has a name and a known kind
select actor_id, name, kind
from actors
where name is null or kind not in ('country', 'organization', 'person', 'armed_group', 'location', 'media', 'collective', 'other')
