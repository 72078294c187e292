"""Durable tasks: interrupted work resumes exactly once; failures keep their reason and touch nothing else."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from app.db import session_scope
from app.worker import Worker
from models import Task, Turn, Utterance
from models.base import utcnow
from tests.helpers import TRANSCRIPT, upload


def counts(runtime, interview_id: int) -> tuple[int, int]:
    with session_scope(runtime.session_factory) as session:
        turns = session.scalars(select(func.count()).select_from(Turn).where(Turn.interview_id == interview_id)).one()
        utterances = session.scalars(
            select(func.count()).select_from(Utterance).where(Utterance.interview_id == interview_id)
        ).one()
    return turns, utterances


@pytest.mark.slow
def test_interrupted_task_completes_exactly_once_after_restart(client) -> None:
    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "p"}).json()
    body = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    task_id, interview_id = body["task"]["id"], body["interview"]["id"]

    # First worker dies mid-ingestion: rows are half written and the task is left "running".
    def crash(runtime_, task, report):
        from app.tasks import ingest

        ingest.run(runtime_, task, report)  # writes turns and utterances
        raise SystemExit("power cut")  # not an Exception: the worker cannot record anything

    dying = Worker(runtime, handlers={"ingest": crash})
    try:
        dying.run_once()
    except SystemExit:
        pass
    full = counts(runtime, interview_id)
    with session_scope(runtime.session_factory) as session:
        task = session.get_one(Task, task_id)
        assert task.status == "running" and task.attempts == 1
        # Its heartbeat goes stale, as after a crash.
        session.execute(update(Task).where(Task.id == task_id).values(heartbeat_at=utcnow() - timedelta(minutes=5)))

    restarted = Worker(runtime)
    restarted.run_until_idle()
    task = client.get(f"/api/tasks/{task_id}").json()
    assert task["status"] == "done" and task["attempts"] == 2
    assert counts(runtime, interview_id) == full  # no duplicated rows
    assert client.get(f"/api/interviews/{interview_id}").json()["status"] == "ready"
    assert restarted.run_once() is False  # nothing left: it ran exactly once more


@pytest.mark.slow
def test_failed_task_keeps_reason_and_other_interviews_are_unaffected(client) -> None:
    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "p"}).json()
    good = upload(client, project["id"], "good.txt", TRANSCRIPT.encode()).json()
    bad = upload(client, project["id"], "bad.txt", TRANSCRIPT.encode()).json()
    # The stored file vanishes before processing (disk trouble): the task fails with that reason.
    with session_scope(runtime.session_factory) as session:
        from models import Interview

        path = runtime.settings.data_dir / session.get_one(Interview, bad["interview"]["id"]).media_path
    path.unlink()
    Worker(runtime).run_until_idle()
    failed = client.get(f"/api/tasks/{bad['task']['id']}").json()
    assert failed["status"] == "failed" and "missing" in failed["error"]
    interview = client.get(f"/api/interviews/{bad['interview']['id']}").json()
    assert interview["status"] == "failed" and "missing" in interview["error"]
    assert client.get(f"/api/tasks/{good['task']['id']}").json()["status"] == "done"
    assert client.get(f"/api/interviews/{good['interview']['id']}").json()["status"] == "ready"


def test_transient_errors_are_retried_a_bounded_number_of_times(client) -> None:
    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "p"}).json()
    body = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    calls = []

    def flaky(runtime_, task, report):
        calls.append(task.attempts)
        raise ConnectionError("database went away")

    Worker(runtime, handlers={"ingest": flaky}).run_until_idle()
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert calls == [1, 2, 3]
    assert task["status"] == "failed" and "database went away" in task["error"]


def test_two_workers_never_claim_the_same_task(client) -> None:
    import threading

    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "p"}).json()
    for n in range(6):
        upload(client, project["id"], f"t{n}.txt", TRANSCRIPT.encode())
    seen: list[int] = []
    lock = threading.Lock()

    def record(runtime_, task, report):
        with lock:
            seen.append(task.id)

    workers = [Worker(runtime, handlers={"ingest": record}) for _ in range(3)]
    threads = [threading.Thread(target=w.run_until_idle) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == sorted(set(seen)) and len(seen) == 6
