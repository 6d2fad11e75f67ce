-- one row per cluster
select event_cluster_id, count(*) as n from event_clusters group by event_cluster_id having count(*) > 1
