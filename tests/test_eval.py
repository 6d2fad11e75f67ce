"""Actors, claims and events end to end: lake -> extraction -> warehouse -> `marsad eval` against the gold files."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import duckdb
import pytest

from marsad.extract import default_extractor
from marsad.evaluate import evaluate
from marsad.extract import extract_batch, pending, read_documents, write_extraction
from conftest import run_extract, run_ingest
from marsad.warehouse import build

from conftest import GOLD_DIR, SEED


@pytest.fixture(scope="module")
def warehouse(built_warehouse):
    """The warehouse built from the seed and the test articles (conftest); returns (settings, report)."""
    return built_warehouse, evaluate(built_warehouse.warehouse_path, GOLD_DIR)


def test_every_gold_document_is_in_the_warehouse(warehouse):
    _, report = warehouse
    assert [d.document for d in report.documents if not d.found] == []
    assert len(report.documents) >= 4


@pytest.mark.parametrize("doc", ["000_41b2fde5789d507b", "101", "102", "103"])
def test_every_required_actor_found_with_its_code(warehouse, doc):
    _, report = warehouse
    [d] = [d for d in report.documents if d.document.startswith(doc)]
    assert d.actors.misses == []


@pytest.mark.parametrize("doc", ["000_41b2fde5789d507b", "101", "102", "103"])
def test_every_listed_mention_linked(warehouse, doc):
    _, report = warehouse
    [d] = [d for d in report.documents if d.document.startswith(doc)]
    assert d.mentions.misses == []


@pytest.mark.parametrize("doc", ["000_41b2fde5789d507b", "101", "102", "103"])
def test_mention_precision_at_least_095(warehouse, doc):
    _, report = warehouse
    [d] = [d for d in report.documents if d.document.startswith(doc)]
    assert d.mentions.precision >= 0.95, d.mentions.extras


def test_rerun_extracts_nothing_twice(warehouse):
    settings, _ = warehouse
    assert pending(settings.lake_dir, default_extractor().fingerprint) == []
    assert run_extract(settings).documents == 0


def test_new_lexicon_reextracts_and_warehouse_keeps_one_set(tmp_path, settings):
    run_ingest([SEED], settings)
    first = run_extract(settings)
    build(settings)
    count = _mentions(settings)
    changed = replace(default_extractor(), fingerprint="0" * 16)
    todo = pending(settings.lake_dir, changed.fingerprint)
    assert todo != []
    # the core steps, as the extract flow runs them, under another extractor's name
    now = datetime.now(timezone.utc)
    again = write_extraction(settings.lake_dir, extract_batch(read_documents(settings.lake_dir, todo), changed, now))
    build(settings)
    assert again.documents == first.documents == 1
    assert _mentions(settings) == count > 0


def _mentions(settings) -> int:
    """Rows of the actor_mentions mart."""
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.sql("select count(*) from actor_mentions").fetchone()[0]


DOCS = ["000_41b2fde5789d507b", "101", "102", "103"]


def _doc(report, doc):
    [d] = [d for d in report.documents if d.document.startswith(doc)]
    return d


@pytest.mark.parametrize("doc", DOCS)
def test_claim_recall_at_least_09(warehouse, doc):
    d = _doc(warehouse[1], doc)
    assert d.claims.recall >= 0.9, d.claims.misses


@pytest.mark.parametrize("doc", DOCS)
def test_claim_speakers_right_at_least_09(warehouse, doc):
    report = warehouse[1]
    assert report.speaker_accuracy([_doc(report, doc)]) >= 0.9, _doc(report, doc).claims.misses


@pytest.mark.parametrize("doc", DOCS)
def test_claim_precision_at_least_085(warehouse, doc):
    d = _doc(warehouse[1], doc)
    assert d.claims.precision >= 0.85, d.claims.extras


@pytest.mark.parametrize("doc", DOCS)
def test_no_quoted_name_reported_as_a_claim(warehouse, doc):
    assert _doc(warehouse[1], doc).not_claims == 0


def test_claims_by_speaker_counts_the_seed(warehouse):
    settings, _ = warehouse
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows = dict(con.execute("select speaker, claims from claims_by_speaker").fetchall())
    assert rows["Iraqi Ministry of Foreign Affairs"] >= 7
    assert rows["Coordination Framework"] >= 3


# Event targets of issue 4: the seed's (recall of required events, precision), and at least 0.75 on
# our own test articles.
EVENT_TARGETS = {"000_41b2fde5789d507b": (0.85, 0.8), "101": (0.75, 0.75), "102": (0.75, 0.75),
                 "103": (0.75, 0.75)}


@pytest.mark.parametrize("doc", DOCS)
def test_event_recall(warehouse, doc):
    d = _doc(warehouse[1], doc)
    assert d.events.recall >= EVENT_TARGETS[doc][0], d.events.misses


@pytest.mark.parametrize("doc", DOCS)
def test_event_precision(warehouse, doc):
    d = _doc(warehouse[1], doc)
    assert d.events.precision >= EVENT_TARGETS[doc][1], d.events.extras


@pytest.mark.parametrize("doc", DOCS)
def test_no_unrealised_event_reported_as_factual(warehouse, doc):
    assert _doc(warehouse[1], doc).factual_errors == 0


def test_no_factual_event_on_the_seeds_lines_14_and_15(warehouse):
    settings, _ = warehouse
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows = con.sql("""
            select e.trigger, e.event_type, e.factual, len(string_split(substr(d.text, 1, e."start"), chr(10))) as line
            from events e join documents d using (doc_id)
            where d.text like '%وتخشى واشنطن من أن انسحابا%'""").fetchall()
    on_lines = [r for r in rows if r[3] in (14, 15)]
    assert any(etype == "RETREAT" for _, etype, _, _ in on_lines)     # the withdrawals are found ...
    assert not any(factual for _, _, factual, _ in on_lines), on_lines   # ... and nothing there is factual


@pytest.mark.parametrize("surface, wanted, same", [
    ("انسحاب", "انسحاب", True),
    ("شن هجمات", "هجمات", True),          # the lexicon's phrase holds the gold's word
    ("استضافتها", "اجتماع", False),       # a hosted summit is not the planned meeting
    ("withdrawal", None, True),           # no trigger in the gold: any event of the entry
    (None, "انسحاب", False),
])
def test_a_factual_error_needs_the_golds_trigger(surface, wanted, same):
    from marsad.evaluate import _same_trigger

    assert _same_trigger(surface, wanted) is same


def test_events_carry_gdelt_quad_class_and_goldstein(warehouse):
    settings, _ = warehouse
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        rows = con.execute("select event_type, quad_class, goldstein from events").fetchall()
        roots = con.execute("select count(*), min(goldstein), max(goldstein) from cameo_roots").fetchone()
    assert rows and all(q is not None and g is not None for _, q, g in rows)
    assert {q for t, q, g in rows if t == "ASSAULT"} == {4} and max(g for t, q, g in rows if t == "ASSAULT") <= -7
    assert {(q, g) for t, q, g in rows if t == "CONSULT"} == {(1, 1.0)}
    assert roots == (20, -10.0, 7.0)
