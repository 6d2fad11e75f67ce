"""`marsad run` killed with SIGKILL in ingest, in extract and in build, then run again: the tables
equal a clean run's, with no row lost or written twice (issue 17). bench/kill_matrix.py is the big
version (2,000 articles, 20 kills)."""

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from kill_matrix import report, run_matrix  # noqa: E402


@pytest.mark.prefect
@pytest.mark.corpus
def test_runs_killed_in_each_stage_end_with_the_tables_of_a_clean_run(corpus_path, tmp_path):
    # batches of 2: a run of 7 new articles writes 4 of them, so ingest runs long enough to be killed
    # in (extraction overlaps it, each batch extracted as soon as it is written)
    outcome = run_matrix(articles=40, kills=3, seed=17, batch_size=2, work=tmp_path)
    assert outcome.interrupted == {"ingest", "extract", "build"}, report(outcome)
    assert outcome.identical, report(outcome)
    assert outcome.rows["documents"] == 40 and outcome.rows["actor_mentions"] > 100
