"""Bounded ingest: oversized transcripts are refused and store nothing; embeddings go in batches; a running ingest
stops between batches when cancelled or when its worker shuts down, and the interview keeps a clear status."""

from __future__ import annotations

import time
import zlib

import numpy as np
import pytest
from sqlalchemy import func, select

from app.db import session_scope
from app.worker import Worker
from models import Task, Turn, Utterance
from tests.helpers import TRANSCRIPT, assert_envelope, stored_state, upload

DIM = 384

# Enough distinct customer sentences for several batches of two.
LONG = "\n".join(
    line
    for n in range(6)
    for line in (
        f"Interviewer: Question {n}, how do you handle the reports?",
        f"Dana: In week {n} I export the spreadsheets and stitch them together by hand for my boss. "
        f"Then I check invoice number {n} twice because one typo breaks the whole thing.",
    )
)


class RecordingEmbedder:
    """A stable random unit vector per text; records the size of each call made while `recording`, and can run a
    hook (a concurrent cancel, a shutdown) at a given call."""

    dimension = DIM
    name = "recording-fake"

    def __init__(self) -> None:
        self.recording = False
        self.calls: list[int] = []
        self.hook = None
        self.hook_at = 2
        self.delay = 0.0

    def embed(self, texts, progress=None):
        if self.recording:
            self.calls.append(len(texts))
            if self.hook is not None and len(self.calls) == self.hook_at:
                self.hook()
            time.sleep(self.delay)  # longer than the worker's progress throttle, so each batch reports
        rows = [np.random.default_rng(zlib.crc32(t.encode())).normal(size=DIM) for t in texts]
        matrix = np.array(rows, dtype=np.float32).reshape(len(texts), DIM)
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)


@pytest.fixture
def bounded(tmp_path, database_url, monkeypatch):
    """A client whose runtime embeds with the recording fake, in batches of two utterances."""
    from fastapi.testclient import TestClient

    from app import runtime as runtime_module
    from app.db import migrate
    from app.main import create_app
    from pipelines.forces import force_classifier
    from pipelines.jobtalk import default_classifier
    from tests.helpers import make_settings

    fake = RecordingEmbedder()
    monkeypatch.setattr(runtime_module, "load_embedder", lambda *args, **kwargs: fake)
    default_classifier(fake)  # train the classifiers on the fake's space before recording
    force_classifier(fake)
    fake.recording = True
    settings = make_settings(
        tmp_path / "var", database_url, embed_batch_size=2, max_transcript_words=400, max_transcript_turns=40
    )
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), raise_server_exceptions=False) as client:
        client.fake = fake  # type: ignore[attr-defined]  # the fixture's embedder, beside its client
        yield client


def counts(client, interview_id: int) -> tuple[int, int]:
    with session_scope(client.app.state.runtime.session_factory) as session:
        turns = session.scalars(select(func.count()).select_from(Turn).where(Turn.interview_id == interview_id)).one()
        utterances = session.scalars(
            select(func.count()).select_from(Utterance).where(Utterance.interview_id == interview_id)
        ).one()
    return turns, utterances


@pytest.mark.parametrize(
    ("content", "what"),
    [
        ("Dana: " + "word " * 401, "words"),  # one 401-word line, no punctuation
        ("".join(f"Dana: line {n}\nSam: ok {n}\n" for n in range(21)), "turns"),  # 42 turns
    ],
)
def test_oversized_transcript_is_413_and_stores_nothing(bounded, content, what) -> None:
    project = bounded.post("/api/projects", json={"name": "p"}).json()
    response = upload(bounded, project["id"], "big.txt", content.encode())
    error = assert_envelope(response, 413, "transcript_too_large")
    assert f"limit_{what}" in error["details"]
    assert f"VERBATIM_MAX_TRANSCRIPT_{what.upper()}" in error["message"]
    assert stored_state(bounded, project["id"]) == (0, [])
    assert bounded.fake.calls == []  # refused before any work
    assert upload(bounded, project["id"], "ok.txt", TRANSCRIPT.encode()).status_code == 202


