-- every reject_id appears once in rejects
select reject_id, count(*) as n from rejects group by reject_id having count(*) > 1
