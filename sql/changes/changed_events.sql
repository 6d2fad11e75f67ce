-- changed_events: the event mentions whose row an incremental build replaces in
-- event_cluster_members. A mention's cluster depends on the dyads of its block and on the
-- factual mentions ("founders") whose sentence shares at least half its words with its own, so
-- only these can change: every event a changed document has or had; every dyad of a changed
-- block (dyads are cheap to cluster again); and every other mention of a changed block that
-- shares half its words with a changed founder: a factual mention of a changed document (old
-- or new), or a dyad of a changed block whose type, source and target are those of a dyad of a
-- changed document (the place it takes, so its key, may change). Old founders are compared with
-- the changed blocks of their type, whatever their day: more than needed, never less.
-- grain: one row per event (event_id).
with block_events as (
    select event_keys.*
    from event_keys
    semi join changed_blocks using (event_type, day, date_precision)
),

changed_doc_events as (
    -- every event a changed document has or had, in any extraction
    select *
    from stg_event_words
    semi join changed_docs using (doc_id)
),

touched_dyads as (
    select distinct event_type, source_actor_id, target_actor_id
    from changed_doc_events
    where source_actor_id is not null and target_actor_id is not null
),

changed_founders as (
    select event_id || '|' || extractor as founder_id, event_type, words
    from changed_doc_events
    where factual
    union all
    select block_events.event_id as founder_id, block_events.event_type, block_events.words
    from block_events
    semi join touched_dyads using (event_type, source_actor_id, target_actor_id)
    where block_events.is_dyad and block_events.factual
),

founder_words as (
    select founder_id, event_type, len(words) as n_words, unnest(words) as word
    from changed_founders
),

mention_words as (
    -- mentions of unchanged documents only: those of changed ones are in already (in a full
    -- build, all of them: this join then costs nothing)
    select event_id, event_type, len(words) as n_words, unnest(words) as word
    from block_events
    anti join changed_docs using (doc_id)
    where not is_dyad
),

look_alikes as (
    -- the same test as event_cluster_members' look_alikes (Jaccard of word sets >= 0.5)
    select mention_words.event_id
    from mention_words
    join founder_words using (event_type, word)
    group by mention_words.event_id, founder_words.founder_id, mention_words.n_words, founder_words.n_words
    having count(*) >= 0.5 * (mention_words.n_words + founder_words.n_words - count(*))
)

select event_id from changed_doc_events
union
select event_id from block_events where is_dyad
union
select event_id from look_alikes
