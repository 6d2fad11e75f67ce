"""`marsad search`: ranked full-text search of claims and sentences with the offline fts extension."""

from __future__ import annotations

import pytest

from marsad.cli import main
from marsad.errors import SettingsError
from marsad.search import ensure_index, open_index, search
from marsad.translit import ARABIC_LETTER

pytest.importorskip("duckdb_extension_fts", reason="needs the PyPI package duckdb-extension-fts")


@pytest.fixture
def index(tmp_path):
    return tmp_path / "search.duckdb"


@pytest.mark.parametrize("words, target, expect", [
    ("الحدود", "claims", "حدود"),            # the stem finds للحدود, حدوده, الحدودية
    ("drones", "sentences", "drones"),
    ("الهدنة", "sentences", "هدن"),
])
def test_hits_hold_the_words_best_first(built_warehouse, index, words, target, expect):
    columns, rows = search(built_warehouse.warehouse_path, index, words, target, limit=5)
    hits = [dict(zip(columns, r)) for r in rows]
    assert hits and all(expect in h["text"] for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert all(h["title"] and h["day"] for h in hits)


def test_claim_hits_name_their_speaker_in_latin_letters(built_warehouse, index):
    columns, rows = search(built_warehouse.warehouse_path, index, "الحدود", "claims", limit=20)
    speakers = [(h["speaker"], h["speaker_ar"]) for h in (dict(zip(columns, r)) for r in rows) if h["speaker"]]
    assert speakers and not [name for name, _ in speakers if ARABIC_LETTER.search(name)]


def test_words_found_nowhere_give_no_hit(built_warehouse, index):
    assert search(built_warehouse.warehouse_path, index, "zanzibarxyz")[1] == []


def test_the_index_is_built_once_per_warehouse(built_warehouse, index):
    search(built_warehouse.warehouse_path, index, "الحدود")
    with open_index(built_warehouse.warehouse_path, index) as con:
        assert ensure_index(con, "claims") is False          # same build: kept
        con.execute("update search_index_state set fingerprint = 'older'")
        assert ensure_index(con, "claims") is True           # a rebuilt warehouse: built again


@pytest.mark.parametrize("words, target", [("", "claims"), ("x", "documents")])
def test_bad_searches_are_refused(built_warehouse, index, words, target):
    with pytest.raises(SettingsError):
        search(built_warehouse.warehouse_path, index, words, target)


def test_cli_prints_ranked_hits(built_warehouse, capsys):
    code = main(["search", "الحدود", "--limit", "2", "--data-dir", str(built_warehouse.data_dir)])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("1. [") and "\n2. [" in out
