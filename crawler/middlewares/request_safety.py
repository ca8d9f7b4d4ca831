"""Refuse requests that a news crawler has no business sending.

Only the schemes in ``SAFETY_ALLOWED_SCHEMES`` (http, https) are fetched. Requests to addresses
that are not publicly routable (private, loopback, link-local, shared, reserved, unspecified,
multicast; for IPv6 also unique-local ``fc00::/7``, site-local, anything outside global unicast
``2000::/3``, and IPv4 addresses carried in IPv6: IPv4-mapped, 6to4, NAT64) are refused unless
``SAFETY_ALLOW_PRIVATE`` is on or the host is in ``SAFETY_ALLOWED_HOSTS`` (host names, IP
addresses or networks such as ``127.0.0.0/8``). IP literals are checked as written, legacy IPv4
forms (``127.1``, ``2130706433``) included. Host names are resolved first (``SAFETY_DNS_CHECK``)
with the reactor's name resolver, the one the HTTP/1.1 handler connects with, and every address
it gives must pass: A answers with Scrapy's default ``CachingThreadedResolver`` (the handler then
connects over IPv4 only), A and AAAA answers with ``scrapy.resolver.CachingHostnameResolver``.
Both cache, so the check and the connection see the same answer: a name cannot pass with one
address and connect to another while it is cached. A name that does not resolve is let through:
its download fails with the DNS error. Requests through a proxy are checked by their target, not
the proxy.

Runs first among the downloader middlewares (80), before robots.txt is fetched, so a refused
host gets no request at all.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import address as twisted_address
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IResolutionReceiver
from zope.interface import implementer

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
# Public IPv6 unicast is 2000::/3; ::/8 (unspecified, loopback, IPv4-compatible, NAT64),
# fc00::/7, fe80::/10, fec0::/10 and ff00::/8 are not (Python calls fec0::/10 and
# IPv4-compatible addresses global).
_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the last 32 bits are the IPv4 target
_RESOLVED_TYPES = (twisted_address.IPv4Address, twisted_address.IPv6Address)


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


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one reaches: IPv4-mapped, 6to4 or NAT64 (64:ff9b::/96)."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is globally routable unicast; IPv6 carrying IPv4 by its IPv4 part."""
    if isinstance(address, ipaddress.IPv6Address):
        carried = embedded_ipv4(address)
        if carried is not None:
            return is_public(carried)
        if address not in _GLOBAL_UNICAST:
            return False
    return address.is_global and not address.is_multicast


def is_allowed(address: IPAddress, networks: list[IPNetwork]) -> bool:
    """Whether ``address`` is in one of ``networks``; an IPv4-mapped IPv6 address by its IPv4.

    ``::ffff:127.0.0.1`` is the same socket address as ``127.0.0.1`` on a dual-stack host, so
    allowing one allows the other. 6to4 and NAT64 addresses are not unwrapped: they reach their
    IPv4 target through a relay, a different host.
    """
    mapped = address.ipv4_mapped if isinstance(address, ipaddress.IPv6Address) else None
    return any(address in net or (mapped is not None and mapped in net) for net in networks)


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
        literal = ip_literal(host)
        if literal is not None:
            addresses = [literal]
        else:
            addresses = await resolve(host) if self.dns_check else []
        private = [address for address in addresses if not is_public(address)]
        if not private:
            return
        refused = [a for a in private if not is_allowed(a, self.allowed_networks)]
        if not refused:
            self.stats.inc_value("safety/allowed/private_address")
            return
        shown = ", ".join(str(address) for address in refused)
        self.refuse(request, "private_address", f"{host} is a non-public address ({shown})")

    def refuse(self, request: Request, kind: str, reason: str) -> None:
        """Count, log and refuse ``request``."""
        self.stats.inc_value(f"safety/refused/{kind}")
        logger.warning("Refused %s: %s", request, reason)
        raise IgnoreRequest(f"refused by RequestSafetyMiddleware: {reason}")


async def resolve(host: str) -> list[IPAddress]:
    """Every address the reactor's name resolver gives ``host`` (IPv4 and IPv6), [] on failure.

    ``reactor.nameResolver`` is what the HTTP/1.1 handler's ``HostnameEndpoint`` connects with,
    so the check sees its answers, from the same cache. Twisted has no Deferred-returning form
    of ``resolveHostName``: :class:`_Addresses` collects the answers into one.
    """
    from twisted.internet import reactor

    receiver = _Addresses()
    reactor.nameResolver.resolveHostName(  # type: ignore[attr-defined]
        receiver, host, 0, addressTypes=_RESOLVED_TYPES)
    return await maybe_deferred_to_future(receiver.done)


@implementer(IResolutionReceiver)
class _Addresses:
    """Collect a name resolution's addresses; ``done`` fires with them when it completes."""

    def __init__(self) -> None:
        self.addresses: list[IPAddress] = []
        self.done: Deferred[list[IPAddress]] = Deferred()

    def resolutionBegan(self, resolution: Any) -> None:
        """Nothing to do: the answers follow."""

    def addressResolved(self, address: Any) -> None:
        """Keep an IPv4 or IPv6 answer (a link-local one may carry a ``%scope``)."""
        parsed = ip_literal(str(getattr(address, "host", "")))
        if parsed is not None:
            self.addresses.append(parsed)

    def resolutionComplete(self) -> None:
        """Hand the answers on (none when the name did not resolve)."""
        self.done.callback(self.addresses)
