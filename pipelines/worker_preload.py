"""Imported once by the extraction pool's forkserver: warm the extraction code up before forking.

Importing this module runs one extraction, which loads trafilatura's lazy parts and the language
model; workers forked afterwards share those pages copy-on-write.
"""

from __future__ import annotations

from pipelines.worker_pool import init_worker

WARM_UP = init_worker()
