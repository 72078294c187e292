"""Forces per job: a person counts only for forces that count (confident, anxiety and habit voiced), with a quote."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import delete, insert, select

from tests.ui.seed import seed_project


@pytest.fixture
def job_with_forces(client):
    """A seeded job whose forces are replaced by known ones: (session factory, project, job, its member utterances)."""
    from app.db import session_scope
    from models import JobUtterance, UtteranceSignal
    from pipelines.jtbd import FORCE_KINDS

    factory = client.app.state.runtime.session_factory
    with session_scope(factory) as session:
        data = seed_project(session, interviews=2, utterances=60, jobs=1, cores=0)
        session.execute(delete(UtteranceSignal).where(UtteranceSignal.kind.in_(FORCE_KINDS)))
        job_id = data.job_ids[0]
        members = sorted(session.scalars(select(JobUtterance.utterance_id).where(JobUtterance.job_id == job_id)))
        worry = "I was worried the new till would lose the takings."
        pain = "The old till crashed every Saturday."
        forces = [
            (members[0], "push", 0.62, pain),
            (members[1], "push", 0.91, pain),  # the surest push: its quote is shown
            (members[2], "push", 0.91, pain),  # as sure, said later: not shown
            (members[6], "push", 0.97, "Because the shop opens at nine."),  # surer, but nothing hurts: not counted
            (members[3], "habit", 0.25, "We've always done the rota by hand."),  # unsure: counts for no one
            (members[4], "anxiety", None, worry),  # stored before confidences were kept: counts, as it did then
            (members[5], "anxiety", 0.95, "If it rained, I would take the bus."),  # sure, but voices no worry
        ]
        session.execute(
            insert(UtteranceSignal),
            [
                {
                    "utterance_id": uid,
                    "project_id": data.project_id,
                    "kind": kind,
                    "text": text,
                    "start_char": 0,
                    "end_char": 1,
                    "confidence": confidence,
                }
                for uid, kind, confidence, text in forces
            ],
        )
        session.commit()
    return factory, data.project_id, job_id, members


def test_a_job_counts_only_confident_forces_and_shows_the_surest_quote(client, job_with_forces) -> None:
    from app.db import session_scope
    from app.services import jobs as job_service
    from app.services.index import decode_embedding
    from models import Job, Utterance
    from pipelines.force_counting import one_gate

    factory, project_id, job_id, members = job_with_forces
    with session_scope(factory) as session:
        found = job_service.forces(session=session, job_ids=[job_id])[job_id]
        assert set(found) == {"push", "anxiety"}
        assert found["push"].best_utterance_id == members[1]
        assert found["anxiety"].best_utterance_id == members[4]  # the surer anxiety says no worry: not counted
        ungated = job_service.forces(session=session, job_ids=[job_id], rule=one_gate(0.0))[job_id]
        assert set(ungated) == {"push", "habit", "anxiety"}
        assert ungated["anxiety"].best_utterance_id == members[5]
        assert ungated["push"].best_utterance_id == members[6]
        # Measured, not shipped: the quote nearest an anchor per job (here the first push's own vector) is shown.
        anchor = decode_embedding(session.get(Utterance, members[0]).embedding)  # type: ignore[union-attr]
        near = job_service.forces(session=session, job_ids=[job_id], anchors={job_id: anchor})[job_id]
        assert near["push"].best_utterance_id == members[0]
        job = session.get(Job, job_id)
        assert job is not None
        cited = sorted({e["utterance_id"] for quotes in job.statement["evidence"].values() for e in quotes})  # type: ignore[index]
        mean = np.mean([decode_embedding(session.get(Utterance, u).embedding) for u in cited], axis=0)  # type: ignore[union-attr]
        anchors = job_service.statement_anchors(session=session, jobs=[job])
        assert cited and np.allclose(anchors[job_id], mean / np.linalg.norm(mean), atol=1e-6)
        people = {session.get(Utterance, u).speaker_id for u in members[:3]}  # type: ignore[union-attr]
        body = job_service.read(session=session, jobs=[session.get(Job, job_id)])[0]  # type: ignore[list-item]
    assert body["forces"] == {"push": len(people), "pull": 0, "anxiety": 1, "habit": 0}
    quote = body["force_quotes"]["push"]
    assert set(body["force_quotes"]) == {"push", "anxiety"} and quote["utterance_id"] == members[1]
    assert quote["speaker"] and quote["interview"] and quote["start"] is not None and quote["verbatim"]

    listed = client.get(f"/api/projects/{project_id}/jobs").json()["jobs"]
    assert listed[0]["force_quotes"]["push"]["text"] == quote["text"]
    report = job_service.report_markdown([body], "Billing")
    assert f"- *push* ({len(people)} {'person' if len(people) == 1 else 'people'}): “{quote['text']}” — " in report
    assert "*habit*" not in report
    served = client.get(f"/api/projects/{project_id}/report", params={"format": "md"}).text
    assert f"- *push* ({len(people)} " in served and quote["text"] in served
