"""Refuse requests that a news crawler has no business sending.

Only the schemes in ``SAFETY_ALLOWED_SCHEMES`` (http, https) are fetched. Requests to addresses
that are not publicly routable (private, loopback, link-local, shared, reserved, unspecified,
multicast; IPv4-mapped IPv6 included) are refused unless ``SAFETY_ALLOW_PRIVATE`` is on or the
host is in ``SAFETY_ALLOWED_HOSTS`` (host names, IP addresses or networks such as
``127.0.0.0/8``). IP literals are checked as written, legacy IPv4 forms (``127.1``,
``2130706433``) included. Host names are resolved first (``SAFETY_DNS_CHECK``) with the reactor's
resolver, Scrapy's caching resolver: the same cached answer that the HTTP/1.1 handler then
connects to, so a name cannot pass the check with one address and connect to another while it is
cached. A name that does not resolve is let through: its download fails with the DNS error.
Requests through a proxy are checked by their target, not the proxy.

Runs first among the downloader middlewares (80), before robots.txt is fetched, so a refused
host gets no request at all.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import TYPE_CHECKING, Self

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def ip_literal(host: str) -> IPAddress | None:
    """The address a host written as an IP literal stands for (``127.1`` too), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        pass
    try:
        # inet_aton parses without any lookup, and accepts what resolvers accept: 127.1, 0x7f.1.
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is globally routable unicast (an IPv4-mapped one by its IPv4 part)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def parse_allowed(entries: list[str]) -> tuple[set[str], list[IPNetwork]]:
    """Split ``SAFETY_ALLOWED_HOSTS`` into lower-case host names and IP networks."""
    names: set[str] = set()
    networks: list[IPNetwork] = []
    for entry in (entry.strip() for entry in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry.lower())
    return names, networks


class RequestSafetyMiddleware:
    """Refuse other schemes than http(s) and non-public addresses before any connection."""

    def __init__(self, crawler: Crawler, schemes: set[str], allow_private: bool,
                 allowed_hosts: list[str], dns_check: bool) -> None:
        self.stats = crawler.stats
        self.schemes = schemes
        self.allow_private = allow_private
        self.allowed_names, self.allowed_networks = parse_allowed(allowed_hosts)
        self.dns_check = dns_check

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read the ``SAFETY_*`` settings."""
        settings = crawler.settings
        if not settings.getbool("SAFETY_ENABLED", True):
            raise NotConfigured("SAFETY_ENABLED is off")
        dns_check = settings.getbool("SAFETY_DNS_CHECK", True)
        if dns_check and not settings.getbool("TWISTED_REACTOR_ENABLED", True):
            logger.warning("SAFETY_DNS_CHECK needs the Twisted reactor's resolver: host names "
                           "are not checked, IP literals are")
            dns_check = False
        return cls(
            crawler,
            schemes={s.lower() for s in settings.getlist("SAFETY_ALLOWED_SCHEMES",
                                                         ["http", "https"])},
            allow_private=settings.getbool("SAFETY_ALLOW_PRIVATE", False),
            allowed_hosts=settings.getlist("SAFETY_ALLOWED_HOSTS", []),
            dns_check=dns_check,
        )

    async def process_request(self, request: Request) -> None:
        """Raise ``IgnoreRequest`` for a refused scheme or address; let the rest through."""
        url = urlparse_cached(request)
        if url.scheme.lower() not in self.schemes:
            self.refuse(request, "scheme", f"scheme {url.scheme!r} is not allowed")
        host = (url.hostname or "").lower()
        if self.allow_private or host in self.allowed_names:
            return
        address = ip_literal(host)
        if address is None and self.dns_check:
            address = await resolve(host)
        if address is None or is_public(address):
            return
        if any(address in network for network in self.allowed_networks):
            self.stats.inc_value("safety/allowed/private_address")
            return
        self.refuse(request, "private_address", f"{host} is a non-public address ({address})")

    def refuse(self, request: Request, kind: str, reason: str) -> None:
        """Count, log and refuse ``request``."""
        self.stats.inc_value(f"safety/refused/{kind}")
        logger.warning("Refused %s: %s", request, reason)
        raise IgnoreRequest(f"refused by RequestSafetyMiddleware: {reason}")


async def resolve(host: str) -> IPAddress | None:
    """The address the reactor's (Scrapy's caching) resolver gives ``host``, None on failure."""
    from twisted.internet import reactor

    try:
        answer = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined]
    except Exception:  # a name that does not resolve fails its own download, with its error
        return None
    return ip_literal(str(answer))
