"""Describing jobs: statements come from a job's most central members; quotes back its lead statement."""

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import numpy as np


def _vectors(seed: int, noise: float) -> np.ndarray:
    """Twelve unit vectors around one centre."""
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=8) + rng.normal(0, noise, (12, 8))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def _by_closeness(vectors: np.ndarray) -> np.ndarray:
    """Row indices, closest to the mean first."""
    mean = vectors.mean(axis=0)
    return np.argsort(-(vectors @ (mean / np.linalg.norm(mean))), kind="stable")


def _describe(
    vectors: np.ndarray, texts: list[str], evidence: list, parts: np.ndarray | None = None, below: dict | None = None
) -> dict:
    """One job of twelve members (utterance ids 100..111), described."""
    from app.services import job_descriptions
    from pipelines.jtbd import Signals

    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
    return job_descriptions.describe(
        runtime,  # type: ignore[arg-type]
        vectors,
        np.zeros(12, np.int64),
        1,
        ids=np.arange(100, 112),
        evidence=evidence,
        signals=[Signals(t) for t in texts],
        texts=texts,
        parts=parts,
        below=below,
    )[0]


def test_statements_of_a_large_job_read_only_its_most_central_members(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.statements import EvidenceUtterance

    read: list[list[int]] = []

    def fake_build_statements(utterances, signals, *, centrality, min_centrality, vectors, context_from, own_outcomes):
        assert len(utterances) == len(signals) == len(centrality) == len(vectors)
        read.append([u.id for u in utterances[:context_from]])
        return []

    monkeypatch.setattr(statements, "build_statements", fake_build_statements)
    monkeypatch.setattr(job_descriptions, "STATEMENT_ROWS", 4)
    vectors = _vectors(0, 1.0)
    texts = [f"I want to do thing {i}." for i in range(12)]
    found = _describe(vectors, texts, [EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)])
    assert read == [sorted((100 + _by_closeness(vectors)[:4]).tolist())]  # the 4 most central, in utterance order
    assert len(found["members"]) == 12  # membership is the whole job


