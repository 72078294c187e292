"""Phrase feed latency at 100k phrases, and copy-test event ingestion through real HTTP.

Run: `.venv/bin/python tests/benchmarks/feed.py [--phrases 100000] [--requests 400] [--events 20000]`.

feed_benchmark: a SQLite database in a temporary directory holding one project with `--phrases` phrases (kinds,
jobs, 1-3 segments each and Zipf-like support drawn with a fixed seed; statistics marked fresh, so no refresh runs)
and 20 approved jobs with statements. Requests go through the HTTP API in process (FastAPI TestClient), in six
shapes taken in turn: the first page (limit 50), kind=success, segment=..., job_id=..., min_support=5, and
rank=performance; every third request follows the previous one's next_cursor, so deep pages are measured too.
p50 and p99 per shape and over all requests, after a warm-up.

events_benchmark: the app under uvicorn on localhost (SQLite, WAL); 8 client threads post `--events` unique
events in batches of 10, 100 and 1000 to one copy test, each batch size in a fresh test; events per second from
the first post to the last answer, and the same batches re-posted (all duplicates) as a peer run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.helpers import (
    make_settings,  # noqa: E402
    serve_in_thread,  # noqa: E402
)

SEGMENTS = ["smb", "enterprise", "agency", "freelancer", "nonprofit", "public sector"]
KINDS = ["success", "pain", "outcome", "situation", "motivation", "push", "pull", "anxiety", "habit"]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def seed_phrases(settings, n: int) -> tuple[int, list[int]]:
    from sqlalchemy import insert

    from app.db import make_engine, make_session_factory, session_scope
    from models import Job, Phrase, PhraseSegment, Project

    rng = random.Random(0)
    factory = make_session_factory(make_engine(settings))
    with session_scope(factory) as session:
        project = Project(name="bench")
        session.add(project)
        session.flush()
        jobs = []
        for j in range(20):
            job = Job(project_id=project.id, title=f"job {j}", status="approved")
            job.statement = {
                "text": f"When {j}, I want {j}, so I can {j}.",
                "when": "",
                "want": "",
                "so": "",
                "evidence": {},
            }
            session.add(job)
            jobs.append(job)
        session.flush()
        job_ids = [j.id for j in jobs]
        rows = []
        for i in range(n):
            tested = i % 500 == 0
            rows.append(
                {
                    "project_id": project.id,
                    "kind": rng.choice(KINDS),
                    "key": f"phrase {i}",
                    "text": f"customer phrase number {i}",
                    "support": max(1, int(rng.paretovariate(1.2))),
                    "utterance_count": 1,
                    "job_id": rng.choice(job_ids),
                    "quote_utterance_id": i,
                    "quote_interview_id": rng.randint(1, 10),
                    "quote_start": rng.random() * 3600,
                    "tests_run": 1 if tested else 0,
                    "wins": rng.randint(0, 1) if tested else 0,
                    "mean_lift": rng.uniform(-0.2, 0.3) if tested else None,
                }
            )
        session.execute(insert(Phrase), rows)
        ids = [pid for (pid,) in session.execute(Phrase.__table__.select().with_only_columns(Phrase.id))]
        session.execute(
            insert(PhraseSegment),
            [{"phrase_id": pid, "segment": s} for pid in ids for s in rng.sample(SEGMENTS, rng.randint(1, 3))],
        )
        project.phrases_state = f"{project.index_version}.{project.jobs_version}"
        return project.id, job_ids


def feed_benchmark(n_phrases: int, n_requests: int) -> None:
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp), f"sqlite:///{tmp}/bench.db")
        migrate(settings)
        t0 = time.perf_counter()
        project, jobs = seed_phrases(settings, n_phrases)
        print(f"seeded {n_phrases:,} phrases in {time.perf_counter() - t0:.1f} s")
        shapes: dict[str, dict[str, Any]] = {
            "first page": {},
            "kind": {"kind": "success"},
            "segment": {"segment": "agency"},
            "job": {"job_id": jobs[3]},
            "min_support": {"min_support": 5},
            "performance": {"rank": "performance"},
        }
        times: dict[str, list[float]] = {name: [] for name in shapes}
        with TestClient(create_app(settings, start_worker=False)) as client:
            names = list(shapes)
            cursors: dict[str, str | None] = {}
            for i in range(n_requests + 30):
                name = names[i % len(names)]
                params: dict[str, Any] = {"limit": 50, **shapes[name]}
                if i % 3 == 2 and cursors.get(name):
                    params["cursor"] = cursors[name]
                start = time.perf_counter()
                response = client.get(f"/api/projects/{project}/feed", params=params)
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == 200, response.text
                cursors[name] = response.json()["next_cursor"]
                if i >= 30:  # warm-up
                    times[name].append(elapsed)
        everything = [t for values in times.values() for t in values]
        print(f"feed at {n_phrases:,} phrases ({len(everything)} requests through the API, limit 50):")
        for name, values in times.items():
            print(f"  {name:12s} p50 {statistics.median(values):6.1f} ms  p99 {percentile(values, 99):6.1f} ms")
        print(f"  {'all':12s} p50 {statistics.median(everything):6.1f} ms  p99 {percentile(everything, 99):6.1f} ms")


def events_benchmark(n_events: int, clients: int = 8) -> None:
    import httpx

    from app.db import migrate

    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp), f"sqlite:///{tmp}/events.db")
        migrate(settings)
        with serve_in_thread(settings) as base, httpx.Client(base_url=base, timeout=120) as http:
            project = http.post("/api/projects", json={"name": "events"}).json()["id"]
            print(f"event ingestion, {clients} parallel HTTP clients, {n_events:,} events (uvicorn, SQLite):")
            for size in (10, 100, 1000):
                test = http.post(
                    f"/api/projects/{project}/copy-tests",
                    json={"name": f"batch {size}", "variants": [{"text": "A"}, {"text": "B"}]},
                ).json()
                variants = [v["id"] for v in test["variants"]]
                events = [
                    {"id": f"{size}-{i}", "variant_id": variants[i % 2], "type": "impression"} for i in range(n_events)
                ]
                batches = [events[i : i + size] for i in range(0, n_events, size)]

                def post_all(batches: list[list[dict]] = batches, test_id: int = test["id"]) -> tuple[float, int]:
                    def run(share: list[list[dict]]) -> int:
                        accepted = 0
                        with httpx.Client(base_url=base, timeout=120) as worker:
                            for batch in share:
                                response = worker.post(f"/api/copy-tests/{test_id}/events", json={"events": batch})
                                response.raise_for_status()
                                accepted += response.json()["accepted"]
                        return accepted

                    start = time.perf_counter()
                    with ThreadPoolExecutor(clients) as pool:
                        accepted = sum(pool.map(run, [batches[k::clients] for k in range(clients)]))
                    return time.perf_counter() - start, accepted

                fresh, accepted = post_all()
                again, duplicates_accepted = post_all()
                assert accepted == n_events and duplicates_accepted == 0
                print(
                    f"  batches of {size:4d}: {n_events / fresh:8,.0f} events/s new, "
                    f"{n_events / again:8,.0f} events/s all duplicates (peer run)"
                )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--events", type=int, default=20_000)
    args = parser.parse_args()
    feed_benchmark(args.phrases, args.requests)
    events_benchmark(args.events)


if __name__ == "__main__":
    main()
