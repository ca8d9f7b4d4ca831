"""Packaging shim for ``scrapyd-deploy``, which builds the egg with ``setup.py bdist_egg``.

All metadata lives in pyproject.toml, including the ``scrapy`` entry point (``settings``) that
Scrapyd reads from the egg.
"""

from __future__ import annotations

from setuptools import setup

setup()
