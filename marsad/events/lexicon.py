"""Event triggers: words that report an event, with its PLOVER type, CAMEO root and mode.

Files `marsad/lang/<code>/events/triggers.tsv` (format in `marsad/lexicon/README.md`), loaded
and validated once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import ahocorasick

from ..actors.grammar import Grammar
from ..actors.lexicon import Actor, Builder, Entry, rows
from ..errors import LexiconError

TYPES = frozenset("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
                  "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT DEMAND".split())
FORMS = frozenset({"verb", "noun", "participle"})
# Types whose event noun needs a target to be an event: a bare «تهديد داعش» or «renewed attacks»
# names a threat or a kind of violence, not one event (withdrawing, mobilising, protesting need none).
# Nouns made verbs by a support verb (شنت هجمات) and demands or requests (للمطالبة ب) need none.
DIRECTED = TYPES - {"RETREAT", "MOBILIZE", "PROTEST", "DEMAND", "REQUEST"}
# Types that need a target in any form: a threat, accusation or sanction is against someone
# (وحذر غروندبرغ من أن ... warns that something may happen; it threatens no one).
TARGETED = frozenset("THREATEN ACCUSE SANCTION".split())
# Types whose trigger takes what is said, asked, agreed or discussed as its complement: an event
# noun there is that content (دعا ... لدعم جهود الحكومة, threaten to resume attacks), not an event.
HEADS = frozenset("AGREE CONSULT SUPPORT REQUEST DEMAND ACCUSE REJECT THREATEN".split())
# Types of events between two parties alike (عقد وزيرا الأردن والعراق اجتماعا).
SYMMETRIC = frozenset("AGREE CONSULT COOPERATE".split())
# Types whose event noun with no participant is an event when its sentence holds a word of the
# given grammar.tsv role: a toll for an attack (قتلى, جرحى: «سقط قتلى في انفجار»), a crowd going
# out for a protest (خرج, احتشد: «خرج آلاف المتظاهرين»); elsewhere such a noun names a kind of event.
EVIDENCE = {"ASSAULT": "toll", "PROTEST": "crowd"}
# Types whose noun of persons (متظاهرون) reports an event only right after a word of the given
# grammar.tsv role: a crowd going out (خرج آلاف المتظاهرين); protesters who chant, are dispersed
# or are described (الذين تجمعوا) belong to a protest reported elsewhere.
PERSONS = {"ASSAULT": "toll", "PROTEST": "gathered"}
# Types whose event, its agent unnamed, is done by a collective of unnamed.tsv (its key): a protest
# is by protesters («خرجت تظاهرات في البصرة»: Iraqi protesters), as CAMEO codes an unnamed crowd.
IMPLIED = {"PROTEST": "protesters"}
# Types of force: a pledge (AGREE) to carry them out is a threat.
FORCE = frozenset({"ASSAULT", "COERCE"})
ROLES = frozenset("support subjunctive imperfect emphatic past agent preposition determiner toll conjunction "
                  "future construct ago years nominal noun_clitic crowd purpose infinitive "
                  "against by between relative in attached_by suffered joined pronoun "
                  "by_after partitive beside harmed construct_plural instrument accusative subject_pronoun "
                  "past_frame ongoing disjunction cause label copula generic "
                  "support_nominal support_next untargeted gathered verdict said first_person third_person dative "
                  "circumstantial members remnant another locality passive passive_adverb passive_by".split())


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means."""

    event_type: str
    cameo_root: str
    mode: str | None
    form: str
    number: str | None
    tense: str | None = None      # past, present or future for a generated verb form, else None
    needs: str | None = None      # a grammar role one of whose words must stand just before it (persons)
    after: frozenset[str] = frozenset()   # words one of which must follow it closely (بحث ... مع)
    frame: str | None = None      # verdict/said: an accusation where a verdict (or speech) word governs it (verdicts.tsv)
    light: frozenset[str] = frozenset()   # a noun of frames.tsv only: light verbs one of which must govern it
    verbal: bool = False          # a listed noun that is also its lemma's past verb (قصف): a verb after its subject
    receives: bool = False        # a frame whose light verb's subject receives (حصل على قرض من): the source follows من
    bare: bool = False            # an ambiguous form (cued.tsv): never read behind a preposition written on it (بحكم, لطالب)


