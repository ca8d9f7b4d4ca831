"""Safety through real Scrapy: schemes, non-public addresses, credentials across domains, bombs.

No test sends traffic anywhere but 127.0.0.1 and 127.0.0.2: the non-loopback targets
(10.0.0.1, 169.254.169.254, IPv6 ones) are refused before any connection, and those crawls run
with the http download handler switched off, so even a broken middleware could not connect.
No test asks a DNS server: names resolve from /etc/hosts (``localhost``) or, for IPv6 answers,
from :class:`TableResolver`, a name resolver answering from a table in the settings.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Self

import pytest
from scrapy.crawler import Crawler
from scrapy.resolver import HostResolution
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IResolutionReceiver
from zope.interface import implementer

from crawler.middlewares.request_safety import (
    _Addresses,
    embedded_ipv4,
    ip_literal,
    is_allowed,
    is_public,
    parse_allowed,
)
from tests.servers import ALLOW_LOOPBACK, Reply, probe_crawl, redirect, serve

NO_NETWORK = {"DOWNLOAD_HANDLERS": {"http": None, "https": None}}
ROBOTS = Reply(200, b"", {"Content-Type": "text/plain"})


def test_other_schemes_are_refused(tmp_path: Path) -> None:
    """file: and data: URLs are refused and counted; nothing is read."""
    run = probe_crawl(["file:///etc/hostname", "data:text/html,<p>hi</p>"],
                      {**ALLOW_LOOPBACK, **NO_NETWORK}, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    assert run.responses == []
    assert run.stats["safety/refused/scheme"] == 2
    assert {f["type"] for f in run.failures} == {"IgnoreRequest"}
    assert "downloader/request_count" not in run.stats


def test_private_literals_refused_without_connecting(tmp_path: Path) -> None:
    """10.0.0.1 and the link-local metadata address are refused before any download."""
    urls = ["http://10.0.0.1/news/", "http://169.254.169.254/latest/meta-data/",
            "http://[::ffff:10.0.0.1]/"]
    run = probe_crawl(urls, NO_NETWORK, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    assert run.stats["safety/refused/private_address"] == 3
    assert "downloader/request_count" not in run.stats  # not even robots.txt
    exceptions = {key for key in run.stats if key.startswith("downloader/exception_type")}
    assert exceptions == {"downloader/exception_type_count/scrapy.exceptions.IgnoreRequest"}
    assert len(run.failures) == 3


def test_loopback_refused_unless_allowed(tmp_path: Path) -> None:
    """Without SAFETY_ALLOWED_HOSTS, a real server on 127.0.0.1 (by IP or by name) gets nothing."""
    with serve({"/robots.txt": ROBOTS, "/": Reply()}) as server:
        port = server.server_address[1]
        run = probe_crawl([server.url("/"), f"http://localhost:{port}/"], {}, tmp_path)
        assert server.hits == []
    assert run.stats["safety/refused/private_address"] == 2
    assert run.responses == []


def _ipv4_mapped_connects() -> bool:
    """Whether this host's kernel reaches IPv4 loopback through ``::ffff:127.0.0.1``."""
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::ffff:127.0.0.1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv4_mapped_connects(), reason="no dual-stack IPv6 sockets here")
def test_allowed_ipv4_host_is_allowed_in_its_ipv4_mapped_form(tmp_path: Path) -> None:
    """``::ffff:127.0.0.1`` is 127.0.0.1: allowing one lets the other through to the server."""
    with serve({"/robots.txt": ROBOTS, "/": Reply()}) as server:
        port = server.server_address[1]
        run = probe_crawl([f"http://[::ffff:127.0.0.1]:{port}/"], ALLOW_LOOPBACK, tmp_path)
        assert "/" in server.paths(), run.log[-3000:]
    assert run.stats["safety/allowed/private_address"] >= 1
    assert "safety/refused/private_address" not in run.stats


def test_is_allowed_unwraps_only_ipv4_mapped_addresses() -> None:
    """A mapped address matches its IPv4 network; 6to4 and NAT64 ones (relayed) do not."""
    _, networks = parse_allowed(["127.0.0.1"])
    assert is_allowed(ipaddress.ip_address("127.0.0.1"), networks)
    assert is_allowed(ipaddress.ip_address("::ffff:127.0.0.1"), networks)
    assert not is_allowed(ipaddress.ip_address("::ffff:127.0.0.2"), networks)
    assert not is_allowed(ipaddress.ip_address("2002:7f00:1::"), networks)
    assert not is_allowed(ipaddress.ip_address("64:ff9b::7f00:1"), networks)
    _, v6_networks = parse_allowed(["::ffff:127.0.0.1"])
    assert is_allowed(ipaddress.ip_address("::ffff:127.0.0.1"), v6_networks)


