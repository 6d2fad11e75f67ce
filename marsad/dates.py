# dateparser 1.5.0 resolved 67 of 118 Arabic, 26 of 29 English test forms (parse or search_dates); not used.
"""Date expressions in news text: explicit dates, years, months, weekdays and relative phrases.

Everything works on the matching form (`marsad.normalize.fold`). Relative expressions resolve
against the publication date; a weekday near a reporting verb is what claims use today.
Spans follow the gold annotation: unit words (عام, يوم, شهر) and English early/late/mid are in;
prepositions (في, منذ, since) are out, except English in/on directly before a month or weekday.

Each language's words and patterns are data (`lang/<code>/dates/grammar.toml`, read once); this
module holds the language-neutral pieces (years, ISO dates) and the functions that give a match
its value. A language without the file has no dates.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Callable

from hijridate import Gregorian, Hijri

from .errors import LexiconError
from .lang import codes
from .normalize import fold

YEAR_DIGITS = r"(?:19|20)\d\d|2100"  # plausible years
YEAR = rf"(?P<year>{YEAR_DIGITS})(?![\d]|[.,]\d)"
# Language-neutral pieces a grammar's patterns name as {year}, {year_digits}, {hijri_year}, {iso}.
NEUTRAL = {
    "year_digits": YEAR_DIGITS,
    "year": YEAR,
    "hijri_year": r"1[34]\d\d",  # 1300-1499 AH (1882-2077): the years hijridate converts
    "iso": rf"(?<![\w/-])(?P<d>{YEAR}-(?P<mon>[01]\d)-(?P<mday>[0-3]\d))(?![\w/-])",
}
PLACEHOLDER = re.compile(r"\{([a-z_.,]+)\}")
STEP = {"past": -1, "this": 0, "next": 1}  # periods from publication's, by modifier
Resolved = tuple[date | None, str] | None  # a rule's value and precision; None rejects the match
SAME_YEAR = 1  # placeholder year of "من العام نفسه": filled from the previous dated mention
REACH = (40, 60)  # characters a mention reaches before and after its anchor word
BEFORE = 25       # characters before a mention searched for a cue or منذ / since
TODAY_BEFORE = 15  # characters before "today" searched for a word making it "the day"


@dataclass(frozen=True)
class Rule:
    """One pattern of a language: the kind of word anchoring it, and its value function."""

    kind: str
    pattern: re.Pattern
    value: Callable[..., Resolved]


@dataclass(frozen=True, eq=False)
class DateGrammar:
    """A language's date words and patterns (`lang/<code>/dates/grammar.toml`)."""

    code: str
    weekdays: tuple[str, ...]                 # lower-cased, Monday first
    months: dict[str, int]
    hijri_months: dict[str, int]
    modifier_of: dict[str, str]               # lower-cased word -> past, this, next or same
    day_offsets: dict[str, int]               # lower-cased relative day word -> days from publication
    units: dict[str, str]                     # period noun -> week, month or year
    words: dict[str, frozenset[str]]          # the [words] lists, by name
    patterns: dict[str, re.Pattern]           # the [patterns], by name
    month_re: re.Pattern                      # one month name, as a whole word
    gate: re.Pattern | None                   # the anchors, one named group per kind
    rules: tuple[Rule, ...] = ()

    def listed(self, name: str) -> frozenset[str]:
        """A [words] list (empty when the language has none)."""
        return self.words.get(name, frozenset())


def _trie(words) -> str:
    """A regex alternation of words as a trie: the longest first where one begins another (as an
    alternation sorted longest first), far fewer branches tried; a space matches any whitespace."""
    root: dict = {}
    for word in words:
        node = root
        for token in re.findall(r"\s+|.", word):
            node = node.setdefault(r"\s+" if token.isspace() else re.escape(token), {})
        node[""] = {}
    return f"(?:{_branches(root) or '(?!)'})"