def test_a_jobs_quotes_back_its_lead_statement_before_its_average_talk(monkeypatch) -> None:
    import pipelines.statements as statements
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    vectors = _vectors(1, 0.6)
    goal = int(_by_closeness(vectors)[5])  # voiced by a member that is not the most central
    lead = StatementCandidate(
        when=Slot(), want=Slot(text="fund the servers", evidence=(100 + goal,)), so=Slot(), text="I want to fund it."
    )
    texts = [f"We talked about thing number {i} at length today." for i in range(12)]
    # Six people, two sentences each: the three quotes come from three people.
    evidence = [EvidenceUtterance(100 + i, t, 1, speaker=f"p{i // 2}") for i, t in enumerate(texts)]

    def quotes(statements_found: list) -> list[int]:
        monkeypatch.setattr(statements, "build_statements", lambda *a, **k: statements_found)
        return _describe(vectors, texts, evidence)["quotes"]

    assert 100 + goal not in quotes([])  # by closeness to the centre alone it is not quoted
    backed = quotes([lead])
    assert backed[0] == 100 + goal  # the sentence the title and statement say comes first
    assert len({(q - 100) // 2 for q in backed}) == 3


def test_a_core_job_is_named_by_a_goal_said_in_one_of_its_larger_jobs(monkeypatch) -> None:
    import pipelines.statements as statements
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    vectors = _vectors(2, 0.6)
    texts = [f"We talked about thing number {i} at length today." for i in range(12)]
    evidence = [EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)]
    small = StatementCandidate(
        when=Slot(), want=Slot(text="collect the bare minimum of data", evidence=(100,)), so=Slot(), text="a"
    )
    broad = StatementCandidate(
        when=Slot(), want=Slot(text="know who uses the old API", evidence=(105,)), so=Slot(), text="b"
    )
    monkeypatch.setattr(statements, "build_statements", lambda *a, **k: [small, broad])
    parts = np.array([0] + [1] * 11, np.int64)  # row 0 is a job of one member, 1/12 of the core job's talk

    def lead(parts: np.ndarray | None) -> str:
        return _describe(vectors, texts, evidence, parts)["candidates"][0]["want"]

    assert lead(None) == "collect the bare minimum of data"  # a job of the level below keeps the statements' order
    assert lead(parts) == "know who uses the old API"


def test_a_core_job_is_titled_by_the_option_closest_to_its_talk_not_one_jobs_oddity(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    vectors = _vectors(4, 0.6)
    texts = [f"We talked about thing number {i} at length today." for i in range(12)]
    evidence = [EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)]
    odd = StatementCandidate(
        when=Slot(), want=Slot(text="verify that the old tests still pass", evidence=(100,)), so=Slot(), text="a"
    )
    shared = StatementCandidate(
        when=Slot(), want=Slot(text="tell the people who rely on the service", evidence=(106,)), so=Slot(), text="b"
    )
    monkeypatch.setattr(statements, "build_statements", lambda *a, **k: [odd, shared])
    parts = np.array([0] * 3 + [1] * 9, np.int64)  # both jobs hold enough of the core job's talk to name it
    centre = vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0))
    embedded: list[str] = []

    def embed(phrases) -> np.ndarray:
        # The sentence model, faked: telling people is what the members say, the tests lie across from them.
        embedded.extend(phrases)
        return np.array([centre if "rely" in p else -centre for p in phrases], np.float32)

    def core(embed) -> dict:
        runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
        return job_descriptions.describe(
            runtime,  # type: ignore[arg-type]
            vectors,
            np.zeros(12, np.int64),
            1,
            ids=np.arange(100, 112),
            evidence=evidence,
            signals=[Signals(t) for t in texts],
            texts=texts,
            parts=parts,
            embed=embed,
        )[0]

    assert core(None)["title"] == "Verify that the old tests still pass"  # by the rules: the lead statement's goal
    named = core(embed)
    assert named["title"] == "Tell the people who rely on the service"
    assert named["candidates"][0]["want"] == "tell the people who rely on the service"  # its statement leads
    assert "verify that the old tests still pass" in embedded  # every option was weighed
    parts[:] = 1
    embedded.clear()
    assert core(embed)["title"] == "Verify that the old tests still pass"  # a core job of one job: the rules name it
    assert not embedded


