-- one row per speaker
select speaker_actor_id, count(*) as n from claims_by_speaker group by speaker_actor_id having count(*) > 1
