-- event_cluster_members: the link from each event mention to the happening it reports (event_clusters).
-- grain: one row per event (event_id) that belongs to a cluster. Factual mentions always do;
--   a non-factual one (negated, possible, planned) joins the cluster of its key when a factual
--   mention founded it, and is left out otherwise: a denial is not a report.
-- key: event_type, the day (event_date when dated to the day, else its month or year when dated so,
--   else the publication day, else the ingest day), source, target and location. A mention that
--   lacks some of source, target or location joins the one cluster that matches everything it
--   gives and fills what it lacks; with two such clusters it is not guessed and keeps its own key.
--   A mention with no actor and no place founds a cluster of its own.
-- tests: event_cluster_members_unique, event_clusters_consistent
with dated as (
    select
        events.event_id,
        events.event_type,
        events.factual,
        events.source_actor_id,
        events.target_actor_id,
        events.location,
        events.event_date is not null and events.date_precision in ('day', 'month', 'year') as is_dated,
        case when is_dated then events.event_date
             else cast(coalesce(documents.published_at, documents.ingested_at) as date) end as day,
        case when is_dated then events.date_precision else 'day' end as date_precision
    from events
    join documents using (doc_id)
),

keyed as (
    select
        *,
        source_actor_id is null and target_actor_id is null and location is null as is_unplaced
    from dated
),

keys as (
    select distinct
        event_type, day, date_precision, source_actor_id, target_actor_id, location, factual
    from keyed
    where not is_unplaced
),

anchors as (
    select distinct event_type, day, date_precision, source_actor_id, target_actor_id, location
    from keys
    where factual
),

widenings as (
    -- (narrow key, anchor that gives everything it gives and more)
    select
        narrow.event_type, narrow.day, narrow.date_precision,
        narrow.source_actor_id, narrow.target_actor_id, narrow.location,
        wide.source_actor_id as wide_source, wide.target_actor_id as wide_target,
        wide.location as wide_location
    from (select distinct * exclude (factual) from keys) as narrow
    join anchors as wide
        on wide.event_type = narrow.event_type
        and wide.day = narrow.day
        and wide.date_precision = narrow.date_precision
        and (narrow.source_actor_id is null or narrow.source_actor_id = wide.source_actor_id)
        and (narrow.target_actor_id is null or narrow.target_actor_id = wide.target_actor_id)
        and (narrow.location is null or narrow.location = wide.location)
        and ((narrow.source_actor_id is null and wide.source_actor_id is not null)
             or (narrow.target_actor_id is null and wide.target_actor_id is not null)
             or (narrow.location is null and wide.location is not null))
),

maximal_widenings as (
    -- only anchors that nothing widens further: the clusters a narrow key may join
    select widenings.*
    from widenings
    anti join widenings as wider
        on wider.event_type = widenings.event_type
        and wider.day = widenings.day
        and wider.date_precision = widenings.date_precision
        and wider.source_actor_id is not distinct from widenings.wide_source
        and wider.target_actor_id is not distinct from widenings.wide_target
        and wider.location is not distinct from widenings.wide_location
),

single_widenings as (
    select
        event_type, day, date_precision, source_actor_id, target_actor_id, location,
        any_value(wide_source) as wide_source,
        any_value(wide_target) as wide_target,
        any_value(wide_location) as wide_location
    from maximal_widenings
    group by all
    having count(*) = 1
),

resolved as (
    select
        keyed.event_id,
        keyed.day,
        keyed.date_precision,
        keyed.factual,
        keyed.is_unplaced,
        single_widenings.event_type is not null as is_widened,
        concat_ws('|', keyed.event_type, keyed.day, keyed.date_precision,
                  coalesce(single_widenings.wide_source, keyed.source_actor_id, ''),
                  coalesce(single_widenings.wide_target, keyed.target_actor_id, ''),
                  coalesce(single_widenings.wide_location, keyed.location, '')) as cluster_key,
        single_widenings.event_type is not null or own.event_type is not null as is_anchored
    from keyed
    left join single_widenings
        on single_widenings.event_type = keyed.event_type
        and single_widenings.day = keyed.day
        and single_widenings.date_precision = keyed.date_precision
        and single_widenings.source_actor_id is not distinct from keyed.source_actor_id
        and single_widenings.target_actor_id is not distinct from keyed.target_actor_id
        and single_widenings.location is not distinct from keyed.location
    left join anchors as own
        on own.event_type = keyed.event_type
        and own.day = keyed.day
        and own.date_precision = keyed.date_precision
        and own.source_actor_id is not distinct from keyed.source_actor_id
        and own.target_actor_id is not distinct from keyed.target_actor_id
        and own.location is not distinct from keyed.location
)

select
    event_id,
    substr(md5(case when is_unplaced then 'event|' || event_id else cluster_key end), 1, 16)
        as event_cluster_id,
    case when is_unplaced then 'alone' when is_widened then 'filled' else 'same_key' end as link,
    day,
    date_precision
from resolved
where (is_unplaced and factual) or (not is_unplaced and is_anchored)
order by event_id
