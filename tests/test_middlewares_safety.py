"""Safety through real Scrapy: schemes, non-public addresses, credentials across domains, bombs.

No test sends traffic anywhere but 127.0.0.1 and 127.0.0.2: the non-loopback targets
(10.0.0.1, 169.254.169.254) are refused before any connection, and those crawls run with the
http download handler switched off, so even a broken middleware could not connect.
"""

from __future__ import annotations

import gzip
import ipaddress
from pathlib import Path

from crawler.middlewares.request_safety import ip_literal, is_public, parse_allowed
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


def test_is_public() -> None:
    """Private, loopback, link-local, shared, unspecified, multicast and mapped are not public."""
    for host in ("10.1.2.3", "192.168.0.1", "127.0.0.1", "169.254.169.254", "100.64.0.1",
                 "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:10.0.0.1"):
        assert not is_public(ipaddress.ip_address(host)), host
    for host in ("93.184.216.34", "2606:2800:220:1::"):
        assert is_public(ipaddress.ip_address(host)), host


def test_parse_allowed() -> None:
    """Host names lower-cased; addresses and networks as networks."""
    names, networks = parse_allowed(["LocalHost", "127.0.0.1", "10.0.0.0/8", " "])
    assert names == {"localhost"}
    assert networks == [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/8")]
