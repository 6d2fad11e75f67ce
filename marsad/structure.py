"""Read an article's layout: headline, subtitle (lede), section headings and paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE, SUBTITLE, HEADING, BODY = "title", "subtitle", "heading", "body"
# A heading is a short line that is not a full sentence. The seed's five headings have 2-6
# words; its shortest body paragraph has 30. 10 words leaves room for longer English headings.
HEADING_MAX_WORDS = 10
# A headline longer than this is not a headline: the file is read as plain paragraphs.
# (saudinewsnet titles: 99th percentile 24 words.)
TITLE_MAX_WORDS = 40
# A second line this long that ends like a sentence is the first paragraph, not a subtitle.
# (The seed's subtitle has 17 words; ledes in saudinewsnet rarely pass 35.)
SUBTITLE_MAX_WORDS = 35
SENTENCE_END = re.compile(r"[.!…:؛]['\"»”’)\]]*$")
BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
# Between blank lines, rows are wrapped text and joined into one paragraph, but for rows too long
# to be wrapped ones (paragraphs one a line), list items, and the file's first row when the next
# word would have fitted on it (a headline right above the text).
# A row longer than this is a paragraph on a line of its own, never a wrapped one (text is wrapped
# at 60-100 characters; the paragraphs of saudinewsnet's first 3,000 articles: median 273, 79%
# longer than 120).
WRAP_MAX = 120
# A row starting with one of these is a list item, never a continuation (not a dash: wrapped
# Arabic rows often start with one, «- رغم أنه»); a row ending with a dash runs on (a dateline:
# "BAGHDAD, March 3 (Reuters) -").
BULLET = re.compile(r"^[*•▪●]\s")
DASHES = ("-", "–", "—")
# Quotation marks: a short line holding one is running text (a quoted question, a chant), not a heading.
QUOTES = frozenset('«»"“”')


@dataclass(frozen=True)
class Block:
    """One line of the displayed article and the part of the article it belongs to."""

    text: str
    part: str


@dataclass(frozen=True)
class Layout:
    """The article's blocks in reading order; helpers give title, subtitle and headings."""

    blocks: tuple[Block, ...]
    shaped: bool

    def first(self, part: str) -> str | None:
        """Text of the first block of a part, if any."""
        return next((b.text for b in self.blocks if b.part == part), None)

    @property
    def headings(self) -> list[str]:
        """Section headings in order."""
        return [b.text for b in self.blocks if b.part == HEADING]


def split_lines(text: str) -> list[str]:
    """Non-empty, stripped lines; blank-line-separated blocks of wrapped lines become one line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").strip()
    if BLANK_LINE.search(text):         # blank lines inside the text, not only around it
        chunks = [[row for row in (" ".join(row.split()) for row in chunk.split("\n")) if row]
                  for chunk in BLANK_LINE.split(text)]
        rows = [row for chunk in chunks for row in chunk]
        # the width text is wrapped to, from its rows but the first (a headline is no wrapped row)
        width = max((len(row) for row in rows[1:] if len(row) <= WRAP_MAX), default=0)
        lines = [line for k, chunk in enumerate(chunks) for line in _unwrapped(chunk, width, first=k == 0)]
    else:
        lines = [line.strip() for line in text.split("\n")]
    return [line for line in lines if line]


def _unwrapped(rows: list[str], width: int, first: bool = False) -> list[str]:
    """The lines of a blank-line-separated block, wrapped rows joined into the line they continue
    (`first`: the block opens the file)."""
    lines = rows[:1]
    for k, (previous, row) in enumerate(zip(rows, rows[1:])):
        if _wrapped(previous, row, width, first and k == 0):
            lines[-1] += " " + row
        else:
            lines.append(row)
    return lines


def _wrapped(row: str, following: str, width: int, opening: bool = False) -> bool:
    """Whether the next row continues this one: not when either is wider than wrapped text (a
    paragraph, a headline), nor before a list item; the file's opening row only when the next
    word did not fit on it or it ends with a dash (a headline often is nearly as wide as the text)."""
    if len(row) > min(width, WRAP_MAX) or len(following) > WRAP_MAX or BULLET.match(following):
        return False
    return not opening or row.endswith(DASHES) or len(row) + 1 + len(following.split()[0]) > width


def read_layout(text: str) -> Layout:
    """Classify the lines of an article file into title, subtitle, headings and body."""
    lines = split_lines(text)
    if not lines:
        return Layout((), shaped=False)
    if _more_words(lines[0], TITLE_MAX_WORDS):      # a paragraph: the file has no headline
        return Layout(tuple(Block(line, BODY) for line in lines), shaped=False)
    if not _is_headline(lines[0]):
        rest = tuple(Block(line, BODY) for line in lines[1:])
        return Layout((Block(lines[0], TITLE),) + rest, shaped=False)
    blocks = [Block(lines[0], TITLE)]
    start = 1
    if len(lines) > 2 and _is_subtitle(lines[1]):
        blocks.append(Block(lines[1], SUBTITLE))
        start = 2
    rest = lines[start:]
    blocks += [Block(line, HEADING if _is_heading(line) and k + 1 < len(rest) else BODY)
               for k, line in enumerate(rest)]
    return Layout(tuple(blocks), shaped=True)


def _more_words(line: str, limit: int) -> bool:
    """Whether line has more than `limit` whitespace-separated words."""
    # The split stops after limit + 1 of them: a paragraph's whole word list cost as much as the rest of the layout.
    return len(line.split(None, limit)) > limit


def _is_headline(line: str) -> bool:
    """A first line short enough to be a headline and not ending like a sentence."""
    return not _more_words(line, TITLE_MAX_WORDS) and not SENTENCE_END.search(line)


def _is_subtitle(line: str) -> bool:
    """A second line that is a lede rather than a full first paragraph."""
    return not (_more_words(line, SUBTITLE_MAX_WORDS) or (_more_words(line, HEADING_MAX_WORDS)
                                                          and SENTENCE_END.search(line)))


def _is_heading(line: str) -> bool:
    """A short line that is not a full sentence nor a quotation; a short question counts as a heading.

    The last line of an article heads nothing, so it is body (a sign-off, a closing question).
    """
    return (not _more_words(line, HEADING_MAX_WORDS) and not SENTENCE_END.search(line)
            and not QUOTES & set(line))