MODALITIES = frozenset({"negated", "possible", "planned", "background"})


@dataclass
class EventLexicon:
    """The trigger matcher, modality words and number words of one language."""

    code: str
    grammar: Grammar
    automaton: ahocorasick.Automaton
    triggers: dict[str, Trigger]
    before: dict[tuple[str, ...], str]      # words before a trigger -> modality
    after: dict[tuple[str, ...], str]       # words after a nominal trigger -> modality
    numbers: dict[str, int]
    roles: dict[str, tuple[str, ...]]       # grammar.tsv: words by the role they play
    sentence: dict[tuple[str, ...], str] = field(default_factory=dict)   # words governing the rest of their sentence
    unnamed: dict[str, Actor] = field(default_factory=dict)   # gunmen, civilians ...: form -> composed actor
    patients: frozenset[str] = frozenset()                    # keys of unnamed actors never a source
    heads: frozenset[str] = frozenset()                       # collective forms that govern a genitive (أهالي)
    adjectival: frozenset[str] = frozenset()                  # definite singulars that may be adjectives (المدني)
    adjective_groups: frozenset[str] = frozenset()            # keys of collectives that may qualify another
    frames: dict[str, tuple] = field(default_factory=dict)    # noun key -> (eager verbs, ((verb forms, framed trigger), ...), lazy verbs)
    intent: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)   # (modality, type) -> (type, root) of the stated intent

    @property
    def implied(self) -> dict[str, Actor]:
        """Event type -> the template of the collective that does it when no agent is named (IMPLIED)."""
        found = self.__dict__.get("_implied")
        if found is None:
            groups = {a.key.split(":")[-1]: a for a in self.unnamed.values()}
            found = self.__dict__["_implied"] = {t: groups[g] for t, g in IMPLIED.items() if g in groups}
        return found

    def role(self, name: str) -> tuple[str, ...]:
        """The words of one role (none when the language lists none)."""
        return self.roles.get(name, ())

    def __post_init__(self):
        """The word sets of every role (empty where the language lists none) and of the modality
        phrases and numbers, built once: the coder's inner loops read them, where a call per test costs."""
        self.sets: dict[str, frozenset[str]] = {name: frozenset(self.roles.get(name, ())) for name in ROLES}
        self._sets: dict[tuple[str, ...], frozenset[str]] = {}
        # every word of the modality phrases (to find them behind a conjunction), the first words
        # of the phrases governing the rest of their sentence (تخشى, حذر), the number words (عشرة)
        self.modal_words = frozenset(w for t in (self.before, self.after, self.sentence) for k in t for w in k)
        self.governing_words = frozenset(k[0] for k in self.sentence)
        self.number_words = frozenset(self.numbers)
        self._conjoined: dict[tuple, frozenset[str]] = {}

    def conjoined(self, words: frozenset[str], roles: tuple[str, ...] = ("conjunction",)) -> frozenset[str]:
        """The words with each one-letter clitic of the roles written on them (قتل -> وقتل, فقتل; built once)."""
        found = self._conjoined.get((words, roles))
        if found is None:
            letters = [c for c in self.word_set(*roles) if len(c) == 1]
            found = self._conjoined[(words, roles)] = frozenset(c + w for c in letters for w in words)
        return found

    def word_set(self, *names: str) -> frozenset[str]:
        """The words of one or more roles as a set, for membership tests (built once)."""
        found = self._sets.get(names)
        if found is None:
            found = self._sets[names] = frozenset().union(*(self.sets.get(name, frozenset()) for name in names))
        return found