def test_talk_said_beside_a_jobs_rows_is_passed_as_context_never_as_its_own(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance

    seen: dict[int, tuple[list[int], list[int]]] = {}

    def fake_build_statements(utterances, signals, *, centrality, min_centrality, vectors, context_from, own_outcomes):
        assert len(utterances) == len(signals) == len(centrality) == len(vectors)
        assert own_outcomes  # a job's own outcomes complete its goals (a core job's: parts given, they do not)
        ids = [u.id for u in utterances]
        seen[ids[0]] = (ids[:context_from], ids[context_from:])
        return []

    monkeypatch.setattr(statements, "build_statements", fake_build_statements)
    texts = [f"Sentence number {i} of the talk." for i in range(12)]
    # Ann's turn 1 (ids 100-105) and her turn 2 (106-111); Bob speaks 100 ids later, in another interview.
    evidence = [EvidenceUtterance(100 + i, t, 1, speaker="ann", passage=1 + i // 6) for i, t in enumerate(texts)]
    evidence[11] = EvidenceUtterance(111, texts[11], 2, speaker="bob", passage=9)
    labels = np.array([0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1], np.int64)  # job 0: 100, 101 (turn 1) and 107 (turn 2)
    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
    job_descriptions.describe(
        runtime,  # type: ignore[arg-type]
        _vectors(2, 0.5),
        labels,
        2,
        ids=np.arange(100, 112),
        evidence=evidence,
        signals=[Signals(t) for t in texts],
        texts=texts,
    )
    own, around = seen[100]
    assert own == [100, 101, 107]
    assert around == [102, 103, 104, 105, 106, 108, 109, 110]  # both of Ann's turns; never Bob, never job 0's own


def test_the_statement_the_title_names_leads() -> None:
    from app.services.job_descriptions import _title_first
    from pipelines.statements import Slot, StatementCandidate

    def goal(text: str) -> StatementCandidate:
        said = Slot(text=text, evidence=(1,))
        return StatementCandidate(when=Slot(), want=said, so=Slot(), text=f"I want to {text}.")

    lead, named = goal("get the second 80% done"), goal("cover any ongoing operating cost")
    assert _title_first([lead, named], "Cover any ongoing operating cost") == [named, lead]
    assert _title_first([lead, named], "Keep PyPI running") == [lead, named]  # none named: the order stays
    # A job titled by a situation leads with the statement that says it.
    upgrade = Slot(text="I ship a release", evidence=(2,), lead="Whenever")
    situation = StatementCandidate(when=upgrade, want=Slot(), so=Slot(), text="Whenever I ship a release.")
    assert _title_first([lead, situation], "Whenever I ship a release") == [situation, lead]
    # A title naming the end a goal is for: the statement that says the goal and that end leads, not the end
    # restated as a goal alone.
    end = Slot(text="know exactly what goes into his food", evidence=(3,), lead="so I can")
    alone = StatementCandidate(when=Slot(), want=end, so=Slot(), text=f"I want to {end.text}.", missing=("when", "so"))
    full = StatementCandidate(
        when=Slot(),
        want=Slot(text="pick every ingredient myself", evidence=(3,)),
        so=end,
        text="I want to pick every ingredient myself, so I can know exactly what goes into his food.",
        missing=("when",),
    )
    assert _title_first([alone, lead, full], "Know exactly what goes into his food") == [full, alone, lead]


def test_a_core_job_is_named_by_the_progress_its_jobs_share_and_leads_with_that_statement(monkeypatch) -> None:

    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    texts = [
        *(f"We test the service by hand after change {i}." for i in range(4)),
        *(f"We email the people who rely on the service when it is not reliable, round {i}." for i in range(4)),
        *(f"The money for the service would make it far more reliable, part {i}." for i in range(4)),
    ]
    evidence = [EvidenceUtterance(100 + i, t, 1, speaker=f"p{i % 3}") for i, t in enumerate(texts)]
    core_goal = StatementCandidate(
        when=Slot(), want=Slot(text="email the people who rely on the service", evidence=(104,)), so=Slot(), text="a"
    )
    job_goal = StatementCandidate(
        when=Slot(),
        want=Slot(text="test the service by hand", evidence=(100,)),
        so=Slot(text="make the service far more reliable", evidence=(108,)),
        text="b",
    )
    monkeypatch.setattr(statements, "build_statements", lambda *a, **k: [core_goal])
    parts = np.array([0] * 4 + [1] * 4 + [2] * 4, np.int64)
    below = {
        0: {"title": "Test the service by hand", "statements": [job_goal]},
        1: {"title": "Email the people who rely on the service", "statements": [core_goal]},
        2: {"title": "Find money for the service", "statements": []},
    }

    def core(below: dict | None) -> dict:
        return _describe(_vectors(3, 0.6), texts, evidence, parts, below)

    monkeypatch.setattr(job_descriptions, "STATEMENT_ROWS", 2)  # the core job's statements read 2 of its rows
    named = core(below)
    assert named["title"] == "Make the service far more reliable"  # said in every job's talk, no job's title
    lead = named["candidates"][0]
    assert lead["so"] == "make the service far more reliable"  # its statement leads, with the quotes it cites
    assert lead["grounded"] and [e["utterance_id"] for e in lead["evidence"]["so"]] == [108]
    assert core(None)["title"] == "Email the people who rely on the service"  # without its jobs: as any job


def test_jobs_described_in_forked_copies_are_the_jobs_described_here() -> None:
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance

    texts = [
        "When a release breaks, I want to roll back quickly so that users are not stuck.",
        "I need to publish packages without waiting on the maintainers.",
        "We want to keep the mirror in sync so downloads never fail.",
        "Honestly the billing page confuses everyone on our team.",
    ] * 3
    evidence = [EvidenceUtterance(100 + i, t, 1 + i % 3, speaker=f"p{i % 3}") for i, t in enumerate(texts)]
    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))

    def described(processes: int) -> dict:
        return job_descriptions.describe(
            runtime,  # type: ignore[arg-type]
            _vectors(3, 0.8),
            np.array([0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], np.int64),
            3,
            ids=np.arange(100, 112),
            evidence=evidence,
            signals=[Signals(t) for t in texts],
            texts=texts,
            processes=processes,
        )

    alone, shared = described(1), described(2)
    assert list(shared) == list(alone) == [0, 1, 2]
    for n in alone:
        np.testing.assert_array_equal(shared[n].pop("centroid"), alone[n].pop("centroid"))
        assert shared[n] == alone[n]


def test_a_jobs_claim_is_what_its_lead_statement_cites_and_its_goal_is_quoted_first() -> None:
    from app.services.job_descriptions import _claim
    from pipelines.statements import Slot, StatementCandidate

    vectors = np.eye(4, dtype=np.float32)
    centroid = np.full(4, 0.5, np.float32)
    lead = StatementCandidate(
        when=Slot(text="I ship a release", evidence=(12,)),
        want=Slot(text="roll back quickly", evidence=(10,)),
        so=Slot(text="keep users unblocked", evidence=(11,)),
        text="When I ship a release, I want to roll back quickly, so I can keep users unblocked.",
    )
    rows = {10: 0, 11: 1, 12: 2}
    claim, first = _claim([lead], centroid, vectors, rows)
    np.testing.assert_allclose(claim, [1 / 3, 1 / 3, 1 / 3, 0.0])
    assert first == 0  # the goal's sentence: what the title says
    situation = StatementCandidate(when=lead.when, want=Slot(), so=Slot(), text="When I ship a release.")
    claim, first = _claim([situation], centroid, vectors, rows)
    np.testing.assert_allclose(claim, [0.0, 0.0, 1.0, 0.0])
    assert first == 2
    assert _claim([], centroid, vectors, rows) == (centroid, None)  # no statement: the job's centre


def _pager_and_mirror(monkeypatch, quote: str) -> tuple[Callable[[bool], dict], list, Any, Any]:
    """Two jobs' talk (the night pager; mirrors out of sync), `quote` the pager job's sixth row, said by p1 in
    interview 2 (p0 says ids 100, 102, ... in interview 1; p1 101, 103, 105); the pager job's statements as drafted
    (a list to change), the release-notes and night-shifts statements, and `described(fit)`: both jobs described,
    by the rules or by fit to a faked sentence model (a phrase naming the pager sits on the pager talk, any other
    halfway between both jobs' talk)."""
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    rng = np.random.default_rng(5)
    pager, mirror = np.eye(8, dtype=np.float32)[0], np.eye(8, dtype=np.float32)[1]
    vectors = np.vstack([pager + rng.normal(0, 0.2, (6, 8)), mirror + rng.normal(0, 0.2, (6, 8))]).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [f"The pager went off again on night {i} of the week." for i in range(5)] + [quote]
    texts += [f"The mirror number {i} was out of sync for most of the week." for i in range(6)]
    evidence = [EvidenceUtterance(100 + i, t, 1 + i % 2, speaker=f"p{i % 2}") for i, t in enumerate(texts)]
    notes = StatementCandidate(
        when=Slot(), want=Slot(text="write the release notes for every package", evidence=(100,)), so=Slot(), text="a"
    )
    shifts = StatementCandidate(
        when=Slot(), want=Slot(text="cover the night shifts with paid hours", evidence=(103,)), so=Slot(), text="b"
    )
    mirrors = StatementCandidate(
        when=Slot(), want=Slot(text="keep every mirror in sync", evidence=(106,)), so=Slot(), text="c"
    )
    drafted = [notes, shifts]
    # Each job's statements come from its own talk: the mirror job's goal is said among its members.
    monkeypatch.setattr(
        statements, "build_statements", lambda utterances, *a, **k: drafted if utterances[0].id == 100 else [mirrors]
    )
    between = (pager + mirror) / np.linalg.norm(pager + mirror)

    def embed(phrases) -> np.ndarray:
        return np.array([pager if "pager" in p else between for p in phrases], np.float32)

    def described(fit: bool) -> dict:
        runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
        return job_descriptions.describe(
            runtime,  # type: ignore[arg-type]
            vectors,
            np.array([0] * 6 + [1] * 6, np.int64),
            2,
            ids=np.arange(100, 112),
            evidence=evidence,
            signals=[Signals(t) for t in texts],
            texts=texts,
            processes=2,
            embed=embed if fit else None,
        )

    return described, drafted, notes, shifts


def test_a_job_titled_poorly_for_its_talk_takes_a_quotes_purpose_said_beside_a_statement_which_leads(
    monkeypatch,
) -> None:
    quote = "You can add up the hosting costs to hire someone to answer the pager at night."
    described, drafted, notes, shifts = _pager_and_mirror(monkeypatch, quote)
    by_rules = described(False)
    assert by_rules[0]["title"] == "Write the release notes for every package"
    assert by_rules[1]["title"] == "Keep every mirror in sync"
    by_fit = described(True)
    assert by_fit[0]["title"] == "Hire someone to answer the pager at night"
    assert by_fit[0]["quotes"][0] == 105  # the quote the title's words are said in
    # The statement said in the same person's talk beside that quote leads: title and statement tell one story.
    assert [c["want"] for c in by_fit[0]["candidates"]] == [shifts.want.text, notes.want.text]
    # Nothing names the other job better: it is described as by the rules.
    assert (by_fit[1]["title"], by_fit[1]["quotes"]) == (by_rules[1]["title"], by_rules[1]["quotes"])
    assert not {"options", "several", "drafted", "told"} & set(by_fit[0])
    # No statement said beside the quote (only another person's, in another interview): its purpose never titles
    # the job over a statement it does not tell.
    drafted[:] = [notes]
    alone = described(True)
    assert alone[0]["title"] == "Write the release notes for every package"
    assert alone[0]["candidates"][0]["want"] == notes.want.text


def test_a_quotes_own_phrase_titles_a_job_by_fit_only_said_beside_a_statement_which_leads(monkeypatch) -> None:
    """ "Pay on the computer with a card", a central quote's phrase chosen by fit, sat over "I want to get Martin up
    to tidy round", said elsewhere: a quote's phrase (not only its purpose) titles a job whose statements name a goal
    only with the statement said beside it, which then leads."""
    described, drafted, notes, shifts = _pager_and_mirror(
        monkeypatch, "Most weeks we pay a nurse for the night pager shifts."
    )
    by_fit = described(True)
    assert by_fit[0]["title"] == "Pay a nurse for the night pager shifts"
    assert [c["want"] for c in by_fit[0]["candidates"]] == [shifts.want.text, notes.want.text]
    drafted[:] = [notes]  # nothing said beside the quote: the statement's goal names the job
    alone = described(True)
    assert alone[0]["title"] == "Write the release notes for every package"
    assert alone[0]["candidates"][0]["want"] == notes.want.text


def _two_jobs() -> tuple[np.ndarray, np.ndarray]:
    """Twelve unit vectors: rows 0-5 job 0 (near one axis), 6-11 job 1 (near another); row 5 says job 1's talk."""
    rng = np.random.default_rng(7)
    vectors = rng.normal(0, 0.1, (12, 8))
    vectors[:6, 0] += 1.0
    vectors[6:, 1] += 1.0
    vectors[5] = [0.1, 1.0, 0, 0, 0, 0, 0, 0]
    labels = np.array([0] * 6 + [1] * 6, np.int64)
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32), labels


