"""Uploads: good transcripts are accepted with 202; bad input gets a clear 4xx and stores nothing."""

import os

import pytest

from tests.helpers import TRANSCRIPT, assert_envelope, run_tasks, stored_state, upload


@pytest.fixture
def project(client) -> dict:
    return client.post("/api/projects", json={"name": "Finance teams"}).json()


@pytest.mark.slow
def test_upload_returns_202_with_interview_and_task(client, project) -> None:
    response = upload(
        client,
        project["id"],
        "dana-call.txt",
        TRANSCRIPT.encode(),
        participant_name="Dana",
        company="Acme",
        industry="finance",
        segment="smb",
        interviewed_at="2026-03-02",
        company_size="50-200",
        participant_role="Controller",
    )
    assert response.status_code == 202, response.text
    body = response.json()
    assert body["interview"]["title"] == "dana-call"
    assert body["interview"]["interviewed_at"] == "2026-03-02"
    assert body["interview"]["segment"] == "smb" and body["interview"]["participant_role"] == "Controller"
    assert body["task"]["status"] == "queued" and body["task"]["kind"] == "ingest"
    run_tasks(client)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert (task["status"], task["stage"], task["progress"], task["error"]) == ("done", "done", 1.0, None)
    interview = client.get(f"/api/interviews/{body['interview']['id']}").json()
    assert interview["status"] == "ready"
    roles = {s["label"]: s["role"] for s in interview["speakers"]}
    assert roles == {"Interviewer": "interviewer", "Dana": "customer"}
    hits = client.get(f"/api/projects/{project['id']}/search", params={"q": "manual spreadsheet merging"}).json()
    assert hits["hits"][0]["speaker"] == "Dana"
    assert all(h["role"] == "customer" for h in hits["hits"])
    # "Yeah." is a backchannel, not an utterance.
    assert all(h["verbatim"].strip(". ").lower() != "yeah" for h in hits["hits"])


def test_title_given_wins_over_file_name(client, project) -> None:
    body = upload(client, project["id"], "x.vtt", TRANSCRIPT.encode(), title="Dana, controller").json()
    assert body["interview"]["title"] == "Dana, controller"


@pytest.mark.parametrize(
    "name,content,status,code",
    [
        ("empty.txt", b"", 422, "empty_file"),
        ("blank.txt", b"   \n\n  ", 422, "transcript_empty"),
        ("garbage.bin", os.urandom(4096), 415, "unsupported_media"),
        ("garbage.txt", bytes(range(256)) * 8, 415, "unsupported_media"),
        ("prose.txt", b"This is a shopping list.\nMilk, eggs and bread.\nRemember the dentist.\n", 422, None),
        ("broken.vtt", b"WEBVTT\n\n00:00:xx --> 00:00:02.000\n<v Ann>hello there\n", 422, None),
        ("broken.json", b'{"segments": "nope"}', 422, None),
    ],
)
def test_bad_uploads_get_clear_4xx_and_store_nothing(client, project, name, content, status, code) -> None:
    before = stored_state(client, project["id"])
    response = upload(client, project["id"], name, content)
    error = assert_envelope(response, status, code or response.json()["error"]["code"])
    assert error["code"].startswith(("transcript_", "empty_file", "unsupported_media")), error
    assert stored_state(client, project["id"]) == before
    assert client.get("/healthz").status_code == 200


def test_oversized_upload_is_413_and_stores_nothing(tmp_path, database_url) -> None:
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import make_settings

    settings = make_settings(tmp_path / "var", database_url, max_upload_mb=0.01)
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False)) as client:
        project = client.post("/api/projects", json={"name": "p"}).json()
        big = (TRANSCRIPT * 200).encode()
        assert_envelope(upload(client, project["id"], "big.txt", big), 413, "payload_too_large")
        assert stored_state(client, project["id"]) == (0, [])
        assert upload(client, project["id"], "ok.txt", TRANSCRIPT.encode()).status_code == 202


