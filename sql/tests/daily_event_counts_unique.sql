-- one row per day and event type
select day, event_type, count(*) as n from daily_event_counts group by all having count(*) > 1
