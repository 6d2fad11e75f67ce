"""The lake's tables: one Arrow schema each, declared once and used by every writer and reader."""

from __future__ import annotations

import pyarrow as pa

TS = pa.timestamp("us", tz="UTC")

DOCUMENTS = pa.schema([
    ("doc_id", pa.string()), ("source_uri", pa.string()), ("source_kind", pa.string()),
    ("title", pa.string()), ("subtitle", pa.string()), ("headings", pa.list_(pa.string())),
    ("text", pa.large_string()), ("language", pa.string()), ("encoding", pa.string()),
    ("published_at", TS), ("published_precision", pa.string()), ("outlet", pa.string()),
    ("url", pa.string()), ("ingested_at", TS), ("n_chars", pa.int32()),
    ("n_paragraphs", pa.int32()), ("simhash", pa.int64()), ("duplicate_of", pa.string()),
])

SENTENCES = pa.schema([
    ("doc_id", pa.string()), ("sentence_id", pa.string()), ("paragraph", pa.int32()),
    ("part", pa.string()), ("start", pa.int32()), ("end", pa.int32()),
    ("text", pa.large_string()), ("is_heading", pa.bool_()),
])

REJECTS = pa.schema([
    ("reject_id", pa.string()), ("source_uri", pa.string()), ("source_kind", pa.string()),
    ("reason", pa.string()), ("message", pa.string()), ("size_bytes", pa.int64()),
    ("rejected_at", TS),
])

# One row each time a source is seen with a new fingerprint or a new outcome; the latest row
# per source says which document (or reject) the source currently is.
SOURCE_VERSIONS = pa.schema([
    ("source_uri", pa.string()), ("source_kind", pa.string()), ("size_bytes", pa.int64()),
    ("mtime_ns", pa.int64()), ("sidecar_mtime_ns", pa.int64()), ("doc_id", pa.string()),
    ("reject_id", pa.string()), ("observed_at", TS),
])

# Every HTTP request of a run (pages, feeds, sitemaps, robots.txt), whatever its outcome.
FETCH_LOG = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("kind", pa.string()),
    ("status", pa.int32()), ("content_type", pa.string()), ("n_bytes", pa.int64()),
    ("elapsed_s", pa.float64()), ("attempts", pa.int32()), ("error", pa.string()),
    ("message", pa.string()), ("redirects", pa.list_(pa.string())), ("fetched_at", TS),
])

# The body of every page fetched with success, as received (content-encoding undone), so that
# re-extraction after a code change never needs the network.
RAW_PAGES = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("status", pa.int32()),
    ("content_type", pa.string()), ("charset", pa.string()), ("headers", pa.string()),
    ("body", pa.large_binary()), ("sha256", pa.string()), ("fetched_at", TS),
])

# Extraction tables carry the extractor fingerprint (lexicons + extraction code): a document is
# re-extracted when it changes, and the warehouse keeps only each document's latest extraction.
ACTOR_MENTIONS = pa.schema([
    ("doc_id", pa.string()), ("sentence_id", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("surface", pa.string()), ("actor_id", pa.string()),
    ("mention_kind", pa.string()), ("confidence", pa.float32()), ("extractor", pa.string()),
])

DOC_ACTORS = pa.schema([
    ("doc_id", pa.string()), ("actor_id", pa.string()), ("name", pa.string()),
    ("name_ar", pa.string()), ("kind", pa.string()), ("code", pa.string()),
    ("country", pa.string()), ("sector", pa.string()), ("extractor", pa.string()),
])

CLAIMS = pa.schema([
    ("doc_id", pa.string()), ("claim_id", pa.string()), ("sentence_id", pa.string()),
    ("speaker_actor_id", pa.string()), ("speaker_text", pa.string()), ("via_actor_id", pa.string()),
    ("cue", pa.string()),
    ("cue_start", pa.int32()), ("cue_end", pa.int32()), ("kind", pa.string()),
    ("content", pa.large_string()), ("content_start", pa.int32()), ("content_end", pa.int32()),
    ("channel", pa.string()), ("claim_date", pa.date32()), ("date_precision", pa.string()),
    ("confidence", pa.float32()), ("extractor", pa.string()),
])

CLAIM_MENTIONS = pa.schema([
    ("doc_id", pa.string()), ("claim_id", pa.string()), ("actor_id", pa.string()),
    ("extractor", pa.string()),
])

CLAIM_SPEAKERS = pa.schema([
    ("doc_id", pa.string()), ("claim_id", pa.string()), ("actor_id", pa.string()),
    ("position", pa.int32()), ("extractor", pa.string()),
])

EVENTS = pa.schema([
    ("doc_id", pa.string()), ("event_id", pa.string()), ("sentence_id", pa.string()),
    ("sentence", pa.large_string()), ("trigger", pa.string()), ("start", pa.int32()),
    ("end", pa.int32()), ("event_type", pa.string()), ("mode", pa.string()),
    ("cameo_root", pa.string()), ("source_actor_id", pa.string()), ("target_actor_id", pa.string()),
    ("event_date", pa.date32()), ("date_precision", pa.string()), ("date_text", pa.string()),
    ("location", pa.string()), ("quantity", pa.float64()), ("quantity_unit", pa.string()),
    ("factual", pa.bool_()), ("modality", pa.string()), ("historical", pa.bool_()),
    ("claim_id", pa.string()), ("confidence", pa.float32()), ("extractor", pa.string()),
])

# Written last for a batch: a document has been extracted by an extractor once this row exists.
EXTRACTIONS = pa.schema([
    ("doc_id", pa.string()), ("extractor", pa.string()), ("extracted_at", TS),
    ("n_mentions", pa.int32()),
])

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS, "sentences": SENTENCES, "rejects": REJECTS,
    "source_versions": SOURCE_VERSIONS, "actor_mentions": ACTOR_MENTIONS,
    "doc_actors": DOC_ACTORS, "claims": CLAIMS, "claim_mentions": CLAIM_MENTIONS,
    "claim_speakers": CLAIM_SPEAKERS, "events": EVENTS,
    "extractions": EXTRACTIONS, "fetch_log": FETCH_LOG, "raw_pages": RAW_PAGES,
}
# Write order within a batch: children before the rows that make them visible, so a crash
# between two files leaves nothing that a re-run would not complete.
WRITE_ORDER = ("sentences", "documents", "rejects", "source_versions")
EXTRACT_ORDER = ("actor_mentions", "doc_actors", "claims", "claim_mentions", "claim_speakers",
                 "events", "extractions")
# Columns that identify a row; a batch file is named by them, so re-writing a batch replaces it.
KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",), "sentences": ("sentence_id",), "rejects": ("reject_id",),
    "source_versions": ("source_uri", "doc_id", "reject_id", "size_bytes", "mtime_ns",
                        "sidecar_mtime_ns"),
    "actor_mentions": ("doc_id", "start", "end", "actor_id", "extractor"),
    "doc_actors": ("doc_id", "actor_id", "extractor"),
    "claims": ("claim_id", "extractor"),
    "claim_mentions": ("claim_id", "actor_id", "extractor"),
    "claim_speakers": ("claim_id", "actor_id", "extractor"),
    "events": ("event_id", "extractor"),
    "extractions": ("doc_id", "extractor"),
    "fetch_log": ("url", "kind", "fetched_at"),
    "raw_pages": ("url", "sha256"),
}
