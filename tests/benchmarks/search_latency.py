"""Search latency through the HTTP API at scale: one client at 1M utterances, 8 concurrent clients at 100k, with and
without filters, on SQLite and PostgreSQL, and where the time goes (query embedding, filter, index, database, JSON).

Run: `.venv/bin/python tests/benchmarks/search_latency.py [--n 10000,1000000] [--concurrent-n 100000] [--clients 8]
[--databases sqlite,postgresql] [--queries 300] [--peer ../main] [--rounds 5] [--base-dir DIR] [--keep DIR]`.
`--keep DIR` keeps each SQLite project and the servers' index files for the next run (at 1M, growing the project and
building each server's index take ~5 minutes each on 2 cores). With a peer, each scenario also says how many of the
peer's queries got the same top-k ids from both servers.

How the data is made:
1. The ten ../shared/data/interviews/pypi-infrastructure transcripts are ingested through the API (SQLite, the real
   models): 2,681 customer utterances with their interviews, speakers and turns.
2. A project of n utterances is made by copying those rows (interviews, speakers, turns, utterances, with new ids)
   into the database under test until it holds n utterances. Each copy of an utterance gets its real vector plus
   Gaussian noise of norm ~0.5, renormalised (cosine ~0.9 to the original), so copies are near but not equal.
   Copy c's interviews get segment `s{c % 4}` and industry `i{c % 3}`: a segment filter allows ~25% of the rows, an
   interview filter ~270 rows.
3. The app runs under uvicorn in a separate process (what `verbatim serve` runs, without the worker); the first
   search builds the project's index from the database (timed), the first filtered one reads the filter columns.
Queries: the banking77 sentences and the paraphrase queries, de-duplicated and shuffled (seed 0); every
measured request sends a query not sent before, so every request embeds its query (the server keeps recent query
vectors, which this avoids on purpose). Latency is wall time at the client, one request per query, k=10; the
server's Server-Timing header gives the stages. The peer in the same run is the index stage alone.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import http.client
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data"
INTERVIEWS = DATA / "interviews" / "pypi-infrastructure"
POSTGRES_ADMIN = os.environ.get("VERBATIM_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
K = 10
CHUNK = 5000  # rows per INSERT batch


def ingest_base(data_dir: Path) -> tuple[str, int]:
    """The ten transcripts through the API into a SQLite database; returns (its URL, the project id)."""
    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app
    from app.worker import Worker

    settings = Settings(data_dir=data_dir, workers=0, allowed_hosts=["testserver", "127.0.0.1", "localhost"])
    migrate(settings)
    app = create_app(settings, start_worker=False)
    with TestClient(app) as client:
        project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
        for path in sorted(INTERVIEWS.glob("*.md")):
            with path.open("rb") as fh:
                client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)}).raise_for_status()
        Worker(app.state.runtime).run_until_idle(timeout=3600)
    return settings.sqlalchemy_url, project


def grow(base_url: str, target_url: str, project_id: int, n: int, *, seed: int = 0) -> dict[str, int]:
    """Copy the base project's rows into the target database until it holds n utterances (module doc, step 2)."""
    from sqlalchemy import create_engine, insert, select, update

    from models import Interview, Project, Speaker, Turn, Utterance

    base = create_engine(base_url)
    target = create_engine(target_url)
    with base.connect() as source:
        project = dict(source.execute(select(Project.__table__).where(Project.id == project_id)).mappings().one())
        interviews = [
            dict(r)
            for r in source.execute(select(Interview.__table__).where(Interview.project_id == project_id)).mappings()
        ]
        interview_ids = [r["id"] for r in interviews]
        speakers = [
            dict(r)
            for r in source.execute(select(Speaker.__table__).where(Speaker.interview_id.in_(interview_ids))).mappings()
        ]
        turns = [
            dict(r)
            for r in source.execute(select(Turn.__table__).where(Turn.interview_id.in_(interview_ids))).mappings()
        ]
        utterances = [
            dict(r)
            for r in source.execute(
                select(Utterance.__table__)
                .where(Utterance.project_id == project_id, Utterance.embedding.is_not(None))
                .order_by(Utterance.id)
            ).mappings()
        ]
    base.dispose()
    span = {name: max(r["id"] for r in rows) + 1 for name, rows in (("i", interviews), ("s", speakers), ("t", turns))}
    span["u"] = max(r["id"] for r in utterances) + 1
    vectors = np.vstack([np.frombuffer(r["embedding"], dtype=np.float32) for r in utterances])
    rng = np.random.default_rng(seed)
    noise = 0.5 / np.sqrt(vectors.shape[1])
    copies = -(-n // len(utterances))
    with target.begin() as connection:
        connection.execute(insert(Project), [project])
    made = 0
    for c in range(copies):
        off = {key: c * value for key, value in span.items()}
        take = utterances[: min(len(utterances), n - made)]
        if c == 0:
            batch = vectors[: len(take)]
        else:
            batch = vectors[: len(take)] + rng.normal(0, noise, (len(take), vectors.shape[1])).astype(np.float32)
            batch /= np.linalg.norm(batch, axis=1, keepdims=True)
        with target.begin() as connection:
            rows = [
                {
                    **r,
                    "id": r["id"] + off["i"],
                    "title": f"{r['title']} #{c}",
                    "segment": f"s{c % 4}",
                    "industry": f"i{c % 3}",
                }
                for r in interviews
            ]
            connection.execute(insert(Interview), rows)
            rows = [{**r, "id": r["id"] + off["s"], "interview_id": r["interview_id"] + off["i"]} for r in speakers]
            connection.execute(insert(Speaker), rows)
            rows = [
                {
                    **r,
                    "id": r["id"] + off["t"],
                    "interview_id": r["interview_id"] + off["i"],
                    "speaker_id": r["speaker_id"] + off["s"],
                }
                for r in turns
            ]
            for begin in range(0, len(rows), CHUNK):
                connection.execute(insert(Turn), rows[begin : begin + CHUNK])
            rows = [
                {
                    **r,
                    "id": r["id"] + off["u"],
                    "interview_id": r["interview_id"] + off["i"],
                    "speaker_id": r["speaker_id"] + off["s"],
                    "turn_id": r["turn_id"] + off["t"],
                    "embedding": v.tobytes(),
                    "search_embedding": None,
                }
                for r, v in zip(take, batch, strict=True)
            ]
            for begin in range(0, len(rows), CHUNK):
                connection.execute(insert(Utterance), rows[begin : begin + CHUNK])
        made += len(take)
    with target.begin() as connection:
        connection.execute(
            update(Project).where(Project.id == project_id).values(index_version=Project.index_version + 1)
        )
    target.dispose()
    return {
        "utterances": made,
        "interviews": copies * len(interviews),
        "interview_in_filter": interview_ids[0] + span["i"] * min(1, copies - 1),
    }


def queries(seed: int = 0) -> list[str]:
    texts = []
    for split in ("test", "train"):
        with (DATA / "intents" / "banking77" / f"{split}.csv").open(newline="", encoding="utf-8") as fh:
            texts += [row["text"].strip() for row in csv.DictReader(fh)]
    for name in ("paraphrases_pypi.json", "paraphrases_pypi_heldout.json"):
        texts += [q["query"] for q in json.loads((Path(__file__).with_name(name)).read_text())["queries"]]
    unique = list(dict.fromkeys(t for t in texts if t))
    random.Random(seed).shuffle(unique)
    return unique


SERVE = (
    "import sys, uvicorn; sys.path.insert(0, '.'); from app.config import Settings; from app.main import create_app; "
    "uvicorn.run(create_app(Settings(), start_worker=False), host='127.0.0.1', port=int(sys.argv[1]), "
    "log_level='warning')"
)


class Server:
    """The app under uvicorn in its own process, from this checkout or a peer's (code_root)."""

    def __init__(self, data_dir: Path, database_url: str, code_root: Path = ROOT):
        self.port = _free_port()
        env = {**os.environ, "VERBATIM_DATA_DIR": str(data_dir), "VERBATIM_DATABASE_URL": database_url}
        env["VERBATIM_WORKERS"] = "0"
        env["VERBATIM_LOG_LEVEL"] = "WARNING"
        self.process = subprocess.Popen([sys.executable, "-c", SERVE, str(self.port)], env=env, cwd=code_root)
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("the server did not start") from None
                time.sleep(0.2)

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _search(
    connection: http.client.HTTPConnection, project: int, query: str, **filters: Any
) -> tuple[float, dict, list[int]]:
    params = urllib.parse.urlencode({"q": query, "k": K, **filters})
    for attempt in (1, 2):
        started = time.perf_counter()
        try:
            connection.request("GET", f"/api/projects/{project}/search?{params}")
            response = connection.getresponse()
            body = response.read()
            break
        except (http.client.RemoteDisconnected, ConnectionError):
            connection.close()  # the server closed an idle keep-alive connection: open a new one, untimed
            if attempt == 2:
                raise
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"search failed: {response.status} {body[:300]!r}")
    stages = {}
    for part in (response.getheader("Server-Timing") or "").split(", "):
        if ";dur=" in part:
            name, value = part.split(";dur=")
            stages[name] = float(value)
    return elapsed, stages, [hit["utterance_id"] for hit in json.loads(body)["hits"]]


