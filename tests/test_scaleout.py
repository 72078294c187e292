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
from typing import Any

import pytest
import yaml
from sqlalchemy import func, select

from models import Interview, Task, Turn, Utterance, UtteranceSignal
from tests.helpers import ASR, INTERVIEWS, PG_URL, REDIS, REPO, start_worker, worker_log

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


def _worker_cli(tmp_path: Path, queues: str, **settings: str | None) -> subprocess.CompletedProcess[str]:
    """`verbatim worker --queues QUEUES` in a fresh interpreter, with these VERBATIM_ settings (None: unset)."""
    env = {**os.environ, "VERBATIM_DATA_DIR": str(tmp_path)}
    for name, value in {"database_url": None, **settings}.items():
        env.pop(f"VERBATIM_{name.upper()}", None)
        if value is not None:
            env[f"VERBATIM_{name.upper()}"] = value
    command = [sys.executable, "-c", "from app.cli import main; main()", "worker", "--queues", queues]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60)


def test_the_cli_says_why_sqlite_is_refused(tmp_path: Path) -> None:
    result = _worker_cli(tmp_path, "media", broker_url="redis://127.0.0.1:6379/0")
    assert result.returncode == 2
    assert "database is SQLite" in result.stderr and "PostgreSQL" in result.stderr


def test_queues_need_a_broker(tmp_path: Path) -> None:
    result = _worker_cli(tmp_path, "text", broker_url=None)
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


@contextmanager
def api_client(state: dict) -> Iterator[tuple[Any, Any]]:
    """The API (queueing on the cluster's broker, running no task itself) under a test client, and its runtime."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    app = create_app(state["settings"])
    with TestClient(app) as client:
        yield client, app.state.runtime


def task_row(runtime, task_id: int) -> Task:
    return task_rows(runtime)[task_id]


def wait_finished(runtime, task_id: int, timeout: float, what: str, workers: list[subprocess.Popen]) -> Task:
    """The task's row once it is done or failed (the workers' logs in the error when it takes longer)."""
    wait_for(lambda: task_row(runtime, task_id).status in ("done", "failed"), timeout, what, workers)
    return task_row(runtime, task_id)


def task_rows(runtime) -> dict[int, Task]:
    """Every task row, by id, as the database holds it now."""
    from app.db import session_scope

    with session_scope(runtime.session_factory) as session:
        return {t.id: t for t in session.scalars(select(Task))}


def kill_media_worker_mid_recording(state: dict, runtime, recording: int, media: subprocess.Popen) -> None:
    """SIGKILL the media worker (its whole process group) in the middle of its work on the recording, and start its
    replacement at once: it takes the task over when the dead worker's heartbeats are stale."""
    workers = state["workers"]
    wait_for(
        lambda: task_rows(runtime)[recording].stage in MEDIA_WORK, 300, "the recording's media work to start", workers
    )
    os.killpg(media.pid, signal.SIGKILL)
    media.wait(timeout=30)
    killed_at = task_rows(runtime)[recording]
    assert killed_at.status == "running" and killed_at.attempts == 1
    start_worker(state, "media")


def assert_handed_over_once(runtime, workers: list[subprocess.Popen], recording: int) -> Task:
    """The killed worker's recording was transcribed again by its replacement, then handed to the text queue and
    derived there once; returns its task."""
    final = task_rows(runtime)[recording]
    assert final.status == "done", final.error
    assert final.attempts == 1 and final.payload.get("phase") == "text"  # the text phase ran once
    log = "".join(worker_log(w) for w in workers)
    assert log.count(f"task {recording} transcribed: handed to the text queue") == 1
    assert "their worker stopped sending heartbeats" in log
    return final


def assert_stored_once(runtime, project: int) -> None:
    """No interview of the project holds a turn or an utterance twice, and the index holds each utterance once."""
    from app.db import session_scope

    with session_scope(runtime.session_factory) as session:
        for interview in session.scalars(select(Interview).where(Interview.project_id == project)):
            positions = session.scalars(select(Turn.position).where(Turn.interview_id == interview.id)).all()
            assert positions and sorted(positions) == list(range(len(positions))), interview.title
            keys = session.execute(
                select(Utterance.turn_id, Utterance.position).where(Utterance.interview_id == interview.id)
            ).all()
            assert keys and len(keys) == len(set(keys)), interview.title
        embedded = session.scalar(
            select(func.count()).where(Utterance.project_id == project, Utterance.embedding.is_not(None))
        )
        index = runtime.index_store.get(session=session, project_id=project)
        assert index is not None and len(index) == embedded  # one index entry per utterance


def assert_recording_found(client, project: int, interview_id: int | None) -> None:
    hits = client.get(f"/api/projects/{project}/search", params={"q": "originally from Chicago", "k": 50}).json()
    assert interview_id in {hit["interview_id"] for hit in hits["hits"]}, hits


