"""Lexicon files are validated when loaded: errors name the file, the line and the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from marsad.actors.lexicon import default_lexicon, load_lexicon, package_dirs
from marsad.errors import LexiconError

COUNTRIES = "IRQ\tIraq\tالعراق\tIraqi\nUSA\tUnited States\tالولايات المتحدة\tAmerican\n"
ACTORS = "isis\tarmed_group\tISIS\t-\t-\tIslamic State\tداعش\n"
ALIASES = "العراق\tIRQ\tname\nعراقي\tIRQ\tnisba\nداعش\tisis\tname\n"
ROLES = "الحكومة\tgovernment\tGOV\tinstitution\tyes\tGovernment\n"


@pytest.fixture
def tiny(tmp_path: Path):
    """A small valid lexicon in a temp dir, and a function to add a line to one of its files."""
    common, langs = tmp_path / "lexicon", tmp_path / "lang"
    folder = langs / "ar" / "actors"
    folder.mkdir(parents=True)
    common.mkdir()
    shutil.copy(package_dirs()[0] / "sectors.tsv", common)
    shutil.copy(package_dirs()[1] / "ar" / "actors" / "grammar.toml", folder)
    files = {common / "countries.tsv": COUNTRIES, common / "actors.tsv": ACTORS,
             folder / "aliases_test.tsv": ALIASES, folder / "roles.tsv": ROLES}
    for path, text in files.items():
        path.write_text("# test lexicon\n" + text, encoding="utf-8")

    def append(name: str, line: str) -> Path:
        path = common / name if (common / name).exists() else folder / name
        path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
        return path

    append.dirs = (common, langs)
    return append


def test_tiny_lexicon_loads(tiny):
    lexicon = load_lexicon(*tiny.dirs)
    assert set(lexicon.actors) == {"IRQ", "USA", "isis"}
    assert "ar" in lexicon.languages


@pytest.mark.parametrize("name, line, reason", [
    ("actors.tsv", "pmf\tarmed_group\tIRQMIL\tIRQ\tMIL", "expected 7 tab-separated fields"),
    ("actors.tsv", "pmf\tarmed_group\tIRQMIL\tIRQ\tXYZ\tPMF\tالحشد", "unknown sector code 'XYZ'"),
    ("actors.tsv", "pmf\tmilitia\tIRQMIL\tIRQ\tMIL\tPMF\tالحشد", "unknown kind 'militia'"),
    ("actors.tsv", "isis\tarmed_group\tISIS\t-\t-\tISIS\tداعش", "key 'isis' is defined twice"),
    ("actors.tsv", "pmf\tarmed_group\tIRQMIL\tIRK\tMIL\tPMF\tالحشد", "unknown country 'IRK'"),
    ("aliases_test.tsv", "داعش\tIRQ\tname", "already maps to 'isis'"),
    ("aliases_test.tsv", "إيران\tIRN\tname", "unknown actor 'IRN'"),
    ("aliases_test.tsv", "ايران\tUSA\tnickname", "unknown mention kind 'nickname'"),
    ("aliases_test.tsv", "بغداد\tIRQ", "expected 3 tab-separated fields"),
    ("roles.tsv", "القوات\tforces\tARMY\tgroup\tno\tForces", "unknown sector code 'ARMY'"),
    ("roles.tsv", "حكومة العراق\tgovernment\tGOV\tinstitution\tno\tGovernment", "disagrees"),
    ("roles.tsv", "القوات\tforces\tMIL\tsoldiers\tno\tForces", "holder must be"),
])
def test_bad_entry_fails_with_file_line_and_reason(tiny, name, line, reason):
    path = tiny(name, line)
    with pytest.raises(LexiconError) as err:
        load_lexicon(*tiny.dirs)
    message = str(err.value)
    assert reason in message
    assert f"{path}:" in message and message.split(f"{path}:")[1].split(":")[0].isdigit()


def test_alias_differing_only_in_hamza_is_a_duplicate(tiny):
    tiny("aliases_test.tsv", "العراق\tUSA\tname".replace("العراق", "ألعراق"))
    with pytest.raises(LexiconError, match="an alias must map to one actor"):
        load_lexicon(*tiny.dirs)


def test_packaged_lexicon_loads_once_and_covers_both_languages():
    lexicon = default_lexicon()
    assert default_lexicon() is lexicon
    assert {"ar", "en"} <= set(lexicon.languages)
    assert len(lexicon.fingerprint) == 16


@pytest.mark.parametrize("key, code", [
    ("IRQ", "IRQ"), ("USA", "USA"), ("coalition", "IGO"), ("isis", "ISIS"), ("pmf", "IRQMIL"),
    ("coordination-framework", "IRQPTY"), ("hmc", "IGO"),
])
def test_packaged_lexicon_has_the_actors_gold_relies_on(key, code):
    assert default_lexicon().actors[key].code == code


@pytest.mark.parametrize("name, line, reason", [
    ("cues.tsv", "قال\tsay\tverb\tx\ts\tno", "gender m/f/-"),
    ("cues.tsv", "قال\tsay\tverb\tm\ts", "expected 6 tab-separated fields"),
    ("channels.tsv", "بيان\tpress_release", "unknown channel 'press_release'"),
])
def test_bad_claim_lexicon_entry_names_file_and_line(tmp_path, name, line, reason):
    from marsad.actors.grammar import Grammar
    from marsad.claims.lexicon import load_claims

    folder = tmp_path / "ar" / "claims"
    folder.mkdir(parents=True)
    (folder / "cues.tsv").write_text("# cues\n", encoding="utf-8")
    (folder / "channels.tsv").write_text("# channels\n", encoding="utf-8")
    path = folder / name
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"{path}:2: .*{reason}"):
        load_claims(folder, Grammar.load(package_dirs()[1] / "ar" / "actors" / "grammar.toml"))


@pytest.mark.parametrize("line, reason", [
    ("هاجم\tATTACK\t18\t-\tverb\ts", "unknown event type 'ATTACK'"),
    ("هاجم\tASSAULT\t21\t-\tverb\ts", "cameo_root must be 01-20"),
])
def test_bad_trigger_names_file_and_line(tmp_path, line, reason):
    from marsad.actors.grammar import Grammar
    from marsad.events.lexicon import load_events

    folder = tmp_path / "ar" / "events"
    folder.mkdir(parents=True)
    (folder / "triggers.tsv").write_text("# triggers\n" + line + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=f"triggers.tsv:2: {reason}"):
        load_events(folder, Grammar.load(package_dirs()[1] / "ar" / "actors" / "grammar.toml"))


@pytest.mark.parametrize("line, reason", [
    ("التحالف\tno-such-coalition\tYEM", "unknown actor or country 'no-such-coalition'"),
    ("التحالف\tarab-coalition\tYEM XXX", "unknown actor or country 'XXX'"),
])
def test_bad_theatre_names_file_and_line(tmp_path, line, reason):
    from marsad.actors.grammar import Grammar
    from marsad.actors.lexicon import Builder, load_theatres

    path = tmp_path / "theatres.tsv"
    path.write_text("# theatres\n" + line + "\n", encoding="utf-8")
    build = Builder(Grammar.load(package_dirs()[1] / "ar" / "actors" / "grammar.toml"))
    with pytest.raises(LexiconError, match=f"{path}:2: {reason}"):
        load_theatres(path, build, default_lexicon().actors)