def _percentiles(values: list[float]) -> dict[str, float]:
    return {"p50": round(float(np.percentile(values, 50)), 2), "p99": round(float(np.percentile(values, 99)), 2)}


def single_client(
    servers: dict[str, Server], project: int, pool: list[str], filters: dict[str, dict], per: int, peer_per: int
) -> dict:
    """One client, one request at a time: each filter scenario over `per` fresh queries. With a peer server (the
    code before this change, same database), each query goes to both in turn, so load on the machine hits both
    alike (every other query to the peer first); the peer gets the first `peer_per` queries only."""
    connections = {name: http.client.HTTPConnection("127.0.0.1", s.port, timeout=3600) for name, s in servers.items()}
    out: dict[str, Any] = {}
    first = pool.pop()
    for name, connection in connections.items():
        t0 = time.perf_counter()
        _search(connection, project, first)
        out[f"{name}: first search builds the index, s"] = round(time.perf_counter() - t0, 1)
    for label, params in filters.items():
        if params:
            query = pool.pop()
            for name, connection in connections.items():
                t0 = time.perf_counter()
                _search(connection, project, query, **params)
                out.setdefault(f"{name}: first filtered search, s", round(time.perf_counter() - t0, 2))
        for query in pool[-5:]:
            for connection in connections.values():
                _search(connection, project, query + " warm", **params)  # warm this path (fresh queries)
        walls: dict[str, list[float]] = {name: [] for name in servers}
        stages: dict[str, list[float]] = {}
        found: dict[str, list[list[int]]] = {name: [] for name in servers}
        cpu = {name: server.cpu_seconds() for name, server in servers.items()}
        for i in range(per):
            query = pool.pop()
            # Every other query goes to the peer first: the server asked first reads the hits' database pages cold.
            order = list(connections.items())
            for name, connection in order[::-1] if i % 2 else order:
                if name != "this" and i >= peer_per:
                    continue
                wall, timing, ids = _search(connection, project, query, **params)
                walls[name].append(wall)
                found[name].append(ids)
                if name == "this":
                    for stage, ms in timing.items():
                        stages.setdefault(stage, []).append(ms)
        result: dict[str, Any] = {}
        for name, server in servers.items():
            result[name] = {
                "requests": len(walls[name]),
                "wall_ms": _percentiles(walls[name]),
                "server_cpu_ms_per_request": round((server.cpu_seconds() - cpu[name]) * 1000 / len(walls[name]), 2),
            }
        result["this"]["stages_ms"] = {stage: _percentiles(values) for stage, values in stages.items()}
        index_p50 = float(np.median(stages["index"]))
        result["this"]["ratio_p50_api_to_index_stage"] = round(
            float(np.median(walls["this"])) / max(1e-3, index_p50), 1
        )
        if "peer" in walls:
            head = walls["this"][: len(walls["peer"])]  # the same queries
            result["ratio_peer_to_this"] = {
                q: round(float(np.percentile(walls["peer"], p) / np.percentile(head, p)), 2)
                for q, p in (("p50", 50), ("p99", 99))
            }
            same = sum(a == b for a, b in zip(found["this"], found["peer"], strict=False))
            result["same_top_ids_as_peer"] = f"{same} of {len(found['peer'])}"
        out[label] = result
    repeat = pool[-1]
    connection = connections["this"]
    _search(connection, project, repeat)
    out["this: repeated query (cached vector), wall ms"] = _percentiles(
        [_search(connection, project, repeat)[0] for _ in range(20)]
    )
    for connection in connections.values():
        connection.close()
    return out


