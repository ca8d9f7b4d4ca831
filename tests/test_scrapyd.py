"""Scrapyd: deploy the project with scrapyd-client, schedule ``news``, find the records.

A real Scrapyd process runs on 127.0.0.1 with its own config and folders in a temporary
directory; the project egg is built by ``scrapyd-deploy`` from a copy of the project files, so
the work tree gets no ``build/`` folder and parallel runs do not share one.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from urllib.request import urlopen

import pytest

from demo.run import LOCAL_SETTINGS
from demo.server import SiteServer
from pipelines.schema import schema_errors
from tests.conftest import ROOT

BIN = Path(sys.executable).parent
PROJECT = "newsclean"
PROJECT_FILES = ("scrapy.cfg", "setup.py", "pyproject.toml", "README.md", "crawler", "pipelines")
START_TIMEOUT_S = 30.0
JOB_TIMEOUT_S = 60.0

@dataclass
class Scrapyd:
    """A running Scrapyd: its URL, folders and process."""

    url: str
    port: int
    home: Path
    process: subprocess.Popen[bytes]

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        """GET a JSON endpoint."""
        query = f"?{urlencode(params)}" if params else ""
        with urlopen(f"{self.url}{endpoint}{query}", timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, params: list[tuple[str, str]]) -> dict[str, Any]:
        """POST a form (repeated keys allowed) to a JSON endpoint."""
        data = urlencode(params).encode("ascii")
        with urlopen(f"{self.url}{endpoint}", data=data, timeout=10) as response:
            return json.load(response)

    def log(self) -> str:
        """Scrapyd's own output so far, for failure messages."""
        return (self.home / "scrapyd.out").read_text("utf-8", "replace")[-4000:]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_config(home: Path, port: int) -> Path:
    """A scrapyd.conf that binds 127.0.0.1 and keeps every folder under ``home``."""
    config = configparser.ConfigParser()
    config["scrapyd"] = {
        "bind_address": "127.0.0.1",
        "http_port": str(port),
        "eggs_dir": str(home / "eggs"),
        "logs_dir": str(home / "logs"),
        "dbs_dir": str(home / "dbs"),
        "items_dir": str(home / "items"),  # Scrapyd's own feed, beside NEWSCLEAN_OUTPUT_DIR
        "jobs_dir": "",
        "poll_interval": "0.2",
        "max_proc": "2",
    }
    for folder in ("eggs", "logs", "dbs", "items"):
        (home / folder).mkdir(parents=True, exist_ok=True)
    path = home / "scrapyd.conf"
    with path.open("w", encoding="utf-8") as handle:
        config.write(handle)
    return path


