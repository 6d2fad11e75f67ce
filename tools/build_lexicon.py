"""Build the generated actor lexicons from the field's open dictionaries (`make lexicon`).

Reads ../shared/lexicon-sources (Phoenix/PETRARCH2 English actors, UniversalPetrarch Arabic
actors; MIT) and checks Arabic entries against the SaudiNewsNet corpus, then writes:
- marsad/lexicon/actors_sources.tsv          actors not in the hand-written actors.tsv
- marsad/lang/en/actors/aliases_sources.tsv  English names, acronyms and surnames
- marsad/lang/ar/actors/aliases_sources.tsv  Arabic names found in the corpus, and the Latin-script
                                             names and acronyms of organisations (NATO in Arabic text)
Hand-written files always win: a generated form that the hand-written lexicon already has is
dropped or attached to the hand-written actor. The output is sorted, so a rerun is reproducible.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick

from marsad.actors import extract_mentions
from marsad.actors.lexicon import Builder, load_lexicon, load_roles, load_sectors, package_dirs, rows, words
from marsad.actors.grammar import Grammar
from marsad.lang import pack
from marsad.normalize import fold

log = logging.getLogger("build_lexicon")

ARMED = frozenset({"REB", "INS", "SEP", "UAF", "IMG"})
# Corpus thresholds, set by reading the kept and dropped lists of a first run: an Arabic dictionary
# form seen fewer times is mostly a machine-translation artefact; an org lemma needs a spelling
# the corpus uses at least ORG_MIN times to be trusted.
PERSON_MIN, ORG_MIN = 2, 3
# An Arabic name that a title of a country introduces in the corpus («الرئيس الفرنسي فرانسوا
# هولاند») is paired with the Phoenix person of that country whose consonant skeleton is the same,
# when it is seen at least this many times (once is often a misspelling) and only one person matches.
PAIR_MIN = 2
# common_words.txt: a word is common (no organisation name) when the corpus writes it with the
# article at least ARTICLE_MIN times, or uses it at least WORD_MIN times in all (verbs, particles).
# Set by reading what a first run let through after «شركة» and «حزب» in 1,000 corpus articles.
ARTICLE_MIN, WORD_MIN = 3, 100
# not_name_words.txt: a word is no name word (it ends a name) when the corpus uses it at least
# NAME_SEEN times and writes it right after a given name in under NAME_SHARE of those uses. Set by
# reading both sides of the cut on the corpus: verbs, verbal nouns and common adjectives fall
# under it (تناولت 0/164, الاجراءات 35/1639), family names stay far above (الزهراني 321/551,
# الحمادي 38/107); a few occupational names are lost (الشاعر 9/870).
NAME_SEEN, NAME_SHARE = 20, 0.03
# Phoenix people whose last dated role ended before this date are left out: news from 2000 on
# rarely names them, and dropping them halves the list (the best-known historical figures are in
# the hand-written actors.tsv).
PERSON_SINCE = 19900101
# A form is dropped when more than this share of its corpus hits follow a word that makes it part of
# a place or an institution named after it (جامعة الملك سعود, شارع جمال عبد الناصر).
OTHER_SHARE = 0.5
PLACE_HEADS = {fold(w) for w in (
    "جامعة مستشفى شارع مدينة مسجد مطار مركز حي جائزة مؤسسة مدرسة قاعة ميناء طريق كلية مجمع "
    "ملعب استاد قاعدة جسر ميدان ساحة مكتبة معهد برج محافظة مركز ضاحية").split()}
# Heads that start an organisation's name in the Arabic dictionary's lemmas.
ORG_HEADS_AR = {fold(w) for w in (
    "حزب حركة جبهة منظمة وكالة بنك مصرف شركة اتحاد جمعية هيئة صحيفة جريدة مؤسسة "
    "كتائب ائتلاف تيار تجمع جماعة رابطة صندوق مجلة إذاعة تلفزيون جامعة نادي").split()}
# Words that qualify an organisation without naming it (الحزب الحاكم, البنك المركزي).
GENERIC_AR = {fold(w) for w in "حاكم مركزي عالمي دولي حكومي خاص عام كبير سياسي معارض جديد".split()}
ORG_WORDS_EN = set(
    "UNION COUNCIL ORGANIZATION ORGANISATION FRONT ARMY PARTY BRIGADE BRIGADES MOVEMENT GROUP FORCES "
    "FORCE COMMITTEE BANK FUND AGENCY ASSOCIATION LEAGUE COMMISSION COURT PROGRAMME PROGRAM INSTITUTE "
    "FEDERATION ALLIANCE CORPS NETWORK SOCIETY CENTER CENTRE FOUNDATION OFFICE MISSION ASSEMBLY "
    "CONFERENCE PARLIAMENT MINISTRY GOVERNMENT NATIONS STATES COMMUNITY TRIBUNAL ASSOCIATION CONGRESS "
    "BUREAU AUTHORITY REPUBLIC KINGDOM COALITION JIHAD BATTALION BATTALIONS MARTYRS CELLS "
    "COMPANY CORPORATION NEWS RADIO TELEVISION TIMES POST AGENCY SECRETARIAT PARTNERSHIP "
    "INTERNATIONAL NATIONAL ISLAMIC LIBERATION REVOLUTIONARY PEOPLES PEOPLE'S".split())
# A given name that is also a frequent particle once folded (علي is على): the word after it says
# nothing about names, so it is left out of the count of words after a given name.
WEAK_GIVEN_AR = ("علي",)
# Particles after which a name follows (محمد بن نايف, أبو خالد): what comes next counts as a name word.
NASAB_AR = frozenset({"بن", "ابن", "بنت", "ابو", "ابي", "ابا"})
PARTICLES_EN = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "der", "la", "le", "du"}
ROMAN = dict(zip("ابتثجحخدذرزسشصضطظعغفقكلمنهوىيةءأإآؤئ",
                 ["a", "b", "t", "th", "j", "h", "kh", "d", "dh", "r", "z", "s", "sh", "s", "d", "t", "z",
                  "", "gh", "f", "q", "k", "l", "m", "n", "h", "w", "a", "y", "a", "", "a", "i", "a", "",
                  ""]))


@dataclass
class Source:
    """One dictionary entry: its names (first the main one) and dated codes."""

    names: list[str]
    codes: list[tuple[str, int, int]] = field(default_factory=list)
    note: str = ""
    file: str = ""


@dataclass
class Out:
    """What the build writes."""

    actors: dict[str, list[str]] = field(default_factory=dict)
    aliases: dict[str, dict[str, tuple[str, str]]] = field(default_factory=lambda: defaultdict(dict))


CODE = re.compile(r"\[([A-Z~]+)(?:\s+([<>]?)(\d{6,8})?(?:-(\d{6,8}))?)?\s*\]")


def date(text: str | None, default: int) -> int:
    """A dictionary date as yyyymmdd; 6-digit dates are yymmdd (years after 30 are 19xx)."""
    if not text:
        return default
    if len(text) == 6:
        text = ("19" if int(text[:2]) > 30 else "20") + text
    value = int(text[:8].ljust(8, "0"))
    return default if value < 18010101 and default > 20000000 else value


def codes_of(line: str) -> list[tuple[str, int, int]]:
    """(code, start, end) of every bracketed code on a line; open ends are 99999999."""
    out = []
    for code, sign, first, second in CODE.findall(line):
        start, end = date(first, 0), date(second, 99999999)
        if sign == "<":
            start, end = 0, date(first, 99999999)
        elif sign == ">" or (first and not second):
            end = 99999999
        out.append((code.lstrip("~"), start, end))
    return out


def parse(path: Path) -> list[Source]:
    """Entries of a PETRARCH .actors file: a name line, + synonym lines, bracketed code lines."""
    out: list[Source] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line, _, note = raw.partition("#")
        text = line.strip()
        if not text:
            continue
        name = CODE.sub("", text).strip().strip("_").strip()
        if text.startswith("["):
            if out:
                out[-1].codes += codes_of(text)
        elif text.startswith("+"):
            if out and name.lstrip("+").strip("_"):
                out[-1].names.append(name.lstrip("+").strip("_"))
        elif not raw[:1].isspace() or name:
            out.append(Source([name], codes_of(text), note.strip(), path.name))
    return [s for s in out if s.names[0]]


def current(codes: list[tuple[str, int, int]]) -> str | None:
    """The code of the latest role: the latest end, then the latest start."""
    return max(codes, key=lambda c: (c[2], c[1]))[0] if codes else None


def split_code(code: str | None, countries: set[str], sectors: frozenset[str]) -> tuple[str, str]:
    """(country, sector) of a CAMEO code, '-' for none."""
    if not code:
        return "-", "-"
    country = code[:3] if code[:3] in countries else "-"
    rest = code[3:] if country != "-" else code
    sector = rest[:3] if rest[:3] in sectors else "-"
    return country, sector


def en_tokens(name: str) -> list[str]:
    """Words of an English dictionary name (parentheses and underscores removed)."""
    name = re.sub(r"\([^)]*\)", " ", name)
    return [t for t in re.split(r"[_\s]+", name) if t]


def en_shown(tokens: list[str]) -> str:
    """A dictionary name in capitals written as a name: NURI_AL-MALIKI -> Nuri al-Maliki."""
    out = []
    for t in tokens:
        parts = [p.capitalize() for p in t.lower().split("-")]
        if parts[0].lower() in PARTICLES_EN and len(parts) > 1 or t.lower() in PARTICLES_EN:
            parts[0] = parts[0].lower()
        out.append("-".join(parts))
    return " ".join(out)


def slug(text: str) -> str:
    """A key slug: ASCII lower-case words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def romanize(arabic: str) -> str:
    """A plain transliteration of an Arabic name for its English label (جورج بوش -> Jurj Bush)."""
    out = []
    for w in fold(arabic).split():
        art = w.startswith("ال") and len(w) > 3
        body = w[2:] if art else w
        letters = [("u" if c == "و" else "i") if i and c in "وي" and body[i - 1] not in "اوي"
                   and (i + 1 == len(body) or body[i + 1] not in "اوي") else ROMAN.get(c, c)
                   for i, c in enumerate(body)]
        out.append(("al-" if art else "") + "".join(letters).capitalize())
    return " ".join(out)


