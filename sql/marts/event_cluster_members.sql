-- event_cluster_members: the link from each event mention to the happening it reports (event_clusters).
-- grain: one row per event (event_id) that belongs to a cluster. Factual mentions always do;
--   a non-factual one (negated, possible, planned) joins a cluster founded by a factual mention
--   and is left out otherwise: a denial is not a report.
-- key: event_type, the day (event_date when dated to the day, else its month or year when dated
--   so, else the publication day, else the ingest day), source, target and location.
--   A dyad (source and target both known) is one happening per key; a dyad mention without a
--   location takes the location of the only dyad cluster of its key that has one.
--   A mention with one actor or none says too little to be told from other happenings of the
--   day (two meetings of one minister, two strikes on one group): it joins a factual mention
--   whose sentence shares at least half its words (wire copies, the same sentence) and that
--   gives what it gives: a dyad's cluster first, else the mentions of its very key.
-- tests: event_cluster_members_unique, event_clusters_consistent
-- incremental: changed_events (clustering never crosses an (event_type, day, date_precision)
--   block; in a changed block only the dyads and the mentions of changed_events are worked out
--   again, against every founder of the block)
-- tests scope: changed_blocks (the tests count a cluster's members)
with dated as (
    -- the current events of the changed blocks, with their key and words (event_keys)
    select event_keys.*
    from event_keys
    semi join changed_blocks using (event_type, day, date_precision)
),

dyad_anchors as (
    select distinct event_type, day, date_precision, source_actor_id, target_actor_id, location
    from dated
    where factual and is_dyad
),

dyad_places as (
    -- the location a dyad mention without one takes: that of the only located cluster of its key
    select event_type, day, date_precision, source_actor_id, target_actor_id, any_value(location) as location
    from dyad_anchors
    where location is not null
    group by all
    having count(*) = 1
),

dyads as (
    select
        dated.event_id,
        dated.event_type,
        dated.factual,
        dated.day,
        dated.date_precision,
        case when dated.location is null and dyad_places.location is not null then 'filled'
             else 'same_key' end as link,
        concat_ws('|', dated.event_type, dated.day, dated.date_precision, dated.source_actor_id,
                  dated.target_actor_id, coalesce(dated.location, dyad_places.location, '')) as cluster_key
    from dated
    left join dyad_places using (event_type, day, date_precision, source_actor_id, target_actor_id)
    where dated.is_dyad
),

anchored_dyads as (
    select dyads.*
    from dyads
    semi join (select distinct cluster_key from dyads where factual) as founded using (cluster_key)
    semi join changed_events using (event_id)
),

worded as (
    -- every mention, with the set of words of its sentence (stg_event_words: letters folded, no
    -- diacritics); a dyad with the key of its cluster
    select
        dated.*,
        concat_ws('|', dated.event_type, dated.day, dated.date_precision) as block,
        concat_ws('|', dated.event_type, dated.day, dated.date_precision,
                  coalesce(dated.source_actor_id, ''), coalesce(dated.target_actor_id, ''),
                  coalesce(dated.location, '')) as loose_key,
        dyads.cluster_key as dyad_key
    from dated
    left join dyads using (event_id)
),

words as (
    select
        event_id, block, loose_key, factual, is_dyad, source_actor_id, target_actor_id, location,
        len(words) as n_words, unnest(words) as word
    from worded
),

changed_mentions as (
    -- the mentions with one actor or none whose cluster this build works out (all in a full build)
    select words.*
    from words
    semi join changed_events using (event_id)
    where not words.is_dyad
),

shared_words as (
    -- (mention with one actor or none, factual mention of its type and day that gives whatever
    -- it gives: a dyad, or a mention of the very same key; words in common)
    select mention.event_id, founder.event_id as founder_id, mention.n_words, founder.n_words as founder_n_words,
           count(*) as n_shared
    from changed_mentions as mention
    join words as founder
        on founder.block = mention.block
        and founder.word = mention.word
        and founder.factual
        and (founder.loose_key = mention.loose_key
             or (founder.is_dyad
                 and coalesce(mention.source_actor_id = founder.source_actor_id, true)
                 and coalesce(mention.target_actor_id = founder.target_actor_id, true)
                 and coalesce(mention.location = founder.location, true)))
    group by all
),

look_alikes as (
    -- founders whose sentence shares at least half the words (Jaccard of word sets >= 0.5).
    -- 0.5 set on the first 2,000 corpus articles: of 11,093 pairs of same-key mentions in
    -- different articles, 10,558 share under 10% of their words and 269 over 70% (wire copies);
    -- the 48 between 0.4 and 0.7 are half rewrites of one story, half different sentences
    -- around one long title (two meetings of a minister the same day)
    select
        shared_words.event_id,
        founder.dyad_key,
        case when founder.dyad_key is null then founder.wording end as founder_wording
    from shared_words
    join worded as founder on founder.event_id = shared_words.founder_id
    where shared_words.n_shared >= 0.5 * (shared_words.n_words + shared_words.founder_n_words - shared_words.n_shared)
    union all
    select event_id, null, wording from worded where factual and not is_dyad   -- founds its own
),

loose as (
    -- a dyad it matches first (the lowest key if several), else the mentions of its own key
    select
        worded.event_id,
        any_value(worded.event_type) as event_type,
        any_value(worded.factual) as factual,
        any_value(worded.day) as day,
        any_value(worded.date_precision) as date_precision,
        'same_wording' as link,
        coalesce(min(look_alikes.dyad_key),
                 any_value(worded.loose_key) || '|' || min(look_alikes.founder_wording)) as cluster_key
    from worded
    semi join changed_events using (event_id)
    join look_alikes using (event_id)
    group by worded.event_id
)

select
    event_id,
    substr(md5(cluster_key), 1, 16) as event_cluster_id,
    link,
    event_type,
    day,
    date_precision
from (
    select event_id, cluster_key, link, event_type, day, date_precision from anchored_dyads
    union all
    select event_id, cluster_key, link, event_type, day, date_precision from loose
)
order by event_id
