"""Scale-out: Celery workers on Redis with PostgreSQL, per-queue workers, a media worker killed mid-transcription;
and a task through Celery on RabbitMQ.

Needs PostgreSQL on 127.0.0.1:5432 (VERBATIM_TEST_DATABASE_URL, or the Makefile's `test` database) and Redis on
127.0.0.1:6379 or RabbitMQ on 127.0.0.1:5672 (VERBATIM_TEST_AMQP_URL); each end-to-end test is skipped, saying which,
where a server it needs does not answer (VERBATIM_TEST_SCALEOUT=0 skips them all)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from tests.conftest import ASR, INTERVIEWS, REPO
from tests.helpers import PG_URL, REDIS, start_worker, worker_log

REDIS_DB = 13  # a database of its own, flushed before and after
# RabbitMQ's default guest account and vhost; point VERBATIM_TEST_AMQP_URL at a vhost of its own to keep the test's
# `media` and `text` queues (purged before and after) apart from anything else on the server.
AMQP_URL = os.environ.get("VERBATIM_TEST_AMQP_URL") or "amqp://guest:guest@127.0.0.1:5672//"
STALE_SECONDS = 10


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _pg_host_port(url: str) -> tuple[str, int]:
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    return parsed.host or "127.0.0.1", parsed.port or 5432


# --- cheap checks, no broker or server needed ---------------------------------------------------------------------


def test_a_broker_refuses_sqlite(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from app.config import Settings

    with pytest.raises(ValidationError, match="set VERBATIM_DATABASE_URL to PostgreSQL"):
        Settings(data_dir=tmp_path, broker_url="redis://127.0.0.1:6379/0")
    Settings(data_dir=tmp_path, broker_url="redis://x/0", database_url="postgresql+psycopg://u@h/db")


def test_the_cli_says_why_sqlite_is_refused(tmp_path: Path) -> None:
    env = {**os.environ, "VERBATIM_BROKER_URL": "redis://127.0.0.1:6379/0", "VERBATIM_DATA_DIR": str(tmp_path)}
    env.pop("VERBATIM_DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", "worker", "--queues", "media"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "database is SQLite" in result.stderr and "PostgreSQL" in result.stderr


def test_queues_need_a_broker(tmp_path: Path) -> None:
    env = {**os.environ, "VERBATIM_DATA_DIR": str(tmp_path)}
    env.pop("VERBATIM_BROKER_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", "from app.cli import main; main()", "worker", "--queues", "text"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "VERBATIM_BROKER_URL" in result.stderr


def test_device_resolution_never_needs_a_gpu() -> None:
    from pipelines.devices import cuda_available, resolve_device, whisper_compute_type

    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") == ("cuda" if cuda_available() else "cpu")
    assert whisper_compute_type("cuda") == "float16" and whisper_compute_type("cpu") == "int8"
    if not cuda_available():
        with pytest.raises(RuntimeError, match="no CUDA device"):
            resolve_device("cuda")


def test_compose_file_structure() -> None:
    """`docker compose config` where docker compose exists; the structure it relies on, checked here anyway."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"api", "worker-media", "worker-text", "postgres", "redis", "migrate"} <= set(services)
    for name in ("api", "worker-media", "worker-text", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    volume = "verbatim-data"
    assert volume in compose["volumes"]
    for name in ("api", "worker-media", "worker-text", "migrate"):
        assert any(str(v).startswith(f"{volume}:") for v in services[name]["volumes"]), name
    # Migrations run once, before the API and the workers start.
    assert services["migrate"]["command"] == ["verbatim", "migrate"]
    for name in ("api", "worker-media", "worker-text"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert "--queues" in services["worker-media"]["command"] and "media" in services["worker-media"]["command"]
    assert "text" in services["worker-text"]["command"]
    assert "container_name" not in services["worker-media"], "a fixed name would stop `--scale worker-media=N`"
    assert services["api"]["environment"]["VERBATIM_WORKERS"] in ("0", 0)
    if subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:  # pragma: no cover
        check = subprocess.run(["docker", "compose", "-f", str(REPO / "docker-compose.yml"), "config", "-q"])
        assert check.returncode == 0


def test_structured_logs_carry_the_task_id() -> None:
    import json
    import logging

    from app.logs import JsonFormatter, TaskFilter, task_context

    record = logging.LogRecord("verbatim", logging.INFO, __file__, 1, "stage %s", ("embedding",), None)
    with task_context(42):
        TaskFilter().filter(record)
    entry = json.loads(JsonFormatter().format(record))
    assert entry["task_id"] == 42 and entry["message"] == "stage embedding"


# --- end to end: API + Celery workers on Redis + PostgreSQL -------------------------------------------------------


def _skip_unless_servers(broker: tuple[str, int], name: str) -> None:
    if os.environ.get("VERBATIM_TEST_SCALEOUT") == "0":
        pytest.skip("VERBATIM_TEST_SCALEOUT=0: the scale-out end-to-end tests were switched off")
    if not _answers(*broker):
        pytest.skip(f"{name} is not answering on {broker[0]}:{broker[1]}: this scale-out test needs it as its broker")
    if not _answers(*_pg_host_port(PG_URL)):
        pytest.skip(f"PostgreSQL is not answering at {_pg_host_port(PG_URL)}: the scale-out tests need it")
    for path in (ASR / "two-speaker-call.wav", INTERVIEWS):
        if not path.exists():
            pytest.skip(f"{path} is missing (../shared/data)")


@contextmanager
def cluster(tmp_path: Path, broker: str, reset_broker: Callable[[], None]) -> Iterator[dict]:
    """A throwaway PostgreSQL schema, a data directory, settings and worker environment for `broker`; the worker
    processes the test starts are killed, and the broker reset, at the end."""
    from sqlalchemy import create_engine, text

    from app.config import Settings
    from app.db import migrate

    reset_broker()
    schema = f"scaleout_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options=-csearch_path%3D{schema}"
    data_dir = tmp_path / "var"
    env = {
        **os.environ,
        "VERBATIM_DATA_DIR": str(data_dir),
        "VERBATIM_DATABASE_URL": url,
        "VERBATIM_BROKER_URL": broker,
        # Short enough that a dead worker's task is taken over within seconds, long enough (three missed
        # heartbeats) that a live worker starved of CPU on a loaded machine keeps its task.
        "VERBATIM_TASK_STALE_SECONDS": str(STALE_SECONDS),
        "VERBATIM_WHISPER_MODEL": "tiny.en",
        "VERBATIM_DEVICE": "cpu",
        "OMP_WAIT_POLICY": "PASSIVE",
        "PYTHONUNBUFFERED": "1",
    }
    settings = Settings(
        data_dir=data_dir,
        database_url=url,
        broker_url=broker,
        workers=1,  # ignored with a broker: the API only queues
        task_stale_seconds=STALE_SECONDS,
        allowed_hosts=["testserver"],
    )
    migrate(settings)
    workers: list[subprocess.Popen] = []
    state = {"settings": settings, "env": env, "workers": workers, "logs": tmp_path}
    try:
        yield state
    finally:
        for process in workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
        reset_broker()


@pytest.fixture
def scaleout(tmp_path: Path) -> Iterator[dict]:
    # Part of `make test` wherever Redis and PostgreSQL answer. It was opt-in for a while after a run "stalled"
    # under load: the workers printed their banner and then nothing. They were working: Celery's stdout/stderr
    # redirect swallowed every log line (see worker_redirect_stdouts in app/broker.py), so nothing showed progress.
    _skip_unless_servers(REDIS, "Redis")
    import redis

    def flush() -> None:
        redis.Redis(*REDIS, db=REDIS_DB).flushdb()

    with cluster(tmp_path, f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}", flush) as state:
        yield state


@pytest.fixture
def rabbitmq(tmp_path: Path) -> Iterator[dict]:
    from sqlalchemy.engine import make_url

    parsed = make_url(AMQP_URL.replace("amqp://", "postgresql://", 1))  # only to read host and port
    _skip_unless_servers((parsed.host or "127.0.0.1", parsed.port or 5672), "RabbitMQ")

    def purge() -> None:  # the test's vhost may hold messages from an earlier, interrupted run
        from kombu import Connection

        with Connection(AMQP_URL, connect_timeout=5) as connection:
            for queue in ("media", "text"):
                with connection.channel() as channel:
                    try:
                        channel.queue_purge(queue)
                    except Exception:  # not declared yet
                        pass

    with cluster(tmp_path, AMQP_URL, purge) as state:
        yield state


# The media worker's stages of a recording: a kill in any of them must hand the recording over once. (Transcribing a
# 30-second call takes about 3 s once the model is loaded, too short a window to wait for on a busy machine.)
MEDIA_WORK = frozenset({"diarizing", "transcribing"})


def wait_for(condition, timeout: float, what: str, workers=()) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            logs = "\n".join(worker_log(w)[-3000:] for w in workers)
            raise AssertionError(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.1)


def excerpt(source: Path, target: Path, turns: int) -> Path:
    """The interview's header and its first `turns` turns: a short transcript to keep the test quick."""
    head, _, body = source.read_text().partition("# BEGIN TRANSCRIPT")
    kept = [line for line in body.splitlines() if line.strip()][:turns]
    target.write_text(head + "# BEGIN TRANSCRIPT\n\n" + "\n\n".join(kept) + "\n")
    return target


@pytest.mark.slow
def test_workers_on_a_broker_finish_every_interview_once(scaleout: dict) -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from app.db import session_scope
    from app.main import create_app
    from models import Interview, Task, Turn, Utterance, UtteranceSignal

    settings = scaleout["settings"]
    started = time.monotonic()
    phases: dict[str, float] = {}

    def mark(phase: str) -> None:
        phases[phase] = round(time.monotonic() - started, 1)

    app = create_app(settings)
    with TestClient(app) as client:
        runtime = app.state.runtime

        def rows() -> dict[int, Task]:
            with session_scope(runtime.session_factory) as session:
                return {t.id: t for t in session.scalars(select(Task))}

        project = client.post("/api/projects", json={"name": "scale-out"}).json()["id"]
        # Four interviews cut short (the first long enough to send SIGTERM while it is embedded) and the 30-second
        # call (the media worker is killed as soon as it works on it).
        logs = scaleout["logs"]
        interviews = sorted(INTERVIEWS.glob("*-full.md"))[:4]
        uploads = [excerpt(p, logs / p.name, turns=80 if i == 0 else 24) for i, p in enumerate(interviews)]
        uploads.append(ASR / "two-speaker-call.wav")
        task_of = {}
        for path in uploads:
            response = client.post(
                f"/api/projects/{project}/interviews", files={"file": (path.name, path.read_bytes())}
            )
            assert response.status_code in (200, 201, 202), response.text
            body = response.json()
            task_of[path.name] = body["task"]["id"] if "task" in body else body["task_id"]
        recording = task_of["two-speaker-call.wav"]
        first_text = task_of[interviews[0].name]

        health = client.get("/healthz").json()
        assert health["broker"]["status"] == "ok" and health["tasks"] == "scale-out"
        assert health["in_process_workers"] == 0
        assert health["broker"]["waiting"] == {"media": 1, "text": 4}
        time.sleep(1.0)  # no worker runs anywhere: the uploads stay queued
        assert {t.status for t in rows().values()} == {"queued"}

        text_a = start_worker(scaleout, "text")
        media_a = start_worker(scaleout, "media")
        workers = scaleout["workers"]

        # SIGKILL the media worker (its whole process group) in the middle of its work on the recording, and start
        # its replacement at once: it takes the task over when the dead worker's heartbeats are stale.
        wait_for(lambda: rows()[recording].stage in MEDIA_WORK, 300, "the recording's media work to start", workers)
        os.killpg(media_a.pid, signal.SIGKILL)
        media_a.wait(timeout=30)
        mark("media worker killed")
        killed_at = rows()[recording]
        assert killed_at.status == "running" and killed_at.attempts == 1
        start_worker(scaleout, "media")

        # SIGTERM while text worker A embeds the whole interview: a warm shutdown finishes that task, then exits;
        # its replacement starts beside it and takes the other transcripts.
        wait_for(lambda: rows()[first_text].stage == "embedding", 300, "a transcript being embedded", workers)
        text_a.send_signal(signal.SIGTERM)
        start_worker(scaleout, "text")
        mark("text worker stopped")
        assert text_a.wait(timeout=300) == 0, worker_log(text_a)[-3000:]
        mark("text worker exited")
        assert rows()[first_text].status == "done" and rows()[first_text].attempts == 1

        def all_done() -> bool:
            current = rows()
            assert not [t.error for t in current.values() if t.status == "failed"]
            return all(t.status == "done" for t in current.values())

        wait_for(all_done, 300, "every task to finish", workers)
        mark("all done")
        final = rows()
        assert len(final) == 5
        log = "".join(worker_log(w) for w in workers)
        # The recording was transcribed twice (the first worker died) and derived once, by the text queue.
        assert log.count(f"task {recording} transcribed: handed to the text queue") == 1
        assert "their worker stopped sending heartbeats" in log
        assert final[recording].attempts == 1 and final[recording].payload.get("phase") == "text"
        with session_scope(runtime.session_factory) as session:
            stored = session.scalars(select(Interview).where(Interview.project_id == project)).all()
            assert [i.status for i in stored] == ["ready"] * 5
            for interview in stored:  # no duplicated turns, utterances or signals
                positions = session.scalars(select(Turn.position).where(Turn.interview_id == interview.id)).all()
                assert positions and sorted(positions) == list(range(len(positions))), interview.title
                keys = session.execute(
                    select(Utterance.turn_id, Utterance.position).where(Utterance.interview_id == interview.id)
                ).all()
                assert len(keys) == len(set(keys)), interview.title
            signals = session.execute(
                select(UtteranceSignal.utterance_id, UtteranceSignal.kind, UtteranceSignal.start_char).where(
                    UtteranceSignal.project_id == project
                )
            ).all()
            assert len(signals) == len(set(signals))
            embedded = session.scalar(
                select(func.count()).where(Utterance.project_id == project, Utterance.embedding.is_not(None))
            )
            index = runtime.index_store.get(session=session, project_id=project)
            assert index is not None and len(index) == embedded  # one index entry per utterance
            recording_id = session.scalar(select(Task.interview_id).where(Task.id == recording))

        hits = client.get(f"/api/projects/{project}/search", params={"q": "originally from Chicago", "k": 50}).json()
        assert recording_id in {hit["interview_id"] for hit in hits["hits"]}, hits

        for process in [w for w in workers if w.poll() is None]:  # graceful stop of idle workers
            process.send_signal(signal.SIGTERM)
        for process in workers:
            if process is not media_a:
                assert process.wait(timeout=60) == 0
                mark(f"worker {process.pid} exited")
        print(f"scale-out end to end: {phases}")


@pytest.mark.slow
def test_a_task_runs_through_celery_on_rabbitmq(rabbitmq: dict) -> None:
    """The same path on RabbitMQ (amqp://): uploads queue on the broker, a `text` worker ingests them, a mining task
    follows, /healthz counts the messages waiting, and SIGTERM stops the worker cleanly."""
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from app.db import session_scope
    from app.main import create_app
    from models import Task, Utterance

    started = time.monotonic()
    app = create_app(rabbitmq["settings"])
    with TestClient(app) as client:
        runtime = app.state.runtime

        def task(task_id: int) -> Task:
            with session_scope(runtime.session_factory) as session:
                return session.get(Task, task_id)  # type: ignore[return-value]

        project = client.post("/api/projects", json={"name": "on RabbitMQ"}).json()["id"]
        source = sorted(INTERVIEWS.glob("*-full.md"))[0]
        short = excerpt(source, rabbitmq["logs"] / source.name, turns=24)
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (short.name, short.read_bytes())})
        assert body.status_code == 202, body.text
        ingest = body.json()["task"]["id"]

        health = client.get("/healthz").json()
        assert health["broker"]["status"] == "ok" and health["broker"]["url"].startswith("amqp://")
        assert health["broker"]["waiting"] == {"media": 0, "text": 1}
        assert task(ingest).status == "queued"

        worker = start_worker(rabbitmq, "text")
        wait_for(lambda: task(ingest).status in ("done", "failed"), 400, "the ingest task on RabbitMQ", [worker])
        assert task(ingest).status == "done" and task(ingest).attempts == 1, task(ingest).error
        mine = client.post(f"/api/projects/{project}/mine")
        assert mine.status_code == 202, mine.text
        mining = mine.json()["task"]["id"]
        wait_for(lambda: task(mining).status in ("done", "failed"), 300, "the mining task on RabbitMQ", [worker])
        assert task(mining).status == "done", task(mining).error
        assert client.get("/healthz").json()["broker"]["waiting"] == {"media": 0, "text": 0}

        with session_scope(runtime.session_factory) as session:
            stored = session.scalar(select(func.count()).where(Utterance.project_id == project))
        assert stored and stored > 0
        hits = client.get(f"/api/projects/{project}/search", params={"q": "maintaining the package index"}).json()
        assert hits["hits"], hits
        log = worker_log(worker)
        assert f"task {ingest} (ingest) started, attempt 1" in log and f"task {mining}" in log
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=120) == 0, worker_log(worker)[-3000:]
    print(f"RabbitMQ: ingest and mining through Celery in {time.monotonic() - started:.0f} s")


