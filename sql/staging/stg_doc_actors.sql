-- stg_doc_actors: the lake's doc_actors table, renamed and cast; no filtering.
-- grain: one row per (document, actor, extractor) written to the lake.
select
    doc_id,
    actor_id,
    name,
    name_ar,
    kind,
    code,
    country,
    sector,
    extractor
from src_doc_actors
