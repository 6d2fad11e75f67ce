"""The article in an HTML page: main text with its paragraphs, and metadata (trafilatura)."""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass

from lxml.etree import ParserError
from lxml.html import HTMLParser, fromstring
from trafilatura import bare_extraction

logger = logging.getLogger(__name__)

NO_TEXT = "no_article_text"
# trafilatura's settings, each chosen for news going into sentence-level extraction:
EXTRACTION_OPTIONS = dict(
    with_metadata=True,        # title, author, date, site name, canonical URL, description
    include_comments=False,    # readers' comments are not the article: their claims and actors
                               # would be attributed to the newspaper
    favor_precision=True,      # drop teasers, "most read" lists and share bars; losing a stray
                               # paragraph costs less than actors and events from other stories
    include_tables=False,      # table cells come out as run-on lines with no sentences; news
                               # tables (results, prices) are data, not reported speech or events
    include_links=False,       # plain text: link markup would shift sentence offsets
    include_images=False,
    include_formatting=False,  # no Markdown (`#`, `**`) in the text; headings stay own lines
    deduplicate=False,         # its process-global LRU empties pages seen a few times (stack.md);
                               # marsad deduplicates itself (content hash, simhash)
    target_language=None,      # Arabic and English both wanted; language is detected downstream
    fast=False,                # keep the readability/jusText fallback for odd layouts (~2x the
                               # time of fast=True, ~30 ms on a 150 KB page; see stack.md)
)
# Shorter text is not an article: in SaudiNewsNet, contents under 80 characters (297 of 31,030
# non-empty) are names, "Array" and link stubs; those of 80-150 (123) are real one-sentence briefs.
MIN_TEXT_CHARS = 80
# trafilatura's own parser settings, plus huge_tree: libxml2 otherwise stops at 256 nested
# elements and the text past them is lost (a page of 300 nested divs kept only what came before).
PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
                    remove_pis=True, huge_tree=True)
HTML_LANG = re.compile(r"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
SPACES = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Article:
    """An article's text (one paragraph or heading a line) and its metadata."""

    text: str
    title: str | None
    author: str | None
    published: str | None     # ISO date (YYYY-MM-DD) as trafilatura/htmldate finds it
    sitename: str | None
    canonical_url: str | None
    language: str | None      # trafilatura's, else the page's <html lang>
    description: str | None

    def as_dict(self) -> dict:
        """The article as a plain dict."""
        return asdict(self)


def extract_article(html: str, url: str | None = None) -> Article | None:
    """The article of an HTML page, or None when it has no article text (reason NO_TEXT)."""
    try:
        doc = bare_extraction(_tree(html), url=url, **EXTRACTION_OPTIONS)
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparsable markup
        logger.info("no article in %s: %s", url, exc)
        return None
    text = paragraphs(doc.text if doc is not None else "")
    if len(text) < MIN_TEXT_CHARS:
        return None
    return Article(text=text, title=_clean(doc.title), author=_clean(doc.author),
                   published=_clean(doc.date), sitename=_clean(doc.sitename),
                   canonical_url=_clean(doc.url) or url,
                   language=_clean(doc.language) or page_language(html),
                   description=_clean(doc.description))


def _tree(html: str):
    """The page parsed without libxml2's depth limit; the text itself when lxml cannot parse it or
    trafilatura would find it dubious (no "html" near the start and under two elements): trafilatura
    then tries its own ways, or refuses it at once."""
    try:
        tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=PARSER)
    except (ParserError, ValueError):
        return html
    dubious = "html" not in html[:50].lower()
    return html if tree is None or len(tree) < (2 if dubious else 1) else tree


def paragraphs(text: str | None) -> str:
    """Text with one paragraph a line: lines trimmed, spaces collapsed, no empty lines."""
    lines = (SPACES.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n".join(line for line in lines if line)


def page_language(html: str) -> str | None:
    """The language code of the page's <html lang> attribute (lower case), if any."""
    match = HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None


def _clean(value: str | None) -> str | None:
    """A metadata value trimmed, None when empty."""
    value = (value or "").strip()
    return value or None
