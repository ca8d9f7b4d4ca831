"""Imported once by the extraction pool's forkserver: warm the extraction code up before forking.

Importing this module runs one extraction, which loads trafilatura's lazy parts and the language
model; workers forked afterwards share those pages copy-on-write (the objects frozen out of the
garbage collector's reach, see below). A warm-up that raises here is
logged and left to the workers, which run it again: their deaths before their "ready" frame trip
the pool's circuit breaker with a clear reason, where a dead forkserver would be restarted (and
its warm-up paid) at every worker start.
"""

from __future__ import annotations

import gc
import logging

from pipelines.worker_pool import PageResult, init_worker

logger = logging.getLogger(__name__)


def warm_up() -> PageResult | None:
    """:func:`init_worker`, its exception logged rather than raised."""
    try:
        return init_worker()
    except Exception:
        logger.exception("the extraction forkserver's warm-up failed")
        return None


WARM_UP = warm_up()
# Everything loaded so far lives as long as the forkserver and its workers. Frozen, the workers'
# garbage collections leave it alone: a full collection writes to every tracked object's header,
# which copies the page it lies on into the worker (about 25 MB a worker). The documented use
# of gc.freeze for processes forked without exec.
gc.collect()
gc.freeze()
