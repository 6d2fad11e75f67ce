"""Realism check on real Arabic news from ../shared/corpus (skipped when it is absent)."""

import gzip
import itertools
import json

import pytest

from conftest import run_ingest
from marsad.warehouse import build

pytestmark = pytest.mark.corpus
SAMPLE = 300  # every 100th article of the first 30,000: all outlets, about 1 s of work


@pytest.fixture(scope="module")
def sample(corpus_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    with gzip.open(corpus_path, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(itertools.islice(lines, 0, SAMPLE * 100, 100)):
            article = json.loads(line)
            paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
            (folder / f"{i:04d}.txt").write_text("\n".join([article["title"], *paragraphs]), encoding="utf-8")
    return folder


def test_corpus_sample_ingests_and_passes_data_tests(sample, settings):
    report = run_ingest([sample], settings)
    counts = report.counts
    assert counts["rejected"] == 0
    assert counts["new"] + counts["duplicate"] == SAMPLE
    result = build(settings)
    assert result.rows["documents"] == counts["new"]


def test_corpus_sample_is_read_as_arabic(sample, settings):
    run_ingest([sample], settings)
    build(settings)
    import duckdb

    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        share = con.execute("select avg((language = 'ar')::int) from documents").fetchone()[0]
        per_doc = con.execute("select avg(n) from (select count(*) n from sentences group by doc_id)").fetchone()[0]
    assert share >= 0.97
    assert per_doc > 5


def test_corpus_sample_actors_extract_without_crash_and_pass_data_tests(sample, settings):
    from marsad.actors import default_lexicon, extract_mentions
    from marsad.actors.report import unlinked_names
    from marsad.extract import read_documents

    from conftest import run_extract

    report = run_ingest([sample], settings)
    extracted = run_extract(settings)
    assert extracted.documents == report.counts["new"]
    assert extracted.mentions > 5 * extracted.documents   # Saudi news names many actors
    assert extracted.claims > extracted.documents         # and reports many statements
    build(settings)                                       # the actor data tests pass
    docs = read_documents(settings.lake_dir, [o.doc_id for o in report.outcomes if o.doc_id])
    mentions = [m for d in docs for m in extract_mentions(d.text, d.language, default_lexicon())]
    assert len(unlinked_names(mentions)) > 0              # titles introduce people it did not know