def _branches(node: dict) -> str:
    """The regex of one trie node's continuations (optional where a word ends at the node)."""
    alts = [token + _branches(child) for token, child in node.items() if token]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 and "" not in node else f"(?:{'|'.join(alts)})"
    return body + "?" if "" in node else body


def _listed(raw: dict, path: str, where: str) -> list[str]:
    """The words of a list or table of a grammar file (a table's keys), by name or dotted path."""
    value = raw.get("words", {}).get(path)
    if value is None:
        value = raw
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
    if not isinstance(value, (list, dict)):
        raise LexiconError(f"{where}: no word list {path!r}")
    return list(value)


def _expand(template: str, raw: dict, where: str) -> str:
    """A pattern with its {placeholders} replaced: neutral pieces, fragments and word lists."""
    fragments = raw.get("fragments", {})

    def piece(m: re.Match) -> str:
        name = m.group(1)
        if name in NEUTRAL:
            return f"(?:{NEUTRAL[name]})"
        if name in fragments:
            return f"(?:{_expand(fragments[name], raw, where)})"
        return _trie(w for part in name.split(",") for w in _listed(raw, part, where))
    return PLACEHOLDER.sub(piece, "".join(template) if isinstance(template, list) else template)


def _compile(template: str, raw: dict, where: str) -> re.Pattern:
    """A grammar pattern compiled, naming the file and entry when it is no regular expression."""
    try:
        return re.compile(_expand(template, raw, where))
    except re.error as err:
        raise LexiconError(f"{where}: {err}") from None


def _gate(raw: dict, where: str) -> re.Pattern | None:
    """One pattern of every anchor word, a named group per kind of rule (in the file's order)."""
    anchors = dict(raw.get("anchors", {}))
    prefix = anchors.pop("prefix", "")
    kinds = "|".join(f"(?P<{kind}>{template})" for kind, template in anchors.items())
    return _compile(rf"(?<!\w){prefix}(?:{kinds})", raw, f"{where} [anchors]") if kinds else None


def _rules(raw: dict, where: str) -> tuple[Rule, ...]:
    """The [[rules]] of a grammar file, each with its value function."""
    rules, anchored = [], set(raw.get("anchors", {})) - {"prefix"}     # `prefix` is no kind of rule
    for n, spec in enumerate(raw.get("rules", []), 1):
        here = f"{where} rule {n}"
        if spec.get("value") not in VALUES:
            raise LexiconError(f"{here}: value {spec.get('value')!r} is not one of {', '.join(VALUES)}")
        if spec.get("kind") not in anchored:
            raise LexiconError(f"{here}: kind {spec.get('kind')!r} is not one of the [anchors] ({', '.join(anchored)})")
        value, groups = VALUES[spec["value"]]
        pattern = _compile(spec["pattern"], raw, here)
        if missing := [name for name in groups.split() if name not in pattern.groupindex]:
            raise LexiconError(f"{here}: a {spec['value']} pattern needs the groups {', '.join(missing)}")
        rules.append(Rule(spec["kind"], pattern, value))
    return tuple(rules)


def _checked(raw: dict, where: str) -> None:
    """Raise naming the entry where a list is not a list of strings or a table maps to other values."""
    lists = {**{f"words.{k}": v for k, v in raw.get("words", {}).items()},
             **{f"modifiers.{k}": v for k, v in raw.get("modifiers", {}).items()}}
    for name, value in lists.items():
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise LexiconError(f"{where}: [{name}] must be a list of strings")
    for table, kind in (("months", int), ("hijri_months", int), ("day_offsets", int), ("units", str)):
        value = raw.get(table, {})
        if not isinstance(value, dict) or not all(isinstance(v, kind) for v in value.values()):
            raise LexiconError(f"{where}: [{table}] must map words to {kind.__name__} values")