class Known:
    """The hand-written forms of one language (aliases, roles, blocks, honorifics)."""

    def __init__(self, folder: Path, sectors: frozenset[str]):
        self.grammar = Grammar.load(folder / "grammar.toml")
        self.build = Builder(self.grammar)
        self.alias: dict[str, str] = {}
        self.taken: set[str] = set()
        self.role_words: set[str] = {self.key(w) for w in words(folder / "honorifics.txt")}
        for path in sorted(folder.glob("aliases_*.tsv")):
            if path.name != "aliases_sources.tsv":
                for _, (surface, key, kind) in rows(path, 3):
                    self._alias(surface, key, kind)
        if (folder / "roles.tsv").is_file():
            for surface, _, _ in load_roles(folder / "roles.tsv", sectors)[1]:
                self.taken.update(self.grammar.article_variants(self.key(surface)))
                self.role_words.update(self.key(surface).split())
        for name in ("not_actors.txt", "honorifics.txt", "given_names.txt", "not_names.txt"):
            self.taken.update(self.key(w) for w in words(folder / name))
        self.stop = {self.key(w) for w in pack(folder.parent.name).stopwords}

    def _alias(self, surface: str, key: str, kind: str) -> None:
        """Remember a hand-written alias (nisba forms inflected)."""
        forms = self.grammar.nisba_forms(self.key(surface)) if kind == "nisba" else [self.key(surface)]
        for form in forms:
            self.taken.add(form)
            if kind != "surname":
                self.alias.setdefault(form, key)

    def key(self, surface: str) -> str:
        """The matching form of a surface."""
        return self.build.key(surface)

    def has(self, form: str) -> bool:
        """Whether the hand-written lexicon has a form, also without a leading "the": the
        sources' "The United Nations" is the hand-written United Nations, not an actor of its own."""
        return form in self.taken or self.bare(form) in self.taken

    @staticmethod
    def bare(form: str) -> str:
        """A matching form without a leading English article (Arabic writes its article on the word)."""
        return form.removeprefix("the ")


