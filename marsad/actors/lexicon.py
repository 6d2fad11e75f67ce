"""Actor lexicons: load and validate the data files, and build one matcher per language.

Files and formats are described in `marsad/lexicon/README.md`. Everything is read once per
process (`default_lexicon` is cached) and is immutable afterwards.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from ..errors import LexiconError
from ..ids import content_id
from ..lang import pack
from ..normalize import fold
from . import scan
from .grammar import Grammar
from .places import add_places, load_cues, load_places

log = logging.getLogger(__name__)

KINDS = frozenset({"country", "organization", "person", "armed_group", "location", "media", "other"})
MENTION_KINDS = frozenset({"name", "acronym", "metonym", "nisba", "surname", "short"})
HOLDERS = frozenset({"institution", "person", "group"})


@dataclass(frozen=True)
class Actor:
    """A canonical actor of the lexicon (or one found in an article)."""

    key: str
    kind: str
    code: str | None
    country: str | None
    sector: str | None
    name: str
    name_ar: str | None = None

    @cached_property
    def actor_id(self) -> str:
        """Stable id: the same key gives the same id in every run and article (computed once)."""
        return _actor_id(self.key)


# Actor ids kept by key: the actors found in an article (people, unnamed sources, collectives) are
# made anew in each, and the same keys come back (bounds the memory: a key and an id, ~200 bytes).
ACTOR_IDS_KEPT = 65536


@lru_cache(maxsize=ACTOR_IDS_KEPT)
def _actor_id(key: str) -> str:
    """content_id of an actor key."""
    return content_id("actor", key)


@dataclass(frozen=True, slots=True)
class Role:
    """A role noun or title (وزارة الخارجية, ambassador) and what it makes of a country."""

    key: str
    sector: str
    holder: str
    bare: bool
    name: str


# Not slots=True: a frozen dataclass with slots is unpickled by a Python __setstate__, one call
# per entry; without slots pickle fills its __dict__ in C. With the entries shared (Builder._put),
# reading the extractor cache took 1.12 -> 0.53 s of CPU (2026-12-07, this 2-core machine).
@dataclass(frozen=True)
class Entry:
    """What one written form in the matcher stands for."""

    what: str            # alias, role, honorific, or block (a phrase that is never an actor)
    target: str          # actor key, role key, or the honorific itself
    kind: str            # mention kind for aliases; "role"/"honorific" otherwise
    clitic: int          # length of the proclitic written before the surface
    exact: str | None    # for acronyms in a cased script: the form that must match as written
    priority: int        # 0 listed, 1 inflected, 2 with a proclitic: lower wins a clash


@dataclass
class LanguageLexicon:
    """The matcher and word lists of one language."""

    code: str
    grammar: Grammar
    automaton: ahocorasick.Automaton | None     # of every word list, built last (scan.py)
    surnames: dict[str, tuple[str, ...]]
    given_names: frozenset[str]
    stop: frozenset[str]
    honorifics: frozenset[str]
    anaphors: dict[str, frozenset[str]] = field(default_factory=dict)
    place_cues: frozenset[str] = frozenset()
    surnames_of: dict[str, tuple[str, ...]] = field(default_factory=dict)   # actor key -> its surname forms
    shorts: dict[str, tuple[str, ...]] = field(default_factory=dict)        # short form -> organisations
    short_cues: dict[str, frozenset[str]] = field(default_factory=dict)     # cue word -> sectors (orgs.py)
    org_heads: dict[str, tuple[str, str, bool, bool]] = field(default_factory=dict)  # see load_heads
    common: frozenset[str] = frozenset()                                    # words written with the article
    org_words: frozenset[str] = frozenset()                                 # common words that start a name (orgs.py)
    org_links: frozenset[str] = frozenset()                                 # words linking an org to another actor
    tails: dict[str, str] = field(default_factory=dict)                     # name after a head -> key (صحيفة الحياة)
    national: frozenset[str] = frozenset()                                  # bare titles of the home country's forces
    loyal: frozenset[str] = frozenset()                                     # الموالي: a title runs on over «الموالي لX»
    followers: frozenset[str] = frozenset()                                 # قوات, فلول: a person's forces (followers.py)
    epithets: frozenset[str] = frozenset()                                  # المخلوع: between followers and the person
    headed: dict[str, frozenset[str]] = field(default_factory=dict)         # anaphor head -> keys named with it
    theatres: dict[str, tuple] = field(default_factory=dict)                # bare alias -> ((key, theatre), ...)


@dataclass
class Lexicon:
    """All actors, roles and per-language matchers."""

    actors: dict[str, Actor]
    demonyms: dict[str, str]
    roles: dict[str, dict[str, Role]]
    languages: dict[str, LanguageLexicon]
    fingerprint: str
    sectors: frozenset[str] = field(default_factory=frozenset)

    def language(self, code: str) -> LanguageLexicon | None:
        """The matcher for a language, or None when marsad has no actor lexicon for it."""
        return self.languages.get(code)


def rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a TSV lexicon file, failing on a wrong field count."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != width:
            raise LexiconError(f"{path}:{n}: expected {width} tab-separated fields, found {len(fields)}")
        if not all(fields):
            raise LexiconError(f"{path}:{n}: empty field (write - for none)")
        out.append((n, fields))
    return out


def words(path: Path) -> list[str]:
    """Folded words of a one-entry-per-line list (absent file: none)."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [fold(ln.strip()) for ln in lines if ln.strip() and not ln.startswith("#")]


