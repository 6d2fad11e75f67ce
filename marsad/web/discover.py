"""Article URLs from RSS and Atom feeds and from sitemaps (urlset, sitemapindex, gzip, text).

All I/O goes through the run's Fetcher (guard, robots.txt, limits). Parsing is structural
(lxml, no entities, no network): trafilatura's link helpers are regular expressions that also
return a feed's own home-page link and drop hosts courlan rejects (IP literals, `localhost`),
and its sitemap walker fetches by itself; trafilatura is used here for what fits without I/O:
`feeds.find_links` for JSON Feed and the plain-text sitemap link pattern.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml import etree
from trafilatura.feeds import FeedParameters, find_links
from trafilatura.sitemaps import DETECT_LINKS

from marsad.web.fetch import Fetcher, FetchResult
from marsad.web.urls import normalize

logger = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
FEED_DATES = ("pubDate", "date", "published", "updated", "issued", "modified")
SITEMAP_DATES = ("publication_date", "lastmod")
# sitemaps.org allows 50,000 URLs per sitemap; a whole index is cut at ten full sitemaps.
MAX_SITEMAP_URLS = 500_000


@dataclass
class Discovery:
    """What discovery found: article URLs (normalised, first-seen order) and failed fetches."""

    urls: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)   # url -> date as the source gives it
    failures: list[FetchResult] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)     # sitemaps read, index first

    _seen: set[str] = field(default_factory=set, repr=False)

    def add(self, url: str, date: str | None = None) -> None:
        """Add an article URL once (ignored when courlan's filters reject it)."""
        normal = normalize(url)
        if normal is None or normal in self._seen:
            return
        self._seen.add(normal)
        self.urls.append(normal)
        if date:
            self.dates[normal] = date.strip()


def discover_feed(fetcher: Fetcher, url: str) -> Discovery:
    """The article URLs of an RSS, Atom or JSON feed."""
    found = Discovery()
    result = fetcher.fetch(url, kind="xml")
    if not result.ok:
        found.failures.append(result)
        return found
    for link, date in feed_entries(_unzip(result.body or b"", fetcher.config.max_bytes), result.final_url):
        found.add(link, date)
    logger.info("feed %s: %d article URLs", url, len(found.urls))
    return found


def discover_sitemap(fetcher: Fetcher, url: str, max_depth: int = 3,
                     max_urls: int = MAX_SITEMAP_URLS) -> Discovery:
    """The article URLs of a sitemap, following a sitemap index down to `max_depth` levels."""
    found, seen, level = Discovery(), set(), [url]
    for _depth in range(max_depth + 1):
        level = [u for u in dict.fromkeys(level) if u not in seen]
        if not level or len(found.urls) >= max_urls:
            break
        seen.update(level)
        level = _read_level(fetcher, level, found, max_urls)
    found.urls = found.urls[:max_urls]
    logger.info("sitemap %s: %d article URLs from %d sitemaps", url, len(found.urls),
                len(found.sitemaps))
    return found


def feed_entries(body: bytes, base_url: str) -> list[tuple[str, str | None]]:
    """(link, date) of each RSS item or Atom entry; JSON Feed through trafilatura."""
    text_head = body[:200].decode("utf-8", errors="ignore").lstrip("\ufeff \r\n\t")
    if text_head.startswith("{"):
        params = FeedParameters(base_url, "", base_url)
        return [(urljoin(base_url, u), None) for u in find_links(body.decode("utf-8", "replace"), params)]
    root = _parse_xml(body)
    if root is None:
        return []
    return [(urljoin(base_url, link), date) for link, date in _entries(root) if link]


def sitemap_entries(body: bytes, base_url: str) -> tuple[list[str], list[tuple[str, str | None]]]:
    """(child sitemaps, (page URL, date) pairs) of a sitemap body (XML, text, or a feed)."""
    root = _parse_xml(body)
    if root is None:
        text = body.decode("utf-8", errors="replace")
        return [], [(m.group(0), None) for m in DETECT_LINKS.finditer(text)]
    name = _local(root)
    if name in ("rss", "feed", "RDF"):
        return [], feed_entries(body, base_url)
    locs = [(_child_text(el, "loc"), _first_text(el, SITEMAP_DATES)) for el in root
            if _local(el) in ("sitemap", "url")]
    locs = [(urljoin(base_url, loc), date) for loc, date in locs if loc]
    return ([loc for loc, _ in locs], []) if name == "sitemapindex" else ([], locs)


def _read_level(fetcher: Fetcher, sitemaps: list[str], found: Discovery, max_urls: int) -> list[str]:
    """Fetch one level of sitemaps (in parallel); return the child sitemaps they name."""
    children = []
    for result in fetcher.fetch_many(sitemaps, kind="xml"):
        if not result.ok:
            found.failures.append(result)
            continue
        found.sitemaps.append(result.url)
        body = _unzip(result.body or b"", fetcher.config.max_bytes)
        nested, pages = sitemap_entries(body, result.final_url)
        children.extend(u for u in (normalize(n, pages_only=False) for n in nested) if u)
        for page, date in pages[: max(0, max_urls - len(found.urls))]:
            found.add(page, date)
    return children


def _entries(root) -> list[tuple[str | None, str | None]]:
    """(link, date) of the items (RSS 0.9x/1.0/2.0) or entries (Atom) under a feed root."""
    out = []
    for el in root.iter("{*}item", "{*}entry"):
        link = _atom_link(el) if _local(el) == "entry" else _rss_link(el)
        out.append((link, _first_text(el, FEED_DATES)))
    return out


def _rss_link(item) -> str | None:
    """An RSS item's <link>, else its permalink <guid>."""
    link = _child_text(item, "link")
    if link:
        return link
    for guid in item.iterchildren("{*}guid"):
        if guid.get("isPermaLink", "true") != "false" and (guid.text or "").strip().startswith("http"):
            return guid.text.strip()
    return item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about")


def _atom_link(entry) -> str | None:
    """An Atom entry's alternate link (rel missing or `alternate`), else its first link."""
    links = [el for el in entry.iterchildren("{*}link") if el.get("href")]
    for el in links:
        if el.get("rel", "alternate") == "alternate" and "atom+xml" not in el.get("type", ""):
            return el.get("href")
    return links[0].get("href") if links else None


def _parse_xml(body: bytes):
    """The root element of an XML body, or None when it is not XML."""
    if not body.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        return None
    try:
        return etree.fromstring(body, PARSER)
    except etree.XMLSyntaxError:
        return None


def _unzip(body: bytes, max_bytes: int) -> bytes:
    """A gzip body decompressed (at most max_bytes, against gzip bombs); other bodies as they are."""
    if not body.startswith(GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        data = inflater.decompress(body, max_bytes)
    except zlib.error as exc:
        logger.warning("bad gzip data: %s", exc)
        return b""
    if inflater.unconsumed_tail:
        logger.warning("gzip body over %d bytes decompressed: cut", max_bytes)
    return data


def _local(el) -> str:
    """The local name of an element (no namespace)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _child_text(el, name: str) -> str | None:
    """The stripped text of the first child with a local name, if any."""
    for child in el:
        if _local(child) == name and (child.text or "").strip():
            return child.text.strip()
    return None


def _first_text(el, names: tuple[str, ...]) -> str | None:
    """The text of the first descendant among `names` (in that order of preference)."""
    for name in names:
        for child in el.iter(f"{{*}}{name}"):
            if (child.text or "").strip():
                return child.text.strip()
    return None