class Corpus:
    """Counts of candidate forms in the folded corpus, with how often a place head precedes them."""

    def __init__(self, path: Path | None, limit: int | None):
        self.texts: list[str] = []
        if path and path.is_file():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for n, line in enumerate(fh):
                    if limit and n >= limit:
                        break
                    doc = json.loads(line)
                    self.texts.append(fold(f"{doc.get('title', '')}\n{doc.get('content', '')}"))
        log.info("corpus: %d articles", len(self.texts))

    def count(self, forms: set[str]) -> dict[str, tuple[int, int]]:
        """(hits, hits after a place head) of each form, at word boundaries, proclitics allowed."""
        auto = ahocorasick.Automaton()
        for form in forms:
            auto.add_word(form, form)
        if not forms:
            return {}
        auto.make_automaton()
        hits, other = Counter(), Counter()
        for text in self.texts:
            for last, form in auto.iter(text):
                start = last - len(form) + 1
                if not self._bounded(text, start, last + 1):
                    continue
                hits[form] += 1
                prev = text[:start].rstrip().rsplit(None, 1)[-1:] if start else []
                if prev and (prev[0] in PLACE_HEADS or prev[0][1:] in PLACE_HEADS):
                    other[form] += 1
        return {f: (hits[f], other[f]) for f in forms}

    @staticmethod
    def _bounded(text: str, start: int, end: int) -> bool:
        """Whether a hit ends a word and starts one (after at most two proclitic letters)."""
        if end < len(text) and text[end].isalnum():
            return False
        k = start
        while k > 0 and start - k < 2 and text[k - 1] in "وفبلك":
            k -= 1
        return k == 0 or not text[k - 1].isalnum()