def opt(value: str) -> str | None:
    """None for the placeholder '-'."""
    return None if value == "-" else value


def load_sectors(path: Path) -> frozenset[str]:
    """Sector codes from sectors.tsv."""
    return frozenset(code for _, (code, _meaning) in rows(path, 2))


def load_actors(common: Path, sectors: frozenset[str]) -> tuple[dict[str, Actor], dict[str, str]]:
    """Canonical actors (countries first) and the English demonym of each country."""
    actors, demonyms = {}, {}
    for n, (iso3, name, name_ar, demonym) in rows(common / "countries.tsv", 4):
        where = f"{common / 'countries.tsv'}:{n}"
        _unique(actors, iso3, where)
        actors[iso3] = Actor(iso3, "country", iso3, iso3, None, name, name_ar)
        demonyms[iso3] = demonym
    for path in sorted(common.glob("actors*.tsv")):     # actors.tsv, then generated actors_*.tsv
        for n, fields in rows(path, 7):
            actor = _actor(fields, f"{path}:{n}", sectors, actors)
            actors[actor.key] = actor
    return actors, demonyms


def _actor(fields: list[str], where: str, sectors: frozenset[str], known: dict) -> Actor:
    """One validated row of actors.tsv."""
    key, kind, code, country, sector, name, name_ar = fields
    _unique(known, key, where)
    if kind not in KINDS:
        raise LexiconError(f"{where}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    if opt(sector) and sector not in sectors:
        raise LexiconError(f"{where}: unknown sector code {sector!r} (see sectors.tsv)")
    if opt(country) and country not in known:
        raise LexiconError(f"{where}: unknown country {country!r} (not in countries.tsv)")
    return Actor(key, kind, opt(code), opt(country), opt(sector), name, opt(name_ar))


def _unique(known: dict, key: str, where: str) -> None:
    """Fail on a key defined twice."""
    if key in known:
        raise LexiconError(f"{where}: key {key!r} is defined twice")


def load_roles(path: Path, sectors: frozenset[str]) -> tuple[dict[str, Role], list[tuple[str, str, str]]]:
    """Roles by key, and (surface, role key, where) for each listed surface."""
    roles, surfaces = {}, []
    for n, (surface, key, sector, holder, bare, name) in rows(path, 6):
        where = f"{path}:{n}"
        if sector not in sectors:
            raise LexiconError(f"{where}: unknown sector code {sector!r} (see sectors.tsv)")
        if holder not in HOLDERS or bare not in ("yes", "no"):
            raise LexiconError(f"{where}: holder must be institution/person/group and bare yes/no")
        role = Role(key, sector, holder, bare == "yes", name)
        if roles.setdefault(key, role) != role:
            raise LexiconError(f"{where}: role {key!r} disagrees with its earlier surfaces "
                               "(sector, holder, bare and name must match)")
        surfaces.append((surface, key, where))
    return roles, surfaces


class Builder:
    """Collects the written forms of one language and checks that none is ambiguous."""

    def __init__(self, grammar: Grammar):
        self.grammar = grammar
        self.forms: dict[str, tuple[Entry, str]] = {}
        # One object per distinct entry: the forms of one alias share it (168,271 -> 41,810 objects).
        self.entries: dict[Entry, Entry] = {}

    def key(self, surface: str) -> str:
        """Matching form of a surface: folded, and lower-cased in a cased script."""
        folded = fold(surface)
        return folded.lower() if self.grammar.cased else folded

    def add(self, surface: str, entry: Entry, where: str) -> None:
        """Add a form with every proclitic variant; a listed form clashing with another fails."""
        base = self.key(surface)
        exact = fold(surface) if entry.kind == "acronym" or entry.what == "place" else None
        exact = exact if self.grammar.cased else None
        for form, clitic in self.grammar.with_clitics(base):
            prio = max(entry.priority, 2 if clitic else 0)
            self._put(form, Entry(entry.what, entry.target, entry.kind, clitic,
                                  exact, prio), where)

    def _put(self, form: str, entry: Entry, where: str) -> None:
        """Keep the stronger of two entries for a form; two listed forms for two targets fail.

        Stronger: listed before inflected before with a proclitic, then the shorter proclitic
        (وبحسب is و + بحسب before وب + حسب).
        """
        entry = self.entries.setdefault(entry, entry)
        old = self.forms.get(form)
        if old is None or (entry.priority, entry.clitic) < (old[0].priority, old[0].clitic):
            self.forms[form] = (entry, where)
        elif (entry.priority, entry.clitic) == (old[0].priority, old[0].clitic) \
                and (old[0].target, old[0].what) != (entry.target, entry.what):
            if entry.priority == 0:
                raise LexiconError(f"{where}: {form!r} already maps to {old[0].target!r} "
                                   f"({old[1]}); an alias must map to one actor")
            self.forms[form] = (Entry("ambiguous", "", "", 0, None, entry.priority), where)

    def unambiguous(self) -> dict[str, Entry]:
        """Every unambiguous form and its entry."""
        return {form: entry for form, (entry, _) in self.forms.items() if entry.what != "ambiguous"}

    def automaton(self) -> ahocorasick.Automaton:
        """The Aho-Corasick automaton over every unambiguous form (form -> (length, entry))."""
        auto = ahocorasick.Automaton()
        for form, (entry, _) in self.forms.items():
            if entry.what != "ambiguous":
                auto.add_word(form, (len(form), entry))
        auto.make_automaton()
        return auto


def load_language(code: str, folder: Path, actors: dict[str, Actor],
                  sectors: frozenset[str]) -> tuple[LanguageLexicon, dict[str, Role]]:
    """The matcher of one language from its actors folder."""
    grammar = Grammar.load(folder / "grammar.toml")
    build, surnames, shorts = Builder(grammar), {}, {}
    org_heads = load_heads(folder / "org_heads.tsv", sectors)
    heads = Heads(org_heads, grammar, words(folder / "org_anaphors.txt"))
    for path in sorted(folder.glob("aliases_*.tsv")):
        for n, (surface, key, kind) in rows(path, 3):
            _alias(build, shorts if kind == "short" else surnames, surface, key, kind, f"{path}:{n}", actors)
            heads.note(surface, key)
    roles, role_surfaces = load_roles(folder / "roles.tsv", sectors) if (folder / "roles.tsv").is_file() else ({}, [])
    for surface, key, where in role_surfaces:
        for n, form in enumerate(grammar.article_variants(build.key(surface))):
            build.add(form, Entry("role", key, "role", 0, None, min(n, 1)), where)
        heads.note(surface, "role:" + key)
    heads.add_to(build, str(folder / "org_anaphors.txt"))
    for word in words(folder / "followers.txt"):     # a person's forces (followers.py), read aside like anaphors
        build.add(word, Entry("follower", word, "follower", 0, None, ANAPHOR_PRIORITY), str(folder / "followers.txt"))
    for phrase in words(folder / "not_actors.txt"):
        build.add(phrase, Entry("block", phrase, "block", 0, None, 0), str(folder / "not_actors.txt"))
    add_places(build, folder, actors)          # places: see places.py
    honorifics = words(folder / "honorifics.txt")
    for word in honorifics:
        build.add(word, Entry("honorific", word, "honorific", 0, None, 1), str(folder / "honorifics.txt"))
    lang = pack(code)
    stop = frozenset(words(folder / "not_names.txt")) | frozenset(fold(w) for w in lang.stopwords)
    given = frozenset(build.key(w) for w in words(folder / "given_names.txt"))
    fixed = {k: tuple(sorted(v)) for k, v in surnames.items()}
    language = LanguageLexicon(code, grammar, None, fixed, given, stop,
                               frozenset(build.key(h) for h in honorifics),
                               load_anaphors(folder / "anaphors.tsv"),
                               load_cues(folder / "place_cues.txt", grammar.coordinator), _by_actor(fixed),
                               {k: tuple(sorted(v)) for k, v in shorts.items()},
                               load_short_cues(folder / "short_cues.tsv"),
                               org_heads, common_words(folder / "common_words.txt"),
                               frozenset(words(folder / "org_name_words.txt")),
                               frozenset(words(folder / "org_links.txt")), heads.tails,
                               frozenset(words(folder / "org_national.txt")), frozenset(words(folder / "org_loyal.txt")),
                               frozenset(words(folder / "followers.txt")), frozenset(words(folder / "epithets.txt")),
                               heads.index(), load_theatres(folder / "theatres.tsv", build, actors))
    language.automaton = scan.build(language, build.unambiguous())
    return language, roles


def load_theatres(path: Path, build: Builder, actors: dict[str, Actor]) -> dict[str, tuple]:
    """theatres.tsv: bare alias (matching form) -> its readings, ((actor key, theatre), ...) in file
    order, a theatre the countries and actor keys whose mentions call for that reading."""
    out: dict[str, list] = {}
    if not path.is_file():
        return {}
    for n, (surface, key, theatre) in rows(path, 3):
        places = frozenset(theatre.split())
        unknown = sorted(k for k in (key, *places) if k not in actors)
        if unknown:
            raise LexiconError(f"{path}:{n}: unknown actor or country {unknown[0]!r}")
        out.setdefault(build.key(surface), []).append((key, places))
    return {surface: tuple(readings) for surface, readings in out.items()}


# Priority of a head noun standing alone (البعثة) and of a word of followers (قوات): weaker than
# every other entry, places (3) included, so a role, an alias or a place written the same way
# keeps its reading.
ANAPHOR_PRIORITY = 4


class Heads:
    """The names that listed organisations have after a head noun set apart from the name
    (صحيفة الحياة: الحياة), each with the first actor listed so (quoted_names in resolve.py); and
    the head nouns that name again the last actor named with them (org_anaphors.txt), with the
    actors and roles whose listed names start with each."""

    def __init__(self, org_heads: dict[str, tuple[str, str, bool, bool]], grammar: Grammar, heads: list[str]):
        self.apart = frozenset(head for head, (_, _, part, _) in org_heads.items() if not part)
        self.tails: dict[str, str] = {}
        self.grammar, self.heads = grammar, frozenset(heads)
        self.keys: dict[str, set[str]] = {h: set() for h in heads}

    def note(self, surface: str, key: str) -> None:
        """Record the name after an organisation's head noun in a listed name, and the actor (or
        "role:" key) of a listed name that starts with an anaphor head."""
        first, _, rest = fold(surface).partition(" ")
        if rest and first in self.apart and not key.startswith("role:"):
            self.tails.setdefault(rest, key)
        article = self.grammar.article
        bare = first[len(article):] if article and first.startswith(article) else first
        if bare in self.heads:
            self.keys[bare].add(key)

    def add_to(self, build: Builder, where: str) -> None:
        """Put the anaphor heads, with the article, into the builder as entries of kind anaphor."""
        for head in sorted(self.heads):
            build.add(self.grammar.article + head, Entry("anaphor", head, "short", 0, None, ANAPHOR_PRIORITY), where)

    def index(self) -> dict[str, frozenset[str]]:
        """Anaphor head -> the keys named with it."""
        return {h: frozenset(keys) for h, keys in self.keys.items()}


def _by_actor(surnames: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Surname (and short-name) forms of each actor: the inverse of the surname table."""
    out: dict[str, list[str]] = {}
    for form, keys in surnames.items():
        for key in keys:
            out.setdefault(key, []).append(form)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def load_short_cues(path: Path) -> dict[str, frozenset[str]]:
    """short_cues.tsv: cue word -> the sectors whose short names it confirms (absent file: none)."""
    if not path.is_file():
        return {}
    return {fold(word): frozenset(s.strip() for s in sectors.split(","))
            for _, (word, sectors) in rows(path, 2)}


def load_heads(path: Path, sectors: frozenset[str]) -> dict[str, tuple[str, str, bool, bool]]:
    """org_heads.tsv: head noun -> (kind, sector, head part of the name, new names only quoted)."""
    if not path.is_file():
        return {}
    out = {}
    for n, (word, kind, sector, head) in rows(path, 4):
        if kind not in KINDS:
            raise LexiconError(f"{path}:{n}: unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
        if sector not in sectors:
            raise LexiconError(f"{path}:{n}: unknown sector code {sector!r} (see sectors.tsv)")
        if head not in ("part", "apart", "quoted"):
            raise LexiconError(f"{path}:{n}: the head is 'part' of the name, 'apart' from it or "
                               f"'quoted' (apart, and a new name only in quotation marks), not {head!r}")
        out[fold(word)] = (kind, sector, head == "part", head == "quoted")
    return out


def common_words(path: Path) -> frozenset[str]:
    """A generated list of folded words, one a line, read without folding (it is large)."""
    if not path.is_file():
        return frozenset()
    return frozenset(w for w in path.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#"))


def load_anaphors(path: Path) -> dict[str, frozenset[str]]:
    """Words that stand for the last actor of some kinds (الجماعة: the last armed group)."""
    if not path.is_file():
        return {}
    out = {}
    for n, (word, kinds) in rows(path, 2):
        wanted = frozenset(k.strip() for k in kinds.split(","))
        if not wanted <= KINDS:
            raise LexiconError(f"{path}:{n}: unknown kind in {kinds!r} (one of {', '.join(sorted(KINDS))})")
        out[fold(word)] = wanted
    return out


def _alias(build: Builder, surnames: dict, surface: str, key: str, kind: str, where: str,
           actors: dict[str, Actor]) -> None:
    """Add one alias row: a surname or short name is kept aside (in `surnames`, the table the
    caller passes), a nisba is inflected, others added as is."""
    if key not in actors:
        raise LexiconError(f"{where}: unknown actor {key!r} (not in countries.tsv or actors.tsv)")
    if kind not in MENTION_KINDS:
        raise LexiconError(f"{where}: unknown mention kind {kind!r} (one of {', '.join(sorted(MENTION_KINDS))})")
    if kind in ("surname", "short"):     # kept aside: used only in context (people.py, orgs.py)
        surnames.setdefault(fold(surface), set()).add(key)
    elif kind == "nisba":
        for n, form in enumerate(build.grammar.nisba_forms(build.key(surface))):
            build.add(form, Entry("alias", key, kind, 0, None, 0 if n == 0 else 1), where)
    else:
        build.add(surface, Entry("alias", key, kind, 0, None, 0), where)


def package_dirs() -> tuple[Path, Path]:
    """The packaged lexicon folder and language-pack folder."""
    root = Path(str(resources.files("marsad")))
    return root / "lexicon", root / "lang"


def load_lexicon(common: Path | None = None, lang_root: Path | None = None) -> Lexicon:
    """Load and validate every lexicon file; raise LexiconError naming file, line and reason."""
    default_common, default_langs = package_dirs()
    common, lang_root = common or default_common, lang_root or default_langs
    sectors = load_sectors(common / "sectors.tsv")
    actors, demonyms = load_actors(common, sectors)
    actors.update(load_places(common, actors))
    languages, roles = {}, {}
    for folder in sorted(lang_root.glob("*/actors")):
        code = folder.parent.name
        languages[code], roles[code] = load_language(code, folder, actors, sectors)
    return Lexicon(actors, demonyms, roles, languages, lexicon_fingerprint(common, lang_root), sectors)


def lexicon_fingerprint(common: Path, lang_root: Path) -> str:
    """Hash of every lexicon file and of the extraction code: a change means re-extraction."""
    digest = hashlib.sha256()
    code_dir = Path(__file__).parent
    files = sorted(common.glob("*")) + sorted(lang_root.glob("*/actors/*")) + sorted(code_dir.glob("*.py"))
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    return load_lexicon()