def concurrent_clients(
    servers: dict[str, Server], project: int, pool: list[str], clients: int, per: int, rounds: int, **params: Any
) -> dict:
    """`clients` threads, each with its own connection, each sending fresh queries back to back: `per` each in all,
    in `rounds` rounds that alternate between the servers (this code and the peer), so that the load on the machine,
    which changes by the minute, falls on both alike."""
    rounds = max(1, min(rounds, per))
    walls: dict[str, list[float]] = {name: [] for name in servers}
    busy = {name: 0.0 for name in servers}
    cpu = {name: 0.0 for name in servers}
    for r in range(rounds):
        share = per // rounds + (1 if r < per % rounds else 0)
        for name, server in servers.items():
            wall, elapsed, seconds = _concurrent_round(server, project, pool, clients, share, **params)
            walls[name] += wall
            busy[name] += elapsed
            cpu[name] += seconds
    out: dict[str, Any] = {}
    for name in servers:
        out[name] = {
            "clients": clients,
            "requests": len(walls[name]),
            "rounds": rounds,
            "wall_ms": _percentiles(walls[name]),
            "requests_per_s": round(len(walls[name]) / busy[name], 1),
            "server_cpu_ms_per_request": round(cpu[name] * 1000 / len(walls[name]), 2),
        }
    if "peer" in walls:
        out["ratio_peer_to_this"] = {
            q: round(float(np.percentile(walls["peer"], p) / np.percentile(walls["this"], p)), 2)
            for q, p in (("p50", 50), ("p99", 99))
        }
    return out


