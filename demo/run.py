"""``make demo``: serve the bundled news site on 127.0.0.1 and crawl it with the real spider."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from demo.server import serve_site

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "demo" / "site"
# The demo server answers at once: politeness delays only slow a loopback crawl down.
# Loopback addresses are refused by default (RequestSafetyMiddleware): the demo allows its own.
LOCAL_SETTINGS = ("AUTOTHROTTLE_ENABLED=0", "DOWNLOAD_DELAY=0", "LOG_LEVEL=WARNING",
                  "SAFETY_ALLOWED_HOSTS=127.0.0.1")


def crawl_command(origin: str, output_dir: Path, state_dir: Path | None = None) -> list[str]:
    """The ``scrapy crawl news`` command line for the demo site at ``origin``."""
    start_urls = ",".join(f"{origin}{path}" for path in ("/", "/feed.xml", "/robots.txt"))
    state_dir = state_dir or output_dir.parent / "state"
    settings = [*LOCAL_SETTINGS, f"NEWSCLEAN_OUTPUT_DIR={output_dir}",
                f"NEWSCLEAN_STATE_DIR={state_dir}"]
    command = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={start_urls}"]
    for setting in settings:
        command += ["-s", setting]
    return command


def main(argv: list[str] | None = None) -> int:
    """Serve, crawl, print the summary; exit with the crawl's status."""
    parser = argparse.ArgumentParser(prog="python -m demo.run", description=__doc__)
    parser.add_argument("--output-dir", type=Path, default=ROOT / "output")
    args = parser.parse_args(argv)
    # The site gets a new port each run, so its URLs are new each run: a fresh crawl state
    # per run keeps the demo a complete first crawl instead of a half-incremental one.
    with serve_site(SITE) as server, tempfile.TemporaryDirectory(prefix="newsclean-demo-") as state:
        print(f"demo site served at {server.origin}", flush=True)
        command = crawl_command(server.origin, args.output_dir, Path(state))
        return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