def test_bad_metadata_is_422(client, project) -> None:
    response = upload(client, project["id"], "a.txt", TRANSCRIPT.encode(), interviewed_at="last tuesday")
    assert_envelope(response, 422, "invalid_metadata")
    assert stored_state(client, project["id"])[0] == 0


def test_upload_to_unknown_project_is_404(client) -> None:
    assert_envelope(upload(client, 4242, "a.txt", TRANSCRIPT.encode()), 404, "not_found")
    assert os.listdir(client.app.state.runtime.settings.media_dir) == []


@pytest.mark.slow
def test_delete_removes_interview_from_search(client, project) -> None:
    first = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    other = TRANSCRIPT.replace("Dana", "Lee").replace("spreadsheets", "invoices")
    upload(client, project["id"], "lee.txt", other.encode())
    run_tasks(client)
    query = {"q": "stitching exports together by hand", "k": 20}
    before = client.get(f"/api/projects/{project['id']}/search", params=query).json()["hits"]
    assert first["interview"]["id"] in {h["interview_id"] for h in before}
    assert client.delete(f"/api/interviews/{first['interview']['id']}").status_code == 204
    after = client.get(f"/api/projects/{project['id']}/search", params=query).json()["hits"]
    assert after and first["interview"]["id"] not in {h["interview_id"] for h in after}
    assert_envelope(client.get(f"/api/interviews/{first['interview']['id']}"), 404, "not_found")
    assert len(os.listdir(client.app.state.runtime.settings.media_dir)) == 1


@pytest.mark.slow
def test_speaker_override_rederives_utterances_and_search(client, project) -> None:
    body = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    run_tasks(client)
    interview_id = body["interview"]["id"]
    speakers = {s["label"]: s for s in client.get(f"/api/interviews/{interview_id}").json()["speakers"]}
    query = {"q": "how do you handle reporting at the end of the month", "k": 20}
    hits = client.get(f"/api/projects/{project['id']}/search", params=query).json()["hits"]
    assert all(h["speaker"] == "Dana" for h in hits)

    # Swap: the "Interviewer" label was actually a customer too.
    response = client.patch(
        f"/api/interviews/{interview_id}/speakers/{speakers['Interviewer']['id']}",
        json={"role": "customer", "name": "Sam"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"] == "customer" and response.json()["role_source"] == "user"
    # The re-derivation is a task, not work inside the request.
    task = response.json()["task"]
    assert task["kind"] == "ingest" and task["status"] == "queued"
    assert client.get(f"/api/interviews/{interview_id}").json()["status"] == "processing"
    run_tasks(client)
    assert client.get(f"/api/tasks/{task['id']}").json()["status"] == "done"
    assert client.get(f"/api/interviews/{interview_id}").json()["status"] == "ready"
    hits = client.get(f"/api/projects/{project['id']}/search", params=query).json()["hits"]
    assert "Sam" in {h["speaker"] for h in hits}
    # A rename alone queues nothing.
    renamed = client.patch(f"/api/interviews/{interview_id}/speakers/{speakers['Dana']['id']}", json={"name": "Dana"})
    assert renamed.status_code == 200 and renamed.json()["task"] is None
    # And back: Dana becomes the interviewer, so none of her sentences remain searchable.
    client.patch(f"/api/interviews/{interview_id}/speakers/{speakers['Dana']['id']}", json={"role": "interviewer"})
    run_tasks(client)
    hits = client.get(f"/api/projects/{project['id']}/search", params=query).json()["hits"]
    assert hits and all(h["speaker"] == "Sam" for h in hits)
    assert_envelope(
        client.patch(f"/api/interviews/{interview_id}/speakers/{speakers['Dana']['id']}", json={"role": "boss"}),
        422,
        "validation_error",
    )


@pytest.mark.slow
def test_transcript_exports_import_back(client, project) -> None:
    body = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode()).json()
    run_tasks(client)
    interview_id = body["interview"]["id"]
    original = client.get(f"/api/interviews/{interview_id}/transcript").json()["turns"]
    for fmt in ("vtt", "srt", "txt", "json"):
        exported = client.get(f"/api/interviews/{interview_id}/transcript", params={"format": fmt})
        assert exported.status_code == 200
        again = upload(client, project["id"], f"again.{fmt}", exported.content).json()
        run_tasks(client)
        turns = client.get(f"/api/interviews/{again['interview']['id']}/transcript").json()["turns"]
        assert [(t["speaker"], t["text"]) for t in turns] == [(t["speaker"], t["text"]) for t in original], fmt


def test_patch_interview_metadata_changes_only_what_is_sent(client, project) -> None:
    body = upload(client, project["id"], "dana.txt", TRANSCRIPT.encode(), segment="smb", company="Acme").json()
    interview_id = body["interview"]["id"]
    patched = client.patch(f"/api/interviews/{interview_id}", json={"title": "Dana at Acme", "tags": ["finance"]})
    assert patched.status_code == 200, patched.text
    assert patched.json()["title"] == "Dana at Acme" and patched.json()["tags"] == ["finance"]
    assert patched.json()["segment"] == "smb" and patched.json()["company"] == "Acme"
    assert_envelope(client.patch(f"/api/interviews/{interview_id}", json={"title": ""}), 422, "validation_error")


MARKDOWN_WITH_QUOTES = """\
# Interview

# BEGIN TRANSCRIPT

MEL: How do you publish a release today?

DANA: We build the wheels by hand on one laptop, and when that laptop is away nothing ships for a week.

I think that's probably true.

> _Source(s): Pat-1_
>
> PAT: We cannot keep paying for the mirror servers out of pocket every single month.

MEL: What would make it better?

DANA: I want one button in CI that builds and uploads everything so any maintainer can ship a fix.

CAPTIONER: Can try to switch to 4G if that would be helpful.

MEL: Thanks. And what happens when the upload breaks halfway through a release?

DANA: Users get a broken release and we spend the whole weekend yanking files and answering angry issues.
"""


@pytest.mark.slow
def test_ingest_marks_job_talk_quoted_and_observers(tmp_path, database_url) -> None:
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import make_settings

    settings = make_settings(tmp_path / "var", database_url, observers=["captioner"])  # VERBATIM_OBSERVERS
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False)) as client:
        project = client.post("/api/projects", json={"name": "p"}).json()
        _check_job_talk_ingest(client, project)