def test_authorization_and_cookie_stay_on_their_host(tmp_path: Path) -> None:
    """A redirect to another host drops Authorization and Cookie; a same-host one keeps them."""
    credentials = {"Authorization": "Basic dXNlcjpwYXNz", "Cookie": "session=secret"}
    settings = {"SAFETY_ALLOWED_HOSTS": ["127.0.0.1", "127.0.0.2"]}
    with serve({"/robots.txt": ROBOTS, "/landing": Reply()}, host="127.0.0.2") as other:
        routes = {"/robots.txt": ROBOTS, "/cross": redirect(other.url("/landing")),
                  "/same": redirect("/home"), "/home": Reply()}
        with serve(routes) as origin:
            run = probe_crawl([origin.url("/cross"), origin.url("/same")], settings, tmp_path,
                              headers=credentials)
            same_host = {hit.path: hit.headers for hit in origin.hits}
        crossed = {hit.path: hit.headers for hit in other.hits}
    assert len(run.responses) == 2, run.log[-3000:]
    assert "Authorization" not in crossed["/landing"]
    assert "Cookie" not in crossed["/landing"]
    assert same_host["/home"]["Authorization"] == credentials["Authorization"]


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    """32 MB of zeros in 32 KB of gzip passes the wire limit but not DOWNLOAD_MAXSIZE unpacked."""
    bomb = gzip.compress(b"\0" * (32 * 1024 * 1024), compresslevel=9)
    routes = {"/robots.txt": ROBOTS, "/ok": Reply(),
              "/bomb": Reply(200, bomb, {"Content-Type": "text/html",
                                         "Content-Encoding": "gzip"})}
    with serve(routes) as server:
        run = probe_crawl([server.url("/bomb"), server.url("/ok")], ALLOW_LOOPBACK, tmp_path)
        assert "/bomb" in server.paths()
    assert [r["url"] for r in run.responses] == [server.url("/ok")], run.log[-3000:]
    assert [f["type"] for f in run.failures] == ["IgnoreRequest"]
    assert "exceeded DOWNLOAD_MAXSIZE" in run.failures[0]["message"]


def test_ip_literal_reads_what_resolvers_read() -> None:
    """Dotted, legacy IPv4 and bracketed IPv6 literals; host names are not literals."""
    assert ip_literal("127.1") == ipaddress.ip_address("127.0.0.1")
    assert ip_literal("2130706433") == ipaddress.ip_address("127.0.0.1")
    assert ip_literal("0x7f.0.0.1") == ipaddress.ip_address("127.0.0.1")
    assert ip_literal("[::1]") == ipaddress.ip_address("::1")
    assert ip_literal("example.com") is None


NOT_PUBLIC_V6 = (
    "::", "::1", "fe80::1", "fe80::1%eth0", "febf::1", "fc00::1", "fd12:3456::1", "fec0::1",
    "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::127.0.0.1", "2002:7f00:1::",
    "2002:a9fe:a9fe::1", "64:ff9b::10.0.0.1", "64:ff9b::169.254.169.254", "64:ff9b:1::1",
    "100::1", "2001:db8::1", "2001:0:4136:e378:8000:63bf:80ff:fffe",
)


def test_is_public() -> None:
    """Private, loopback, link-local, shared, unspecified, multicast and mapped are not public."""
    for host in ("10.1.2.3", "192.168.0.1", "127.0.0.1", "169.254.169.254", "100.64.0.1",
                 "0.0.0.0", "224.0.0.1", *NOT_PUBLIC_V6):
        assert not is_public(ip_literal(host)), host
    for host in ("93.184.216.34", "2606:2800:220:1::", "::ffff:93.184.216.34",
                 "2002:5db8:d822::1", "64:ff9b::93.184.216.34"):
        assert is_public(ip_literal(host)), host


@pytest.mark.parametrize(("address", "carried"), [
    ("::ffff:10.0.0.1", "10.0.0.1"), ("2002:7f00:1::5", "127.0.0.1"),
    ("64:ff9b::a9fe:a9fe", "169.254.169.254"), ("2606:2800:220:1::", None), ("::1", None),
])
def test_embedded_ipv4(address: str, carried: str | None) -> None:
    found = embedded_ipv4(ipaddress.IPv6Address(address))
    assert found == (ipaddress.IPv4Address(carried) if carried else None)


def test_resolution_answers_of_both_families_are_collected() -> None:
    receiver = _Addresses()
    answers: list[Any] = []
    receiver.done.addCallback(answers.append)
    receiver.resolutionBegan(HostResolution("mixed.test"))
    receiver.addressResolved(IPv4Address("TCP", "93.184.216.34", 0))
    receiver.addressResolved(IPv6Address("TCP", "fe80::1%eth0", 0, 0, 2))
    receiver.addressResolved(IPv6Address("TCP", "2606:2800:220:1::", 0))
    assert answers == []
    receiver.resolutionComplete()
    assert answers == [[ipaddress.ip_address("93.184.216.34"), ipaddress.ip_address("fe80::1%eth0"),
                        ipaddress.ip_address("2606:2800:220:1::")]]


