-- stg_event_words: the lake's events with the words of their sentence, as event clustering
-- compares them: letters folded (أإآ -> ا, ة -> ه, ى -> ي), diacritics and tatweel dropped,
-- lower case, words of one letter left out; no filtering.
-- grain: one row per event row written to the lake (a document re-extracted has one set per extractor).
select
    doc_id,
    event_id,
    extractor,
    event_type,
    factual,
    source_actor_id,
    target_actor_id,
    list_distinct(list_filter(string_split(regexp_replace(translate(
        regexp_replace(lower(sentence), '[\x{064B}-\x{0652}\x{0640}]', '', 'g'), 'أإآةى', 'اااهي'),
        '[^\pL\pN]+', ' ', 'g'), ' '), w -> length(w) > 1)) as words,
    array_to_string(list_sort(words), ' ') as wording
from stg_events