def test_a_statement_goes_to_the_job_whose_centre_its_goal_is_clearly_nearest() -> None:
    from app.services.job_descriptions import _reassign
    from pipelines.statements import Slot, StatementCandidate

    vectors, labels = _two_jobs()
    centroids = np.stack([vectors[labels == k].mean(axis=0) for k in (0, 1)])
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)

    def said(row: int, score: float) -> StatementCandidate:
        return StatementCandidate(
            when=Slot(), want=Slot(text=f"do {row}", evidence=(100 + row,)), so=Slot(), text=f"{row}", score=score
        )

    astray, own, theirs, low = said(5, 5.0), said(0, 3.0), said(7, 4.0), said(8, 2.0)
    rows = {100 + i: i for i in range(12)}
    moved = _reassign({0: [astray, own], 1: [theirs, low]}, centroids, vectors, rows)
    assert moved == {0: [own], 1: [astray, theirs, low]}  # it leads job 1 by its score; job 1 keeps its own order
    assert _reassign({0: [own], 1: [theirs, low]}, centroids, vectors, rows) == {}  # statements at home stay


def test_a_goal_said_among_another_jobs_members_titles_the_job_whose_talk_it_is(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    vectors, labels = _two_jobs()
    texts = [f"We talked about the servers, point {i}." for i in range(6)] + [
        f"We talked about the tests, point {i}." for i in range(6)
    ]
    texts[5] = "It was really hard to verify that we had not broken some other feature."
    verify = StatementCandidate(
        when=Slot(),
        want=Slot(text="verify that I had not broken some other feature", evidence=(105,)),
        so=Slot(),
        text="I want to verify that I had not broken some other feature.",
        score=5.0,
    )
    fail = StatementCandidate(
        when=Slot(text="tests fail", evidence=(107,), lead="when"),
        want=Slot(),
        so=Slot(),
        text="When tests fail.",
        score=3.0,
    )

    def fake_build_statements(utterances, signals, *, centrality, min_centrality, vectors, context_from, own_outcomes):
        return [verify] if utterances[0].id == 100 else [fail]

    monkeypatch.setattr(statements, "build_statements", fake_build_statements)
    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
    found = job_descriptions.describe(
        runtime,  # type: ignore[arg-type]
        vectors,
        labels,
        2,
        ids=np.arange(100, 112),
        evidence=[EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)],
        signals=[Signals(t) for t in texts],
        texts=texts,
    )
    assert [c["want"] for c in found[1]["candidates"]] == [verify.want.text, ""]
    assert found[1]["title"].lower().startswith("verify")
    assert found[1]["candidates"][0]["evidence"]["want"][0]["text"] == texts[5]  # its quote comes with it
    assert found[0]["candidates"] == []


