"""Scrapy's RobotsTxtMiddleware, with every request waiting for robots.txt getting the parser.

In Scrapy 2.19 with the asyncio reactor, requests that arrive while a host's robots.txt is
being fetched all await the same Deferred through ``maybe_deferred_to_future``; Twisted's
``Deferred.asFuture`` consumes the result, so the second waiter gets the parser and every later
one gets ``None``, which the middleware reads as "no robots.txt": those requests are sent even
when robots.txt disallows them (seen here: 2 of 4 concurrent start URLs checked). This subclass
gives each waiter its own Deferred fed from the shared one. Drop it once Scrapy fixes
``RobotsTxtMiddleware.robot_parser``; ``tests/test_middlewares_politeness.py`` will notice.
"""

from __future__ import annotations

from typing import TypeVar

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

_T = TypeVar("_T")


def fork(shared: Deferred[_T]) -> Deferred[_T]:
    """A new Deferred firing with ``shared``'s result, which ``shared`` passes on unchanged."""
    own: Deferred[_T] = Deferred()

    def relay(result: _T) -> _T:
        own.callback(result)
        return result

    shared.addCallback(relay)
    return own


class SharedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """RobotsTxtMiddleware whose concurrent waiters on one host's robots.txt all get its parser."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        """The host's parser; a request arriving during the fetch waits on its own Deferred."""
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            return await maybe_deferred_to_future(fork(pending))
        return await super().robot_parser(request)