def load_events(folder: Path, grammar: Grammar) -> EventLexicon:
    """The trigger lexicon of one language folder (`lang/<code>/events`)."""
    build, triggers = Builder(grammar), {}
    path = folder / "triggers.tsv"
    for n, (surface, etype, root, mode, form, number) in rows(path, 6):
        where = f"{path}:{n}"
        if etype not in TYPES:
            raise LexiconError(f"{where}: unknown event type {etype!r} (PLOVER types or DEMAND)")
        if not (root.isdigit() and 1 <= int(root) <= 20) or form not in FORMS or number not in ("s", "d", "p", "-"):
            raise LexiconError(f"{where}: cameo_root must be 01-20, form verb/noun/participle, number s/d/p/-")
        key = build.key(surface)
        triggers[key] = Trigger(etype, f"{int(root):02d}", None if mode == "-" else mode, form,
                                None if number == "-" else number)
        build.add(surface, Entry("trigger", key, form, 0, None, 0), where)
    if (folder / "lemmas.tsv").is_file():
        _generate(folder, build, triggers)
    _governed(folder / "governed.tsv", build, triggers)
    _governed(folder / "cued.tsv", build, triggers, bare=True)
    if (folder / "verdicts.tsv").is_file():
        _verdicts(folder / "verdicts.tsv", build, triggers)
    frames = _frames(folder, build, triggers) if (folder / "frames.tsv").is_file() else {}
    roles = load_roles(folder / "grammar.tsv", build)
    unnamed, patients, heads, adjectival, groups = _unnamed(folder, build, triggers, roles.get("construct_plural", ()),
                                        roles.get("accusative", ()))
    before, after, sentence = load_modality(folder / "modality.tsv", build)
    numbers = {build.key(w): int(v) for _, (w, v) in rows(folder / "numbers.tsv", 2)} \
        if (folder / "numbers.tsv").is_file() else {}
    return EventLexicon(folder.parent.name, grammar, build.automaton(), triggers, before, after, numbers,
                        roles, sentence, unnamed, patients, heads, adjectival, groups, frames,
                        load_intent(folder / "intent.tsv"))


def load_intent(path: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(modality, event type) -> (event type, CAMEO root) of the intent it states (`intent.tsv`, optional)."""
    out = {}
    for n, (modality, etype, intent, root) in (rows(path, 4) if path.is_file() else ()):
        if modality not in MODALITIES or etype not in TYPES or intent not in TYPES or not root.isdigit():
            raise LexiconError(f"{path}:{n}: expected a modality, two event types and a CAMEO root")
        out[(modality, etype)] = (intent, f"{int(root):02d}")
    return out


# A generated form is weaker than any listed one (listed: 0, with a proclitic: 2), so a surface
# listed in triggers.tsv keeps its reading; two lemmas generating one form cancel each other.
GENERATED = 3
# A collective's singular marked with this is an adjective as often as a noun (المدني "civil",
# المسلح "armed"): its plural, dual, counted and construct forms are read, not the singular.
ADJECTIVE = "*"


def _generate(folder: Path, build: Builder, triggers: dict[str, Trigger]) -> None:
    """Add every inflected form of the lemmas of `lemmas.tsv` by the patterns of `patterns.tsv`."""
    patterns = load_patterns(folder / "patterns.tsv")
    path = folder / "lemmas.tsv"
    for n, (past, present, nouns, etype, root, mode) in rows(path, 6):
        where = f"{path}:{n}"
        if etype not in TYPES or not (root.isdigit() and 1 <= int(root) <= 20):
            raise LexiconError(f"{where}: unknown event type {etype!r} or CAMEO root {root!r}")
        code, mode = f"{int(root):02d}", None if mode == "-" else mode
        for form, pos, number, tense, person in inflect(past, present, nouns, patterns):
            key = build.key(form)
            if key in triggers:
                triggers[key] = _listed(triggers[key], pos, tense, number, etype)
            else:
                triggers[key] = Trigger(etype, code, mode, pos, number, tense, PERSONS.get(etype) if person else None)
                build.add(form, Entry("trigger", key, pos, 0, None, GENERATED), where)


def _listed(trig: Trigger, pos: str, tense: str | None, number: str | None, etype: str) -> Trigger:
    """A listed trigger that a lemma generates too: a listed verb takes the form's tense (تظاهر is
    past, not imperfect); a listed noun that is the lemma's past verb is marked so (قصف)."""
    if trig.tense is None and pos == trig.form == "verb":
        return replace(trig, tense=tense)
    if trig.form == "noun" and pos == "verb" and tense == "past" and number == "s" and trig.event_type == etype:
        return replace(trig, verbal=True)
    return trig


