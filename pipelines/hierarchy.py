"""Two levels of jobs: finer jobs clustered from passages of job talk, grouped into a few core jobs.

A core job is one of the few big jobs that replace a pile of personas (3-7 in a typical project); each holds the
finer jobs its customers' talk splits into. Neither number is given: jobs come from `GraphClusterer`'s resolution
choice, core jobs from Ward grouping of job centroids cut at the dendrogram's largest jump for a count in 3..7.
A short turn the job-talk classifier left out, among job talk, then joins its neighbours' job (`join_neighbours_jobs`);
where jobs are crisp, also a job it sits as close to as the job's members (`join_close_jobs`).
Keys stay stable across runs through `stable_keys` (member overlap, Hungarian).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from pipelines.clustering import FAR_Z, GraphClusterer, centroids, match_clusters, member_floors, members
from pipelines.types import UNASSIGNED

# Interview talk is diffuse: the silhouette of the coarsest partition stays far below that of crisp intents
# (pypi interviews' job talk 0.05, Banking77 0.13-0.16 at resolution 1), and finer splits only chase noise there.
DETAIL_RESOLUTIONS: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0)
MIN_STRUCTURE = 0.1
# Partitions whose silhouettes lie within 5% of the best one's are ties the score cannot break (Banking77 at
# resolutions 6-12: 0.197-0.212, with 6 the worst of them by NMI in 4 of 4 train samples); the finest of them wins:
# two jobs that are one are merged in one action, a job that is two is split quote by quote. Diffuse interview
# talk is untouched (below MIN_STRUCTURE the coarsest wins).
FINER_WITHIN = 0.05
CORE_RANGE = (3, 7)
TRIALS, TRIALS_UP_TO = 5, 20_000
# Runs whose consensus gives a small project's jobs (`detail_clusterer`). Each costs one clustering (crisp synthetic
# jobs on the shared 2 cores, load 4.5, one run vs consensus: 1,300 units 4.4 -> 7.2 s, 3,000 5.1 -> 16.4 s, 5,000
# 5.9 -> 34.4 s), so a project of more than about twenty interviews' job talk keeps one run.
CONSENSUS, CONSENSUS_UP_TO = 5, 3_000
# A turn of up to this many sentences is one request ("I lost my card. Can you block it?"): it moves as a unit.
SHORT_TURN = 3
# A unit the job-talk classifier left out joins its neighbours' job when this share of its 10 nearest units is
# job talk (`join_neighbours_jobs`).
READMIT_LOOK, READMIT_SHARE = 10, 0.8
# A conversation's own mean is estimated as if it had this many more units at the mean of all of them
# (`centre_conversations`): a short one has too few points to say what it shares.
CENTRE_PRIOR = 10
# Two goal sentences of different people at least this close (cosine of their sentence vectors) say one goal
# (`own_goals`). Three meal-planning interviews: "I wanted to decide the week's dinners once" and "I want to plan a
# week of dinners ahead of time" 0.81, "I needed to plan meals that are good for his blood sugar" and the latter
# 0.59; three label-printing ones 0.63. Different goals in one job stayed below: a tenant's "I want it written down
# somewhere that I reported it" and her landlord's "I wanted to be able to see every open repair in one place" 0.19,
# a physio's "new patients to be able to book a slot" and a practice manager's "move the routine appointments in
# one go" 0.53.
SAME_GOAL = 0.55


@dataclass(frozen=True, slots=True)
class JobTree:
    """Detail label per row (-1: in no job) and the core label of each detail label."""

    detail: np.ndarray
    core_of: dict[int, int] = field(default_factory=dict)

    def core(self) -> np.ndarray:
        """Core label per row (-1 where the row is in no job)."""
        return np.array([self.core_of.get(int(d), UNASSIGNED) for d in self.detail.tolist()], dtype=np.int64)


def passage_bounds(passages: Sequence[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of consecutive rows of one passage."""
    start, n = 0, len(passages)
    while start < n:
        end = start
        while end < n and passages[end] == passages[start]:
            end += 1
        yield start, end
        start = end


