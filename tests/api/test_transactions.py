"""One owner per transaction: the request commits once, after the route returns; a failed commit stores nothing."""

import os
import sqlite3

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from tests.helpers import run_tasks

TRANSCRIPT = b"""\
Interviewer: How do you handle month-end reporting today?
Dana: Every month I export four spreadsheets and stitch them together by hand. It takes me two full days.
Interviewer: What would make that better?
Dana: I want the numbers to land in one place so I can send the report to my boss on the first morning.
"""


@pytest.fixture
def failing_commits(client):
    """While switched on, every commit fails as SQLite does when another writer holds the lock too long."""
    state = {"on": False}

    def refuse(_session) -> None:
        if state["on"]:
            raise OperationalError("COMMIT", {}, sqlite3.OperationalError("database is locked"))

    factory = client.app.state.runtime.session_factory
    event.listen(factory, "before_commit", refuse)
    yield state
    event.remove(factory, "before_commit", refuse)


def _state(client, project_id: int) -> tuple[list[dict], list[str]]:
    interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
    return interviews, sorted(os.listdir(client.app.state.runtime.settings.media_dir))


@pytest.mark.slow
def test_a_failed_request_leaves_nothing_half_written(client, failing_commits) -> None:
    project = client.post("/api/projects", json={"name": "Finance"}).json()["id"]
    upload = client.post(f"/api/projects/{project}/interviews", files={"file": ("dana.txt", TRANSCRIPT)})
    assert upload.status_code == 202
    run_tasks(client)
    interview = upload.json()["interview"]["id"]
    before = _state(client, project)
    speakers = {s["label"]: s for s in client.get(f"/api/interviews/{interview}").json()["speakers"]}

    failing_commits["on"] = True
    # An upload whose transaction fails keeps neither its row nor its bytes.
    refused = client.post(f"/api/projects/{project}/interviews", files={"file": ("again.txt", TRANSCRIPT)})
    assert refused.status_code == 503 and refused.json()["error"]["code"] == "database_busy"
    # A role change whose transaction fails queues no task and changes no role.
    path = f"/api/interviews/{interview}/speakers/{speakers['Dana']['id']}"
    assert client.patch(path, json={"role": "interviewer"}).status_code == 503
    # A delete whose transaction fails keeps the interview and its file.
    assert client.delete(f"/api/interviews/{interview}").status_code == 503
    failing_commits["on"] = False

    assert _state(client, project) == before
    assert {s["label"]: s["role"] for s in client.get(f"/api/interviews/{interview}").json()["speakers"]} == {
        label: s["role"] for label, s in speakers.items()
    }
    runtime = client.app.state.runtime
    from app.db import session_scope
    from app.services import tasks as task_service

    with session_scope(runtime.session_factory) as session:
        assert [t.status for t in task_service.list(session=session, project_id=project)] == ["done"]

    # Once commits work again the same requests go through, and the delete removes the file with the rows.
    assert client.delete(f"/api/interviews/{interview}").status_code == 204
    assert _state(client, project) == ([], [])