def test_a_core_job_of_several_jobs_takes_the_goal_of_its_jobs_that_names_its_talk_against_the_other_cores(
    monkeypatch,
) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    rng = np.random.default_rng(7)
    ours, theirs = (c / np.linalg.norm(c) for c in rng.normal(size=(2, 8)))
    vectors = np.vstack([ours + rng.normal(0, 0.3, (12, 8)), theirs + rng.normal(0, 0.3, (12, 8))])
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    texts = [f"We talked about thing number {i} at length today." for i in range(24)]
    evidence = [EvidenceUtterance(100 + i, t, 1, speaker=f"p{i % 3}") for i, t in enumerate(texts)]
    report = StatementCandidate(
        when=Slot(), want=Slot(text="write the weekly report for the board", evidence=(101,)), so=Slot(), text="a"
    )
    build = StatementCandidate(
        when=Slot(), want=Slot(text="keep the build green before each release", evidence=(102,)), so=Slot(), text="b"
    )
    monkeypatch.setattr(statements, "build_statements", lambda *a, **k: [report])
    parts = np.array([0] * 6 + [1] * 6 + [2] * 6 + [3] * 6, np.int64)
    below: dict[int, dict] = {
        0: {"title": "Fix the flaky tests", "statements": [build]},
        1: {"title": "Answer new users", "statements": []},
        2: {"title": "Plan the sprint", "statements": []},
        3: {"title": "Review the budget", "statements": []},
    }
    weighed: list[str] = []

    def embed(phrases) -> np.ndarray:
        # The sentence model, faked: the build is what this core job's members say, the report what the other's do.
        weighed.extend(phrases)
        return np.array([ours if "build" in p else theirs for p in phrases], np.float32)

    def cores(embed) -> dict:
        runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
        return job_descriptions.describe(
            runtime,  # type: ignore[arg-type]
            vectors,
            np.array([0] * 12 + [1] * 12, np.int64),
            2,
            ids=np.arange(100, 124),
            evidence=evidence,
            signals=[Signals(t) for t in texts],
            texts=texts,
            parts=parts,
            below=below,
            embed=embed,
        )

    assert cores(None)[0]["title"] == "Write the weekly report for the board"  # by the rules: its own statement
    named = cores(embed)
    assert named[0]["title"] == "Keep the build green before each release"  # one of its jobs' goals
    assert named[0]["candidates"][0]["want"] == "keep the build green before each release"  # that statement leads
    assert "write the weekly report for the board" in weighed  # its own statements' goals were weighed too


