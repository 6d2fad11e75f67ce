"""End to end: `marsad run` on the seed in a subprocess, checked against the gold reading."""

import os
import subprocess
import sys

import duckdb
import pytest

from conftest import ROOT, SEED

MARSAD = [sys.executable, "-m", "marsad.cli"]


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Environment of the CLI runs: a Prefect home of their own."""
    home = tmp_path_factory.mktemp("prefect-home")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "MARSAD_"))}
    return {**environ, "PREFECT_HOME": str(home), "MARSAD_PREFECT_SERVER": "temporary"}


def marsad(env, *args):
    return subprocess.run([*MARSAD, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def runs(tmp_path_factory, env):
    """Two runs of `marsad run` on the seed folder into the same data dir."""
    data = tmp_path_factory.mktemp("e2e") / "data"
    first = marsad(env, "run", str(SEED.parent), "--data-dir", str(data))
    files = sorted(p.relative_to(data) for p in (data / "lake").rglob("*.parquet"))
    second = marsad(env, "run", str(SEED.parent), "--data-dir", str(data))
    return data, first, second, files


@pytest.fixture(scope="module")
def warehouse(runs):
    data = runs[0]
    with duckdb.connect(str(data / "marsad.duckdb"), read_only=True) as con:
        yield con


def test_runs_succeed_quietly(runs):
    for result in runs[1:3]:
        assert result.returncode == 0, result.stderr
        for noise in ("Traceback", "Warning", "WARNING", "Error", "telemetry"):
            assert noise not in result.stderr + result.stdout


def test_summary_counts(runs):
    _, first, second, _ = runs
    assert "1 new documents" in first.stdout and "0 rejected" in first.stdout
    assert "0 new documents" in second.stdout and "1 unchanged" in second.stdout
    # nothing new: answered from the lake, no Prefect API started (marsad/rerun.py)
    assert "without a Prefect flow run" in second.stdout and "running on" not in second.stderr
    assert "marsad query" in first.stdout and "marsad.duckdb" in first.stdout


def test_rerun_adds_no_files_or_rows(runs, warehouse):
    data, _, _, files = runs
    assert sorted(p.relative_to(data) for p in (data / "lake").rglob("*.parquet")) == files
    assert warehouse.execute("select count(*) from documents").fetchone()[0] == 1


def test_document_matches_gold(warehouse, gold):
    title, subtitle, headings, language, paragraphs = warehouse.execute(
        "select title, subtitle, headings, language, n_paragraphs from documents").fetchone()
    assert (title, subtitle, headings, language) == (gold["title"], gold["subtitle"], gold["headings"], "ar")
    assert paragraphs == len(SEED.read_text(encoding="utf-8").strip().splitlines())


def test_sentences_reassemble_the_text(warehouse):
    text = warehouse.execute("select text from documents").fetchone()[0]
    rows = warehouse.execute('select "start", "end", text, part from sentences order by "start"').fetchall()
    position = 0
    for start, end, sentence, _ in rows:
        assert text[position:start].strip() == ""
        assert text[start:end] == sentence
        position = end
    assert text[position:].strip() == ""
    assert [r[3] for r in rows].count("heading") == 5


def test_query_prints_a_table(runs, env):
    result = marsad(env, "query", "select count(*) as n from sentences", "--data-dir", str(runs[0]))
    assert result.returncode == 0 and "35" in result.stdout


@pytest.mark.parametrize("args, code, message", [
    (["query", "select 1", "--data-dir", "/nonexistent/marsad"], 1, "run `marsad run` first"),
    (["run", "--max-file-bytes", "0", "--data-dir", "/tmp/unused"], 2, "max_file_bytes must be positive"),
    (["run", "--data-dir", str(SEED)], 2, "data_dir must be a folder"),
    (["query", "select 1", "--data-dir", str(SEED)], 2, "data_dir must be a folder"),
    (["run", "--urls", "/nonexistent/urls.txt", "--data-dir", "/tmp/unused"], 2, "no such URL file"),
    (["run", "--refresh", "--data-dir", "/tmp/unused"], 2, "--refresh applies to web pages"),
    (["run", "--urls", str(ROOT / "tests" / "data" / "web" / "bad_urls.txt"), "--data-dir", "/tmp/unused"], 2,
     "bad_urls.txt:3: not an http(s) URL: 'ftp://example.com/a.html'"),
])
def test_user_errors_are_friendly(env, args, code, message):
    result = marsad(env, *args)
    assert result.returncode == code
    assert message in result.stderr and "Traceback" not in result.stderr


def test_bad_sql_is_a_friendly_error(runs, env):
    result = marsad(env, "query", "select nope from documents", "--data-dir", str(runs[0]))
    assert result.returncode == 1 and "query failed" in result.stderr and "Traceback" not in result.stderr


def test_summary_reports_actors(runs):
    _, first, second, _ = runs
    assert "extracted from 1 documents:" in first.stdout and " claims, " in first.stdout
    assert "extracted from" not in second.stdout   # nothing new to read on a re-run


def test_eval_scores_the_seed(runs, env):
    result = marsad(env, "eval", str(ROOT / "tests" / "gold"), "--data-dir", str(runs[0]), "--json")
    assert result.returncode == 0, result.stderr
    import json

    scores = json.loads(result.stdout)
    [seed] = [d for d in scores["documents"] if d["document"] == SEED.stem]
    assert seed["actors"]["recall"] == 1.0 and seed["mentions"]["precision"] >= 0.95
    missing = [d["document"] for d in scores["documents"] if not d["found"]]
    assert len(missing) == 3                        # the test articles were not run here


def test_eval_prints_a_table_and_missing_gold_is_friendly(runs, env):
    table = marsad(env, "eval", str(ROOT / "tests" / "gold"), "--data-dir", str(runs[0]))
    assert "TOTAL" in table.stdout and "not in the warehouse" in table.stdout
    missing = marsad(env, "eval", "/nonexistent/gold", "--data-dir", str(runs[0]))
    assert missing.returncode == 2 and "not a folder of gold files" in missing.stderr
