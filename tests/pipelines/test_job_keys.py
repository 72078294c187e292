"""Job keys of a mining run: old ids continue, new jobs get placeholders, pinned rows stay, core jobs follow."""

import numpy as np

from pipelines.hierarchy import JobTree
from pipelines.job_keys import LevelKeys, dense, fold_into_siblings, level_keys, majority, told_as_context
from pipelines.types import UNASSIGNED


def larger(people: list[str]) -> dict:
    """A project of as many interviews, one a person, as a job's least size."""
    interviews = sorted(set(people))
    return {"conversations": [interviews.index(p) for p in people], "least": len(interviews)}


def _unit(*v: float) -> list[float]:
    """A unit vector along the given axes."""
    return (np.array(v) / np.linalg.norm(v)).tolist()


def test_majority_and_dense() -> None:
    assert majority([3, 3, 5, UNASSIGNED, UNASSIGNED, UNASSIGNED]) == 3
    assert majority([5, 3]) == 3  # the lowest of equals
    assert majority([UNASSIGNED]) == UNASSIGNED
    keys, rows = dense(np.array([7, -2, UNASSIGNED, 7], dtype=np.int64))
    assert keys == [-2, 7] and rows.tolist() == [1, 0, -1, 1]


def test_level_keys_keep_ids_pins_and_core_jobs() -> None:
    ids = np.arange(100, 108, dtype=np.int64)
    # Two detail clusters (0: rows 0-3, 1: rows 4-6), row 7 in no job; both in core group 0.
    tree = JobTree(np.array([0, 0, 0, 0, 1, 1, 1, UNASSIGNED], dtype=np.int64), core_of={0: 0, 1: 0})
    old = {"detail": {41: {100, 101, 102}}, "core": {9: {100, 101, 102, 104}}}
    pinned = {"detail": {107: 41}, "core": {}}
    keys = level_keys(tree, ids, old=old, pinned=pinned, min_overlap=0.1)
    # Cluster 0 continues job 41; cluster 1 is new (placeholder -(1 + 2)); the pinned row stays in job 41.
    assert keys.detail.tolist() == [41, 41, 41, 41, -3, -3, -3, 41]
    # One core group, continuing core job 9; every job's parent is it.
    assert set(keys.core.tolist()) == {9}
    assert keys.parent_of == {41: 9, -3: 9}
    assert keys.of("core") is keys.core and keys.of("detail") is keys.detail


def test_a_topic_folds_into_the_nearest_job_of_its_core_job() -> None:
    # Detail jobs 0, 1, 2 in core job 0 (job 2 is a topic nearer job 1), job 3 alone in core job 1.
    vectors = np.array([[1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0.1, 1, 0], [0, 0, 1], [0, 0, 1]], np.float32)
    tree = JobTree(np.array([0, 0, 1, 1, 2, 3, UNASSIGNED]), {0: 0, 1: 0, 2: 0, 3: 1})
    folded = fold_into_siblings(tree, [2, 3], vectors)
    assert folded.detail.tolist() == [0, 0, 1, 1, 1, 3, UNASSIGNED]  # job 3 has no sibling: it stays
    assert folded.core_of == {0: 0, 1: 0, 3: 1}
    assert folded.core().tolist() == tree.core().tolist()  # core jobs do not change
    assert fold_into_siblings(tree, [], vectors).detail.tolist() == tree.detail.tolist()


