"""Job keys of both levels for one mining run: which old job each new cluster continues, and each job's core job.

A key is an existing job's id (> 0), a negative placeholder for a new job, or UNASSIGNED (-1) for a row in no job.
Ids stay stable across runs (member overlap, Hungarian: `hierarchy.stable_keys`) and rows a researcher pinned to a
job stay in it; a job's core job is the one most of its rows were grouped into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.hierarchy import JobTree, stable_keys
from pipelines.types import UNASSIGNED


@dataclass(frozen=True, slots=True)
class LevelKeys:
    """Per row, its job key at each level; and each job's core job key."""

    detail: np.ndarray
    core: np.ndarray
    parent_of: dict[int, int]

    def of(self, level: str) -> np.ndarray:
        return self.core if level == "core" else self.detail


def majority(values: Sequence[int]) -> int:
    """The most frequent assigned value (the lowest of equals), or UNASSIGNED when none is assigned."""
    counts = Counter(v for v in values if v != UNASSIGNED)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else UNASSIGNED


def dense(keys_per_row: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Job keys in order and each row's index into them (-1 for rows in no job)."""
    keys = sorted(set(keys_per_row.tolist()) - {UNASSIGNED})
    index = {k: i for i, k in enumerate(keys)}
    return keys, np.array([index.get(k, -1) for k in keys_per_row.tolist()], dtype=np.int64)


def level_keys(
    tree: JobTree,
    ids: np.ndarray,
    *,
    old: Mapping[str, Mapping[int, set[int]]],
    pinned: Mapping[str, Mapping[int, int]],
    min_overlap: float,
) -> LevelKeys:
    """Keys of both levels: `old` holds each level's jobs and their member ids, `pinned` each level's rows moved
    by hand (id -> job id)."""
    detail_keys = stable_keys(old["detail"], tree.detail, ids, min_overlap=min_overlap, pinned=pinned["detail"])
    # A job's core job is the one most of its rows were grouped into; rows moved by hand follow their job.
    core_rows = tree.core()
    core_of_key = {
        key: majority(core_rows[detail_keys == key].tolist()) for key in set(detail_keys.tolist()) - {UNASSIGNED}
    }
    core_labels = np.array([core_of_key.get(k, UNASSIGNED) for k in detail_keys.tolist()], dtype=np.int64)
    core_keys = stable_keys(old["core"], core_labels, ids, min_overlap=min_overlap, pinned=pinned["core"])
    parent_of = {key: majority(core_keys[detail_keys == key].tolist()) for key in core_of_key}
    return LevelKeys(detail=detail_keys, core=core_keys, parent_of=parent_of)


def fold_into_siblings(tree: JobTree, labels: Collection[int], vectors: np.ndarray) -> JobTree:
    """The rows of the detail jobs `labels` join the other detail job of the same core job whose centre is
    nearest; a job with no such sibling stays as it is. Core jobs do not change."""
    detail = tree.detail.copy()
    centres: dict[int, np.ndarray] = {}
    for label in sorted(set(detail.tolist()) - {UNASSIGNED}):
        centre = vectors[detail == label].mean(axis=0)
        centres[label] = centre / (float(np.linalg.norm(centre)) or 1.0)
    for label in sorted(set(labels) & set(centres)):
        core = tree.core_of.get(label, UNASSIGNED)
        siblings = [k for k in centres if k not in labels and tree.core_of.get(k, UNASSIGNED) == core]
        if siblings:
            nearest = max(siblings, key=lambda k: (float(centres[k] @ centres[label]), -k))
            detail[detail == label] = nearest
    kept = set(detail.tolist())
    return JobTree(detail, {k: v for k, v in tree.core_of.items() if k in kept})