def passage_vectors(vectors: np.ndarray, passages: Sequence[int], *, neighbour_weight: float = 0.5) -> np.ndarray:
    """Each sentence read in its passage: a short passage moves as one vector, a long one smooths each sentence
    with its neighbours (weight 0.5), so a point made over three sentences is not scattered over three jobs."""
    vectors = np.asarray(vectors, dtype=np.float32)
    out = vectors.copy()
    for start, end in passage_bounds(passages):
        if end - start <= SHORT_TURN:
            out[start:end] = vectors[start:end].mean(axis=0)
        else:
            for i in range(start, end):
                for j in (i - 1, i + 1):
                    if start <= j < end:
                        out[i] += neighbour_weight * vectors[j]
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    smoothed: np.ndarray = (out / np.maximum(norms, 1e-12)).astype(np.float32)
    return smoothed


def detail_clusterer(n_units: int = 0) -> GraphClusterer:
    """The clusterer for the finer level of n_units points; far members stay in their job (job talk is already
    filtered). Up to TRIALS_UP_TO points Leiden keeps the best of TRIALS runs: a better optimum moves less when
    interviews are added (pypi job ids kept over the 45 pairs of interviews added to the other eight: mean 0.919
    -> 0.936); at 100k points they would double the clustering time (29 -> 64 s), so a large project runs once.
    Up to CONSENSUS_UP_TO points, CONSENSUS such runs vote (`GraphClusterer` consensus): re-mining the pypi
    interviews with other seeds then keeps the jobs far better (pairwise ARI 0.65 -> 0.77, seeds 0..5)."""
    trials = TRIALS if n_units <= TRIALS_UP_TO else 1
    return GraphClusterer(
        resolutions=DETAIL_RESOLUTIONS,
        min_structure=MIN_STRUCTURE,
        outlier_z=None,
        trials=trials,
        finer_within=FINER_WITHIN,
        consensus=CONSENSUS if n_units <= CONSENSUS_UP_TO else 1,
    )


def group_clusters(
    vectors: np.ndarray, labels: np.ndarray, *, groups: tuple[int, int] = CORE_RANGE, min_share: float = 0.03
) -> dict[int, int]:
    """Group cluster labels into core groups: Ward linkage over the clusters' centroids, cut where the dendrogram
    shows its largest jump for a count in `groups`; returns cluster label -> group (0.. by decreasing size).

    The largest jump is where merging further would join clearly different jobs; the silhouette, flat on
    diffuse interview talk, cannot tell 3 groups from 7 there."""
    from scipy.cluster.hierarchy import fcluster, linkage

    cents = centroids(vectors, labels)
    everything = sorted(cents)
    if len(everything) <= groups[0]:
        return {k: i for i, k in enumerate(everything)}
    # A core job is a big job: a small, odd cluster would otherwise stand alone as one (its centroid sits far
    # from the rest), so only clusters of a fair share are grouped and the small ones join the nearest group.
    size = {k: int(np.sum(labels == k)) for k in everything}
    keys = [k for k in everything if size[k] >= min_share * sum(size.values())]
    if len(keys) <= groups[0]:
        keys = everything
    table = np.stack([cents[k] for k in keys]).astype(np.float64)
    tree = linkage(table, method="ward")
    heights = tree[:, 2]
    counts = range(groups[0], min(groups[1], len(keys) - 1) + 1)
    # Cutting into k groups undoes the last k-1 merges; the jump is the height gap to the merge below them.
    best = max(counts, key=lambda k: (heights[-(k - 1)] - heights[-k], -k))
    cut = dict(zip(keys, fcluster(tree, t=best, criterion="maxclust").tolist(), strict=True))
    for k in everything:
        if k not in cut:
            cut[k] = cut[max(keys, key=lambda big: (float(cents[k] @ cents[big]), -big))]
    sizes: Counter[int] = Counter()
    for k, g in cut.items():
        sizes[g] += size[k]
    rank = {g: i for i, g in enumerate(sorted(sizes, key=lambda g: (-sizes[g], g)))}
    return {k: rank[cut[k]] for k in everything}


def whole_requests(job_talk: Sequence[bool], passages: Sequence[int]) -> np.ndarray:
    """Job talk per row, where a short passage (one request: "I lost my card. Can you block it?") is job talk as a
    whole when any of its sentences is: a request is not split between a job and no job."""
    talk = np.asarray(job_talk, bool).copy()
    for start, end in passage_bounds(passages):
        if end - start <= SHORT_TURN and talk[start:end].any():
            talk[start:end] = True
    return talk


def short_requests(passages: Sequence[int], texts: Sequence[str]) -> dict[int, str]:
    """The whole text of each passage of 2..SHORT_TURN rows (one request said in a few sentences), by passage:
    what is embedded once as the request's own vector (a single sentence already is one)."""
    return {
        int(passages[start]): " ".join(texts[start:end])
        for start, end in passage_bounds(passages)
        if 2 <= end - start <= SHORT_TURN
    }