@pytest.mark.slow
def test_embeddings_are_computed_in_batches(bounded) -> None:
    project = bounded.post("/api/projects", json={"name": "p"}).json()
    body = upload(bounded, project["id"], "dana.txt", LONG.encode()).json()
    Worker(bounded.app.state.runtime).run_until_idle(timeout=120)
    assert bounded.get(f"/api/tasks/{body['task']['id']}").json()["status"] == "done"
    _, stored = counts(bounded, body["interview"]["id"])
    assert stored >= 6
    ingest_calls = bounded.fake.calls[: -(-stored // 2)]
    assert ingest_calls and max(ingest_calls) <= 2 and sum(ingest_calls) == stored
    # A finished task cannot be cancelled; the error is an envelope.
    assert_envelope(bounded.post(f"/api/tasks/{body['task']['id']}/cancel"), 409, "task_finished")


@pytest.mark.slow
def test_cancel_stops_a_running_ingest_between_batches(bounded) -> None:
    project = bounded.post("/api/projects", json={"name": "p"}).json()
    body = upload(bounded, project["id"], "dana.txt", LONG.encode()).json()
    task_id, interview_id = body["task"]["id"], body["interview"]["id"]
    fake = bounded.fake
    fake.delay = 0.3
    # While the second batch is embedded, someone cancels the task through the API (the database is not locked:
    # nothing is written until every batch is done).
    fake.hook = lambda: bounded.post(f"/api/tasks/{task_id}/cancel").raise_for_status()
    Worker(bounded.app.state.runtime).run_until_idle(timeout=120)

    task = bounded.get(f"/api/tasks/{task_id}").json()
    assert task["status"] == "cancelled" and task["stage"] == "cancelled" and task["finished_at"]
    interview = bounded.get(f"/api/interviews/{interview_id}").json()
    assert interview["status"] == "cancelled" and "cancelled" in interview["error"]
    assert len(fake.calls) == 2  # stopped right after the batch during which it was cancelled
    turns, utterances = counts(bounded, interview_id)
    assert turns > 0 and utterances == 0  # the transcript is kept; the half-done batches were rolled back
    assert bounded.post(f"/api/tasks/{task_id}/cancel").json()["status"] == "cancelled"  # idempotent
    assert_envelope(bounded.post("/api/tasks/999/cancel"), 404, "not_found")


def test_cancel_of_a_queued_task_means_it_never_starts(bounded) -> None:
    project = bounded.post("/api/projects", json={"name": "p"}).json()
    body = upload(bounded, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    assert bounded.post(f"/api/tasks/{body['task']['id']}/cancel").json()["status"] == "cancelled"
    assert Worker(bounded.app.state.runtime).run_once() is False
    assert bounded.get(f"/api/interviews/{body['interview']['id']}").json()["status"] == "cancelled"


@pytest.mark.slow
def test_worker_shutdown_stops_the_task_and_requeues_it(bounded) -> None:
    project = bounded.post("/api/projects", json={"name": "p"}).json()
    body = upload(bounded, project["id"], "dana.txt", LONG.encode()).json()
    task_id, interview_id = body["task"]["id"], body["interview"]["id"]
    worker = Worker(bounded.app.state.runtime)
    fake = bounded.fake
    fake.hook = lambda: worker.stop(timeout=0)  # what SIGTERM does (`verbatim worker`, `verbatim serve`)
    assert worker.run_once() is True
    assert len(fake.calls) == 2
    with session_scope(bounded.app.state.runtime.session_factory) as session:
        task = session.get_one(Task, task_id)
        assert (task.status, task.attempts, task.worker_id) == ("queued", 0, None)
    assert bounded.get(f"/api/interviews/{interview_id}").json()["status"] == "queued"
    assert counts(bounded, interview_id)[1] == 0

    fake.hook = None
    Worker(bounded.app.state.runtime).run_until_idle(timeout=120)  # the next worker resumes it
    assert bounded.get(f"/api/tasks/{task_id}").json()["status"] == "done"
    assert bounded.get(f"/api/interviews/{interview_id}").json()["status"] == "ready"


def test_a_locked_database_is_a_503_envelope_not_a_500(client, monkeypatch) -> None:
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from app.services import projects as project_service

    def locked(**_kwargs):
        raise OperationalError("INSERT ...", {}, sqlite3.OperationalError("database is locked"))

    monkeypatch.setattr(project_service, "create", locked)
    response = client.post("/api/projects", json={"name": "p"})
    assert_envelope(response, 503, "database_busy")
    assert response.headers["retry-after"] == "5"
