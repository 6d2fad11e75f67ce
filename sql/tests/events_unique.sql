-- one row per event
select event_id, count(*) as n from events group by event_id having count(*) > 1