def trusted(counts: dict[str, tuple[int, int]], form: str, minimum: int) -> bool:
    """Whether a form is seen often enough in the corpus and mostly on its own."""
    hits, other = counts.get(form, (0, 0))
    return hits >= minimum and other <= OTHER_SHARE * hits


class Build:
    """The state of one build."""

    def __init__(self, sources: Path, corpus: Corpus):
        self.common, self.langs = package_dirs()
        self.sectors = load_sectors(self.common / "sectors.tsv")
        self.countries = {r[1][0] for r in rows(self.common / "countries.tsv", 4)}
        self.hand = {r[1][0]: r[1] for r in rows(self.common / "actors.tsv", 7)}
        self.known = {code: Known(self.langs / code / "actors", self.sectors) for code in ("ar", "en")}
        self.given = {code: {k.key(w) for w in words(self.langs / code / "actors" / "given_names.txt")}
                      for code, k in self.known.items()}
        self.sources, self.corpus, self.out = sources, corpus, Out()
        self.skeletons: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.last_held: dict[str, tuple[int, int]] = {}   # key -> (end, start) of the last dated code

    # ---- writing -------------------------------------------------------------------------
    def actor(self, key: str, kind: str, code: str | None, name: str, name_ar: str = "-") -> str:
        """Record a generated actor (the first definition of a key wins)."""
        country, sector = split_code(code, self.countries, self.sectors)
        if key not in self.hand and key not in self.countries:
            self.out.actors.setdefault(key, [key, kind, code or "-", country, sector, name, name_ar])
        return key

    def alias(self, lang: str, surface: str, key: str, kind: str) -> bool:
        """Record a generated alias unless the hand-written lexicon has the form; a form two
        generated actors claim is dropped for both."""
        known = self.known[lang]
        form = known.key(surface)
        if not form or known.has(form) or (kind != "acronym" and form in known.stop):
            return False
        got = self.out.aliases[lang].get(form)
        if got is not None and got[0] != key:
            self.out.aliases[lang][form] = ("", "")
            return False
        if got is None:
            self.out.aliases[lang][form] = (key, kind, surface)
        return True

    # ---- English Phoenix -------------------------------------------------------------------
    def phoenix(self) -> None:
        """People (CountryInfo entries and person-like international ones) and organisations."""
        folder = self.sources / "en-phoenix"
        for src in parse(folder / "Phoenix.Countries.actors.txt"):
            if "CountryInfo" in src.note:
                self.person_en(src)
        for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
            for src in parse(folder / name):
                if self.is_person_en(src):
                    self.person_en(src)
                else:
                    self.org_en(src)

    def is_person_en(self, src: Source) -> bool:
        """A dated entry without organisation words, or one starting with a given name."""
        tokens = en_tokens(src.names[0])
        if any(t.upper() in ORG_WORDS_EN for t in tokens) or len(tokens) < 2:
            return False
        return tokens[0].lower() in self.given["en"] or any(c[1] or c[2] < 99999999 for c in src.codes)

    def person_name_ok(self, tokens: list[str]) -> bool:
        """A full name: two to five words, not all given names, none a stopword or role word."""
        low = [t.lower().strip(".") for t in tokens]
        known = self.known["en"]
        if not 2 <= len(low) <= 5 or all(t in self.given["en"] for t in low):
            return False
        return not any(t in known.stop or t in known.role_words or not re.fullmatch(r"[a-z.'\-]+", t) for t in low)

    def person_en(self, src: Source) -> None:
        """A Phoenix person: full names as names, one-word synonyms and the last name as surnames."""
        tokens = en_tokens(src.names[0])
        if not self.person_name_ok(tokens) or max((c[2] for c in src.codes), default=0) < PERSON_SINCE:
            return
        names = [n for n in (en_tokens(x) for x in src.names) if self.person_name_ok(n)]
        key = self.existing("en", [en_shown(n) for n in names]) or f"person-{slug(en_shown(tokens))}"
        code = current(src.codes)
        for n in names:
            self.alias("en", en_shown(n), key, "name")
        for n in [en_tokens(x) for x in src.names] + [tokens[-1:]]:
            if len(n) == 1 and len(n[0]) >= 4 and n[0].lower() not in self.given["en"]:
                self.alias("en", en_shown(n), key, "surname")
        self.actor(key, "person", code, en_shown(tokens))
        country = split_code(code, self.countries, self.sectors)[0]
        if max((c[2] for c in src.codes), default=0) >= 20000101:
            self.skeletons[(country, skeleton_en(en_shown(tokens)))].add(key)
            dated = [(c[2], c[1]) for c in src.codes if c[1] or c[2] < 99999999] or [(0, 0)]   # not [USAELI]
            self.last_held[key] = max(self.last_held.get(key, (0, 0)), max(dated))

    def existing(self, lang: str, surfaces: list[str]) -> str | None:
        """The hand-written actor one of these surfaces already names."""
        known = self.known[lang]
        for s in surfaces:
            key = known.alias.get(known.key(s)) or known.alias.get(known.bare(known.key(s)))
            if key:
                return key
        return None

    def org_en(self, src: Source) -> None:
        """A Phoenix organisation: names of three words or more, hyphenated names, acronyms."""
        code = current(src.codes)
        if not code:
            return
        kind, surfaces = self.org_kind(code, src.file), []
        for raw in src.names:
            surfaces += [(a, "acronym") for a in re.findall(r"\(([A-Z][A-Z\-/]{1,7})\)", raw)]
            tokens = en_tokens(raw)
            if len(tokens) == 1 and re.fullmatch(r"[A-Z]{2,6}", tokens[0].replace(".", "")):
                surfaces.append((tokens[0], "acronym"))
            elif len(tokens) >= 3 or (len(tokens) == 2 and "-" in raw):
                surfaces.append((en_shown(tokens), "name"))
        names = [s for s, k in surfaces if k == "name"]
        if not names:
            return
        key = self.existing("en", [s for s, _ in surfaces]) or f"org-{slug(names[0])}"
        if any([self.alias("en", s, key, k) for s, k in surfaces]):
            self.actor(key, kind, code, names[0])

    def org_kind(self, code: str, file: str) -> str:
        """The kind a code gives an organisation."""
        sector = split_code(code, self.countries, self.sectors)[1]
        if sector in ARMED or "MilNonState" in file:
            return "armed_group"
        return "media" if sector == "MED" else "organization"

    def paired(self, country: str | None, name: str) -> str | None:
        """The Phoenix person (in office after 2000) of a country whose name sounds like an Arabic
        one; of several (George W. and George H. W. Bush, two spellings of Siniora), the one whose
        last dated code ends, then starts, last, when only one does."""
        keys = self.skeletons.get((country, skeleton_ar(name)), set())
        if len(keys) <= 1:
            return next(iter(keys), None)
        last = max(self.last_held.get(k, (0, 0)) for k in keys)
        latest = [k for k in keys if self.last_held.get(k, (0, 0)) == last]
        return latest[0] if len(latest) == 1 else None

    # ---- Arabic names of Phoenix people, from titles in the corpus ----------------------------
    def pair_from_corpus(self) -> None:
        """Arabic spellings of Phoenix people: names the corpus introduces with a country's title."""
        lexicon, seen = load_lexicon(), Counter()
        for text in self.corpus.texts:
            for m in extract_mentions(text, "ar", lexicon):
                if m.kind == "name" and m.actor.key.startswith("person:ar:") and m.actor.country:
                    seen[(m.actor.key.split(":", 2)[2], m.actor.country)] += 1
        paired = 0
        for (name, country), n in sorted(seen.items()):
            key = self.paired(country, name)
            if n >= PAIR_MIN and key and len(name.split()) >= 2 and len(skeleton_ar(name)) >= 4:
                paired += self.alias("ar", name, key, "name")
                self.alias("ar", name.split()[-1], key, "surname")
                if key in self.out.actors and self.out.actors[key][6] == "-":
                    self.out.actors[key][6] = name
        log.info("paired %d Arabic names from titles in the corpus", paired)

    # ---- Arabic UniversalPetrarch ----------------------------------------------------------
    def petrarch(self) -> None:
        """Arabic people and organisations of the dictionary that the corpus uses."""
        entries = parse(self.sources / "ar-petrarch" / "actor_dict_ar_v4.txt")
        people, orgs = [], []
        for src in entries:
            raw = [w for w in src.names[0].replace("_", " ").split() if w]
            lemma = [fold(w) for w in raw]
            if self.is_person_ar(lemma):
                people.append((src, " ".join(raw)))
            elif len(lemma) >= 2 and lemma[0] in ORG_HEADS_AR and current(src.codes) and proper(lemma):
                orgs.append((src, org_variants(raw)))
        forms = {fold(p) for _, p in people} | {fold(v) for _, vs in orgs for v in vs}
        counts = self.corpus.count(forms)
        for src, name in people:
            if trusted(counts, fold(name), PERSON_MIN):
                self.person_ar(src, name)
        for src, variants in orgs:
            best = max(variants, key=lambda v: counts.get(fold(v), (0, 0))[0])
            if trusted(counts, fold(best), ORG_MIN):
                self.org_ar(src, best)

    def is_person_ar(self, lemma: list[str]) -> bool:
        """Two to five words, starting with a given name, not all given names."""
        given = self.given["ar"]
        if not 2 <= len(lemma) <= 5:
            return False
        first = lemma[0] in given or " ".join(lemma[:2]) in given
        if len(lemma) == 2 and lemma[1] in given:
            return False          # two given names (احمد سعيد): many people, not one
        return first and not all(w in given for w in lemma) and not any(
            w in self.known["ar"].stop for w in lemma)

    def person_ar(self, src: Source, name: str) -> None:
        """An Arabic person: paired with the Phoenix person of the same country and sound, else new."""
        code = current(src.codes)
        key = self.existing("ar", [name])
        if key is None:
            country = split_code(code, self.countries, self.sectors)[0]
            key = self.paired(country, name) or f"person-{slug(romanize(name))}"
        if self.alias("ar", name, key, "name"):
            self.actor(key, "person", code, romanize(name), name)
            if key in self.out.actors and self.out.actors[key][6] == "-":
                self.out.actors[key][6] = name

    def org_ar(self, src: Source, surface: str) -> None:
        """An Arabic organisation under the spelling the corpus uses."""
        code = current(src.codes)
        key = self.existing("ar", [surface]) or f"org-{slug(romanize(surface))}"
        if self.alias("ar", surface, key, "name"):
            self.actor(key, self.org_kind(code, ""), code, romanize(surface), surface)

    # ---- Latin-script names inside Arabic text ---------------------------------------------
    def latin(self) -> None:
        """English acronyms and names of organisations, as written, for Arabic text."""
        en = self.langs / "en" / "actors"
        listed = [(s, k, m) for p in sorted(en.glob("aliases_*.tsv")) if p.name != "aliases_sources.tsv"
                  for _, (s, k, m) in rows(p, 3)]
        listed += [v for v in self.out.aliases["en"].values() if v[0]]
        kinds = {k: r[1] for k, r in self.hand.items()} | {k: r[1] for k, r in self.out.actors.items()}
        for surface, key, kind in sorted(listed):
            if kinds.get(key) in ("organization", "media", "armed_group") and kind in ("name", "acronym") \
                    and surface[:1].isupper():     # matched as written in Arabic text (no case folding)
                self.alias("ar", surface, key, kind)

    def common_words(self) -> None:
        """Arabic words the corpus writes with the article, or uses often: not organisation names."""
        total, with_article = Counter(), Counter()
        token = re.compile(r"[^\W\d_]+")
        for text in self.corpus.texts:
            for word in token.findall(text):
                total[word] += 1
                for art in ("ال", "وال", "بال", "فال", "كال", "لل"):
                    if word.startswith(art) and len(word) > len(art) + 1:
                        with_article[word[len(art):]] += 1
                        break
        common = {w for w, n in with_article.items() if n >= ARTICLE_MIN} | {w for w, n in total.items() if n >= WORD_MIN}
        head = ("# Generated by tools/build_lexicon.py from the SaudiNewsNet corpus (word counts only, no text): folded\n"
                "# words written with the article or frequent; after an organisation head they are no name.\n")
        path = self.langs / "ar" / "actors" / "common_words.txt"
        path.write_text(head + "\n".join(sorted(common)) + "\n", encoding="utf-8")
        log.info("wrote %d common words", len(common))

    def name_words(self) -> None:
        """Arabic words that follow a given name in almost none of their corpus uses: no name words."""
        given = self.given["ar"] - {fold(w) for w in WEAK_GIVEN_AR}
        total, after = Counter(), Counter()
        token = re.compile(r"[^\W\d_]+|[^\w\s]")
        for text in self.corpus.texts:
            before = previous = ""
            for word in token.findall(text):
                total[word] += 1
                if _after_name(before, previous, given):
                    after[word] += 1
                before, previous = previous, word
        parts = {w for name in self.given["ar"] for w in name.split()}     # عبد الله, صلاح الدين
        stop = {w: n for w, n in total.items() if n >= NAME_SEEN and after[w] < NAME_SHARE * n
                and w not in parts and w.isalpha() and not w.isascii()}
        head = ("# Generated by tools/build_lexicon.py from the SaudiNewsNet corpus (word counts only, no text;\n"
                "# CC BY-NC-SA 4.0 counts): folded words the corpus uses often but almost never right after a\n"
                "# given name, with their number of uses. After the first word of a name they end it (names.py).\n")
        path = self.langs / "ar" / "actors" / "not_name_words.tsv"
        path.write_text(head + "".join(f"{w}\t{n}\n" for w, n in sorted(stop.items())), encoding="utf-8")
        log.info("wrote %d no-name words", len(stop))

    def write(self) -> None:
        """Write the three generated files, sorted."""
        head = "# Generated by tools/build_lexicon.py (make lexicon) from ../shared/lexicon-sources; do not edit.\n"
        head += "# Sources: Phoenix/PETRARCH2 (MIT, (c) 2014 Open Event Data) and UniversalPetrarch (MIT, (c) 2016\n"
        head += "# Open Event Data Alliance); Arabic entries kept only when the SaudiNewsNet corpus uses them.\n"
        used = {v[0] for lang in self.out.aliases.values() for v in lang.values() if v[0]}
        actors = sorted(r for k, r in self.out.actors.items() if k in used)
        (self.common / "actors_sources.tsv").write_text(
            head + "".join("\t".join(r) + "\n" for r in actors), encoding="utf-8")
        for lang, forms in self.out.aliases.items():
            lines = sorted(f"{v[2]}\t{v[0]}\t{v[1]}\n" for v in forms.values() if v[0])
            (self.langs / lang / "actors" / "aliases_sources.tsv").write_text(head + "".join(lines), encoding="utf-8")
        log.info("wrote %d actors, %s aliases", len(actors),
                 {lang: sum(1 for v in f.values() if v[0]) for lang, f in self.out.aliases.items()})


