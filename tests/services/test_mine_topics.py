"""One person's talk: which clusters of a mining run are topics that join a job with a goal."""

import numpy as np

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


def test_one_persons_clusters_that_say_nothing_leave_the_jobs_unless_none_says_anything() -> None:
    from app.tasks.mine import _without_silent

    detail = np.array([1, 1, 2, 3, 3, -1])
    tree = JobTree(detail, {1: 0, 2: 1, 3: 2})
    said = {"candidates": [{"want": "fund the mirrors"}]}
    situation = {"candidates": [{"want": ""}]}
    kept = _without_silent(tree, {1: said, 2: {"candidates": []}, 3: situation})
    assert kept.detail.tolist() == [1, 1, -1, 3, 3, -1] and kept.core_of == {1: 0, 3: 2}
    nothing: dict[int, dict] = {1: {"candidates": []}, 2: {"candidates": []}, 3: {"candidates": []}}
    assert _without_silent(tree, nothing) is tree