def request_units(
    vectors: np.ndarray,
    passages: Sequence[int],
    talk: np.ndarray,
    requests: Mapping[int, np.ndarray] | None = None,
    *,
    smoothed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """What mining clusters: one vector per short passage of job talk (its whole request's embedding from
    `requests`, keyed by passage, else the mean of its sentences), and each job-talk sentence of a longer passage
    read with its neighbours (`smoothed`: the rows' `passage_vectors`, if computed). Returns (unit vectors, each
    row's unit or -1 for a row that is not job talk).

    A short request is one point, not one copy per sentence: copies would spend each other's nearest-neighbour
    slots at similarity 1 and weigh a three-sentence request three times in the graph."""
    vectors = np.asarray(vectors, dtype=np.float32)
    smoothed = passage_vectors(vectors, passages) if smoothed is None else smoothed
    unit_of = np.full(len(vectors), UNASSIGNED, np.int64)
    rows: list[np.ndarray] = []
    for start, end in passage_bounds(passages):
        chosen = np.flatnonzero(talk[start:end]) + start
        if not len(chosen):
            continue
        if end - start <= SHORT_TURN:
            whole = requests.get(int(passages[start])) if requests else None
            unit_of[chosen] = len(rows)
            rows.append(smoothed[start] if whole is None else np.asarray(whole, dtype=np.float32))
        else:
            unit_of[chosen] = np.arange(len(rows), len(rows) + len(chosen))
            rows.extend(smoothed[chosen])
    units = np.stack(rows) if rows else np.zeros((0, vectors.shape[1] if vectors.ndim == 2 else 0), np.float32)
    return units, unit_of


def group_sums(groups: np.ndarray, vectors: np.ndarray, n_groups: int) -> np.ndarray:
    """The sum of the rows of `vectors` in each group 0..n_groups-1 (`groups`: one per row), each group's rows in
    their order (np.add.at sums them at several times the cost)."""
    out = np.zeros((n_groups, vectors.shape[1]), vectors.dtype)
    if len(groups):
        order = np.argsort(groups, kind="stable")
        present, starts = np.unique(groups[order], return_index=True)
        out[present] = np.add.reduceat(vectors[order], starts, axis=0)
    return out


def centre_conversations(units: np.ndarray, groups: np.ndarray, *, prior: int = CENTRE_PRIOR) -> np.ndarray:
    """Units less what their conversation says throughout, re-normalised: each unit minus its group's (interview's)
    mean, that mean shrunk towards the mean of all units as if the group had `prior` more units there. With one
    group nothing is taken away (the units come back as they are).

    A conversation keeps to its subject and its interviewer's framing, so a unit's nearest neighbours are mostly
    its own conversation's (the pypi interviews' job talk: 44% of each unit's 10 nearest are from its interview, 11%
    if interviews did not matter) and a job gathers one conversation's talk rather than a point several people make.
    Taking away what a conversation shares leaves what each of its points adds. A group's mean is its own units'
    (leaning on the mean of all only while it has few), so adding an interview hardly moves another's units."""
    units = np.asarray(units, dtype=np.float32)
    groups = np.asarray(groups)
    if len(units) == 0 or len(np.unique(groups)) < 2:
        return units
    _, group_of = np.unique(groups, return_inverse=True)
    sums = group_sums(group_of, units.astype(np.float64), int(group_of.max()) + 1)
    sizes = np.bincount(group_of)[:, None]
    means = (sums + prior * units.mean(axis=0, dtype=np.float64)) / (sizes + prior)
    out = units - means[group_of].astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    centred: np.ndarray = (out / np.maximum(norms, 1e-12)).astype(np.float32)
    return centred


def join_neighbours_jobs(
    units: np.ndarray, labels: np.ndarray, talk: np.ndarray, *, share: float, may_join: np.ndarray | None = None
) -> np.ndarray:
    """Labels per unit where a unit the job-talk classifier left out joins a job by its neighbourhood: when at
    least `share` of its READMIT_LOOK nearest units are job talk, it takes the job those neighbours hold most
    (by summed similarity). The classifier judges each sentence alone and misses plain struggles and requests
    ("My PIN isn't working.", "Why didn't my top-up work?"); a unit among job talk is job talk. Chit-chat sits
    among chit-chat ("Yeah, sure.", "Can you hear me?") and stays out. Job-talk units keep their labels
    (`labels`: -1 for every unit that is not job talk), so the jobs themselves are what the job talk made.

    A unit that joined counts as job talk for its own neighbours, round after round until none joins: a request
    the classifier left out together with its like ("Which countries do you operate in?") follows the ones that
    joined at its edge (Banking77's train split, 12 test-sized samples: unassigned 1.5% -> 1.1%, NMI +0.0015, no
    sample worse; the pypi interviews' jobs did not change). Only units in `may_join` (default: all) join: one that
    may not stays out and does not count as job talk for its neighbours."""
    from pipelines.clustering import knn

    talk = np.asarray(talk, bool).copy()
    out = np.asarray(labels, np.int64).copy()
    if share <= 0 or talk.all() or not talk.any() or len(units) < 2:
        return out
    asked = ~talk if may_join is None else ~talk & np.asarray(may_join, bool)
    if not asked.any():
        return out
    sims, ids = knn(units, READMIT_LOOK, asked=asked)  # only a unit out of the job talk may join one
    while True:
        joined: dict[int, int] = {}
        for unit in np.flatnonzero(asked & ~talk & (talk[ids].mean(axis=1) >= share)).tolist():
            votes: dict[int, float] = {}
            for neighbour, similarity in zip(ids[unit].tolist(), sims[unit].tolist(), strict=True):
                if talk[neighbour] and out[neighbour] >= 0:
                    votes[int(out[neighbour])] = votes.get(int(out[neighbour]), 0.0) + float(similarity)
            if votes:
                joined[unit] = max(votes, key=lambda label: (votes[label], -label))
        if not joined:
            return out
        # A round decides on the neighbourhoods as they were before it, so the order of units does not matter.
        for unit, label in joined.items():
            out[unit], talk[unit] = label, True


def join_close_jobs(units: np.ndarray, labels: np.ndarray, talk: np.ndarray) -> np.ndarray:
    """Labels per unit where a unit in no job joins the job with the nearest centroid when it is no far member of
    it: its similarity to the centroid is not below the job-talk members' median by more than FAR_Z robust
    standard deviations, the clusterer's own rule for a member that is far off (`clustering.member_floors`).
    Centroids and floors come from the job-talk units alone (`talk`), so the jobs are what the job talk made.
    Only for crisp jobs (see `build_tree`): "Hi, thanks" sits far below every job's members there."""
    out = np.asarray(labels, np.int64).copy()
    floors = member_floors(units[talk], out[talk], FAR_Z)
    left = np.flatnonzero(out < 0)
    if not floors or not len(left):
        return out
    keys = np.array(sorted(floors), np.int64)
    sims = units[left] @ np.stack([floors[int(k)][0] for k in keys]).T
    best = np.argmax(sims, axis=1)
    close = sims[np.arange(len(left)), best] >= np.array([floors[int(k)][1] for k in keys])[best]
    out[left[close]] = keys[best[close]]
    return out


def build_tree(
    vectors: np.ndarray,
    passages: Sequence[int],
    job_talk: Sequence[bool] | None = None,
    requests: Mapping[int, np.ndarray] | None = None,
    *,
    readmit: float = READMIT_SHARE,
    conversations: Sequence[int] | None = None,
    goals: Sequence[bool] | None = None,
    people: Sequence[str] | None = None,
    wants: Sequence[bool] | None = None,
) -> JobTree:
    """Jobs and their core jobs from the rows that are job talk (all rows by default), each read in its passage
    of all rows (in order; `requests`: the whole-request vector of short passages, by passage); a left-out unit
    among job talk then joins its neighbours' job (`join_neighbours_jobs`, when at least `readmit` of its
    neighbours are job talk; 0 turns it off), and where jobs are crisp, one close to a job (`join_close_jobs`);
    other rows, and every row of a tiny corpus, stay unassigned. `conversations` (one id per row, e.g. its
    interview): the units clustered and grouped into core jobs lose what their conversation shares
    (`centre_conversations`). `goals` (one flag per row: it says what its speaker wants done): in a project of fewer
    conversations than a job's least size, a unit that voices a goal and was left in no job is clustered again with
    its group kept as a job, however small (`voiced_goals`); there a row that voices a goal is job talk whatever the
    classifier said of it; and a job that holds goals said as wants (`wants`: one flag per row) by several people
    (`people`: who said each row) that are not one goal is split, each person's goal a job of its own
    (`own_goals`)."""
    talk = np.ones(len(vectors), bool) if job_talk is None else whole_requests(job_talk, passages)
    if goals is not None and few_conversations(conversations, talk, least=detail_clusterer().min_cluster_size):
        # A goal said in a sentence of its own ("What I wanted, really, was to stop being the person who chases.":
        # three school-trip interviews) may read to the classifier as history or an aside; in a few interviews
        # each goal is a job's own talk, so it is clustered with the rest, and the jobs' statements may read it.
        talk = talk | whole_requests(goals, passages)
    detail = np.full(len(vectors), UNASSIGNED, np.int64)
    if talk.sum() < 10:
        return JobTree(detail)
    smoothed = passage_vectors(vectors, passages)
    units, unit_of = request_units(vectors, passages, talk, requests, smoothed=smoothed)
    if conversations is not None:
        conversation = np.zeros(len(units), np.int64)
        conversation[unit_of[talk]] = np.asarray(conversations, np.int64)[talk]  # a unit's rows share a passage
        units = centre_conversations(units, conversation)
    clusterer = detail_clusterer(len(units))
    labels = clusterer.fit(units)
    voiced = (
        None if goals is None else voiced_goals(goals, talk, unit_of, conversations, least=clusterer.min_cluster_size)
    )
    if voiced is not None and (voiced & (labels < 0)).any():
        # Only the goals left in no job hold their groups: a goal already in a job keeps the partition as it was
        # (three meal-planning interviews: one held as well regrouped its job's talk around old meal kits).
        labels = clusterer.fit(units, keep=voiced & (labels < 0))
    if voiced is not None and people is not None and wants is not None:
        flags = np.asarray(wants, bool) & talk
        labels = own_goals(units, labels, unit_of, flags, people, vectors, same=SAME_GOAL)
    detail[talk] = labels[unit_of[talk]]
    core_of = group_clusters(units, labels)
    if readmit > 0 and not talk.all():
        every, unit_of_every = request_units(
            vectors, passages, np.ones(len(vectors), bool), requests, smoothed=smoothed
        )
        every_talk = np.zeros(len(every), bool)
        every_talk[unit_of_every[talk]] = True
        every_labels = np.full(len(every), UNASSIGNED, np.int64)
        every_labels[unit_of_every[talk]] = detail[talk]
        # Only a whole short turn may join: inside a long answer, a sentence read with its neighbours always sits
        # among job talk, and the classifier's word on it (an aside, history, a fragment) stands. Nor does it count
        # as job talk for its neighbours: where little is chit-chat (three short switch interviews), such sentences
        # joining one round took "You're welcome." and "Happy to help." into a job the next.
        short = np.zeros(len(vectors), bool)
        for start, end in passage_bounds(passages):
            short[start:end] = end - start <= SHORT_TURN
        may_join = np.zeros(len(every), bool)
        may_join[unit_of_every[short]] = True
        joined = join_neighbours_jobs(every, every_labels, every_talk, share=readmit, may_join=may_join)
        # Where jobs are crisp (their silhouette clears MIN_STRUCTURE), a turn no farther from a job than its own
        # members is one of them, whatever its neighbours are; diffuse interview talk makes loose jobs that would
        # take in any aside, so there only the neighbourhood speaks.
        if (clusterer.silhouette_ or 0.0) >= MIN_STRUCTURE:
            joined = join_close_jobs(every, joined, every_talk)
        chosen = ~talk & short
        detail[chosen] = joined[unit_of_every[chosen]]
    return JobTree(detail, core_of)


def few_conversations(conversations: Sequence[int] | None, talk: np.ndarray, *, least: int) -> bool:
    """Whether the job talk's conversations (one when None) are fewer than `least`, the size a job's group of units
    must reach: too few for several people to make a point alike as often as a job takes."""
    people = len(np.unique(np.asarray(conversations)[talk])) if conversations is not None else 1
    return people < least


def voiced_goals(
    goals: Sequence[bool], talk: np.ndarray, unit_of: np.ndarray, conversations: Sequence[int] | None, *, least: int
) -> np.ndarray | None:
    """The units that voice a goal (a row of theirs in `goals`), where the rows' conversations (one when None) are
    fewer than `least`, the size a job's group of units must reach; else None.

    A job is a point several people make: in a larger project its talk gathers `least` units. A few interviews
    hold a goal one or two people say once, with a sentence or two around it: "I needed to let every owner know
    the moment we're running late, so they can wait at home" (three clinic interviews) sat in a group of four
    units and in no job, while the project's jobs said no goal. There a group that voices a goal is a job."""
    flags = np.asarray(goals, bool) & talk
    if not few_conversations(conversations, talk, least=least) or not flags.any():
        return None
    out = np.zeros(int(unit_of.max()) + 1, bool)
    out[unit_of[flags]] = True
    return out


def own_goals(
    units: np.ndarray,
    labels: np.ndarray,
    unit_of: np.ndarray,
    goals: np.ndarray,
    people: Sequence[str],
    vectors: np.ndarray,
    *,
    same: float,
) -> np.ndarray:
    """Labels per unit where a job holding goals (`goals`: the rows that voice one, in the units `unit_of` gives)
    of several people (`people`: who said each row) that are not one goal is split: people two of whose goal sentences
    are at least `same` close (cosine of `vectors`) go together, directly or through another, and each such group
    takes its people's units of the job; a unit of someone who voices no goal there goes with the group whose
    units are closest on average. The group with the most units keeps the label, each other one is a new job.

    In a few interviews a job is what one person set out to do, told with the talk around it: three lettings
    interviews held a tenant's "I want it written down somewhere that I reported it" in her landlord's job "I wanted
    to be able to see every open repair in one place", so the tenant's goal was no job. People who share a goal
    ("I wanted to decide the week's dinners once", "I want to plan a week of dinners ahead of time") stay one job;
    one person's several goals are left as the clusterer found them."""
    out = np.asarray(labels, np.int64).copy()
    person_ids = {p: k for k, p in enumerate(sorted(set(people)))}
    person = np.array([person_ids[p] for p in people], np.int64)
    unit_person = np.full(len(units), -1, np.int64)
    said = np.flatnonzero(unit_of >= 0)
    unit_person[unit_of[said]] = person[said]
    rows = np.flatnonzero(goals & (unit_of >= 0))
    rows = rows[out[unit_of[rows]] >= 0]
    fresh = int(out.max()) + 1 if len(out) else 0
    for label in sorted(set(out[unit_of[rows]].tolist())):
        mine = rows[out[unit_of[rows]] == label]
        who = sorted(set(person[mine].tolist()))
        if len(who) < 2:
            continue
        root = {p: p for p in who}
        close = vectors[mine] @ vectors[mine].T
        for i, j in zip(*np.nonzero(close >= same), strict=True):
            a, b = _group(root, int(person[mine[i]])), _group(root, int(person[mine[j]]))
            if a != b:
                root[max(a, b)] = min(a, b)
        groups = sorted({_group(root, p) for p in who})
        if len(groups) < 2:
            continue
        job = np.flatnonzero(out == label)
        group_of = np.array([_group(root, p) if p in root else -1 for p in unit_person[job].tolist()], np.int64)
        centres = np.stack([units[job[group_of == g]].mean(axis=0) for g in groups])
        rest = group_of < 0
        if rest.any():
            group_of[rest] = np.asarray(groups)[np.argmax(units[job[rest]] @ centres.T, axis=1)]
        sizes = {g: int((group_of == g).sum()) for g in groups}
        keeper = min(groups, key=lambda g: (-sizes[g], g))
        for g in groups:
            if g != keeper:
                out[job[group_of == g]] = fresh
                fresh += 1
    return out


def _group(root: dict[int, int], person: int) -> int:
    """The person a group of people linked in `root` (each one's link, a group's first person its own) goes by."""
    while root[person] != person:
        person = root[person]
    return person


def stable_keys(
    old: Mapping[int, set[int]],
    labels: np.ndarray,
    ids: Sequence[int] | np.ndarray,
    *,
    min_overlap: float,
    pinned: Mapping[int, int] | None = None,
) -> np.ndarray:
    """Per row, the id of the old job a new cluster continues (member overlap), or a negative placeholder
    (-(label + 2)) for a new job; UNASSIGNED stays -1. Pinned rows (id -> job id, a researcher's move) are
    kept in their job whatever the clustering says."""
    mapping = match_clusters(dict(old), members(labels, ids), min_score=min_overlap) if old else {}
    key_of = {label: mapping.get(label, -(label + 2)) for label in set(np.asarray(labels).tolist()) - {UNASSIGNED}}
    final = np.array([key_of[lab] if lab >= 0 else UNASSIGNED for lab in np.asarray(labels).tolist()], np.int64)
    for row, uid in enumerate(np.asarray(ids).tolist()):
        if pinned and uid in pinned:
            final[row] = pinned[uid]
    return final
