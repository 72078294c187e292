"""Describing jobs: a large job's statements are built from its most central members only."""

from types import SimpleNamespace

import numpy as np


def test_statements_of_a_large_job_read_only_its_most_central_members(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance

    read: list[list[int]] = []

    def fake_build_statements(utterances, signals, *, centrality, min_centrality, vectors):
        assert len(utterances) == len(signals) == len(centrality) == len(vectors)
        read.append([u.id for u in utterances])
        return []

    monkeypatch.setattr(statements, "build_statements", fake_build_statements)
    monkeypatch.setattr(job_descriptions, "STATEMENT_ROWS", 4)
    rng = np.random.default_rng(0)
    centre = rng.normal(size=8)
    vectors = centre + rng.normal(0, 1.0, (12, 8))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"I want to do thing {i}." for i in range(12)]
    evidence = [EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)]
    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
    found = job_descriptions.describe(
        runtime,  # type: ignore[arg-type]
        vectors,
        np.zeros(12, np.int64),
        1,
        ids=np.arange(100, 112),
        evidence=evidence,
        signals=[Signals(t) for t in texts],
        texts=texts,
    )
    mean = vectors.mean(axis=0)
    central = np.argsort(-(vectors @ (mean / np.linalg.norm(mean))), kind="stable")[:4]
    assert read == [sorted((100 + central).tolist())]  # the 4 most central, in utterance order
    assert len(found[0]["members"]) == 12  # membership is the whole job


def test_a_jobs_quotes_back_its_lead_statement_before_its_average_talk(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    rng = np.random.default_rng(1)
    centre = rng.normal(size=8)
    vectors = centre + rng.normal(0, 0.6, (12, 8))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    mean = vectors.mean(axis=0)
    order = np.argsort(-(vectors @ (mean / np.linalg.norm(mean))), kind="stable")
    goal = int(order[5])  # voiced by a member that is not the most central
    lead = StatementCandidate(
        when=Slot(), want=Slot(text="fund the servers", evidence=(100 + goal,)), so=Slot(), text="I want to fund it."
    )
    texts = [f"We talked about thing number {i} at length today." for i in range(12)]
    # Six people, two sentences each: the three quotes come from three people.
    evidence = [EvidenceUtterance(100 + i, t, 1, speaker=f"p{i // 2}") for i, t in enumerate(texts)]
    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))

    def quotes(statements_found: list) -> list[int]:
        monkeypatch.setattr(statements, "build_statements", lambda *a, **k: statements_found)
        found = job_descriptions.describe(
            runtime,  # type: ignore[arg-type]
            vectors,
            np.zeros(12, np.int64),
            1,
            ids=np.arange(100, 112),
            evidence=evidence,
            signals=[Signals(t) for t in texts],
            texts=texts,
        )
        return found[0]["quotes"]

    assert 100 + goal not in quotes([])  # by closeness to the centre alone it is not quoted
    backed = quotes([lead])
    assert 100 + goal in backed
    assert len({(q - 100) // 2 for q in backed}) == 3
