-- changed_speakers: the speakers whose row an incremental build recomputes in claims_by_speaker:
-- every speaker of a claim ever extracted from a changed document, every changed actor (its
-- name may change), and every speaker of a claim that names a changed actor (top_mentioned
-- lists names).
-- grain: one row per speaker actor (speaker_actor_id).
with extracted as (
    select speaker_actor_id
    from stg_claims
    semi join changed_docs using (doc_id)
    where speaker_actor_id is not null
),

renamed as (
    select actor_id as speaker_actor_id from changed_actors
),

naming as (
    select claims.speaker_actor_id
    from claims
    join claim_mentions using (claim_id)
    semi join changed_actors using (actor_id)
    where claims.speaker_actor_id is not null
)

select speaker_actor_id from extracted
union
select speaker_actor_id from renamed
union
select speaker_actor_id from naming
