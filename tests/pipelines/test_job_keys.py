"""Job keys of a mining run: old ids continue, new jobs get placeholders, pinned rows stay, core jobs follow."""

import numpy as np

from pipelines.hierarchy import JobTree
from pipelines.job_keys import dense, fold_into_siblings, level_keys, majority
from pipelines.types import UNASSIGNED


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