def stop_workers(workers: list[subprocess.Popen], killed: subprocess.Popen, timeout: float) -> None:
    """SIGTERM the idle workers: each one still alive (all but the killed one) stops cleanly."""
    for process in [w for w in workers if w.poll() is None]:
        process.send_signal(signal.SIGTERM)
    for process in workers:
        if process is not killed:
            assert process.wait(timeout=timeout) == 0, worker_log(process)[-3000:]


@pytest.mark.slow
def test_workers_on_a_broker_finish_every_interview_once(scaleout: dict) -> None:
    from app.db import session_scope

    started = time.monotonic()
    phases: dict[str, float] = {}

    def mark(phase: str) -> None:
        phases[phase] = round(time.monotonic() - started, 1)

    with api_client(scaleout) as (client, runtime):

        def rows() -> dict[int, Task]:
            return task_rows(runtime)

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

        kill_media_worker_mid_recording(scaleout, runtime, recording, media_a)
        mark("media worker killed")

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
        assert len(rows()) == 5
        # The recording was transcribed twice (the first worker died) and derived once, by the text queue.
        handed = assert_handed_over_once(runtime, workers, recording)
        assert_stored_once(runtime, project)
        with session_scope(runtime.session_factory) as session:
            stored = session.scalars(select(Interview.status).where(Interview.project_id == project)).all()
            assert stored == ["ready"] * 5
            signals = session.execute(
                select(UtteranceSignal.utterance_id, UtteranceSignal.kind, UtteranceSignal.start_char).where(
                    UtteranceSignal.project_id == project
                )
            ).all()
            assert len(signals) == len(set(signals))  # no duplicated signals
        assert_recording_found(client, project, handed.interview_id)
        stop_workers(workers, media_a, timeout=60)
        mark("workers stopped")
        print(f"scale-out end to end: {phases}")


@pytest.mark.slow
def test_a_task_runs_through_celery_on_rabbitmq(rabbitmq: dict) -> None:
    """The same path on RabbitMQ (amqp://): uploads queue on the broker, a `text` worker ingests them, a mining task
    follows, /healthz counts the messages waiting, and SIGTERM stops the worker cleanly."""
    from app.db import session_scope

    started = time.monotonic()
    with api_client(rabbitmq) as (client, runtime):
        project = client.post("/api/projects", json={"name": "on RabbitMQ"}).json()["id"]
        source = sorted(INTERVIEWS.glob("*-full.md"))[0]
        short = excerpt(source, rabbitmq["logs"] / source.name, turns=24)
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (short.name, short.read_bytes())})
        assert body.status_code == 202, body.text
        ingest = body.json()["task"]["id"]

        health = client.get("/healthz").json()
        assert health["broker"]["status"] == "ok" and health["broker"]["url"].startswith("amqp://")
        assert health["broker"]["waiting"] == {"media": 0, "text": 1}
        assert task_row(runtime, ingest).status == "queued"

        worker = start_worker(rabbitmq, "text")
        ingested = wait_finished(runtime, ingest, 400, "the ingest task on RabbitMQ", [worker])
        assert ingested.status == "done" and ingested.attempts == 1, ingested.error
        mine = client.post(f"/api/projects/{project}/mine")
        assert mine.status_code == 202, mine.text
        mining = mine.json()["task"]["id"]
        mined = wait_finished(runtime, mining, 300, "the mining task on RabbitMQ", [worker])
        assert mined.status == "done", mined.error
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
    started = time.monotonic()
    with api_client(rabbitmq) as (client, runtime):
        project = client.post("/api/projects", json={"name": "kill -9 on RabbitMQ"}).json()["id"]
        call = ASR / "two-speaker-call.wav"
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (call.name, call.read_bytes())})
        assert body.status_code == 202, body.text
        recording = body.json()["task"]["id"]
        assert client.get("/healthz").json()["broker"]["waiting"] == {"media": 1, "text": 0}

        workers = rabbitmq["workers"]
        start_worker(rabbitmq, "text")
        media_a = start_worker(rabbitmq, "media")
        kill_media_worker_mid_recording(rabbitmq, runtime, recording, media_a)
        killed = time.monotonic()

        wait_finished(runtime, recording, 400, "the recording after kill -9", workers)
        final = assert_handed_over_once(runtime, workers, recording)
        log = "".join(worker_log(w) for w in workers)
        # RabbitMQ's redelivery and the sweeper's message both arrive: whichever comes second is dropped (by a media
        # worker, or by the text worker when the media worker rerouted it), never run.
        assert re.search(rf"task {recording} is \w+: duplicate or redelivered message dropped", log), log[-3000:]
        assert client.get("/healthz").json()["broker"]["waiting"] == {"media": 0, "text": 0}
        assert_stored_once(runtime, project)
        assert_recording_found(client, project, final.interview_id)
        stop_workers(workers, media_a, timeout=120)
    print(
        f"RabbitMQ kill -9: recording done {time.monotonic() - killed:.0f} s after the kill, "
        f"{time.monotonic() - started:.0f} s in all"
    )