def _after_name(before: str, previous: str, given: set[str]) -> bool:
    """Whether a word comes right after a given name (ومحمد, عبد الكريم) or a nasab particle."""
    return (previous in given or previous[:1] == "و" and previous[1:] in given
            or f"{before} {previous}" in given or previous in NASAB_AR)


def proper(lemma: list[str]) -> bool:
    """Whether a lemmatised organisation name has a word that is no adjective (حزب الوفد, not
    الحزب الحاكم or الشركة الأمريكية: those name no one organisation)."""
    return any(not (w.endswith(("ي", "يه")) or w.startswith("ال") and w.endswith("ه") and len(lemma) == 2
                    or w in GENERIC_AR) for w in lemma[1:])


def org_variants(lemma: list[str]) -> list[str]:
    """Spellings of a lemmatised organisation name: the head bare, the rest with the article,
    adjectives in -ي also feminine (حزب وفد -> حزب الوفد; جبهة تحرير وطني -> جبهة التحرير الوطني)."""
    options = [[lemma[0], "ال" + lemma[0]]]
    for w in lemma[1:]:
        base = w[2:] if w.startswith(("ال", "أل")) else w
        forms = [base, "ال" + base]
        if base.endswith(("ي", "ى")):
            forms += ["ال" + base[:-1] + "ية"]
        options.append(forms)
    out = [""]
    for forms in options:
        out = [f"{o} {f}".strip() for o in out for f in forms][:64]
    return out


