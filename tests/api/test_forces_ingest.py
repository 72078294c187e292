"""Ingest stores force signals (push, pull, anxiety, habit) from the force classifier, fed the stored embeddings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipelines.forces import EmbeddingForceClassifier
from pipelines.jtbd import FORCE_KINDS
from tests.helpers import run_tasks, upload

TRANSCRIPT = """\
Interviewer: Tell me about the bed you had before.
Sam: This bed is awful, I wake up with a headache, a neck ache, and a backache.
Interviewer: And the one you looked at?
Sam: The new one has zones for your shoulders, so I'd finally wake up without pain.
Sam: But what if it's too firm and I can't send it back?
Sam: We bought it in March.
"""


@pytest.mark.slow
def test_ingest_stores_classifier_forces_from_stored_embeddings(client, monkeypatch) -> None:
    from models import Utterance, UtteranceSignal

    seen: list[object] = []
    original = EmbeddingForceClassifier.classify

    def spy(self, texts, *, vectors=None):
        seen.append(vectors)
        return original(self, texts, vectors=vectors)

    monkeypatch.setattr(EmbeddingForceClassifier, "classify", spy)
    project = client.post("/api/projects", json={"name": "Sleep"}).json()
    assert upload(client, project["id"], "sam.txt", TRANSCRIPT.encode()).status_code == 202
    run_tasks(client)

    assert seen and all(v is not None for v in seen)  # ingest passed its embeddings in: no second embedding pass
    with client.app.state.runtime.session_factory() as session:
        rows = session.execute(
            select(UtteranceSignal.kind, UtteranceSignal.text, Utterance.display_text, UtteranceSignal.confidence)
            .join(Utterance, Utterance.id == UtteranceSignal.utterance_id)
            .where(UtteranceSignal.kind.in_(FORCE_KINDS))
        ).all()
    by_text = {display: kind for kind, text, display, _ in rows}
    assert all(text == display for _, text, display, _ in rows)  # one signal spanning the utterance
    assert all(0.0 < confidence <= 1.0 for *_, confidence in rows)  # what a job's count gates on
    assert len(by_text) == len(rows)  # at most one force per utterance
    assert by_text.get("This bed is awful, I wake up with a headache, a neck ache, and a backache.") == "push"
    assert "We bought it in March." not in by_text
