-- every sentence_id appears once in sentences
select sentence_id, count(*) as n from sentences group by sentence_id having count(*) > 1
