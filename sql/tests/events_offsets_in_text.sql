-- every trigger span lies in its document's text and reproduces the trigger; types are known
select e.event_id, e."start", e."end", e.trigger, e.event_type
from events as e
join documents as d using (doc_id)
where e."start" < 0 or e."end" > d.n_chars or e."start" >= e."end"
   or substring(d.text, e."start" + 1, e."end" - e."start") <> e.trigger
   or e.event_type not in ('AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT',
                           'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION',
                           'MOBILIZE', 'COERCE', 'ASSAULT', 'DEMAND')
   or e.modality not in ('asserted', 'negated', 'possible', 'planned', 'present', 'background', 'generic',
                          'habitual')
   or e.factual <> (e.modality = 'asserted' and e.historical is not true)
