"""URL normalisation and filtering for fetched articles, feeds and sitemaps (courlan-based)."""

from __future__ import annotations

import ipaddress
import logging
from urllib.parse import urlsplit, urlunsplit

from courlan import check_url, normalize_url

logger = logging.getLogger(__name__)

SCHEMES = ("http", "https")
# courlan rejects IP literals and dotless hosts such as `localhost` (its domain check wants a
# public suffix); the network guard decides about addresses, so such hosts are filtered under
# this stand-in name and put back afterwards.
STAND_IN_HOST = "host.marsad-stand-in.test"


def normalize(url: str, pages_only: bool = True) -> str | None:
    """The normalised form of an http(s) URL, or None when it is unusable.

    Args:
        url: an absolute URL as found (whitespace around it is ignored).
        pages_only: also apply courlan's filters for web pages (drops links to images, PDFs,
            archives, feeds of comments ...); False for feed and sitemap URLs (`.xml.gz`).

    Returns:
        Lower-case scheme and host, default port dropped, tracking parameters removed, query
        parameters sorted, no fragment; None for other schemes, credentials or a missing host.
    """
    parts = _split(url)
    if parts is None:
        return None
    if pages_only and not _courlan_accepts(parts):
        return None
    try:
        normal = urlsplit(normalize_url(urlunsplit(parts)))
    except ValueError:
        return None
    return urlunsplit(normal._replace(fragment=""))


def is_http_url(url: str) -> bool:
    """Whether a URL is absolute http(s) with a host and no credentials (fetchable as is)."""
    return _split(url) is not None


def host_of(url: str) -> str:
    """The host of a URL with its port when not the default (`example.com`, `127.0.0.1:8080`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    try:
        port = parts.port
    except ValueError:
        port = None
    return host if port in (None, default) else f"{host}:{port}"


def origin_of(url: str) -> str:
    """Scheme and host of a URL (`https://example.com`), the key of its robots.txt."""
    return f"{urlsplit(url).scheme.lower()}://{host_of(url)}"


def _split(url: str):
    """The parts of an absolute http(s) URL with a host and no credentials, else None."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises ValueError for a bad port
    except (ValueError, AttributeError):
        return None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not parts.hostname or "@" in parts.netloc:
        return None
    return parts._replace(scheme=scheme, netloc=parts.netloc.lower())


def _courlan_accepts(parts) -> bool:
    """Whether courlan's page filters accept the URL (IP and dotless hosts through a stand-in)."""
    host = parts.hostname or ""
    if _is_ip(host) or "." not in host:
        parts = parts._replace(netloc=STAND_IN_HOST)
    return check_url(urlunsplit(parts)) is not None


def _is_ip(host: str) -> bool:
    """Whether a host is an IPv4 or IPv6 literal."""
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
