"""Refuse requests to loopback, private, link-local, reserved and multicast addresses.

A feed or a redirect is untrusted input: a URL naming an internal host (or a public name that
resolves to one) must not be fetched unless the run allows private networks. The check resolves
the host and refuses when ANY of its addresses is not public, and runs for every request,
each redirect hop included; the connection then goes to the addresses this check resolved
(transport.py), not to a second answer of the DNS.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
BLOCKED = "blocked_address"


class Blocked(Exception):
    """A URL the guard refuses; `reason` is `blocked_address` and the message says why."""

    reason = BLOCKED


def resolve(host: str, port: int) -> list[str]:
    """Every address getaddrinfo gives for a host (IP literals come back as themselves)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({info[4][0] for info in infos})


def is_public(ip: IPAddress) -> bool:
    """Whether an address is globally routable unicast (not loopback, private, link-local ...)."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    special = (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved
               or ip.is_multicast or ip.is_unspecified)
    return ip.is_global and not special


class NetGuard:
    """Checks URLs before they are requested; `allow_private` turns the check off.

    `resolver` and `allowed` are seams for tests (a resolver answering for a made-up host name,
    a predicate that lets the loopback test server through while everything else is checked).
    """

    def __init__(self, allow_private: bool = False,
                 resolver: Callable[[str, int], list[str]] = resolve,
                 allowed: Callable[[IPAddress], bool] = is_public):
        self.allow_private = allow_private
        self.resolver = resolver
        self.allowed = allowed

    def check(self, url: str) -> None:
        """Raise Blocked for a refused address, OSError when the host does not resolve."""
        if self.allow_private:
            return
        parts = urlsplit(url)
        self.addresses((parts.hostname or "").strip("[]"), parts.port or (443 if parts.scheme == "https" else 80))

    def addresses(self, host: str, port: int) -> list[str]:
        """The host's addresses, every one checked: what a connection may go to (Blocked, OSError)."""
        found = self._addresses(host, port)
        for ip in found:
            if not self.allowed(ip):
                raise Blocked(f"{host} resolves to {ip}, a non-public address "
                              "(allow with the setting allow_private_networks)")
        return [str(ip) for ip in found]

    def _addresses(self, host: str, port: int) -> list[IPAddress]:
        """The host's addresses; OSError (a connection problem, not a refusal) when it has none."""
        try:
            found = [ipaddress.ip_address(a.split("%")[0]) for a in self.resolver(host, port)]
        except (UnicodeError, ValueError) as exc:
            raise OSError(f"cannot resolve {host}: {exc}") from exc
        if not found:
            raise OSError(f"cannot resolve {host}: no addresses")
        return found
