"""Cold start of `verbatim serve`: time to healthy, and the latency of the first search, warmed or not.

Run: `.venv/bin/python tests/benchmarks/cold_start.py [--interviews 3] [--rounds 1]`.

Setup (not timed): a temporary data directory with one project holding the first `--interviews` pypi-infrastructure
transcripts, ingested through the API in this process; its search index is on disk as a normal server leaves it.
Then, per round, three fresh `verbatim serve` processes (`python -m app.cli serve --port P`, SQLite, loopback, the
in-process worker on as by default), each timed from the spawn:
- warm, immediate: the first search is sent as soon as /healthz answers (the background warm-up is still running:
  the search waits only for what is left of it);
- warm, after ready: the first search is sent once /healthz says `models: ready`;
- peer `--no-warm` (the behaviour before the warm-up): the first search is sent as soon as /healthz answers and
  loads the models itself.
Printed: seconds to healthy, to `models: ready`, the first search's latency and a second search's (a new query,
so each embeds a query), and the peer ratio (the peer's first search / the warmed first search).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
INTERVIEWS = REPO.parent / "shared" / "data" / "interviews" / "pypi-infrastructure"
QUERIES = ("the package index was down", "we pin our dependencies", "signing releases is hard", "mirrors are slow")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(port: int, path: str, timeout: float = 120) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        connection.close()


def prepare(data_dir: Path, interviews: int) -> int:
    """A project with `interviews` transcripts ingested (untimed); returns its id."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app
    from app.worker import Worker

    settings = Settings(data_dir=data_dir, workers=0, allowed_hosts=["testserver"])
    migrate(settings)
    app = create_app(settings, start_worker=False)
    with TestClient(app) as client:
        project = int(client.post("/api/projects", json={"name": "cold"}).json()["id"])
        for path in sorted(INTERVIEWS.glob("*.md"))[:interviews]:
            with path.open("rb") as fh:
                client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)}).raise_for_status()
        Worker(app.state.runtime).run_until_idle()
        client.get(f"/api/projects/{project}/search", params={"q": "warm"}).raise_for_status()  # index on disk
    return project


def start(data_dir: Path, project: int, *, warm: bool, wait_ready: bool) -> dict[str, Any]:
    port = _free_port()
    env = {**os.environ, "VERBATIM_DATA_DIR": str(data_dir), "VERBATIM_LOG_LEVEL": "WARNING"}
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--no-migrate"]
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, *([] if warm else ["--no-warm"])],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out: dict[str, Any] = {}
    try:
        while True:
            try:
                status, body = _get(port, "/healthz", timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.perf_counter() - started > 300:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        out["healthy_s"] = round(time.perf_counter() - started, 2)
        if wait_ready:
            while body.get("models") == "warming":
                time.sleep(0.05)
                _, body = _get(port, "/healthz")
            out["models_ready_s"] = round(time.perf_counter() - started, 2)
            out["models"] = body.get("models")
        for name, query in (("first_search_s", QUERIES[0]), ("second_search_s", QUERIES[1])):
            begin = time.perf_counter()
            status, found = _get(port, f"/api/projects/{project}/search?q={urllib.parse.quote(query)}&k=10")
            if status != 200 or not found["hits"]:
                raise RuntimeError(f"search failed: {status} {found}")
            out[name] = round(time.perf_counter() - begin, 3)
        out["since_spawn_to_first_hits_s"] = round(
            out.get("models_ready_s", out["healthy_s"]) + out["first_search_s"], 2
        )
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=3, help="transcripts in the project (default 3)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the three starts; each is printed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        project = prepare(data_dir, args.interviews)
        rounds = []
        for _ in range(args.rounds):
            result = {
                "warm_immediate": start(data_dir, project, warm=True, wait_ready=False),
                "warm_after_ready": start(data_dir, project, warm=True, wait_ready=True),
                "peer_no_warm": start(data_dir, project, warm=False, wait_ready=False),
            }
            result["ratio_first_search_peer_to_warm_immediate"] = round(
                result["peer_no_warm"]["first_search_s"] / result["warm_immediate"]["first_search_s"], 2
            )
            result["ratio_first_search_peer_to_warm_after_ready"] = round(
                result["peer_no_warm"]["first_search_s"] / result["warm_after_ready"]["first_search_s"], 2
            )
            rounds.append(result)
            print(json.dumps(result, indent=2), flush=True)
        print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
