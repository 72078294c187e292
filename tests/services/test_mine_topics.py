"""Talk with no goal: one person's clusters that are topics and join a job with a goal, and several people's
context that joins their goal jobs."""

import numpy as np
import pytest

from app.tasks.mine import _topics
from pipelines.hierarchy import JobTree


def test_one_persons_topics_are_the_jobs_without_a_goal_and_a_goalless_core_keeps_one_job() -> None:
    def job(*wants: str) -> dict:
        return {"candidates": [{"want": w} for w in wants]}

    # Core 0: a job with a goal (1), one with only a situation (2), one with no statement (3).
    # Core 1: no goal anywhere: a situation (4) and nothing (5). Core 2: nothing at all, the larger (6) stays.
    detail = np.array([1, 1, 2, 3, 4, 5, 6, 6, 6, 7])
    tree = JobTree(detail, {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 2, 7: 2})
    found = {1: job("fund the mirrors"), 2: job(""), 3: job(), 4: job(""), 5: job(), 6: job(), 7: job()}
    assert sorted(_topics(tree, found)) == [2, 3, 5, 7]


def test_one_persons_situation_joins_the_job_whose_goal_they_say_in_the_same_or_an_adjacent_turn() -> None:
    from app.tasks.mine import _tied
    from pipelines.statements import EvidenceUtterance

    def said(slot: str, *ids: int) -> dict:
        return {slot: [{"utterance_id": i} for i in ids]}

    def job(want: str, evidence: dict) -> dict:
        return {"candidates": [{"want": want, "evidence": evidence}]}

    # One person's turns 10, 12, 14, 16, 18, 20 (the interviewer's between), in the order said; another's turn 11.
    evidence = [
        EvidenceUtterance(1, "When PyPI goes down,", 1, speaker="p", passage=10),
        EvidenceUtterance(3, "When I look at a project,", 1, speaker="q", passage=11),
        EvidenceUtterance(2, "I want to restore the mirrors.", 1, speaker="p", passage=12),
        EvidenceUtterance(5, "I want to fund the mirrors.", 1, speaker="p", passage=14),
        EvidenceUtterance(6, "When tests fail.", 1, speaker="p", passage=14),
        EvidenceUtterance(7, "Anyway.", 1, speaker="p", passage=16),
        EvidenceUtterance(8, "Right.", 1, speaker="p", passage=18),
        EvidenceUtterance(4, "Whenever I sit on the board.", 1, speaker="p", passage=20),
    ]
    # Core 0 has a goal (job 1): its situation-only job 5 joins a sibling, not a tied job.
    tree = JobTree(np.array([2, 1, 3, 4, 6, 5]), {1: 0, 2: 1, 3: 2, 4: 3, 5: 0, 6: 4})
    found = {
        1: job("restore the mirrors", said("want", 2)),
        2: job("", said("when", 1)),  # the person's turn before the goal's: the job's situation
        3: job("", said("when", 3)),  # another person's turn: no tie
        4: job("", said("when", 4)),  # three of their turns after the nearest goal: no tie
        5: job("", said("when", 6)),
        6: job("fund the mirrors", said("want", 5)),
    }
    assert _tied(evidence, tree, found) == {2: 1}
    # The nearest turn wins: said in the turn of the goal of job 6 beats the turn before job 1's.
    found[2] = job("", said("when", 1, 6))
    tree = JobTree(tree.detail, {**tree.core_of, 5: 5})
    assert _tied(evidence, tree, found) == {2: 6, 5: 6}


def test_one_persons_clusters_without_a_goal_leave_the_jobs_unless_none_says_one() -> None:
    from app.tasks.mine import _without_goal

    detail = np.array([1, 1, 2, 3, 3, -1])
    tree = JobTree(detail, {1: 0, 2: 1, 3: 2})
    said = {"candidates": [{"want": "fund the mirrors"}]}
    situation = {"candidates": [{"want": ""}]}
    kept = _without_goal(tree, {1: said, 2: {"candidates": []}, 3: situation})
    assert kept.detail.tolist() == [1, 1, -1, -1, -1, -1] and kept.core_of == {1: 0}
    # With no goal anywhere, the situations stay (their statements say the goal is missing), the silent go.
    kept = _without_goal(tree, {1: situation, 2: {"candidates": []}, 3: situation})
    assert kept.detail.tolist() == [1, 1, -1, 3, 3, -1] and kept.core_of == {1: 0, 3: 2}
    nothing: dict[int, dict] = {1: {"candidates": []}, 2: {"candidates": []}, 3: {"candidates": []}}
    assert _without_goal(tree, nothing) is tree


