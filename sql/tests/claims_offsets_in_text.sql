-- every claim's content and cue spans lie in its document's text and reproduce them
select c.claim_id, c.content_start, c.content_end, c.cue
from claims as c
join documents as d using (doc_id)
where c.content_start < 0 or c.content_end > d.n_chars or c.content_start >= c.content_end
   or substring(d.text, c.content_start + 1, c.content_end - c.content_start) <> c.content
   or substring(d.text, c.cue_start + 1, c.cue_end - c.cue_start) <> c.cue
   or c.kind not in ('direct', 'indirect')
