-- state_extractions: which extraction counts for each document: its latest; THE definition, read
-- by the warehouse (latest_extractions, and through it every extraction mart) and by every run
-- (marsad/lakestate.py: a document is pending unless its latest extraction is by the current
-- extractor, so a run with an older extractor reads again what a newer one read since).
-- grain: one row per extracted document (doc_id).
select *
from stg_extractions
qualify row_number() over (partition by doc_id order by extracted_at desc, extractor) = 1
