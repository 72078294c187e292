"""A short customer turn (2-3 sentences: one request) is embedded whole at ingest and mined as one unit."""

import csv
import json

import numpy as np
import pytest
from sqlalchemy import select

from tests.helpers import run_tasks

pytestmark = [pytest.mark.db, pytest.mark.slow]


def _requests(shared_data, count: int) -> list[str]:
    """Banking77 training requests said in two or three sentences."""
    with open(shared_data / "intents" / "banking77" / "train.csv", newline="", encoding="utf-8") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    return [t for t in texts if 2 <= t.count(". ") + t.count("? ") + 1 <= 3 and len(t) > 60][:count]


def test_short_turns_get_their_whole_vector_and_stay_together_in_jobs(client, shared_data) -> None:
    from app.services.index import decode_embedding
    from models import Turn, Utterance

    requests = _requests(shared_data, 60)
    long_turn = "I moved abroad last year. The bank kept my account. My card expired. I could not renew it. Help."
    turns = []
    for text in [*requests, long_turn]:
        turns += [{"speaker_id": "a", "text": "How can I help?"}, {"speaker_id": "c", "text": text}]
    document = {
        "speakers": [
            {"id": "a", "label": "AGENT", "role": "interviewer"},
            {"id": "c", "label": "C", "role": "customer"},
        ],
        "turns": turns,
    }
    project = client.post("/api/projects", json={"name": "Requests"}).json()["id"]
    upload = client.post(
        f"/api/projects/{project}/interviews", files={"file": ("calls.json", json.dumps(document), "application/json")}
    )
    assert upload.status_code == 202, upload.text
    run_tasks(client)

    runtime = client.app.state.runtime
    with runtime.session_factory() as session:
        rows = session.execute(
            select(Turn.id, Turn.request_embedding, Utterance.id, Utterance.display_text)
            .join(Utterance, Utterance.turn_id == Turn.id)
            .order_by(Utterance.id)
        ).all()
    sentences: dict[int, list[tuple[int, str]]] = {}
    stored: dict[int, bytes | None] = {}
    for turn_id, blob, utterance_id, text in rows:
        sentences.setdefault(turn_id, []).append((utterance_id, text))
        stored[turn_id] = blob
    short = {t for t, s in sentences.items() if 2 <= len(s) <= 3}
    assert len(short) >= 20
    for turn_id, said in sentences.items():
        if turn_id not in short:
            assert stored[turn_id] is None  # one sentence is its own vector; a long turn is no single request
            continue
        whole = runtime.embedder.embed([" ".join(text for _, text in said)])[0]
        assert np.allclose(decode_embedding(stored[turn_id]), whole, atol=1e-5)

    assert client.post(f"/api/projects/{project}/mine").status_code == 202
    run_tasks(client)
    jobs = client.get(f"/api/projects/{project}/jobs", params={"level": "detail"}).json()["jobs"]
    assert jobs
    job_of = {
        u["id"]: job["id"] for job in jobs for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
    }
    for turn_id in short:
        assert len({job_of.get(uid) for uid, _ in sentences[turn_id]}) == 1, sentences[turn_id]
