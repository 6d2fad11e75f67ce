-- changed_speakers: the speakers whose row an incremental build recomputes in claims_by_speaker:
-- every speaker of a claim ever extracted from a changed document, and every actor this build
-- renamed or recoded (actors_replaced: the rows of actors it replaced), as a speaker and as a
-- name in the top_mentioned of every speaker of a claim that names it. (Every changed actor named
-- there was half the speakers of 31,000 articles for 100 new ones: 0.22 s of the build.)
-- grain: one row per speaker actor (speaker_actor_id).
with extracted as (
    select speaker_actor_id
    from stg_claims
    semi join changed_docs using (doc_id)
    where speaker_actor_id is not null
),

renamed as (
    select actors_replaced.actor_id as speaker_actor_id
    from actors_replaced
    left join actors using (actor_id)
    where actors.name is distinct from actors_replaced.name or actors.code is distinct from actors_replaced.code
),

naming as (
    select claims.speaker_actor_id
    from claims
    join claim_mentions using (claim_id)
    semi join renamed on renamed.speaker_actor_id = claim_mentions.actor_id
    where claims.speaker_actor_id is not null
)

select speaker_actor_id from extracted
union
select speaker_actor_id from renamed
union
select speaker_actor_id from naming
