"""Job keys of both levels for one mining run: which old job each new cluster continues, and each job's core job.

A key is an existing job's id (> 0), a negative placeholder for a new job, or UNASSIGNED (-1) for a row in no job.
Ids stay stable across runs (member overlap, Hungarian: `hierarchy.stable_keys`) and rows a researcher pinned to a
job stay in it; a job's core job is the one most of its rows were grouped into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pipelines.hierarchy import JobTree, group_sums, stable_keys
from pipelines.types import UNASSIGNED


@dataclass(frozen=True, slots=True)
class LevelKeys:
    """Per row, its job key at each level; and each job's core job key."""

    detail: np.ndarray
    core: np.ndarray
    parent_of: dict[int, int]

    def of(self, level: str) -> np.ndarray:
        return self.core if level == "core" else self.detail

    def without(self, jobs: Collection[int]) -> LevelKeys:
        """These keys with the detail jobs `jobs` gone: their rows in no job at either level."""
        gone = np.isin(self.detail, np.fromiter(jobs, np.int64))
        detail, core = self.detail.copy(), self.core.copy()
        detail[gone] = core[gone] = UNASSIGNED
        return LevelKeys(detail, core, {k: v for k, v in self.parent_of.items() if k not in jobs})

    def moved(self, detail: np.ndarray) -> LevelKeys:
        """These keys with rows moved to other detail jobs (`detail`: each row's detail key now): a moved row goes
        to its new job's core job, and a job left with no rows is gone at either level."""
        core = self.core.copy()
        changed = np.flatnonzero(detail != self.detail)
        core[changed] = [self.parent_of.get(int(k), UNASSIGNED) for k in detail[changed].tolist()]
        kept = set(detail.tolist())
        return LevelKeys(detail, core, {k: v for k, v in self.parent_of.items() if k in kept})


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