def _concurrent_round(
    server: Server, project: int, pool: list[str], clients: int, per: int, **params: Any
) -> tuple[list[float], float, float]:
    """One round: (the request walls in ms, its elapsed seconds, the server's CPU seconds)."""
    work = [[pool.pop() for _ in range(per)] for _ in range(clients)]
    walls: list[float] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    barrier = threading.Barrier(clients + 1)

    def run(mine: list[str]) -> None:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
            _search(connection, project, mine[0] + " warm", **params)
        except BaseException as exc:  # reported below
            errors.append(exc)
            barrier.abort()
            return
        try:
            barrier.wait()
            for query in mine:
                wall, _, _ = _search(connection, project, query, **params)
                with lock:
                    walls.append(wall)
            connection.close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(mine,)) for mine in work]
    for thread in threads:
        thread.start()
    try:
        barrier.wait()  # every client connected and warm: the clock starts
    except threading.BrokenBarrierError:
        pass
    cpu = server.cpu_seconds()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    if errors:
        raise errors[0]
    return walls, elapsed, server.cpu_seconds() - cpu


def postgres_database() -> tuple[str, Any]:
    """A throwaway PostgreSQL database: (its URL, a function that drops it)."""
    from sqlalchemy import create_engine, text

    name = f"verbatim_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()

    return POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}", drop