def test_a_core_job_that_holds_all_the_talk_is_titled_from_its_jobs_statements_too(monkeypatch) -> None:
    import pipelines.statements as statements
    from app.services import job_descriptions
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate

    vectors = _vectors(4, 0.6)
    texts = [f"We talked about thing number {i} at length today." for i in range(12)]
    evidence = [EvidenceUtterance(100 + i, t, 1) for i, t in enumerate(texts)]
    own = StatementCandidate(
        when=Slot(), want=Slot(text="let new patients book a slot online", evidence=(100,)), so=Slot(), text="a"
    )
    moving = StatementCandidate(
        when=Slot(text="an emergency comes in", evidence=(106,), lead="when"),
        want=Slot(text="move the routine appointments in one go", evidence=(106,)),
        so=Slot(text="stop ringing people one by one", evidence=(106,), lead="so I can"),
        text="b",
    )
    filling = StatementCandidate(
        when=Slot(), want=Slot(text="fill a cancelled slot within the hour", evidence=(101,)), so=Slot(), text="c"
    )
    monkeypatch.setattr(statements, "build_statements", lambda *a, **k: [own])
    parts = np.array([0] * 3 + [1] * 9, np.int64)
    below = {
        0: {"title": "Fill a cancelled slot within the hour", "statements": [filling]},
        1: {"title": "Move the routine appointments in one go", "statements": [moving]},
    }
    centre = vectors.mean(axis=0) / np.linalg.norm(vectors.mean(axis=0))

    def embed(phrases) -> np.ndarray:
        # The sentence model, faked: the phone work is what all the talk says.
        return np.array([centre if "ringing" in p else -centre for p in phrases], np.float32)

    runtime = SimpleNamespace(settings=SimpleNamespace(llm_base_url=None))
    named = job_descriptions.describe(
        runtime,  # type: ignore[arg-type]
        vectors,
        np.zeros(12, np.int64),  # the only core job: no other core job's talk to be told from
        1,
        ids=np.arange(100, 112),
        evidence=evidence,
        signals=[Signals(t) for t in texts],
        texts=texts,
        parts=parts,
        below=below,
        embed=embed,
    )[0]
    assert named["title"] == "Stop ringing people one by one"  # one job's outcome, not one person's own goal
    assert named["candidates"][0]["so"] == "stop ringing people one by one"  # its statement leads