def _build(code: str, raw: dict, where: str) -> DateGrammar:
    """A DateGrammar from a parsed grammar file."""
    _checked(raw, where)
    words = raw.get("words", {})
    return DateGrammar(
        code=code,
        weekdays=tuple(w.lower() for w in words.get("weekdays", ())),
        months=dict(raw.get("months", {})),
        hijri_months=dict(raw.get("hijri_months", {})),
        modifier_of={w.lower(): kind for kind, ws in raw.get("modifiers", {}).items() for w in ws},
        day_offsets={k.lower(): v for k, v in raw.get("day_offsets", {}).items()},
        units=dict(raw.get("units", {})),
        words={name: frozenset(ws) for name, ws in words.items()},
        patterns={name: _compile(t, raw, f"{where} [patterns] {name}")
                  for name, t in raw.get("patterns", {}).items()},
        month_re=_compile(r"(?<!\w){months}(?!\w)", raw, where) if raw.get("months") else re.compile("(?!)"),
        gate=_gate(raw, where),
        rules=_rules(raw, where))


@lru_cache(maxsize=None)
def grammar(code: str) -> DateGrammar | None:
    """A language's date grammar, read once; None when the language has no dates file."""
    if not isinstance(code, str) or not code:
        return None
    path = resources.files("marsad.lang").joinpath(code, "dates", "grammar.toml")
    return load_grammar(path, code) if path.is_file() else None


def load_grammar(path: Traversable, code: str) -> DateGrammar:
    """Read a dates grammar file, naming it when it is malformed."""
    where = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise LexiconError(f"{where}: {err}") from None
    return _build(code, raw, where)


