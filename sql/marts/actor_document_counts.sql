-- actor_document_counts: how much each actor is talked about, and when.
-- grain: one row per actor (actor_id); first/last seen use the publication date, else the ingest date.
-- tests: actor_document_counts_unique
-- incremental: changed_actors
with dated as (
    select
        actor_mentions.actor_id,
        actor_mentions.doc_id,
        coalesce(documents.published_at, documents.ingested_at) as seen_at
    from actor_mentions
    semi join changed_actors using (actor_id)
    join documents using (doc_id)
)

select
    actors.actor_id,
    actors.name,
    actors.code,
    actors.kind,
    count(distinct dated.doc_id) as documents,
    count(*) as mentions,
    min(dated.seen_at) as first_seen,
    max(dated.seen_at) as last_seen
from dated
join actors using (actor_id)
group by all
order by documents desc, mentions desc, actors.actor_id
