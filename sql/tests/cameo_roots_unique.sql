-- one row per CAMEO root, and every root an event carries is known
select cameo_root, count(*) as n from cameo_roots group by cameo_root having count(*) > 1
union all
select distinct cameo_root, 0 as n from events where cameo_root is not null and cameo_root not in (select cameo_root from cameo_roots)
