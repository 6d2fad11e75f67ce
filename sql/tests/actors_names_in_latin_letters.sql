-- every actor's name is in Latin letters (the English name or the Arabic one romanised, the
-- Arabic kept in name_ar): an English reader can sort and search them all
select actor_id, name, name_ar
from actors
where regexp_matches(name, '[\x{0621}-\x{064a}\x{0671}-\x{06d3}\x{06fa}-\x{06ff}]')
