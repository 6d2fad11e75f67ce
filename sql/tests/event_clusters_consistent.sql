-- every factual event is in a cluster; every cluster has a factual mention, the mentions its
-- members count, and members that agree with its key (each side the key's or null)
with factual_without_cluster as (
    select events.event_id, 'factual event without cluster' as problem
    from events
    anti join event_cluster_members using (event_id)
    where events.factual
),

member_counts as (
    select event_cluster_id, count(*) as n
    from event_cluster_members
    group by event_cluster_id
),

bad_clusters as (
    select event_clusters.event_cluster_id, 'counts disagree with members' as problem
    from event_clusters
    left join member_counts using (event_cluster_id)
    where member_counts.n is distinct from event_clusters.mentions
        or event_clusters.articles < 1
        or not (event_clusters.factual_share > 0 and event_clusters.factual_share <= 1)
),

bad_members as (
    select event_cluster_members.event_id, 'member disagrees with its cluster' as problem
    from event_cluster_members
    join events using (event_id)
    join event_clusters using (event_cluster_id)
    where events.event_type <> event_clusters.event_type
        or coalesce(events.source_actor_id = event_clusters.source_actor_id, events.source_actor_id is null) = false
        or coalesce(events.target_actor_id = event_clusters.target_actor_id, events.target_actor_id is null) = false
        or coalesce(events.location = event_clusters.location, events.location is null) = false
)

select * from factual_without_cluster
union all
select * from bad_clusters
union all
select * from bad_members
