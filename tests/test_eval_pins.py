"""The pinned-scores check of `make eval`: a figure below its pin fails, a better one can raise it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
import pins  # noqa: E402

OUTPUT = """\
articles: summary mention_p~=0.914 actor_r=0.837 event_r=0.227 factual_err=3
anercorp exact P=0.680 R=0.394 F1=0.499 PERS_R=0.137 (tp=3188 fp=1497 fn=4912)
oeda ASSAULT P=0.223 R=0.281 F1=0.249 (tp=43 fp=150 of which difficult-no 51, fn=110, tn=1205)
oeda PROTEST P=0.320 R=0.148 F1=0.203 (tp=8 fp=17)
plover-en type_TP=0.401 extra_events_per_sentence=0.168 (n=167; anchor UD-PETRARCH 0.68 TP, 0.23 FP)
extraction pages=89/89 P=0.947 R=0.968 F1=0.953 (anchor trafilatura 0.958)
"""


@pytest.mark.parametrize("key, value", [
    ("articles.event_r", 0.227), ("articles.factual_err", 3), ("anercorp.F1", 0.499),
    ("anercorp.PERS_R", 0.137), ("oeda-assault.F1", 0.249), ("oeda-protest.R", 0.148),
    ("plover-en.extra_events_per_sentence", 0.168), ("extraction.F1", 0.953),
])
def test_figures_are_read_per_set(key, value):
    assert pins.parse(OUTPUT.splitlines())[key] == value


def test_counts_and_ratios_are_not_figures():
    figures = pins.parse(OUTPUT.splitlines())
    assert "extraction.pages" not in figures and "anercorp.tp" in figures


@pytest.mark.parametrize("low, high, expected", [
    ({"oeda-assault.F1": 0.249}, {}, []),
    ({"oeda-assault.F1": 0.30}, {}, ["oeda-assault.F1: 0.249 < pinned 0.3"]),
    ({}, {"articles.factual_err": 2}, ["articles.factual_err: 3.0 > pinned 2"]),
    ({"polnear-en.R": 0.5}, {}, ["polnear-en.R: missing < pinned 0.5"]),
])
def test_a_fall_below_a_pin_fails(low, high, expected):
    assert pins.check(pins.parse(OUTPUT.splitlines()), low, high) == expected


def test_raise_moves_pins_up_only(tmp_path):
    out, pinned = tmp_path / "run.txt", tmp_path / "pins.toml"
    out.write_text(OUTPUT, encoding="utf-8")
    pinned.write_text('[min]\n"anercorp.F1" = 0.4\n"articles.event_r" = 0.2\n[max]\n"articles.factual_err" = 5\n')
    assert pins.main([str(out), "--pins", str(pinned), "--raise"]) == 0
    low, high = pins.load(pinned)
    assert low == {"anercorp.F1": 0.499, "articles.event_r": 0.227} and high == {"articles.factual_err": 3}


def test_a_fall_exits_non_zero_and_keeps_the_pins(tmp_path, capsys):
    out, pinned = tmp_path / "run.txt", tmp_path / "pins.toml"
    out.write_text(OUTPUT, encoding="utf-8")
    pinned.write_text('[min]\n"anercorp.F1" = 0.6\n')
    assert pins.main([str(out), "--pins", str(pinned), "--raise"]) == 1
    assert "anercorp.F1: 0.499 < pinned 0.6" in capsys.readouterr().err
    assert pins.load(pinned)[0] == {"anercorp.F1": 0.6}


def test_the_packaged_pins_hold_for_their_own_figures():
    low, high = pins.load(pins.PINS)
    assert low and high and pins.check({**low, **high}, low, high) == []


def test_raise_keeps_the_history_written_above_the_pins(tmp_path):
    out, pinned = tmp_path / "run.txt", tmp_path / "pins.toml"
    out.write_text(OUTPUT, encoding="utf-8")
    pinned.write_text('# lowered once, openly: why\n# and raised since\n\n[min]\n"anercorp.F1" = 0.4\n')
    assert pins.main([str(out), "--pins", str(pinned), "--raise"]) == 0
    assert pinned.read_text().startswith("# lowered once, openly: why\n# and raised since\n\n[min]\n")