def told_as_context(
    keys: np.ndarray,
    vectors: np.ndarray,
    people: Sequence[str],
    turns: Sequence[int],
    *,
    goals: Collection[int],
    silent: Collection[int],
    voiced: Sequence[int],
    conversations: Sequence[int],
    least: int,
) -> np.ndarray:
    """Each row's job key, the rows of the jobs `silent` (whose talk says no goal) that each person told as the
    context of their own goals moved into those goals' jobs (`goals`).

    A job several people share is a point they make alike: its sentences sit closer to each other's than to the
    rest of their speakers' talk. In a few switch interviews, talk that says no goal (who a person is, what pushed
    them, the old ways they keep, their worries) gathers by its kind, each person's about their own work: "I manage
    facilities for a school district" beside "I'm a freelance designer". Such a job, where most sentences are closer
    on average to what their speaker says in the jobs with a goal than to what the job's other people say, is read
    as its people's context: each turn of it joins its speaker's goal job whose talk is closest to it on average
    (any goal job's talk, for a speaker with none), so its pushes, habits and anxieties count as that job's forces.
    A shared request that says no goal ("Why was I charged a fee?", said by many) is closer to the others' and
    stays; so does a job of one person's talk alone (nothing to compare it with).

    Talk several people share can be the context of a goal they share, though: the tool they switched to and their
    worries about it ("I was scared of spending two hundred pounds on a label printer", "If the platform goes down
    at half three, we've got nothing") gather by what they are about, as close to each other's as to anyone's goal.
    Where each of a job's people voices a goal (`voiced`: per row, the goal job whose goal it says, or UNASSIGNED) in
    one goal job and no other, that is the progress each one's talk is about: each person's turns join their goal
    job, the whole job the one goal when they share it. People in one trade talk alike of their firms and of what
    the switch cost them ("I'm the office coordinator at a heating and plumbing company", "I'm a plumber, I work on
    my own": three dispatch interviews), while each voices a goal of their own. People who voice goals in several
    jobs, or none, leave the job to the test above.

    In a project of fewer conversations (`conversations`: one id per row, e.g. its interview) than a job's least
    size (`least`, as `hierarchy.voiced_goals` reads it), no job that says no goal is a point of its own: a few
    people cannot make a point alike as often as a job takes, and what their goal-less talk gathers by is its kind
    (money, the app they switched to, their worries), a topic pile each of whose people told it about their own
    goals. There each turn of it joins its speaker's goal job whose talk is closest to it on average, among the
    jobs in which they voice a goal (any goal job, for a speaker who voices none): three club interviews, a
    secretary voicing goals in three jobs, kept four such piles ("No goal said: talk about pounds, fees, bank")
    and a whole core job with no goal."""
    keys = np.asarray(keys)
    out = keys.copy()
    goal_keys = sorted(set(goals) & set(keys.tolist()))
    if not goal_keys:
        return out
    _, person = np.unique(np.asarray(people), return_inverse=True)
    n_people = int(person.max()) + 1
    turn = np.asarray(turns)
    # Each person's talk in the goal jobs, summed (a mean similarity to it is one product), and counted.
    chosen = np.flatnonzero(np.isin(keys, goal_keys))
    own = group_sums(person[chosen], vectors[chosen], n_people)
    own_counts = np.bincount(person[chosen], minlength=n_people)
    by_job: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # person (-1: anyone) -> their talk per goal job, count

    def per_job(speaker: int) -> tuple[np.ndarray, np.ndarray]:
        if speaker not in by_job:
            near = chosen[person[chosen] == speaker] if speaker >= 0 else chosen
            job_of = np.searchsorted(goal_keys, keys[near])
            by_job[speaker] = (
                group_sums(job_of, vectors[near], len(goal_keys)),
                np.bincount(job_of, minlength=len(goal_keys)),
            )
        return by_job[speaker]

    # Each person's goal jobs: those whose goal a row of theirs says.
    voices = np.asarray(voiced, np.int64)
    said = np.flatnonzero(np.isin(voices, goal_keys))
    voiced_in: dict[int, set[int]] = {}
    for speaker, key in zip(person[said].tolist(), voices[said].tolist(), strict=True):
        voiced_in.setdefault(speaker, set()).add(key)

    def nearest(said: np.ndarray, among: Collection[int]) -> int:
        """The goal job of `among` whose talk by the speaker of the rows `said` (everyone's, for a speaker with
        none in any of them) is closest to them on average, then the lowest key."""
        speaker, allowed = int(person[said[0]]), np.isin(goal_keys, list(among))
        sums, n = per_job(speaker if own_counts[speaker] else -1)
        if not (allowed & (n > 0)).any():  # a goal they say in a job that holds no talk of theirs: everyone's
            sums, n = per_job(-1)
        mean = sums @ vectors[said].mean(axis=0) / np.maximum(n, 1)
        return goal_keys[int(np.argmax(np.where((n > 0) & allowed, mean, -np.inf)))]

    few = len(set(conversations)) < least
    for job in sorted(set(silent) - set(goal_keys)):
        rows = np.flatnonzero(keys == job)
        who = person[rows]
        goal_of = {speaker: voiced_in.get(speaker, set()) for speaker in set(who.tolist())}
        if few:  # a few people's talk with no goal: each turn is its speaker's context of their own goals
            for told in np.unique(turn[rows]).tolist():
                said = rows[turn[rows] == told]
                out[said] = nearest(said, voiced_in.get(int(person[said[0]])) or goal_keys)
            continue
        if len(goal_of) > 1 and all(len(said_in) == 1 for said_in in goal_of.values()):
            for speaker, (goal,) in goal_of.items():  # one goal job each, and none else: the talk is its context
                out[rows[who == speaker]] = goal
            continue
        theirs = group_sums(who, vectors[rows], n_people)[who]
        others = len(rows) - np.bincount(who, minlength=n_people)[who]
        to_others = np.einsum("ij,ij->i", vectors[rows].sum(axis=0) - theirs, vectors[rows])
        to_own = np.einsum("ij,ij->i", own[who], vectors[rows])
        # Closer on average to their goal talk than to the others' talk here; no, for a row whose speaker says no
        # goal or is the only one here.
        closer = (others > 0) & (own_counts[who] > 0) & (to_own * others > to_others * own_counts[who])
        if 2 * int(closer.sum()) <= len(rows):
            continue
        for told in np.unique(turn[rows]).tolist():
            said = rows[turn[rows] == told]
            out[said] = nearest(said, goal_keys)  # any goal job with their talk (everyone's, for one with none)
    return out