def listening_addresses(port: int) -> set[str]:
    """The local IPv4/IPv6 addresses (hex, as in /proc/net/tcp*) with a listener on ``port``."""
    addresses = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, _, hex_port = fields[1].partition(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                addresses.add(address)
    return addresses


def wait_until_up(scrapyd: Scrapyd) -> None:
    """Poll daemonstatus.json until Scrapyd answers (bounded)."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if scrapyd.process.poll() is not None:
            pytest.fail(f"scrapyd exited with {scrapyd.process.returncode}:\n{scrapyd.log()}")
        try:
            if scrapyd.get("daemonstatus.json").get("status") == "ok":
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"scrapyd did not answer within {START_TIMEOUT_S} s:\n{scrapyd.log()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop Scrapyd and the crawls it launched (its own process group), killing if need be."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scrapyd]:
    """A real Scrapyd on a free 127.0.0.1 port, stopped whatever the test does."""
    home = tmp_path_factory.mktemp("scrapyd")
    port = free_port()
    write_config(home, port)
    env = {
        **os.environ,
        "HOME": str(home),  # no ~/.scrapyd.conf of the machine's user
        "SCRAPYD_BIND_ADDRESS": "127.0.0.1",
        "SCRAPYD_HTTP_PORT": str(port),
    }
    with (home / "scrapyd.out").open("wb") as out:
        process = subprocess.Popen(
            [str(BIN / "scrapyd"), "--pidfile", str(home / "twistd.pid")],
            cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Scrapyd(f"http://127.0.0.1:{port}/", port, home, process)
    try:
        wait_until_up(server)
        yield server
    finally:
        stop(process)


def deploy(scrapyd: Scrapyd, workdir: Path) -> subprocess.CompletedProcess[str]:
    """``scrapyd-deploy`` from a copy of the project, with a target for this Scrapyd."""
    project = workdir / "project"
    project.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=ignore)
        else:
            shutil.copy2(source, project / name)
    with (project / "scrapy.cfg").open("a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:test]\nurl = {scrapyd.url}\nproject = {PROJECT}\n")
    return subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "1"],
        cwd=project, capture_output=True, text=True, timeout=120, check=False,
    )


def wait_for_job(scrapyd: Scrapyd, jobid: str) -> dict[str, Any]:
    """Poll listjobs.json until ``jobid`` is finished (bounded); its entry."""
    deadline = time.monotonic() + JOB_TIMEOUT_S
    while time.monotonic() < deadline:
        jobs = scrapyd.get("listjobs.json", project=PROJECT)
        for job in jobs.get("finished", []):
            if job["id"] == jobid:
                return job
        time.sleep(0.3)
    pytest.fail(f"job {jobid} not finished within {JOB_TIMEOUT_S} s:\n{scrapyd.log()}")


def test_scrapy_cfg_has_a_local_deploy_target() -> None:
    config = configparser.ConfigParser()
    config.read(ROOT / "scrapy.cfg")
    assert config["deploy:local"]["project"] == PROJECT
    assert urlsplit(config["deploy:local"]["url"]).hostname == "127.0.0.1"


def test_scrapyd_listens_on_loopback_only(scrapyd: Scrapyd) -> None:
    if not os.path.exists("/proc/net/tcp"):
        pytest.skip("no /proc/net/tcp to read listening sockets from")
    assert listening_addresses(scrapyd.port) == {"0100007F"}  # 127.0.0.1


def test_deployed_and_scheduled_crawl_writes_records(
    scrapyd: Scrapyd, demo_server: SiteServer, demo_manifest: dict[str, Any], tmp_path: Path
) -> None:
    deployed = deploy(scrapyd, tmp_path)
    assert deployed.returncode == 0, deployed.stderr + deployed.stdout
    assert json.loads(deployed.stdout)["status"] == "ok"
    spiders = scrapyd.get("listspiders.json", project=PROJECT)
    assert spiders["spiders"] == ["news"], spiders

    output_dir = tmp_path / "output"
    start_urls = ",".join(demo_server.url(path) for path in ("/", "/feed.xml", "/robots.txt"))
    scheduled = scrapyd.post("schedule.json", [
        ("project", PROJECT),
        ("spider", "news"),
        ("start_urls", start_urls),
        ("setting", f"NEWSCLEAN_OUTPUT_DIR={output_dir}"),
        ("setting", f"NEWSCLEAN_STATE_DIR={tmp_path / 'state'}"),
        # The loopback settings of `make demo`, but INFO: the summary line is logged at INFO.
        *(("setting", setting) for setting in LOCAL_SETTINGS if not setting.startswith("LOG_")),
    ])
    assert scheduled["status"] == "ok", scheduled
    job = wait_for_job(scrapyd, scheduled["jobid"])

    job_log = Path(scrapyd.home, "logs", PROJECT, "news", f"{job['id']}.log")
    log_text = job_log.read_text("utf-8", "replace") if job_log.exists() else scrapyd.log()
    outputs = sorted(output_dir.glob("*.jsonl"))
    assert len(outputs) == 1, log_text[-4000:]
    records = [json.loads(line) for line in outputs[0].read_text("utf-8").splitlines()]
    assert records, log_text[-4000:]
    assert "newsclean summary:" in log_text
    assert f"articles written {len(records)}" in log_text
    article_paths = {article["path"] for article in demo_manifest["articles"]}
    items = Path(scrapyd.home, "items", PROJECT, "news", f"{job['id']}.jl")
    assert len(items.read_text("utf-8").splitlines()) == len(records)
    for record in records:
        assert record["url"].startswith(demo_server.origin)
        assert urlsplit(record["url"]).path in article_paths
        assert schema_errors(record) == [], record["url"]