def test_talk_with_no_goal_that_each_person_tells_about_their_own_goals_joins_those_goal_jobs() -> None:
    # Axes: a's subject, b's subject, a kind of talk (who they are, what pushed them), a shared request, a second goal.
    vectors = np.array(
        [
            _unit(1, 0, 0, 0, 0),  # a, goal job 10
            _unit(0, 1, 0, 0, 0),  # b, goal job 10
            _unit(1, 0, 0, 0, 1),  # a, goal job 11
            _unit(0, 1, 0, 0, 1),  # b, goal job 11
            _unit(0.8, 0, 0.6, 0, 0),  # a's context (job 20, one turn of two sentences)
            _unit(0.8, 0, 0.6, 0, 0),
            _unit(0, 0.6, 0.6, 0, 0.5),  # b's context, nearer b's talk in job 11
            _unit(0, 0, 0.8, 0, 0.6),  # c's, who says no goal: the goal job closest to it
            _unit(0, 0, 0, 1, 0),  # a shared request with no goal (job 21), said by a and b alike
            _unit(0, 0, 0.1, 1, 0),
            _unit(1, 0, 0.2, 0, 0),  # a's alone (job 22): no one's to compare it with
        ],
        np.float32,
    )
    keys = np.array([10, 10, 11, 11, 20, 20, 20, 20, 21, 21, 22])
    people = ["a", "b", "a", "b", "a", "a", "b", "c", "a", "b", "a"]
    turns = [1, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10]
    voiced = [10, 10, 11, 11, -1, -1, -1, -1, -1, -1, -1]  # the goal job whose goal each row says
    moved = told_as_context(
        keys, vectors, people, turns, goals=[10, 11], silent=[20, 21, 22], voiced=voiced, **larger(people)
    )
    assert moved.tolist() == [10, 10, 11, 11, 10, 10, 11, 11, 21, 21, 22]
    # No goal job, nothing to join; and only the jobs named silent move.
    assert (
        told_as_context(keys, vectors, people, turns, goals=[], silent=[20], voiced=voiced, **larger(people)).tolist()
        == keys.tolist()
    )
    kept = told_as_context(keys, vectors, people, turns, goals=[10, 11], silent=[21], voiced=voiced, **larger(people))
    assert kept.tolist() == keys.tolist()


def test_talk_with_no_goal_of_people_who_all_voice_one_goal_joins_it() -> None:
    # Axes: a's subject, b's subject, the tool they switched to, a second goal. Each says a goal in job 10 (the
    # first row of each) and their talk of the tool (job 20) is closer to each other's than to their own goals.
    vectors = np.array(
        [
            _unit(1, 0, 0, 0),  # a, goal job 10: says the goal
            _unit(1, 0, 0.1, 0),  # a, goal job 10: an old way
            _unit(0, 1, 0, 0),  # b, goal job 10: says the goal
            _unit(0, 1, 0, 0.3),  # b, goal job 11: talk, no goal said
            _unit(0.3, 0, 1, 0),  # a, the tool (job 20)
            _unit(0, 0.3, 1, 0),  # b, the tool
            _unit(0.2, 0, 1, 0),  # a, a worry about the tool
        ],
        np.float32,
    )
    keys = np.array([10, 10, 10, 11, 20, 20, 20])
    people = ["a", "a", "b", "b", "a", "b", "a"]
    turns = [1, 2, 3, 4, 5, 6, 7]
    voiced = [10, -1, 10, -1, -1, -1, -1]

    def context(voiced: list[int]) -> list[int]:
        return told_as_context(
            keys, vectors, people, turns, goals=[10, 11], silent=[20], voiced=voiced, **larger(people)
        ).tolist()

    assert context(voiced) == [10, 10, 10, 11, 10, 10, 10]
    # Someone of them voices goals in two jobs, or none: the talk may be a point of its own and stays.
    assert context([*voiced[:3], 11, *voiced[4:]]) == keys.tolist()
    assert context([10, -1, -1, *voiced[3:]]) == keys.tolist()


def test_talk_with_no_goal_of_people_who_each_voice_one_goal_joins_each_ones_goal() -> None:
    # Axes: a's goal, b's goal, their trade. a voices a goal in job 10 only, b in job 11 only; what each says of
    # their firm (job 20) is closer to each other's than to their own goals (the same trade), and it is the context
    # of each one's goal (three dispatch interviews: "I'm the office coordinator", "I'm a plumber, I work on my own").
    vectors = np.array(
        [
            _unit(1, 0, 0),  # a, goal job 10: says the goal
            _unit(0, 1, 0),  # b, goal job 11: says the goal
            _unit(0.2, 0, 1),  # a, the firm (job 20)
            _unit(0, 0.2, 1),  # b, the firm
            _unit(0, 0.1, 1),  # b, the firm's size
        ],
        np.float32,
    )
    keys = np.array([10, 11, 20, 20, 20])
    people = ["a", "b", "a", "b", "b"]
    turns = [1, 2, 3, 4, 4]
    voiced = [10, 11, -1, -1, -1]
    moved = told_as_context(keys, vectors, people, turns, goals=[10, 11], silent=[20], voiced=voiced, **larger(people))
    assert moved.tolist() == [10, 11, 10, 11, 11]
    # One of them voices goals in two jobs: the talk may be a point of its own and stays.
    two = told_as_context(
        np.array([10, 11, 20, 20, 20, 11]),
        np.vstack([vectors, vectors[1:2]]),
        [*people, "a"],
        [*turns, 5],
        goals=[10, 11],
        silent=[20],
        voiced=[*voiced, 11],
        **larger([*people, "a"]),
    )
    assert two.tolist() == [10, 11, 20, 20, 20, 11]