def _governed(path: Path, build: Builder, triggers: dict[str, Trigger], bare: bool = False) -> None:
    """Add the triggers of `governed.tsv`: words that report an event only with one of the listed
    words right after them (بحث مع "discussed with", بحث alone "searched"); with `bare`, those of
    `cued.tsv`: ambiguous forms whose event reading the words after them decide (طالب ب "demanded",
    طالب alone "student"; a cue `ب*` is any word in ب, `!بين` a word that is none). No file, none."""
    if not path.is_file():
        return
    for n, (surface, etype, root, mode, form, number, words) in rows(path, 7):
        where = f"{path}:{n}"
        if etype not in TYPES or not (root.isdigit() and 1 <= int(root) <= 20) or form not in FORMS:
            raise LexiconError(f"{where}: unknown event type {etype!r}, CAMEO root {root!r} or form {form!r}")
        key = build.key(surface)
        triggers[key] = Trigger(etype, f"{int(root):02d}", None if mode == "-" else mode, form,
                                None if number == "-" else number,
                                after=frozenset(build.key(w) for w in words.split()), bare=bare and form == "verb")
        build.add(surface, Entry("trigger", key, form, 0, None, 0), where)


def _verdicts(path: Path, build: Builder, triggers: dict[str, Trigger]) -> None:
    """Add the nouns of `verdicts.tsv`: what a speaker calls an actor's act (جرائم, انتهاكات, يعد
    تهديدا). In a verdict frame they report an accusation; elsewhere a noun that is already a
    trigger keeps its own reading, and a new one reports nothing."""
    for n, (surface, etype, root, mode) in rows(path, 4):
        if etype not in TYPES or not (root.isdigit() and 1 <= int(root) <= 20):
            raise LexiconError(f"{path}:{n}: unknown event type {etype!r} or CAMEO root {root!r}")
        key = build.key(surface)
        if key in triggers:
            triggers[key] = replace(triggers[key], frame="verdict")   # an act's own noun: only after اعتبر, يعد ...
            continue
        triggers[key] = Trigger(etype, f"{int(root):02d}", None if mode == "-" else mode, "noun", None,
                                frame="said")   # a word of blame: after a speech word too (قال إن جرائم X)
        build.add(surface, Entry("trigger", key, "noun", 0, None, 0), f"{path}:{n}")


def _frames(folder: Path, build: Builder, triggers: dict[str, Trigger]) -> dict[str, tuple]:
    """The light-verb frames of `frames.tsv` (verbs of `lightverbs.tsv`), by noun key (`_split_frames`);
    a noun that is no trigger becomes one that needs a frame (`light`)."""
    verbs = _light_verbs(folder / "lightverbs.tsv", build)
    patterns = [p for p in load_patterns(folder / "patterns.tsv") if p[0] in ("noun", "noun_h")]
    path, out, new = folder / "frames.tsv", {}, set()
    for n, (nouns, names, etype, root, mode) in rows(path, 5):
        where = f"{path}:{n}"
        if etype not in TYPES or not (root.isdigit() and 1 <= int(root) <= 20) \
                or any(v not in verbs for v in names.split(",")):
            raise LexiconError(f"{where}: unknown event type {etype!r}, CAMEO root {root!r} or light verb in {names!r}")
        for name in names.split(","):
            forms, receives = verbs[name]
            trig = Trigger(etype, f"{int(root):02d}", None if mode == "-" else mode, "noun", None, receives=receives)
            for form, *_ in inflect("-", "-", nouns, patterns):
                _add_frame(build, triggers, out, new, form, forms, trig, where)
    return {k: _split_frames(v, triggers[k], k in new) for k, v in out.items()}


