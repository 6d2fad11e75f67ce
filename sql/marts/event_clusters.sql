-- event_clusters: happenings, each counted once however many mentions, articles and outlets report it
-- (GDELT's NumMentions / NumArticles / NumSources, with denials and plans kept out of the reports).
-- grain: one row per cluster (event_cluster_id) of event_cluster_members; the id is a content hash
--   of the cluster's key (event_type, day, date_precision, source, target, location), so a
--   re-run over the same mentions gives the same ids.
-- tests: event_clusters_unique, event_clusters_consistent
-- incremental: changed_blocks (a cluster's members share its event_type, day and date_precision)
with changed_members as (
    select event_cluster_members.*
    from event_cluster_members
    semi join changed_blocks using (event_type, day, date_precision)
),

members as (
    select
        changed_members.event_cluster_id,
        changed_members.day,
        changed_members.date_precision as day_precision,
        events.* exclude (date_precision),
        documents.outlet,
        coalesce(documents.published_at, documents.ingested_at) as reported_at
    from changed_members
    join events using (event_id)
    join documents using (doc_id)
),

roots as (
    -- the cluster's commonest CAMEO root among its factual mentions (ties: the lower code)
    select event_cluster_id, cameo_root
    from (
        select
            event_cluster_id,
            cameo_root,
            row_number() over (partition by event_cluster_id order by count(*) desc, cameo_root) as rank
        from members
        where factual
        group by event_cluster_id, cameo_root
    )
    where rank = 1
),

clusters as (
    -- every member's source, target and place is the key's or null, so max() gives the key
    select
        event_cluster_id,
        any_value(event_type) as event_type,
        max(source_actor_id) as source_actor_id,
        max(target_actor_id) as target_actor_id,
        any_value(day) as day,
        any_value(day_precision) as date_precision,
        max(location) as location,
        count(*) as mentions,
        count(distinct doc_id) filter (where factual) as articles,
        count(distinct outlet) filter (where factual) as outlets,
        min(reported_at) filter (where factual) as first_report,
        max(reported_at) filter (where factual) as last_report,
        round(count(*) filter (where factual) / count(*), 3) as factual_share
    from members
    group by event_cluster_id
)

select
    clusters.event_cluster_id,
    clusters.event_type,
    roots.cameo_root,
    cameo_roots.quad_class,
    cameo_roots.goldstein,
    clusters.source_actor_id,
    clusters.target_actor_id,
    clusters.day,
    clusters.date_precision,
    clusters.location,
    clusters.mentions,
    clusters.articles,
    clusters.outlets,
    clusters.first_report,
    clusters.last_report,
    clusters.factual_share
from clusters
join roots using (event_cluster_id)
left join cameo_roots using (cameo_root)
order by clusters.articles desc, clusters.mentions desc, clusters.day, clusters.event_cluster_id
