-- actors: one canonical actor across surface forms, spellings, articles and languages.
-- grain: one row per actor (actor_id) mentioned in at least one current document.
-- tests: actors_unique, actors_not_null
-- incremental: changed_actors
with current_actors as (
    select stg_doc_actors.*
    from stg_doc_actors
    semi join changed_actors using (actor_id)
    semi join latest_extractions using (doc_id, extractor)
),

attributes as (
    select
        actor_id,
        mode(name) as name,
        mode(name_ar) as name_ar,
        mode(kind) as kind,
        mode(code) as code,
        mode(country) as country,
        mode(sector) as sector
    from current_actors
    group by actor_id
),

aliases as (
    select actor_id, list(distinct surface order by surface) as aliases
    from actor_mentions
    semi join changed_actors using (actor_id)
    group by actor_id
)

select attributes.*, coalesce(aliases.aliases, []) as aliases
from attributes
left join aliases using (actor_id)
order by actor_id
