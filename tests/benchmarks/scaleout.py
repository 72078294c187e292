"""Scale-out benchmark: recordings per hour with 1 and 2 `media` workers, the broker's overhead per task, and the
CPU real-time factors a capacity plan starts from.

Needs Redis on 127.0.0.1:6379 and PostgreSQL on 127.0.0.1:5432 (or VERBATIM_TEST_DATABASE_URL). Short by design
(about 5 minutes on 2 cores):

    python tests/benchmarks/scaleout.py [--recordings 4] [--overhead-tasks 20] [--models tiny.en,base]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

from tests.helpers import PG_URL, REDIS, start_worker, worker_log  # noqa: E402

RECORDING = ROOT.parent / "shared" / "data" / "asr" / "two-speaker-call.wav"
WARMUP = ROOT.parent / "shared" / "data" / "asr" / "jfk.flac"


def real_time_factors(models: list[str], data_dir: Path) -> dict[str, dict[str, float]]:
    """Decode, diarize and transcribe the recording in this process (models loaded beforehand), per Whisper model."""
    import numpy as np

    from app.config import Settings
    from app.runtime import load_diarizer, load_transcriber
    from pipelines.audio import decode

    settings = Settings(data_dir=data_dir)
    audio = decode(RECORDING, sample_rate=16000, mono=True)
    audio = np.asarray(audio, dtype=np.float32).reshape(-1)
    seconds = len(audio) / 16000
    diarizer = load_diarizer()
    diarizer.diarize(audio[: 16000 * 5])  # warm-up
    start = time.perf_counter()
    diarizer.diarize(audio)
    diarize = time.perf_counter() - start
    out = {}
    for model in models:
        transcriber = load_transcriber(settings.transcriber, model, str(settings.cache_dir / "models"), "cpu")
        transcriber.transcribe(audio[: 16000 * 5])  # warm-up
        start = time.perf_counter()
        transcriber.transcribe(audio)
        took = time.perf_counter() - start
        out[model] = {
            "audio_s": round(seconds, 1),
            "transcribe_rtf": round(took / seconds, 3),
            "diarize_rtf": round(diarize / seconds, 3),
            "media_rtf": round((took + diarize) / seconds, 3),
        }
        print(f"  {model}: transcribe RTF {took / seconds:.3f}, + diarize {diarize / seconds:.3f}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--recordings", type=int, default=4, help="recordings per throughput run")
    parser.add_argument("--overhead-tasks", type=int, default=20, help="empty tasks timed through the broker")
    parser.add_argument("--models", default="tiny.en,base", help="Whisper models for the real-time factors")
    args = parser.parse_args()

    import redis
    from fastapi.testclient import TestClient
    from sqlalchemy import create_engine, select, text

    from app.config import Settings
    from app.db import migrate, session_scope
    from app.main import create_app
    from app.services import tasks as task_service
    from models import Task

    tmp = Path(tempfile.mkdtemp(prefix="verbatim-scaleout-"))
    print("real-time factors (this process, CPU, 2 shared cores):", flush=True)
    rtf = real_time_factors([m.strip() for m in args.models.split(",") if m.strip()], tmp / "rtf")

    broker = f"redis://{REDIS[0]}:{REDIS[1]}/14"
    redis.Redis(*REDIS, db=14).flushdb()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    data_dir = tmp / "var"
    env = {
        **os.environ,
        "VERBATIM_DATA_DIR": str(data_dir),
        "VERBATIM_DATABASE_URL": url,
        "VERBATIM_BROKER_URL": broker,
        "VERBATIM_WHISPER_MODEL": "tiny.en",
        "VERBATIM_DEVICE": "cpu",
        "VERBATIM_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }
    settings = Settings(data_dir=data_dir, database_url=url, broker_url=broker, allowed_hosts=["testserver"])
    migrate(settings)
    state: dict[str, Any] = {"env": env, "workers": [], "logs": tmp}
    results: dict = {"rtf": rtf}
    try:
        app = create_app(settings)
        with TestClient(app) as client:
            runtime = app.state.runtime

            def rows(ids) -> list[Task]:
                with session_scope(runtime.session_factory) as session:
                    return list(session.scalars(select(Task).where(Task.id.in_(list(ids)))))

            def wait(ids, timeout: float = 900) -> list[Task]:
                deadline = time.monotonic() + timeout
                while True:
                    current = rows(ids)
                    if all(t.status in ("done", "failed") for t in current):
                        return current
                    if time.monotonic() > deadline:
                        raise SystemExit("timed out\n" + "\n".join(worker_log(w)[-2000:] for w in state["workers"]))
                    time.sleep(0.05)

            def upload(project: int, path: Path) -> int:
                response = client.post(
                    f"/api/projects/{project}/interviews", files={"file": (path.name, path.read_bytes())}
                )
                return response.json()["task"]["id"]

            text_worker = start_worker(state, "text")

            # Broker overhead: empty `mine` tasks, one at a time, on an idle text worker.
            empty = client.post("/api/projects", json={"name": "empty"}).json()["id"]
            publish, pickup, total = [], [], []
            wait([_mine(runtime, empty)], timeout=120)  # the worker is up and warm
            for _ in range(args.overhead_tasks):
                start = time.perf_counter()
                with session_scope(runtime.session_factory) as session:
                    task_id = task_service.create(session=session, kind="mine", project_id=empty).id
                published = time.perf_counter()  # the commit published it (after_commit)
                (task,) = wait([task_id], timeout=60)
                publish.append(published - start)
                assert task.started_at and task.finished_at, task.error
                pickup.append((task.started_at - task.created_at).total_seconds())
                total.append((task.finished_at - task.created_at).total_seconds())
            results["overhead_ms"] = {
                "create_commit_publish": round(1000 * _median(publish), 1),
                "queued_to_claimed": round(1000 * _median(pickup), 1),
                "queued_to_done_empty_task": round(1000 * _median(total), 1),
                "tasks": args.overhead_tasks,
            }
            print("broker overhead per task (median ms):", results["overhead_ms"], flush=True)

            # Throughput with 1 and 2 media workers (plus the one text worker).
            runs = {}
            for count in (1, 2):
                media = [start_worker(state, "media") for _ in range(count)]
                project = client.post("/api/projects", json={"name": f"media-{count}"}).json()["id"]
                wait([upload(project, WARMUP) for _ in range(count)])  # models loaded in every worker
                start = time.perf_counter()
                ids = [upload(project, RECORDING) for _ in range(args.recordings)]
                done = wait(ids)
                wall = time.perf_counter() - start
                assert all(t.status == "done" for t in done), [t.error for t in done]
                audio = args.recordings * rtf[next(iter(rtf))]["audio_s"]
                runs[count] = {
                    "recordings": args.recordings,
                    "wall_s": round(wall, 1),
                    "recordings_per_hour": round(args.recordings / wall * 3600),
                    "audio_hours_per_hour": round(audio / wall, 2),
                }
                print(f"{count} media worker(s):", runs[count], flush=True)
                for process in media:
                    process.send_signal(signal.SIGTERM)
                for process in media:
                    process.wait(timeout=120)
            results["throughput"] = runs
            results["scaling_2_over_1"] = round(runs[2]["recordings_per_hour"] / runs[1]["recordings_per_hour"], 2)
            text_worker.send_signal(signal.SIGTERM)
            text_worker.wait(timeout=120)
    finally:
        for process in state["workers"]:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        redis.Redis(*REDIS, db=14).flushdb()
    print(json.dumps(results, indent=2))


def _mine(runtime, project_id: int) -> int:
    from app.db import session_scope
    from app.services import tasks as task_service

    with session_scope(runtime.session_factory) as session:
        return task_service.create(session=session, kind="mine", project_id=project_id).id


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else 0.0


if __name__ == "__main__":
    main()
