"""PII redaction through the API: a redacting project never stores the personal data it was sent."""

import sqlite3

import pytest

from tests.helpers import run_tasks, upload

pytestmark = pytest.mark.db

PII_TRANSCRIPT = """\
Interviewer: Thanks for joining. How do you handle month-end reporting today?
Dana: I export four spreadsheets and send them to Sarah Johnson at sarah.johnson@acme-corp.com every month.
Dana: If it breaks she calls me on 415-555-0132, and it always breaks because of the card 4111 1111 1111 1111.
Interviewer: What would make that better?
Dana: I want the month-end numbers to land in one place so I can send the report on the first morning.
"""
SECRETS = ("Sarah Johnson", "sarah.johnson@acme-corp.com", "415-555-0132", "4111 1111 1111 1111")


def all_text(client) -> str:
    """Every text column the database holds, and the stored files (SQLite only)."""
    url = client.app.state.runtime.settings.sqlalchemy_url
    if not url.startswith("sqlite"):
        pytest.skip("reads the SQLite file directly")
    with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
        rows = [
            *db.execute("select text from turns"),
            *db.execute("select verbatim_text || ' ' || display_text from utterances"),
            *db.execute("select text from utterance_signals"),
            *db.execute("select text || ' ' || key from phrases"),
        ]
    files = client.app.state.runtime.settings.media_dir.rglob("*")
    return "\n".join([r[0] for r in rows] + [f.read_text(errors="ignore") for f in files if f.is_file()])


def check_redacted(client, interview_id: int, project_id: int) -> None:
    transcript = client.get(f"/api/interviews/{interview_id}/transcript").json()
    text = " ".join(t["text"] for t in transcript["turns"])
    assert "[NAME]" in text and "[EMAIL]" in text and "[PHONE]" in text and "[CARD]" in text
    assert "Dana" in [s["name"] for s in transcript["speakers"]], "the speaker's own name is kept unless asked"
    export = client.get(f"/api/interviews/{interview_id}/transcript", params={"format": "txt"}).text
    assert "[EMAIL]" in export
    hits = client.get(f"/api/projects/{project_id}/search", params={"q": "send spreadsheets by email", "k": 10})
    found = " ".join(h["text"] for h in hits.json()["hits"])
    assert "[NAME]" in found or "[EMAIL]" in found
    stored = all_text(client)
    for secret in SECRETS:
        assert secret not in stored
        assert secret not in export and secret not in hits.text


@pytest.mark.slow
def test_a_redacting_project_stores_placeholders_only(client) -> None:
    project = client.post("/api/projects", json={"name": "Private", "redact_pii": True}).json()
    assert project["redact_pii"] is True and project["redact_speaker_names"] is False
    body = upload(client, project["id"], "dana.txt", PII_TRANSCRIPT.encode()).json()
    run_tasks(client)
    assert client.get(f"/api/tasks/{body['task']['id']}").json()["status"] == "done"
    check_redacted(client, body["interview"]["id"], project["id"])


@pytest.mark.slow
def test_an_existing_project_is_redacted_by_a_task(client) -> None:
    project = client.post("/api/projects", json={"name": "Later"}).json()
    body = upload(client, project["id"], "dana.txt", PII_TRANSCRIPT.encode()).json()
    run_tasks(client)
    before = client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()
    assert "sarah.johnson@acme-corp.com" in " ".join(t["text"] for t in before["turns"])

    task = client.post(f"/api/projects/{project['id']}/redact")
    assert task.status_code == 202 and task.json()["kind"] == "redact"
    run_tasks(client)
    assert client.get(f"/api/tasks/{task.json()['id']}").json()["status"] == "done"
    assert client.get(f"/api/projects/{project['id']}").json()["redact_pii"] is True
    check_redacted(client, body["interview"]["id"], project["id"])

    renamed = client.patch(f"/api/projects/{project['id']}", json={"redact_speaker_names": True})
    assert renamed.status_code == 200 and renamed.json()["redact_speaker_names"] is True
    client.post(f"/api/projects/{project['id']}/redact")
    run_tasks(client)
    names = [s["name"] for s in client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()["speakers"]]
    assert names == ["Speaker 1", "Speaker 2"]


@pytest.mark.slow
def test_a_recording_is_served_bleeped_where_it_names_someone(client, tmp_path) -> None:
    """A spoken interview through the real pipeline (speech rendered by espeak-ng, faster-whisper tiny.en, spaCy):
    the served recording has a tone exactly over the words that were redacted, is untouched elsewhere, and the same
    speech recogniser no longer hears the name in it while it still hears the rest."""
    import shutil
    import subprocess

    import numpy as np

    from pipelines.audio import SAMPLE_RATE, decode

    if not shutil.which("espeak-ng"):
        pytest.skip("espeak-ng is needed to render the interview (make system-deps)")
    spoken = (
        "Thanks for taking the time today. The monthly reports go to Sarah Johnson every Monday. "
        "We want the numbers in one place so nobody waits for the spreadsheet."
    )
    source = tmp_path / "call.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(source), spoken], check=True)
    project = client.post("/api/projects", json={"name": "Private calls", "redact_pii": True}).json()
    body = upload(client, project["id"], "call.wav", source.read_bytes()).json()
    run_tasks(client)
    assert client.get(f"/api/tasks/{body['task']['id']}").json()["status"] == "done"
    interview = body["interview"]["id"]

    text = " ".join(t["text"] for t in client.get(f"/api/interviews/{interview}/transcript").json()["turns"])
    assert "[NAME]" in text and "Sarah" not in text and "Johnson" not in text, text
    assert "spreadsheet" in text.lower()

    media = client.get(f"/api/interviews/{interview}/media")
    assert media.status_code == 200 and media.headers["content-type"] == "audio/wav"
    assert media.content != source.read_bytes(), "the redacted copy is served, not the upload"
    served_file = tmp_path / "served.wav"
    served_file.write_bytes(media.content)
    served, original = decode(served_file), decode(source)
    assert len(served) == len(original)
    changed = np.abs(served - original) > 1e-3  # beyond 16-bit rounding
    bleeped_seconds = changed.sum() / SAMPLE_RATE
    assert 0.3 < bleeped_seconds < 3.0, bleeped_seconds  # the name, not the call
    spectrum = np.abs(np.fft.rfft(served[changed]))
    peak_hz = np.fft.rfftfreq(int(changed.sum()), 1 / SAMPLE_RATE)[spectrum.argmax()]
    assert abs(peak_hz - 1000) < 20, peak_hz  # the bleep tone

    # The same recogniser on the served copy: the name is gone, the rest of the call is still there.
    heard = client.app.state.runtime.transcriber.transcribe(served)
    words = " ".join(segment.text for segment in heard.segments).lower()
    print(f"bleeped {bleeped_seconds:.2f} s; heard in the served copy: {words!r}")
    assert "sarah" not in words and "johnson" not in words, words
    assert "spreadsheet" in words and "monthly" in words, words