def test_talk_with_no_goal_told_as_its_peoples_context_joins_their_goal_jobs_unless_the_researcher_kept_it() -> None:
    from app.services.jobs import MiningInput
    from app.tasks.mine import _context, _with_context
    from pipelines.job_keys import LevelKeys
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance

    # a and b each voice goal job 5 (rows 0, 1); job 7 says no goal: each one's own context (rows 2, 3).
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.8, 0, 0.6], [0, 0.8, 0.6]], np.float32)
    evidence = [EvidenceUtterance(100 + i, "", i, speaker=p, passage=i) for i, p in enumerate("abab")]
    ids = np.arange(100, 104)

    def mined(jobs: dict[int, tuple[str, str, str, int, str]], pinned: dict[int, int]) -> MiningInput:
        by_level = {"detail": pinned, "core": {}}
        signals = [Signals("")] * 4
        return MiningInput(ids, [""] * 4, vectors, evidence, signals, [0, 1, 2, 3], {}, [True] * 4, jobs, {}, by_level)

    keys = LevelKeys(np.array([5, 5, 7, 7]), np.array([1, 1, 2, 2]), {5: 1, 7: 2})
    found = {5: {"candidates": [_said("fix the heater")]}, 7: {"candidates": [_said("")]}}
    stored = {k: ("auto", "auto", "proposed", 1, "detail") for k in (5, 7)}
    told = _context(found, mined(stored, {}), keys)
    assert told.tolist() == [5, 5, 5, 5]
    # Its rows join job 5's members (described by its own talk, where they were in no job), each with its closeness.
    job = {"centroid": np.array([1, 0, 0], np.float32), "members": [(100, 1.0), (101, 0.0)]}
    out = _with_context({5: job}, mined(stored, {}), np.array([5, 5, -1, -1]), told)
    assert out[5]["members"] == [(100, 1.0), (101, 0.0), (102, pytest.approx(0.8)), (103, 0.0)]
    assert job["members"] == [(100, 1.0), (101, 0.0)]  # the description handed in is not changed
    # Approved by the researcher, or an utterance moved into it by hand: it stays.
    stored[7] = ("auto", "auto", "approved", 1, "detail")
    assert _context(found, mined(stored, {}), keys).tolist() == [5, 5, 7, 7]
    stored[7] = ("auto", "auto", "proposed", 1, "detail")
    assert _context(found, mined(stored, {102: 7}), keys).tolist() == [5, 5, 7, 7]


def _said(want: str, *ids: int) -> dict:
    """A statement candidate as `describe` gives it: its goal and the utterances that say it."""
    return {"want": want, "evidence": {"want": [{"utterance_id": i} for i in ids]}}


def test_talk_with_no_goal_of_people_who_voice_one_goal_alike_joins_that_goal_job() -> None:
    from app.services.jobs import MiningInput
    from app.tasks.mine import _context
    from pipelines.job_keys import LevelKeys
    from pipelines.jtbd import Signal, Signals
    from pipelines.statements import EvidenceUtterance

    # a voices goal job 5 by a signal (row 0), b by its statement (row 1); job 7 is talk of the tool they both
    # switched to (rows 2, 3), closer to each other's than to their own goals.
    vectors = np.array([[1, 0, 0], [0, 1, 0], [0.3, 0, 1], [0, 0.3, 1]], np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    evidence = [EvidenceUtterance(100 + i, "", i, speaker=p, passage=i) for i, p in enumerate("abab")]
    wants = Signals("I want to fix the heater", (Signal("motivation", "fix the heater", 10, 24),))
    signals = [wants, Signals(""), Signals(""), Signals("")]
    stored = {k: ("auto", "auto", "proposed", 1, "detail") for k in (5, 7)}
    by_level: dict[str, dict[int, int]] = {"detail": {}, "core": {}}
    mined = MiningInput(
        np.arange(100, 104), [""] * 4, vectors, evidence, signals, [0, 1, 2, 3], {}, [True] * 4, stored, {}, by_level
    )
    keys = LevelKeys(np.array([5, 5, 7, 7]), np.array([1, 1, 2, 2]), {5: 1, 7: 2})
    found: dict[int, dict] = {5: {"candidates": [_said("fix the heater", 101)]}, 7: {"candidates": []}}
    assert _context(found, mined, keys).tolist() == [5, 5, 5, 5]
    # b's goal unsaid: b voices none, yet in four interviews (fewer than a job's least size) no talk without a goal
    # is a point of its own, and b's joins the goal job nearest it (`told_as_context`, `conversations`).
    found[5] = {"candidates": [_said("fix the heater")]}
    assert _context(found, mined, keys).tolist() == [5, 5, 5, 5]


def test_a_goal_read_in_a_turn_that_sits_in_another_job_is_voiced_in_the_job_whose_statement_reads_it() -> None:
    from app.services.jobs import MiningInput
    from app.tasks.mine import _context
    from pipelines.job_keys import LevelKeys
    from pipelines.jtbd import Signal, Signals
    from pipelines.statements import EvidenceUtterance

    # Two interviews. a says the goal of job 5 (row 0, a signal); b's goal sentence sits in job 5 too (row 1) but
    # job 6's statement reads it ("Every payment with a name and a match against it." beside the coach's job);
    # job 7 says no goal: b's money talk (row 3) and a's (row 4).
    vectors = np.array([[1, 0, 0], [0.9, 0.1, 0], [0, 1, 0], [0.8, 0.2, 0.3], [0.9, 0, 0.3]], np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    evidence = [
        EvidenceUtterance(100 + i, "", 0 if p == "a" else 1, speaker=p, passage=i) for i, p in enumerate("abbba")
    ]
    wants = Signals("I want to fix the heater", (Signal("motivation", "fix the heater", 10, 24),))
    signals = [wants, *[Signals("")] * 4]
    stored = {k: ("auto", "auto", "proposed", 1, "detail") for k in (5, 6, 7)}
    by_level: dict[str, dict[int, int]] = {"detail": {}, "core": {}}
    mined = MiningInput(
        np.arange(100, 105), [""] * 5, vectors, evidence, signals, [0, 1, 2, 3, 4], {}, [True] * 5, stored, {}, by_level
    )
    keys = LevelKeys(np.array([5, 5, 6, 7, 7]), np.array([1, 1, 1, 2, 2]), {5: 1, 6: 1, 7: 2})
    found: dict[int, dict] = {
        5: {"candidates": [_said("fix the heater", 100)]},
        6: {"candidates": [_said("have every payment with a name", 101)]},
        7: {"candidates": []},
    }
    assert _context(found, mined, keys).tolist() == [5, 5, 6, 6, 5]
