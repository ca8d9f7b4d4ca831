"""An honest User-Agent: it always names the contact URL of ``NEWSCLEAN_CONTACT_URL``.

``USER_AGENT`` in ``crawler.settings`` is built from the contact URL when the settings module is
imported, so ``-s NEWSCLEAN_CONTACT_URL=...`` alone would not reach it. This middleware derives
the header at run time: a ``(+URL)`` comment in ``USER_AGENT`` is replaced with the contact URL,
or one is appended. It runs before RobotsTxtMiddleware, so robots.txt is matched and fetched with
the same header.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Self

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

_CONTACT_COMMENT = re.compile(r"\(\+[^)]*\)")


def contact_user_agent(user_agent: str, contact_url: str) -> str:
    """``user_agent`` with its ``(+URL)`` comment naming ``contact_url``."""
    if contact_url in user_agent:
        return user_agent
    if _CONTACT_COMMENT.search(user_agent):
        return _CONTACT_COMMENT.sub(lambda _: f"(+{contact_url})", user_agent, count=1)
    return f"{user_agent} (+{contact_url})".strip()


class ContactUserAgentMiddleware:
    """Set the User-Agent header from ``USER_AGENT`` and ``NEWSCLEAN_CONTACT_URL``."""

    def __init__(self, user_agent: str) -> None:
        self.user_agent = user_agent

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Derive the header once; NotConfigured without a contact URL."""
        contact = (crawler.settings.get("NEWSCLEAN_CONTACT_URL") or "").strip()
        if not contact:
            logger.warning("NEWSCLEAN_CONTACT_URL is empty: the User-Agent names no contact")
            raise NotConfigured("NEWSCLEAN_CONTACT_URL is empty")
        user_agent = contact_user_agent(crawler.settings.get("USER_AGENT") or "", contact)
        logger.info("User-Agent: %s", user_agent)
        return cls(user_agent)

    def process_request(self, request: Request) -> None:
        """Give the request our User-Agent unless it carries its own."""
        request.headers.setdefault(b"User-Agent", self.user_agent)