class _Weekdays(Mapping):
    """Weekday names (lower-cased, Monday = 0) of every language with a date grammar."""

    def __getitem__(self, code: str) -> tuple[str, ...]:
        g = grammar(code)
        if g is None or not g.weekdays:
            raise KeyError(code)
        return g.weekdays

    def __iter__(self) -> Iterator[str]:
        return (code for code in codes() if code in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and bool((g := grammar(code)) and g.weekdays)


WEEKDAYS = _Weekdays()


def find_weekday(text: str, language: str) -> int | None:
    """The weekday (Monday = 0) named in a piece of matching text, if any."""
    g = grammar(language)
    pattern = g.patterns.get("weekday") if g else None
    m = pattern.search(text) if pattern else None
    return g.weekdays.index(m.group(1).lower()) if m else None


def resolve_weekday(weekday: int, published: datetime | date | None) -> tuple[date | None, str]:
    """The latest such weekday on or before publication, with precision `day`; `relative` if unknown."""
    if published is None:
        return None, "relative"
    day = published.date() if isinstance(published, datetime) else published
    return day - timedelta(days=(day.weekday() - weekday) % 7), "day"


def folded_weekday(text: str, language: str) -> int | None:
    """find_weekday on raw text (folds it first)."""
    return find_weekday(fold(text), language)


@dataclass(frozen=True)
class DateMention:
    """One date expression: its span, the first day it names and how precisely."""

    start: int          # offsets in the matching-form text given
    end: int
    text: str           # the matched text (matching form)
    value: date | None  # first day of the period: 2023-08-01 for "August 2023"; None when unresolved
    precision: str      # "day", "month", "year", or "relative" (a relative expression not resolved)
    since: bool = False  # introduced by منذ / since


def _as_day(published: date | datetime | None) -> date | None:
    """The publication date as a date."""
    return published.date() if isinstance(published, datetime) else published


def _shift_month(first: date, months: int) -> date:
    """The first day of the month `months` away from `first`'s month."""
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _year_for(month: int, pub: date, mod: str | None) -> int:
    """The year of a month named without one: most recent not after publication, or as modified."""
    if mod == "this":
        return pub.year
    if mod == "next":
        return pub.year + (month <= pub.month)
    strictly = mod == "past"
    return pub.year - (month > pub.month or (strictly and month == pub.month))


def _words(text: str) -> str:
    """Text with runs of whitespace made single spaces."""
    return re.sub(r"\s+", " ", text)


def _modifier(g: DateGrammar, word: str | None) -> str | None:
    """past, this, next or same for a modifier word (any case), None for none."""
    return g.modifier_of.get(_words(word).lower()) if word else None


def _seen(g: DateGrammar, name: str, text: str, start: int, reach: int) -> bool:
    """Whether pattern `name` (ending at the end) finds its words right before `start`."""
    pattern = g.patterns.get(name)
    return pattern is not None and pattern.search(text[max(0, start - reach):start]) is not None


def _follows(g: DateGrammar, name: str, text: str, end: int) -> bool:
    """Whether pattern `name` matches right at `end` (False when the language has none)."""
    pattern = g.patterns.get(name)
    return pattern is not None and pattern.match(text, end) is not None


def _cue(m: re.Match, text: str, g: DateGrammar) -> bool:
    """Whether a cue word ends right before the mention."""
    return _seen(g, "cue_before", text, m.start("d"), BEFORE)


def _month_value(month: int, day: int | None, year: int | None, mod: str | None,
                 pub: date | None) -> tuple[date | None, str]:
    """Value and precision of a month (with day?) whose year is given, modified or implied."""
    precision = "day" if day else "month"
    if year is None:
        if mod == "same":
            year = SAME_YEAR
        elif pub is None:
            return None, precision
        else:
            year = _year_for(month, pub, mod)
    try:
        return date(year, month, day or 1), precision
    except ValueError:  # 31 فبراير: keep the month
        return date(year, month, 1), "month"


def _month_date_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A day/month/year mention; None for mixed pairs and bare ambiguous names."""
    names = [_words(n) for n in g.month_re.findall(m["month"])]
    if not _month_named(m, names, text, g):
        return None
    groups = m.groupdict()
    month, day = g.months[names[0]], _day(m["day"] or groups.get("day2"))
    rel = groups.get("rel") or groups.get("rel2")
    if m["year"] or not rel:
        return _month_value(month, day, m["year"] and int(m["year"]), _modifier(g, m["mod"]), pub)
    kind = _modifier(g, rel)
    if kind == "same":
        return _month_value(month, day, None, "same", pub)
    if pub is None:
        return None, "day" if day else "month"
    return _month_value(month, day, pub.year + STEP[kind], None, pub)


def _month_named(m: re.Match, names: list[str], text: str, g: DateGrammar) -> bool:
    """Whether the month names found are one month, and a date here: a day and month with no
    year after a noun name a place or an event (مدينة 6 أكتوبر); abbreviations need a day or a
    year, آب a year, a modifier or a pair, and ambiguous names (مارس, May) a cue."""
    if len({g.months[n] for n in names}) != 1:
        return False
    groups = m.groupdict()
    placed = bool(m["year"] or m["mod"] or groups.get("rel") or groups.get("rel2"))
    if m["day"] and not placed and "date_before" in g.patterns:
        return _dated_here(m, text, g)      # جسر 6 أكتوبر: a name; في 6 أكتوبر: a date
    if _day(m["day"] or groups.get("day2")) or m["year"] or len(names) > 1:
        return True
    return _name_dates(m, names[0], placed, text, g)


def _name_dates(m: re.Match, name: str, placed: bool, text: str, g: DateGrammar) -> bool:
    """Whether a month name with no day or year is a date: not an abbreviation; placed by a
    modifier (الماضي, last), or neither آب nor ambiguous, or introduced (شهر, early, in, a cue)."""
    if name in g.listed("day_or_year_months"):
        return False
    if placed:
        return True
    groups = m.groupdict()
    return name not in g.listed("placed_months") and (
        name not in g.listed("ambiguous_months")
        or any(groups.get(k) for k in ("shahr", "qual", "on")) or _cue(m, text, g))


def _dated_here(m: re.Match, text: str, g: DateGrammar) -> bool:
    """Whether the words before a day and month make it a date: a word of time or a preposition
    (في, يوم, منذ, حتى, الموافق, a weekday), a number or a mark, or the start of the text; after
    any other word it is the name of a place or an event (جسر 6 أكتوبر, حرب 6 أكتوبر, هجمات 11
    سبتمبر), not a date of this text's events."""
    start = m.start()
    before = text[max(0, start - 30):start]
    return start < 30 and not before.strip() or g.patterns["date_before"].search(before) is not None


def _day(digits: str | None) -> int | None:
    """A day of the month from its digits."""
    return int(digits) if digits and 1 <= int(digits) <= 31 else None


def _hijri_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A Hijri month with a day or a year («15 شوال 1436 هـ»); a month named alone is not a
    date («رمضان» is also a name)."""
    return _hijri(m["hyear"], g.hijri_months[_words(m["hmonth"])], m["hday"], pub)


def _hijri_numeric_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A numeric Hijri date: 1436/10/15هـ or 15/10/1436."""
    return _hijri(m["hyear"] or m["hyear2"], int(m["hmon"] or m["hmon2"]), m["hday"] or m["hday2"], pub)


def _hijri(year: str | None, month: int, day: str | None, pub: date | None) -> Resolved:
    """The Gregorian day of a Hijri date (the first day of its month without a day); a date
    without a year is the latest such day not after publication; impossible dates are None."""
    day_n = _day(day)
    if not (day_n or year) or not 1 <= month <= 12 or (year is None and pub is None):
        return None
    if year is None:
        now = Gregorian(pub.year, pub.month, pub.day).to_hijri()
        year_n = now.year - ((month, day_n) > (now.month, now.day))
    else:
        year_n = int(year)
    try:
        return date(*Hijri(year_n, month, day_n or 1).to_gregorian().datetuple()), "day" if day_n else "month"
    except (ValueError, OverflowError):
        return None


def _year_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A year; None when a counted noun follows ("في 2000 شخص")."""
    if _follows(g, "counted_after", text, m.end()):
        return None
    return date(int(m["year"]), 1, 1), "year"


def _numeric_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A numeric date: 2024-01-25 or 25/1/2024."""
    try:
        return date(int(m["year"]), int(m["mon"]), int(m["mday"])), "day"
    except ValueError:
        return None


def _weekday_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """A weekday: the latest on or before publication, or strictly before/after with last/next."""
    name = m["wd"].lower()
    if name in g.listed("ambiguous_weekdays") and not (
            m["unit"] or m["mod"] or _follows(g, "clause_end", text, m.end())):
        return None  # bare الاثنين is also "the two"
    weekday, mod = g.weekdays.index(name), _modifier(g, m["mod"])
    if pub is None:
        return None, "relative"
    if mod == "past":
        return pub - timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1), "day"
    if mod == "next":
        return pub + timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1), "day"
    return resolve_weekday(weekday, pub)


