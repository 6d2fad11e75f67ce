"""Factuality beyond the words next to a trigger: tense and aspect, time scope and questions.

An Arabic imperfect verb (يزور, يقتلون) with no past frame (كان, ظل) tells what goes on, usually
happens or is scheduled, not what happened (a statement in the imperfect, تدين, يطالب, is made now): it is `present`, or `planned` when its sentence points
ahead (غدا, المقبل, a date after publication). A question does not assert what it asks about; an
alternative (للموافقة على الاتفاق أو رفضه) is not chosen yet; an event coordinated with a purpose
(لشن هجمات وقتل المدنيين) is as unrealised as it is. A past verb right after a relative pronoun
(الذين أطلقوا النار) tells who its antecedent is, and an event noun after a word of cause or naming
(بسبب, بأنه) refers to an event told elsewhere: background, not this sentence's news. Every word
list is a per-language role of `lang/<code>/events/grammar.tsv`.
"""

from __future__ import annotations

import re
from datetime import date

WORD = re.compile(r"[^\W_]+|n't", re.UNICODE)
FRAME_WORDS = 6       # a past frame (كان ... يقاتلون) counts this many words before the verb; by hand on the seed
PURPOSE_WORDS = 8     # an event joined to a purpose noun at most this many words before it (لشن هجمات وقتل)
COUNT_WORDS = 2       # a number this many words after a verb is its count (يقتل 60 شخصا, شن نحو 15 غارة); by hand
CLAUSE_MARKS = frozenset(';:؛!"«».')
QUESTION_MARKS = "?؟"
# Types whose event is a statement: an imperfect verb of theirs reports it as made now (تدين
# الوزارة الهجوم, يطالب البيان), unlike a visit, meeting or attack in the imperfect (يزور, يقتلون).
SAID = frozenset("AGREE SUPPORT CONCEDE REQUEST ACCUSE REJECT THREATEN DEMAND".split())


def scope(doc, start: int, end: int, trig, s_start: int, s_end: int, when: date | None = None) -> str:
    """The modality of a trigger the words next to it left asserted: by its clause, its noun
    phrase, its tense and its sentence's time (asserted when none says otherwise)."""
    last = _last_word(doc, start, s_start)
    found = _clause(doc, start, s_start, s_end, last)
    if found is None and trig.form == "noun":
        found = _noun_phrase(doc, start, end, last)
    if found:
        return found
    ahead = _ahead(doc, s_start, s_end, when)
    if trig.form == "verb":
        return _verb_scope(doc, start, end, trig, (s_start, s_end), ahead, last)
    return "planned" if ahead and trig.form == "noun" else "asserted"


def _clause(doc, start: int, s_start: int, s_end: int, last: str | None) -> str | None:
    """possible in a question or as the second of two alternatives (the word before the trigger is
    `last`), planned when joined to a purpose."""
    if _question(doc, s_start, s_end) or last in doc.lex.sets["disjunction"]:
        return "possible"                # هل قتل ...؟; للموافقة على الاتفاق أو رفضه: not yet chosen
    return "planned" if _joined_purpose(doc, start, s_start, last) else None   # لشن هجمات وقتل المدنيين


def _noun_phrase(doc, start: int, end: int, last: str | None) -> str | None:
    """background for an event noun referred to, possible for one of a kind (أي هجوم)."""
    if last is not None and _referred(doc, start, end, last):
        return "background"              # بسبب عمل إرهابي, وصفه بأنه عمل إرهابي, كان انفجارا هائلا
    if last in doc.lex.sets["generic"]:
        return "possible"                # أي هجوم, مثل هذه التفجيرات: a kind of event, no one event
    return None


def _verb_scope(doc, start: int, end: int, trig, sentence: tuple[int, int], ahead: bool, last: str | None) -> str:
    """An imperfect verb is present (planned when its sentence points ahead) unless framed as past,
    ongoing or counted; a past verb of a relative clause is background unless it gives a count
    (التحالف الذي شن 15 غارة reports the raids)."""
    s_start, s_end = sentence
    if trig.event_type not in SAID and imperfect(doc, start, end, trig):
        if _past_frame(doc, start, s_start, s_end) or counted(doc, end, s_start, s_end) \
                or doc.t[start - 1:start] in doc.lex.sets["purpose"]:
            return "asserted"            # كان الجيش يقصف, لا يزال يقاتل, يقتل 60 شخصا, فجر نفسه ليقتل
        return "planned" if ahead else "present"
    if last in doc.lex.sets["relative"] and not counted(doc, end, s_start, s_end):
        return "background"              # المسلحون الذين أطلقوا النار: who they are, not the news
    return "asserted"