def test_level_keys_with_rows_moved_or_a_job_gone() -> None:
    keys = LevelKeys(np.array([10, 10, 20, 20, -1]), np.array([1, 1, 2, 2, -1]), {10: 1, 20: 2})
    moved = keys.moved(np.array([10, 10, 10, 20, -1]))
    assert moved.core.tolist() == [1, 1, 1, 2, -1] and moved.parent_of == {10: 1, 20: 2}
    moved = keys.moved(np.array([10, 10, 10, 10, -1]))  # job 20 (and its core job) left with no rows
    assert moved.core.tolist() == [1, 1, 1, 1, -1] and moved.parent_of == {10: 1}
    left = keys.without({20})
    assert left.detail.tolist() == [10, 10, -1, -1, -1] and left.core.tolist() == [1, 1, -1, -1, -1]
    assert left.parent_of == {10: 1}


def test_talk_with_no_goal_in_a_few_interviews_joins_each_speakers_nearest_goal_job() -> None:
    # Axes: the fixtures goal, the payments goal, money talk. a voices goals in jobs 10 and 11, b in job 10 only,
    # c in none; their money talk (job 20) is closer to each other's than to their own goals, and a's accounting
    # (job 21) is hers alone (three club interviews: "No goal said: talk about pounds, fees, bank").
    vectors = np.array(
        [
            _unit(1, 0, 0),  # a, goal job 10: says the goal
            _unit(0, 1, 0),  # a, goal job 11: says the goal
            _unit(1, 0.1, 0),  # b, goal job 10: says the goal
            _unit(0.9, 0, 0.3),  # c, goal job 10: talk, no goal said
            _unit(0, 0.3, 1),  # a, money (job 20): nearer her payments goal
            _unit(0.3, 0, 1),  # b, money
            _unit(0.2, 0, 1),  # c, money
            _unit(0, 0.2, 1),  # a, her accounting (job 21)
        ],
        np.float32,
    )
    keys = np.array([10, 11, 10, 10, 20, 20, 20, 21])
    people = ["a", "a", "b", "c", "a", "b", "c", "a"]
    turns = [1, 2, 3, 4, 5, 6, 7, 8]
    voiced = [10, 11, 10, -1, -1, -1, -1, -1]
    options: dict = {"goals": [10, 11], "silent": [20, 21], "voiced": voiced}
    three = told_as_context(keys, vectors, people, turns, **options, conversations=[1, 1, 2, 3, 1, 2, 3, 1], least=5)
    assert three.tolist() == [10, 11, 10, 10, 11, 10, 10, 11]
    # c's goal read in a turn of theirs that sits in job 10 by job 11's statement: c's goal job is 11 (none of c's
    # talk there: its talk decides), and c's money talk joins it.
    options["voiced"] = [10, 11, 10, 11, -1, -1, -1, -1]
    read = told_as_context(keys, vectors, people, turns, **options, conversations=[1, 1, 2, 3, 1, 2, 3, 1], least=5)
    assert read.tolist() == [10, 11, 10, 10, 11, 10, 11, 11]
    options["voiced"] = voiced
    # As many interviews as a job's least size: a voices goals in two jobs, the money talk may be a point of its own.
    assert told_as_context(keys, vectors, people, turns, **options, **larger(people)).tolist() == keys.tolist()
