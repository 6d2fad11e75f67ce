-- actors: one canonical actor across surface forms, spellings, articles and languages.
-- grain: one row per actor (actor_id) mentioned in at least one current document; each attribute
--        is its commonest value among those documents.
-- tests: actors_unique, actors_not_null
-- incremental: changed_actors
with current_actors as (
    select stg_doc_actors.*
    from stg_doc_actors
    semi join changed_actors using (actor_id)
    semi join latest_extractions using (doc_id, extractor)
),

attribute_values as (
    -- one row per attribute value of a current row (nulls left out, as mode() leaves them)
    unpivot current_actors
    on name, name_ar, kind, code, country, sector
    into name attribute value value
),

commonest as (
    -- each attribute's commonest value; a tie goes to the first value in sort order, so that
    -- every build (full or incremental, on any number of threads) picks the same one
    select actor_id, attribute, value
    from attribute_values
    group by actor_id, attribute, value
    qualify row_number() over (partition by actor_id, attribute order by count(*) desc, value) = 1
),

attributes as (
    select
        current_ids.actor_id,
        -- name in Latin letters: the English name, else the Arabic one romanised (marsad/translit.py);
        -- name_ar the Arabic name, or the name as written when it was Arabic
        romanize(any_value(commonest.value) filter (where commonest.attribute = 'name')) as name,
        coalesce(any_value(commonest.value) filter (where commonest.attribute = 'name_ar'),
                 arabic_or_null(any_value(commonest.value) filter (where commonest.attribute = 'name'))) as name_ar,
        any_value(commonest.value) filter (where commonest.attribute = 'kind') as kind,
        any_value(commonest.value) filter (where commonest.attribute = 'code') as code,
        any_value(commonest.value) filter (where commonest.attribute = 'country') as country,
        any_value(commonest.value) filter (where commonest.attribute = 'sector') as sector
    from (select distinct actor_id from current_actors) as current_ids
    left join commonest using (actor_id)
    group by current_ids.actor_id
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