def _split_frames(options: list, listed: Trigger, new: bool) -> tuple:
    """(light verbs of the eager frames, eager frames, light verbs of the others) of one noun: a
    frame is read eagerly where it changes the reading (its type, its roles, or a noun only a frame
    makes an event); one that gives the listed reading only supports the noun, read when needed."""
    eager = tuple(o for o in options if new or o[1].receives
                  or (o[1].event_type, o[1].mode) != (listed.event_type, listed.mode))
    lazy = [f for f, t in options if (f, t) not in eager]
    return frozenset().union(*(f for f, _ in eager)), eager, frozenset().union(*lazy)


def _add_frame(build: Builder, triggers: dict, out: dict, new: set, form: str, forms: frozenset[str],
               trig: Trigger, where: str) -> None:
    """Add one noun form's frame; a form that is no trigger becomes one needing a light verb."""
    key = build.key(form)
    out.setdefault(key, []).append((forms, trig))
    if key not in triggers or key in new:
        new.add(key)
        triggers[key] = replace(trig, light=triggers[key].light | forms if key in triggers else forms)
        build.add(form, Entry("trigger", key, "noun", 0, None, GENERATED), where)


def _light_verbs(path: Path, build: Builder) -> dict[str, tuple[frozenset[str], bool]]:
    """Light verbs by name: (forms in matching form, whether the subject receives)."""
    out = {}
    for n, (name, voice, forms) in rows(path, 3):
        if voice not in ("gives", "receives"):
            raise LexiconError(f"{path}:{n}: voice must be gives or receives")
        out[name] = (frozenset(build.key(w) for w in forms.split()), voice == "receives")
    return out


def _unnamed(folder: Path, build: Builder, triggers: dict[str, Trigger],
             endings: tuple[str, ...] = (), accusative: tuple[str, ...] = ()) -> tuple:
    """Forms of the collectives of `unnamed.tsv` (مسلحون, المدنيين) -> a template actor (no country
    yet), the keys of those who suffer (civilians), the forms in the construct state that
    govern the noun after them (أهالي, مسلحي), the definite singulars that may be adjectives and
    the keys of their groups; a form that is also a trigger (المتظاهرين) stays a
    trigger and is looked up here too. A surface is a singular, inflected by the `person`
    patterns, then any broken plurals after commas, taken as written (سكان, جرحى)."""
    path, out, patients, heads, adjectival, groups = folder / "unnamed.tsv", {}, set(), set(), set(), set()
    if not path.is_file():
        return out, frozenset(), frozenset(), frozenset(), frozenset()
    patterns = [p for p in load_patterns(folder / "patterns.tsv") if p[0] == "person"]
    bare = [("noun", "", "", None, None)] + ([("noun", build.grammar.article, "", None, None)]
                                             if build.grammar.article else [])
    for n, (surfaces, key, code, kind, name, role) in rows(path, 6):
        if role not in ("agent", "patient", "either"):
            raise LexiconError(f"{path}:{n}: role must be agent, patient or either")
        singular, *plurals = surfaces.split(",")
        actor = Actor(f"unnamed:{key}", kind, code, None, code, name, singular.rstrip(ADJECTIVE))
        if role == "patient":
            patients.add(key)
        construct = _construct_forms(singular, plurals, endings)
        heads |= {build.key(f) for f in construct}
        stem = singular.rstrip(ADJECTIVE)
        if stem != singular and build.grammar.article:
            adjectival.add(build.key(build.grammar.article + stem))
            groups.add(key)
        counted = [stem + a for a in accusative] if stem != "-" else []   # عشرين مسلحا
        for form in _collective_forms(singular, plurals, patterns, bare) + construct + counted:
            out[build.key(form)] = actor
            if build.key(form) not in triggers:
                build.add(form, Entry("unnamed", build.key(form), "unnamed", 0, None, GENERATED), f"{path}:{n}")
    return out, frozenset(patients), frozenset(heads), frozenset(adjectival), frozenset(groups)


def _collective_forms(singular: str, plurals: list[str], patterns: list, bare: list) -> list[str]:
    """A collective's forms: the singular inflected (plural, dual, article; the singular itself
    unless it is marked as an adjective), the broken plurals with and without the article."""
    stem = singular.rstrip(ADJECTIVE)
    own = bare if stem == singular else bare[1:]   # مدني is mostly "civil": not bare (المدني is read in context)
    forms = [f for f, *_ in inflect("-", "-", stem + "+", patterns + own)] if stem != "-" else []
    return forms + [f for p in plurals for f, *_ in inflect("-", "-", p, bare)]


