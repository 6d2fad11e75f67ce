-- one cluster per event mention
select event_id, count(*) as n from event_cluster_members group by event_id having count(*) > 1