@implementer(IHostnameResolver)
class TableResolver:
    """A name resolver answering from the ``TEST_HOSTS`` setting (name -> addresses).

    Installed with ``TWISTED_DNS_RESOLVER`` like Scrapy's ``CachingHostnameResolver``, it stands
    in for DNS, which the tests may not ask: names it does not know do not resolve.
    """

    def __init__(self, reactor: Any, table: dict[str, list[str]]) -> None:
        self.reactor = reactor
        self.table = table

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> Self:
        """Read the table."""
        return cls(reactor, crawler.settings.getdict("TEST_HOSTS"))

    def install_on_reactor(self) -> None:
        """Become the reactor's name resolver, as CachingHostnameResolver does."""
        self.reactor.installNameResolver(self)

    def resolveHostName(self, receiver: IResolutionReceiver, hostName: str,
                        portNumber: int = 0, addressTypes: Sequence[type] | None = None,
                        transportSemantics: str = "TCP") -> HostResolution:
        """Answer from the table, filtered by ``addressTypes`` as a real resolver does."""
        resolution = HostResolution(hostName)
        receiver.resolutionBegan(resolution)
        for text in self.table.get(hostName, []):
            kind = IPv6Address if ":" in text else IPv4Address
            if addressTypes is None or kind in addressTypes:
                receiver.addressResolved(kind("TCP", text, portNumber))
        receiver.resolutionComplete()
        return resolution


def test_names_with_a_non_public_ipv6_answer_are_refused(tmp_path: Path) -> None:
    """Every A and AAAA answer is checked: one non-public address refuses the name."""
    table = {"v6-loopback.test": ["::1"], "unique-local.test": ["fd00::1"],
             "mixed.test": ["93.184.216.34", "fe80::1"], "mapped.test": ["::ffff:10.0.0.1"],
             "nat64.test": ["2606:2800:220:1::", "64:ff9b::a9fe:a9fe"],
             "allowed.test": ["fd99::1"]}
    settings = {**NO_NETWORK, "TWISTED_DNS_RESOLVER": f"{__name__}.TableResolver",
                "TEST_HOSTS": table, "SAFETY_ALLOWED_HOSTS": ["fd99::/16"]}
    run = probe_crawl([f"http://{name}/" for name in table], settings, tmp_path)
    assert run.returncode == 0, run.log[-3000:]
    refused = {f["url"]: f["message"] for f in run.failures if f["type"] == "IgnoreRequest"}
    assert refused == {
        "http://v6-loopback.test/": "refused by RequestSafetyMiddleware: "
                                    "v6-loopback.test is a non-public address (::1)",
        "http://unique-local.test/": "refused by RequestSafetyMiddleware: "
                                     "unique-local.test is a non-public address (fd00::1)",
        "http://mixed.test/": "refused by RequestSafetyMiddleware: "
                              "mixed.test is a non-public address (fe80::1)",
        "http://mapped.test/": "refused by RequestSafetyMiddleware: "
                               "mapped.test is a non-public address (::ffff:a00:1)",
        "http://nat64.test/": "refused by RequestSafetyMiddleware: "
                              "nat64.test is a non-public address (64:ff9b::a9fe:a9fe)",
    }, run.log[-3000:]
    assert run.stats["safety/refused/private_address"] == 5
    # fd99::/16 is in SAFETY_ALLOWED_HOSTS: robots.txt and the page are let through, to a
    # download handler that is switched off.
    assert run.stats["safety/allowed/private_address"] == 2
    others = [(f["url"], f["type"]) for f in run.failures if f["type"] != "IgnoreRequest"]
    assert others == [("http://allowed.test/", "NotSupported")], run.failures


def test_hostname_resolver_answers_are_checked(tmp_path: Path) -> None:
    """With Scrapy's IPv4+IPv6 CachingHostnameResolver, a name for 127.0.0.1 gets nothing."""
    with serve({"/robots.txt": ROBOTS, "/": Reply()}) as server:
        port = server.server_address[1]
        settings = {"TWISTED_DNS_RESOLVER": "scrapy.resolver.CachingHostnameResolver"}
        run = probe_crawl([f"http://localhost:{port}/"], settings, tmp_path)
        assert server.hits == []
    assert run.stats["safety/refused/private_address"] == 1, run.log[-3000:]


def test_parse_allowed() -> None:
    """Host names lower-cased; addresses and networks as networks."""
    names, networks = parse_allowed(["LocalHost", "127.0.0.1", "10.0.0.0/8", " "])
    assert names == {"localhost"}
    assert networks == [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]