def _check_job_talk_ingest(client, project) -> None:
    from sqlalchemy import select

    from models import Utterance

    body = upload(client, project["id"], "dana.md", MARKDOWN_WITH_QUOTES.encode()).json()
    run_tasks(client)
    interview_id = body["interview"]["id"]
    speakers = {s["label"]: s for s in client.get(f"/api/interviews/{interview_id}").json()["speakers"]}
    assert {label: s["role"] for label, s in speakers.items()} == {
        "MEL": "interviewer",
        "DANA": "customer",
        "CAPTIONER": "observer",
    }
    with client.app.state.runtime.session_factory() as session:
        rows = session.scalars(select(Utterance).where(Utterance.interview_id == interview_id)).all()
        stored = {u.verbatim_text: (u.quoted, u.job_talk) for u in rows}
    assert stored["PAT: We cannot keep paying for the mirror servers out of pocket every single month."] == (
        True,
        False,
    )
    assert stored["I think that's probably true."] == (False, False)
    assert stored["I want one button in CI that builds and uploads everything so any maintainer can ship a fix."] == (
        False,
        True,
    )
    assert not any("4G" in text for text in stored)  # observers are never split into utterances
    # The quoted passage stays in the transcript, on its own lines.
    turns = client.get(f"/api/interviews/{interview_id}/transcript").json()["turns"]
    assert "\n> PAT: We cannot keep paying" in turns[1]["text"]
    # Roles can be set to observer by hand, and back.
    response = client.patch(
        f"/api/interviews/{interview_id}/speakers/{speakers['DANA']['id']}", json={"role": "observer"}
    )
    assert response.status_code == 200 and response.json()["role"] == "observer"
    run_tasks(client)
    hits = client.get(f"/api/projects/{project['id']}/search", params={"q": "wheels built by hand", "k": 20}).json()
    assert all(h["speaker"] != "Dana" for h in hits["hits"])