def _relative_day_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """Today, yesterday and the like: publication date plus an offset."""
    rel = _words(m["rel"]).lower()
    if rel in g.listed("need_weekday") and not m.groupdict().get("wd"):
        return None  # غدا alone is also "became"
    if rel in g.listed("today_nouns") and (_seen(g, "not_today_before", text, m.start("d"), TODAY_BEFORE)
                                         or m["d"].endswith(rel) and _follows(g, "not_today_after", text, m.end())):
        return None
    if pub is None:
        return None, "relative"
    return pub + timedelta(days=g.day_offsets[rel]), "day"


def _period_value(m: re.Match, text: str, pub: date | None, g: DateGrammar) -> Resolved:
    """Last/this/next week, month or year (the week as its Monday); the same year as before."""
    groups = m.groupdict()
    word = _words(groups.get("mod") or groups.get("this") or "")
    mod = "this" if word in g.listed("this_words") or groups.get("qual") else _modifier(g, word)
    unit = g.units.get(groups["unit"], groups["unit"])
    if mod is None or mod == "same" and unit != "year":
        return None
    if mod == "same":
        return date(SAME_YEAR, 1, 1), "year"
    if pub is None:
        return None, "relative"
    step = STEP[mod]
    if unit == "week":
        return pub - timedelta(days=pub.weekday() - 7 * step), "day"
    if unit == "month":
        return _shift_month(pub.replace(day=1), step), "month"
    return date(pub.year + step, 1, 1), "year"


