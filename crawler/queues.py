"""Disk queues (``JOBDIR``) whose request serialisation is cheap.

Scrapy's ``PickleLifoDiskQueue`` turns each request into a dict with ``Request.to_dict``, which
finds the callback's and errback's method names with ``inspect.getmembers(spider)``: about
0.15 ms a request on the reactor thread, twice per request. :func:`request_to_dict` gives the
same dict (``scrapy.utils.request.request_from_dict`` reads it back unchanged), looking each
function's name up once per spider and remembering it. Everything else (pickling, the files on
disk, what a resumed crawl reads) is Scrapy's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Request, Spider
from scrapy.squeues import PickleFifoDiskQueue as _ScrapyFifo
from scrapy.squeues import PickleLifoDiskQueue as _ScrapyLifo

try:  # a private helper of Scrapy (2.13-2.19); without it the queues use Request.to_dict
    from scrapy.http.request import _find_method
except ImportError:  # pragma: no cover - depends on the installed Scrapy
    _find_method = None

# spider -> {function: the spider method's name}
_METHOD_NAMES: WeakKeyDictionary[Spider, dict[Callable[..., Any], str]] = WeakKeyDictionary()


def method_name(spider: Spider | None, func: Any) -> Any:
    """What ``Request.to_dict`` stores for a callback or errback (a name, or ``func`` as is)."""
    if not callable(func):
        return func
    inner = getattr(func, "__func__", None)
    if spider is None or inner is None:
        return _find_method(spider, func)  # raises ValueError, as Scrapy does
    names = _METHOD_NAMES.setdefault(spider, {})
    name = names.get(inner)
    if name is None:
        name = names[inner] = _find_method(spider, func)
    return name


def request_to_dict(request: Request, spider: Spider | None) -> dict[str, Any]:
    """``request.to_dict(spider=spider)`` without searching the spider's members each time."""
    if _find_method is None:
        return request.to_dict(spider=spider)
    data = {
        "url": request.url,
        "callback": method_name(spider, request.callback),
        "errback": method_name(spider, request.errback),
        "headers": dict(request.headers),
    }
    for attr in request.attributes:
        data.setdefault(attr, getattr(request, attr))
    if type(request) is not Request:
        data["_class"] = f"{type(request).__module__}.{type(request).__name__}"
    return data


class PickleLifoDiskQueue(_ScrapyLifo):  # type: ignore[misc,valid-type]
    """Scrapy's default disk queue with :func:`request_to_dict`."""

    def push(self, request: Request) -> None:
        """Serialise and store ``request``."""
        super(_ScrapyLifo, self).push(request_to_dict(request, self.spider))


class PickleFifoDiskQueue(_ScrapyFifo):  # type: ignore[misc,valid-type]
    """Scrapy's FIFO disk queue with :func:`request_to_dict`."""

    def push(self, request: Request) -> None:
        """Serialise and store ``request``."""
        super(_ScrapyFifo, self).push(request_to_dict(request, self.spider))