@pytest.mark.slow
def test_a_media_worker_killed_on_rabbitmq_hands_its_recording_over_once(rabbitmq: dict) -> None:
    """kill -9 on RabbitMQ: unlike Redis (which redelivers after its visibility timeout), RabbitMQ hands the dead
    worker's unacknowledged message back at once. The new media worker finds the row still running and drops it;
    the sweeper requeues the task when the dead worker's heartbeats are stale; the recording is transcribed again,
    handed to the text queue once, derived once, and searchable."""
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from app.db import session_scope
    from app.main import create_app
    from models import Task, Turn, Utterance

    started = time.monotonic()
    app = create_app(rabbitmq["settings"])
    with TestClient(app) as client:
        runtime = app.state.runtime

        def task(task_id: int) -> Task:
            with session_scope(runtime.session_factory) as session:
                return session.get(Task, task_id)  # type: ignore[return-value]

        project = client.post("/api/projects", json={"name": "kill -9 on RabbitMQ"}).json()["id"]
        call = ASR / "two-speaker-call.wav"
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (call.name, call.read_bytes())})
        assert body.status_code == 202, body.text
        recording = body.json()["task"]["id"]
        assert client.get("/healthz").json()["broker"]["waiting"] == {"media": 1, "text": 0}

        workers = rabbitmq["workers"]
        start_worker(rabbitmq, "text")
        media_a = start_worker(rabbitmq, "media")
        wait_for(lambda: task(recording).stage in MEDIA_WORK, 300, "the recording's media work to start", workers)
        os.killpg(media_a.pid, signal.SIGKILL)
        media_a.wait(timeout=30)
        killed_at = task(recording)
        assert killed_at.status == "running" and killed_at.attempts == 1
        killed = time.monotonic()
        start_worker(rabbitmq, "media")

        wait_for(lambda: task(recording).status in ("done", "failed"), 400, "the recording after kill -9", workers)
        final = task(recording)
        assert final.status == "done", final.error
        assert final.attempts == 1 and final.payload.get("phase") == "text"  # the text phase ran once
        log = "".join(worker_log(w) for w in workers)
        assert log.count(f"task {recording} transcribed: handed to the text queue") == 1
        assert "their worker stopped sending heartbeats" in log
        # RabbitMQ's redelivery and the sweeper's message both arrive: whichever comes second is dropped (by a media
        # worker, or by the text worker when the media worker rerouted it), never run.
        assert re.search(rf"task {recording} is \w+: duplicate or redelivered message dropped", log), log[-3000:]
        assert client.get("/healthz").json()["broker"]["waiting"] == {"media": 0, "text": 0}

        with session_scope(runtime.session_factory) as session:
            positions = session.scalars(select(Turn.position).where(Turn.interview_id == final.interview_id)).all()
            assert positions and sorted(positions) == list(range(len(positions)))  # no duplicated turns
            keys = session.execute(
                select(Utterance.turn_id, Utterance.position).where(Utterance.interview_id == final.interview_id)
            ).all()
            assert keys and len(keys) == len(set(keys))  # no duplicated utterances
            embedded = session.scalar(
                select(func.count()).where(Utterance.project_id == project, Utterance.embedding.is_not(None))
            )
            index = runtime.index_store.get(session=session, project_id=project)
            assert index is not None and len(index) == embedded
        hits = client.get(f"/api/projects/{project}/search", params={"q": "originally from Chicago", "k": 50}).json()
        assert final.interview_id in {hit["interview_id"] for hit in hits["hits"]}, hits

        for process in [w for w in workers if w.poll() is None]:
            process.send_signal(signal.SIGTERM)
        for process in workers:
            if process is not media_a:
                assert process.wait(timeout=120) == 0, worker_log(process)[-3000:]
    print(
        f"RabbitMQ kill -9: recording done {time.monotonic() - killed:.0f} s after the kill, "
        f"{time.monotonic() - started:.0f} s in all"
    )