# The value functions a grammar's rules name, and the groups their patterns must have (the
# mention is d; others they read when present: month day2 rel rel2 shahr qual on, relative_day
# wd, period mod this qual).
VALUES = {"month": (_month_date_value, "d month day year mod"), "year": (_year_value, "d year"),
          "hijri": (_hijri_value, "d hyear hmonth hday"),
          "hijri_numeric": (_hijri_numeric_value, "d hyear hyear2 hmon hmon2 hday hday2"),
          "numeric": (_numeric_value, "d year mon mday"), "weekday": (_weekday_value, "d wd unit mod"),
          "relative_day": (_relative_day_value, "d rel"), "period": (_period_value, "d unit")}
# Rules whose mentions merge with an explicit date right after them: "الخميس 25 يناير 2024".
LEADING = (_weekday_value, _relative_day_value)


def find_dates(text: str, language: str, published: date | datetime | None = None) -> list[DateMention]:
    """Every date expression in a matching-form text, in order, non-overlapping (longest first)."""
    g = grammar(language)
    if g is None:
        return []
    windows = _windows(text, g)
    if not windows:       # most sentences name no date word
        return []
    pub = _as_day(published)
    found = [(m.start("d"), m.end("d"), resolved, rule.value in LEADING)
             for rule in g.rules
             for a, b in windows.get(rule.kind, ())
             for m in rule.pattern.finditer(text, a, b)
             if (resolved := rule.value(m, text, pub, g)) is not None]
    mentions = _merge_leading(text, _longest_first(found))
    return _fill_same_year([_mention(text, g, *f[:3]) for f in mentions])


def _windows(text: str, g: DateGrammar) -> dict[str, list[tuple[int, int]]]:
    """Per kind of rule, the merged stretches of text around its anchor words (one pass finds
    them; scanning the whole text with every rule cost four times as much)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for m in g.gate.finditer(text) if g.gate else ():
        a, b = max(0, m.start() - REACH[0]), min(len(text), m.end() + REACH[1])
        kind = spans.setdefault(m.lastgroup, [])
        if kind and a <= kind[-1][1]:
            kind[-1] = (kind[-1][0], b)
        else:
            kind.append((a, b))
    return spans


def _longest_first(found: list[tuple]) -> list[tuple]:
    """The candidates kept when longer ones win overlaps, in text order."""
    kept: list[tuple] = []
    for cand in sorted(found, key=lambda c: (c[0] - c[1], c[0])):
        if all(cand[1] <= k[0] or k[1] <= cand[0] for k in kept):
            kept.append(cand)
    return sorted(kept)


def _merge_leading(text: str, found: list[tuple]) -> list[tuple]:
    """Join a weekday or "today" with the explicit day date that directly follows it."""
    out: list[tuple] = []
    for cand in found:
        prev = out[-1] if out else None
        if (prev and prev[3] and not cand[3] and cand[2][1] == "day"
                and re.fullmatch(r"[\s،,(-]*", text[prev[1]:cand[0]])):
            out[-1] = (prev[0], cand[1], cand[2], False)
        else:
            out.append(cand)
    return out


def _mention(text: str, g: DateGrammar, start: int, end: int, resolved: tuple) -> DateMention:
    """A DateMention for a kept candidate, flagged when منذ / since introduces it."""
    since = _seen(g, "since_before", text, start, BEFORE)
    return DateMention(start, end, text[start:end], resolved[0], resolved[1], since)


def _fill_same_year(mentions: list[DateMention]) -> list[DateMention]:
    """Give "من العام نفسه" the year of the last dated mention before it (unresolved if none)."""
    out, year = [], None
    for mention in mentions:
        if mention.value and mention.value.year == SAME_YEAR:
            value = mention.value.replace(year=year) if year else None
            unresolved = "relative" if mention.precision == "year" else mention.precision
            mention = replace(mention, value=value, precision=mention.precision if value else unresolved)
        elif mention.value:
            year = mention.value.year
        out.append(mention)
    return out
