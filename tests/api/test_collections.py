"""Collections of quotes through the API: create, save quotes, list, export, reel, and bad input."""

from __future__ import annotations

import csv
import io
import wave

import numpy as np
import pytest
from sqlalchemy import update

from tests.helpers import assert_envelope
from tests.ui.seed import seed_project


@pytest.fixture
def seeded(client):
    """Two synthetic projects; the first interview of the first one has a real (synthetic tone) recording."""
    from app.db import session_scope
    from models import Interview

    runtime = client.app.state.runtime
    with session_scope(runtime.session_factory) as session:
        first = seed_project(session, interviews=2, utterances=60, jobs=2, recordings=1)
        second = seed_project(session, name="Other", interviews=1, utterances=12, jobs=1, recordings=0, seed=1)
        session.commit()
        media = runtime.settings.data_dir / "media"
        media.mkdir(parents=True, exist_ok=True)
        rate = 16000
        seconds = 200
        t = np.arange(rate * seconds) / rate
        samples = (0.2 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
        with wave.open(str(media / "tone.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes((samples * 32767).astype("<i2").tobytes())
        session.execute(
            update(Interview).where(Interview.id == first.interview_ids[0]).values(media_path="media/tone.wav")
        )
        session.commit()
    return first, second


def test_save_quotes_list_export_and_reel(client, seeded) -> None:
    first, _ = seeded
    created = client.post(f"/api/projects/{first.project_id}/collections", json={"name": "  Month-end pain "})
    assert created.status_code == 201, created.text
    collection = created.json()
    assert collection["name"] == "Month-end pain" and collection["item_count"] == 0
    cid = collection["id"]
    recorded = first.utterance_ids[:2]  # the first interview is the recording
    transcript_only = first.utterance_ids[-1]
    for utterance_id in [*recorded, transcript_only]:
        answer = client.post(f"/api/collections/{cid}/items", json={"utterance_id": utterance_id})
        assert answer.status_code == 201, answer.text
    # Saving the same quote again changes nothing.
    again = client.post(f"/api/collections/{cid}/items", json={"utterance_id": recorded[0]}).json()
    assert again["item_count"] == 3 and again["recorded_count"] == 2
    assert [i["utterance_id"] for i in again["items"]] == [*recorded, transcript_only]
    item = again["items"][0]
    assert item["speaker"] == "Customer 1" and item["segment"] == "smb" and item["audio"] is True
    assert item["interview_title"] == "Interview 01" and item["text"].endswith(".")

    listed = client.get(f"/api/projects/{first.project_id}/collections").json()["collections"]
    assert [(c["id"], c["item_count"]) for c in listed] == [(cid, 3)]

    exported = client.get(f"/api/collections/{cid}/export?format=csv")
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0][:3] == ["position", "quote", "speaker"] and len(rows) == 4
    assert rows[1][1] == item["text"]  # verbatim, never rewritten
    markdown = client.get(f"/api/collections/{cid}/export?format=md")
    assert markdown.status_code == 200 and markdown.text.startswith("# Month-end pain")
    assert f"> “{item['text']}”" in markdown.text and "attachment" in markdown.headers["content-disposition"]

    reel = client.get(f"/api/collections/{cid}/reel")
    assert reel.status_code == 200, reel.text
    assert reel.headers["content-type"] == "audio/wav" and ".wav" in reel.headers["content-disposition"]
    with wave.open(io.BytesIO(reel.content)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    # Two clips of about 5 s (plus padding) and one gap: the transcript-only quote is not in the reel.
    assert 10.0 < seconds < 12.5, seconds

    assert client.delete(f"/api/collections/{cid}/items/{recorded[1]}").status_code == 204
    assert client.get(f"/api/collections/{cid}").json()["item_count"] == 2
    renamed = client.patch(f"/api/collections/{cid}", json={"name": "Best of month end"}).json()
    assert renamed["name"] == "Best of month end"
    assert client.delete(f"/api/collections/{cid}").status_code == 204
    assert_envelope(client.get(f"/api/collections/{cid}"), 404, "not_found")


def test_bad_input_gets_the_error_envelope(client, seeded) -> None:
    first, second = seeded
    assert_envelope(client.post("/api/projects/999999/collections", json={"name": "x"}), 404, "not_found")
    assert_envelope(client.get("/api/projects/999999/collections"), 404, "not_found")
    assert_envelope(
        client.post(f"/api/projects/{first.project_id}/collections", json={"name": "  "}), 422, "validation_error"
    )
    assert_envelope(client.post(f"/api/projects/{first.project_id}/collections", json={}), 422, "validation_error")
    cid = client.post(f"/api/projects/{first.project_id}/collections", json={"name": "Quotes"}).json()["id"]
    assert_envelope(client.get("/api/collections/999999"), 404, "not_found")
    assert_envelope(client.get(f"/api/collections/{2**40}"), 404, "not_found")
    assert_envelope(client.post("/api/collections/999999/items", json={"utterance_id": 1}), 404, "not_found")
    assert_envelope(client.post(f"/api/collections/{cid}/items", json={"utterance_id": 999999}), 404, "not_found")
    assert_envelope(client.post(f"/api/collections/{cid}/items", json={"utterance_id": "x"}), 422, "validation_error")
    foreign = second.utterance_ids[0]
    error = assert_envelope(
        client.post(f"/api/collections/{cid}/items", json={"utterance_id": foreign}), 422, "quote_from_another_project"
    )
    assert error["details"]["utterance_id"] == foreign
    assert_envelope(client.delete(f"/api/collections/{cid}/items/{first.utterance_ids[0]}"), 404, "not_found")
    assert_envelope(client.get(f"/api/collections/{cid}/export?format=pdf"), 422, "validation_error")
    # A collection with no recorded quote has no reel: a plain 409, not an empty file.
    client.post(f"/api/collections/{cid}/items", json={"utterance_id": first.utterance_ids[-1]})
    assert_envelope(client.get(f"/api/collections/{cid}/reel"), 409, "no_recordings")
    assert client.get(f"/api/collections/{cid}").json()["item_count"] == 1  # nothing lost on the way


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(None, ""), (-3.0, "0:00"), (5.9, "0:05"), (65.0, "1:05"), (3599.0, "59:59"), (3723.5, "1:02:03")],
)
def test_times_show_as_on_the_pages(seconds: float | None, shown: str) -> None:
    """Exports and pages write a time in a recording one way (app.schemas.clock)."""
    from app.schemas import clock
    from app.ui.templating import templates

    assert clock(seconds) == shown
    assert templates.env.filters["ts"] is clock
