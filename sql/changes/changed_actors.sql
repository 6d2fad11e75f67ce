-- changed_actors: the actors whose row an incremental build recomputes in actors: every actor
-- a changed document names or named, in any extraction (its attributes are the commonest
-- among its current documents, its aliases those of its current mentions).
-- grain: one row per actor (actor_id).
with named as (
    select actor_id from stg_doc_actors semi join changed_docs using (doc_id)
    union select actor_id from stg_actor_mentions semi join changed_docs using (doc_id)
)

select actor_id from named