def scenario(
    base_url: str,
    project: int,
    database: str,
    n: int,
    pool: list[str],
    *,
    per: int,
    clients: int,
    single: bool,
    peer: Path | None,
    peer_per: int,
    rounds: int = 1,
    keep: Path | None = None,
) -> dict:
    from app.config import Settings
    from app.db import migrate

    with contextlib.ExitStack() as stack:
        if keep is not None and database == "sqlite":
            tmp = str(keep / f"{database}-{n}")
            Path(tmp).mkdir(parents=True, exist_ok=True)
        else:
            tmp = stack.enter_context(tempfile.TemporaryDirectory())
        drop = None
        if database == "postgresql":
            url, drop = postgres_database()
        else:
            url = f"sqlite:///{Path(tmp) / 'verbatim.db'}"
        try:
            made_path = Path(tmp) / "made.json"
            t0 = time.perf_counter()
            if made_path.exists():  # kept from an earlier run (--keep): the database and the servers' indexes
                made = json.loads(made_path.read_text())
            else:
                migrate(Settings(data_dir=Path(tmp), database_url=url))
                made = grow(base_url, url, project, n)
                if keep is not None and drop is None:
                    made_path.write_text(json.dumps(made))
            result: dict[str, Any] = {"database": database, **made, "grow_s": round(time.perf_counter() - t0, 1)}
            roots = {"this": ROOT, **({"peer": peer} if peer else {})}
            servers = {name: Server(Path(tmp) / name, url, root) for name, root in roots.items()}
            try:
                filters: dict[str, dict[str, Any]] = {
                    "no filter": {},
                    "role=customer": {"role": "customer"},
                    "segment (~25%)": {"segment": "s0"},
                    "one interview": {"interview_id": made["interview_in_filter"]},
                }
                if single:
                    result["single client"] = single_client(servers, project, pool, filters, per, peer_per)
                if clients:
                    for server in servers.values():
                        if not single:  # build the index first
                            _search(http.client.HTTPConnection("127.0.0.1", server.port, timeout=3600), project, "x")
                    for label, params in (("no filter", {}), ("role=customer", {"role": "customer"})):
                        result[f"{clients} clients, {label}"] = concurrent_clients(
                            servers, project, pool, clients, max(1, per // 4), rounds, **params
                        )
            finally:
                for server in servers.values():
                    server.stop()
        finally:
            if drop is not None:
                drop()
    result["load_avg_1min"] = round(os.getloadavg()[0], 1)
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="1000000", help="utterances for single-client runs (SQLite), comma-separated")
    parser.add_argument("--concurrent-n", type=int, default=100_000, help="utterances for the concurrent runs")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--databases", default="sqlite,postgresql", help="databases for the concurrent runs")
    parser.add_argument("--queries", type=int, default=300, help="fresh queries per single-client scenario")
    parser.add_argument("--base-dir", type=Path, help="keep the ingested base here and reuse it on the next run")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep each SQLite project (and the servers' index files, `this` and `peer`) here and reuse them on the "
        "next run: a 1M run then skips growing the project and building its index (~5 min each server)",
    )
    parser.add_argument("--peer", type=Path, help="a checkout of the code to compare with (e.g. ../main)")
    parser.add_argument("--peer-queries", type=int, default=100, help="queries per scenario for the peer")
    parser.add_argument(
        "--rounds", type=int, default=5, help="concurrent runs: rounds alternating between this code and the peer"
    )
    args = parser.parse_args(argv)
    pool = queries()
    with tempfile.TemporaryDirectory() as tmp:
        base_dir = args.base_dir or Path(tmp)
        if (base_dir / "verbatim.db").exists():
            base_url, project = f"sqlite:///{(base_dir / 'verbatim.db').resolve()}", 1
        else:
            t0 = time.perf_counter()
            base_url, project = ingest_base(base_dir)
            print(json.dumps({"base_ingest_s": round(time.perf_counter() - t0, 1)}), flush=True)
        runs = [("sqlite", int(n), True, 0) for n in args.n.split(",") if n]
        runs += [(db, args.concurrent_n, False, args.clients) for db in args.databases.split(",") if db]
        for database, n, single, clients in runs:
            result = scenario(
                base_url,
                project,
                database,
                n,
                pool,
                per=args.queries,
                clients=clients,
                single=single,
                peer=args.peer,
                peer_per=args.peer_queries,
                rounds=args.rounds,
                keep=args.keep,
            )
            print(json.dumps({f"{database} at {n}": result}, indent=2), flush=True)


if __name__ == "__main__":
    main()