def skeleton_en(name: str) -> str:
    """Consonant skeleton of a Latin name for pairing with Arabic (al-, vowels, w, y dropped)."""
    text = re.sub(r"\babd[ue]l[- ]?", "abd ", name.lower())
    text = re.sub(r"\b(al|el)[- ]", "", text)
    text = re.sub(r"h\b", "", text)          # a final h is mostly ة (Osama, اسامه; Hamadeh, حماده)
    text = re.sub(r"c(?=[eiy])", "s", text)  # a soft c is س (Rice, رايس; Vincent, فنسنت)
    text = text.replace("tsh", "sh").replace("ch", "sh").replace("ou", "w").replace("kh", "k").replace("sh", "s").replace("th", "t").replace("dh", "d")
    text = text.replace("gh", "g").replace("q", "k").replace("j", "g").replace("z", "s").replace("c", "k")
    text = text.replace("p", "b").replace("v", "f").replace("g", "k")    # Arabic has no p, v; ج/غ/خ vary
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]|[aeiouwy]", "", text))


def skeleton_ar(name: str) -> str:
    """The same skeleton of an Arabic name."""
    return skeleton_en(romanize(name).replace("'", ""))


def main() -> None:
    """Build and write the generated lexicons."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=Path("../shared/lexicon-sources"))
    parser.add_argument("--corpus", type=Path,
                        default=Path("../shared/corpus/saudinewsnet/saudinewsnet_all_31030.jsonl.gz"))
    parser.add_argument("--limit", type=int, default=None, help="read only this many corpus articles")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    common, langs = package_dirs()
    for old in [common / "actors_sources.tsv", *langs.glob("*/actors/aliases_sources.tsv")]:
        old.unlink(missing_ok=True)      # the build starts from the hand-written files alone
    build = Build(args.sources, Corpus(args.corpus, args.limit))
    build.phoenix()
    build.pair_from_corpus()
    build.petrarch()
    build.latin()
    build.write()
    build.common_words()
    build.name_words()


if __name__ == "__main__":
    main()
