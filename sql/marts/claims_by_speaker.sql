-- claims_by_speaker: how much each actor is quoted or reported, when, and about whom.
-- grain: one row per speaker actor (speaker_actor_id); dates are claim dates, else publication, else ingest dates.
-- tests: claims_by_speaker_unique
-- incremental: changed_speakers
with dated as (
    select
        claims.claim_id,
        claims.doc_id,
        claims.speaker_actor_id,
        coalesce(cast(claims.claim_date as timestamptz), documents.published_at, documents.ingested_at) as said_at
    from claims
    semi join changed_speakers using (speaker_actor_id)
    join documents using (doc_id)
    where claims.speaker_actor_id is not null
),

mentioned as (
    select dated.speaker_actor_id, claim_mentions.actor_id, count(*) as n
    from dated
    join claim_mentions using (claim_id)
    where claim_mentions.actor_id <> dated.speaker_actor_id
    group by all
),

top_mentioned as (
    select
        mentioned.speaker_actor_id,
        list(actors.name order by mentioned.n desc, actors.name)[1:5] as top_mentioned
    from mentioned
    join actors on actors.actor_id = mentioned.actor_id
    group by mentioned.speaker_actor_id
)

select
    dated.speaker_actor_id,
    actors.name as speaker,
    actors.code,
    count(*) as claims,
    count(distinct dated.doc_id) as documents,
    min(dated.said_at) as first_said,
    max(dated.said_at) as last_said,
    coalesce(any_value(top_mentioned.top_mentioned), []) as top_mentioned
from dated
join actors on actors.actor_id = dated.speaker_actor_id
left join top_mentioned using (speaker_actor_id)
group by dated.speaker_actor_id, actors.name, actors.code
order by claims desc, speaker, speaker_actor_id