def _construct_forms(singular: str, plurals: list[str], endings: tuple[str, ...]) -> list[str]:
    """Forms of a collective that govern a genitive (none where the language lists no construct
    endings): broken plurals (أهالي, سكان) and the sound plural, its ن dropped (مسلحي, مسلحو)."""
    if not endings:
        return []
    stem = singular.rstrip(ADJECTIVE)
    return list(plurals) + ([stem + e for e in endings] if stem != "-" else [])


def load_patterns(path: Path) -> list[tuple[str, str, str, str | None, str | None]]:
    """(stem, prefix, suffix, number, tense) rows: how a lemma's stems inflect."""
    out = []
    for n, (stem, prefix, suffix, number, tense) in rows(path, 5):
        if stem not in ("past", "present", "noun", "noun_h", "person"):
            raise LexiconError(f"{path}:{n}: stem must be past, present, noun, noun_h or person")
        out.append((stem, "" if prefix == "-" else prefix, "" if suffix == "-" else suffix,
                    None if number == "-" else number, None if tense == "-" else tense))
    return out


def inflect(past: str, present: str, nouns: str, patterns: list) -> list[tuple]:
    """Every (form, verb/noun, number, tense, names persons) of one lemma: its verb stems and nouns."""
    out = []
    stems = _stems(past, present, nouns)
    person = set(stems["person"])
    for stem, prefix, suffix, number, tense in patterns:
        pos = "verb" if stem in ("past", "present") else "noun"
        out += [(prefix + s + suffix, pos, number if pos == "verb" else None, tense, s in person)
                for s in stems[stem]]
    return out


def _stems(past: str, present: str, nouns: str) -> dict[str, list[str]]:
    """A lemma's stems by kind: past, present, noun (person nouns marked + included), noun_h (ة/ه dropped)."""
    stems = {"past": [] if past == "-" else [past], "present": [] if present == "-" else [present]}
    listed = [w for w in nouns.split(",") if w and w != "-"]
    stems["person"] = [w[:-1] for w in listed if w.endswith("+")]
    listed = [w for w in listed if not w.endswith("+")]
    stems["noun"] = [w for w in listed if not w.endswith(("ة", "ه"))] + stems["person"]
    stems["noun_h"] = [w[:-1] for w in listed if w.endswith(("ة", "ه"))]
    return stems


def load_roles(path: Path, build: Builder) -> dict[str, tuple[str, ...]]:
    """Words by role (support verbs, subjunctive particle ...), in matching form."""
    out = {}
    if not path.is_file():
        return out
    for n, (role, words) in rows(path, 2):
        if role not in ROLES:
            raise LexiconError(f"{path}:{n}: unknown role {role!r} (one of {', '.join(sorted(ROLES))})")
        out[role] = tuple(build.key(w) for w in words.split())
    return out


def load_modality(path: Path, build: Builder) -> tuple[dict, dict, dict]:
    """Modality words before and after a trigger, and those governing the rest of their sentence."""
    tables: dict[str, dict] = {"before": {}, "after": {}, "sentence": {}}
    if not path.is_file():
        return tables["before"], tables["after"], tables["sentence"]
    for n, (words, modality, where) in rows(path, 3):
        if modality not in MODALITIES or where not in tables:
            raise LexiconError(f"{path}:{n}: modality must be negated/possible/planned/background, "
                               "where before/after/sentence")
        tables[where][tuple(build.key(words).split())] = modality
    return tables["before"], tables["after"], tables["sentence"]


@lru_cache(maxsize=1)
def default_events() -> dict[str, EventLexicon]:
    """Trigger lexicons of every language that has one, loaded once per process."""
    root = Path(str(resources.files("marsad"))) / "lang"
    return {f.parent.name: load_events(f, Grammar.load(f.parent / "actors" / "grammar.toml"))
            for f in sorted(root.glob("*/events")) if (f / "triggers.tsv").is_file()}