def asserting_emphatic(doc, words: list[str], past_trigger: bool) -> list[str]:
    """The words before a trigger without a قد that asserts: before a past verb (وقد قدمت, قد أطلقت
    الصواريخ) or after كان (وكانت القوات قد تعرضت لقصف: the past perfect); قد before an imperfect
    verb (قد تسحب) stays and makes the event possible."""
    emphatic = doc.lex.sets["emphatic"]
    if emphatic.isdisjoint(words):
        return words
    frames, prefixes = doc.lex.sets["past_frame"], doc.lex.sets["imperfect"]
    out = []
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        past = past_trigger if nxt is None else nxt[:1] not in prefixes
        if w in emphatic and (past or not frames.isdisjoint(_plain(doc, words[max(0, i - FRAME_WORDS):i]))):
            continue
        out.append(w)
    return out


def imperfect(doc, start: int, end: int, trig) -> bool:
    """Whether a verb trigger is imperfect (يزور, تشن): by its generated tense, else by its person
    prefix: ي, or ت when the lexicon lists the same verb with ي (تشن/يشن; تفاوض is a past verb)."""
    if trig.form != "verb" or trig.tense in ("past", "future"):
        return False
    if trig.tense == "present":
        return True
    word = doc.t[start:end]
    if not word or word[0] not in doc.lex.sets["imperfect"] or word.endswith(doc.lex.role("past")):
        return False
    if word[0] == "ت":
        return "ي" + word[1:] in doc.lex.triggers
    return word[0] == "ي"


def _past_frame(doc, start: int, s_start: int, s_end: int) -> bool:
    """A past or continuing frame: كان/ظل a few words before the verb, or لا يزال, حاليا in its sentence."""
    before = _plain(doc, doc.words_in(max(s_start, start - 12 * FRAME_WORDS), start)[-FRAME_WORDS:])
    if not doc.lex.sets["past_frame"].isdisjoint(before):
        return True
    return doc.holds(s_start, s_end, doc.lex.sets["ongoing"])


def counted(doc, end: int, s_start: int, s_end: int) -> bool:
    """Whether a number follows the verb closely (انفجار يقتل 60 شخصا, الذي شن نحو 15 غارة): a count is a report."""
    return any(0 <= len(WORD.findall(doc.t, end, at)) <= COUNT_WORDS for at, *_ in doc.numbers(s_start, s_end)
               if at >= end)


def _ahead(doc, s_start: int, s_end: int, when: date | None) -> bool:
    """Whether a sentence points to what is to come: a word such as غدا, المقبل, or a date after publication."""
    if when is not None and doc.published is not None and when > doc.published:
        return True
    return doc.holds(s_start, s_end, doc.lex.sets["future"])


def _question(doc, s_start: int, s_end: int) -> bool:
    """Whether a sentence is a question (ends in a question mark)."""
    k = s_end - 1
    while k > s_start and doc.t[k].isspace():
        k -= 1
    return doc.t[k] in QUESTION_MARKS


def _referred(doc, start: int, end: int, word: str) -> bool:
    """Whether an event noun refers to an event rather than reports it: right after a word of cause
    or sequence (بسبب, إثر, منذ), of naming (بأنه), or as the accusative predicate of كان (انفجارا)."""
    bare = word[1:] if word[:1] in doc.lex.sets["conjunction"] and len(word) > 2 else word
    if {word, bare} & doc.lex.word_set("cause", "label"):
        return True
    accusative = doc.lex.role("accusative")
    predicate = bool(accusative) and doc.t[start:end].endswith(accusative)
    return predicate and bool({word, bare} & doc.lex.sets["copula"])


def _last_word(doc, start: int, s_start: int) -> str | None:
    """The word right before a trigger in its sentence, lower-cased (None at its start)."""
    before = doc.words_in(max(s_start, start - 16), start)
    return before[-1] if before else None


def _joined_purpose(doc, start: int, s_start: int, last: str | None) -> bool:
    """Whether a trigger is joined by و to a purpose noun shortly before it (لشن هجمات ... وقتل)."""
    if not doc.purpose:
        return False
    joined = doc.lex.sets["joined"]
    if not (doc.t[start - 1:start] in joined or last in joined):
        return False
    for p in doc.purpose:
        if s_start <= p < start:
            gap = doc.t[p:start]
            if len(WORD.findall(gap)) <= PURPOSE_WORDS and CLAUSE_MARKS.isdisjoint(gap):
                return True
    return False


def _plain(doc, words: list[str]) -> list[str]:
    """Words with a one-letter conjunction dropped where the bare word is a frame word (وكان -> كان)."""
    frames, conj = doc.lex.sets["past_frame"], doc.lex.sets["conjunction"]
    return [w[1:] if w not in frames and w[:1] in conj and w[1:] in frames else w for w in words]
