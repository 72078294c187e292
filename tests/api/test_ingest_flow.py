"""Ingestion passes its data along: the upload's parse reaches the task, and stored turns are not read back."""

from pathlib import Path

import pytest

from app.services import interviews as interview_service
from app.services.uploads import parsed_path
from tests.helpers import run_tasks

TRANSCRIPT = b"""\
Interviewer: How do you handle month-end reporting today?
Dana: Every month I export four spreadsheets and stitch them together by hand. It takes me two full days.
Interviewer: What would make that better?
Dana: I want the numbers to land in one place so I can send the report to my boss on the first morning.
"""


@pytest.mark.slow
def test_the_upload_parse_is_handed_to_ingest_and_turns_are_not_read_back(client, monkeypatch) -> None:
    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "Finance"}).json()["id"]
    body = client.post(f"/api/projects/{project}/interviews", files={"file": ("dana.txt", TRANSCRIPT)}).json()
    interview = client.get(f"/api/interviews/{body['interview']['id']}").json()
    media = Path(runtime.settings.media_dir)
    [original] = [p for p in media.iterdir() if not p.name.endswith(".parsed.json")]
    assert parsed_path(original).is_file()
    # The task works from the upload's parse: the original bytes are not parsed again...
    original.write_bytes(b"\x00not a transcript any more\x00")

    # ...and the turns it stores are handed to the next step, not read back from the database.
    def read_back(**_kwargs):
        raise AssertionError("the stored turns were read back")

    monkeypatch.setattr(interview_service, "stored_turns", read_back)
    run_tasks(client)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert task["status"] == "done", task["error"]
    assert client.get(f"/api/interviews/{interview['id']}").json()["status"] == "ready"
    turns = client.get(f"/api/interviews/{interview['id']}/transcript").json()["turns"]
    assert [t["speaker"] for t in turns] == ["Interviewer", "Dana", "Interviewer", "Dana"]
    assert client.get(f"/api/interviews/{interview['id']}").json()["utterance_count"] > 0
    assert not parsed_path(original).exists()  # the database holds the turns now


@pytest.mark.slow
def test_ingest_without_a_kept_parse_reads_the_file(client) -> None:
    """Uploads stored before the parse was kept (or whose parse is gone) are parsed from their file."""
    runtime = client.app.state.runtime
    project = client.post("/api/projects", json={"name": "Finance"}).json()["id"]
    body = client.post(f"/api/projects/{project}/interviews", files={"file": ("dana.txt", TRANSCRIPT)}).json()
    for path in Path(runtime.settings.media_dir).glob("*.parsed.json"):
        path.unlink()
    run_tasks(client)
    assert client.get(f"/api/tasks/{body['task']['id']}").json()["status"] == "done"
    assert len(client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()["turns"]) == 4
