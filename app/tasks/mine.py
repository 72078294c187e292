"""The `mine` task: cluster a project's job talk into jobs and core jobs, keep ids and edits, describe both levels.

Reads in one short transaction, computes outside any transaction (so progress reports never wait on a lock), then
writes in one short transaction. Mining is a function of the stored rows: what reacts to JobsMined (the phrase
refresh) runs as a task of its own, queued in the saving transaction."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from app.db import session_scope
from app.events import JobsMined, publish
from app.runtime import Runtime
from app.services import jobs as job_service
from app.services import visuals
from app.services.index import decode_embedding
from app.services.job_descriptions import describe
from app.stages import MINE
from app.tasks import project_of
from app.worker_api import Reporter
from models import Task

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.stages import StageReporter
    from pipelines.hierarchy import JobTree
    from pipelines.job_keys import LevelKeys
    from pipelines.statements import EvidenceUtterance

FOLD_ROUNDS = 3


def run(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Mine the task's project; progress follows app/stages.py's MINE plan."""
    from threadpoolctl import threadpool_limits

    from pipelines.clustering import text_phrases
    from pipelines.hierarchy import build_tree
    from pipelines.job_keys import level_keys

    project_id = project_of(task)
    stages = MINE.reporter(report)
    stages("loading")
    _classify_job_talk(runtime, project_id)
    with session_scope(runtime.session_factory) as session:
        mined = job_service.load_mining_input(session=session, project_id=project_id)

    stages("clustering")
    # Every customer sentence gives context to its neighbours; a short turn is one request; only job talk forms jobs.
    # A short request is one point: the embedding of its whole text, stored on its turn at ingest (Banking77's
    # train split: NMI +0.018 over the mean of its sentences; job ids as stable: see hierarchy.detail_clusterer).
    # What one interview says throughout (its subject, its interviewer's framing) is taken out before clustering, so
    # jobs gather points several conversations make (see hierarchy.centre_conversations).
    conversations = [e.interview_id for e in mined.evidence]
    # One BLAS thread throughout: each product is small (a k-NN cell's rows against its 8 nearest cells' ~2,500, a
    # job's centroid, its quotes, one person's rows against their goals), and a second BLAS thread only spins: at
    # 100k utterances on two shared cores the statements stage took 66 s of CPU in 46 s on the clock, and the k-NN
    # cells' products ran 4x slower in CPU and on the clock than on one thread (the same products, bit for bit).
    with threadpool_limits(limits=1):
        # A goal someone says in a small project is a job however little talk surrounds it (`voiced_goals`).
        goals = ["motivation" in s.kinds for s in mined.signals]
        people = [e.speaker or str(e.interview_id) for e in mined.evidence]
        tree = build_tree(
            mined.vectors,
            mined.passages,
            mined.job_talk,
            mined.requests,
            conversations=conversations,
            goals=goals,
            people=people,
            wants=[s.wants for s in mined.signals],
        )
        phrases = text_phrases(mined.texts)  # the keywords' words, read once for every description
        if job_service.one_voice(mined):
            tree = _fold_topics(runtime, mined, tree, phrases)
        keys = level_keys(
            tree, mined.ids, old=mined.old, pinned=mined.pinned, min_overlap=job_service.MATCH_MIN_OVERLAP
        )
        keys, described = _describe_levels(runtime, mined, keys, stages, phrases)

    stages("saving")
    with session_scope(runtime.session_factory) as session:
        job_service.save_mined(session=session, project_id=project_id, mined=mined, keys=keys, described=described)
        publish(session=session, event=JobsMined(project_id=project_id))
    with session_scope(runtime.session_factory) as session:  # the jobs page's map, so its first view computes none
        visuals.precompute(session=session, project_id=project_id, directory=runtime.settings.index_dir)


def _fold_topics(runtime: Runtime, mined: job_service.MiningInput, tree: JobTree, phrases: list[list[str]]) -> JobTree:
    """One person's talk has no shared jobs to find, only that person's: there a cluster in which nothing says what
    they set out to do (no statement with a goal: none at all, or only a situation such as "When PyPI goes down")
    is not a job. It joins the nearest job of its core job that has a goal ("Take a list of links", "Write code":
    12 of 22 jobs of one pypi interview); in a core job with no goal, the job whose goal that person says in the
    same or an adjacent turn of theirs as its situation (`_tied`); else it leaves the jobs (`_without_goal`). Done
    on the clusters, before they are matched to the jobs of the last run, so ids stay stable."""
    from pipelines.hierarchy import JobTree
    from pipelines.job_keys import fold_into_siblings

    # A job that took a topic in may lose its statement (its goal no longer among its central talk): again then.
    for _ in range(FOLD_ROUNDS):
        found = _describe(runtime, mined, tree.detail, phrases=phrases)
        tied = _tied(mined.evidence, tree, found)
        detail = tree.detail.copy()
        for label, goal in tied.items():
            detail[tree.detail == label] = goal
        joined = JobTree(detail, {k: v for k, v in tree.core_of.items() if k not in tied})
        rest = {label: job for label, job in found.items() if label not in tied}
        folded = fold_into_siblings(joined, _topics(joined, rest), mined.vectors)
        if np.array_equal(folded.detail, tree.detail):
            break
        tree = folded
    else:
        found = _describe(runtime, mined, tree.detail, phrases=phrases)
    return _without_goal(tree, found)


def _tied(evidence: Sequence[EvidenceUtterance], tree: JobTree, found: dict[int, dict]) -> dict[int, int]:
    """The clusters with no goal in a core job with none (the others join a sibling: `_topics`) whose situation (a
    statement's "when") is said in the same turn as the goal of another cluster's lead statement, or in the turn of
    the same person before or after it, each with that cluster (the nearest turn, then the most such pairs): a
    situation told beside what that person wants done is the context of that job, not a job of its own."""
    turn: dict[int, tuple[int, str, int]] = {}  # utterance id -> (interview, person, the turn's place among theirs)
    seen: dict[tuple[int, str], dict[int, int]] = {}
    for e in evidence:
        if e.passage >= 0:
            theirs = seen.setdefault((e.interview_id, e.speaker), {})
            turn[e.id] = (e.interview_id, e.speaker, theirs.setdefault(e.passage, len(theirs)))

    def said(rows: list[dict]) -> list[tuple[int, str, int]]:
        return [turn[r["utterance_id"]] for r in rows if r["utterance_id"] in turn]

    goals: dict[int, list[tuple[int, str, int]]] = {}
    for label, job in found.items():
        lead = next((c for c in job["candidates"] if c["want"]), None)
        if lead is not None:
            goals[label] = said(lead["evidence"].get("want", []))
    with_goal = {tree.core_of.get(label) for label in goals}
    tied: dict[int, int] = {}
    for label, job in found.items():
        if label in goals or tree.core_of.get(label) in with_goal:
            continue
        situations = [t for c in job["candidates"] for t in said(c["evidence"].get("when", []))]
        ties = []
        for goal, where in goals.items():
            gaps = [abs(a[2] - b[2]) for a in situations for b in where if a[:2] == b[:2] and abs(a[2] - b[2]) <= 1]
            if gaps:
                ties.append((min(gaps), -len(gaps), goal))
        if ties:
            tied[label] = min(ties)[2]
    return tied


def _without_goal(tree: JobTree, found: dict[int, dict]) -> JobTree:
    """One person's clusters in which nothing says a goal, left in no job when others say one: a situation or topic
    of that conversation tied to no job ("When I sit on the board", "Sell the infrastructure": ticket sales), which
    stays in the transcript and in search. When no cluster says a goal, those that say a situation stay, flagged
    as jobs without a goal (their statements miss it), and the others leave, unless none says anything."""
    from pipelines.hierarchy import JobTree
    from pipelines.types import UNASSIGNED

    goals = [label for label, job in found.items() if any(c["want"] for c in job["candidates"])]
    said = [label for label, job in found.items() if job["candidates"]]
    kept = goals or said or list(found)
    if len(kept) == len(found):
        return tree
    detail = tree.detail.copy()
    detail[~np.isin(detail, kept) & (detail != UNASSIGNED)] = UNASSIGNED
    return JobTree(detail, {k: v for k, v in tree.core_of.items() if k in kept})


def _topics(tree: JobTree, found: dict[int, dict]) -> list[int]:
    """The clusters that are topics: those with no goal under a core job that has one, else those with no statement
    (a core job in which nothing says a goal keeps its situations, "When I don't have an SLA")."""
    goals = {label for label, job in found.items() if any(c["want"] for c in job["candidates"])}
    with_goal = {tree.core_of.get(label) for label in goals}
    topics = [
        label
        for label, job in found.items()
        if label not in goals and (tree.core_of.get(label) in with_goal or not job["candidates"])
    ]
    # A core job in which nothing says a goal or a situation is one topic, not several ("Write the new one",
    # "Participate on a volunteer basis": one interview's story): its largest cluster takes the others in.
    sizes = Counter(tree.detail.tolist())
    by_core: dict[int, list[int]] = {}
    for label in found:
        by_core.setdefault(tree.core_of.get(label, -1), []).append(label)
    for labels in by_core.values():
        if set(labels) <= set(topics):
            topics.remove(max(labels, key=lambda label: (sizes[label], -label)))
    return topics


def _describe_levels(
    runtime: Runtime, mined: job_service.MiningInput, keys: LevelKeys, stages: StageReporter, phrases: list[list[str]]
) -> tuple[LevelKeys, dict[str, dict[int, dict]]]:
    """Keywords, quotes, statements and titles of the jobs of both levels, by job key; and the keys, the jobs that
    say no goal and are their people's context moved into those people's goal jobs (`_context`)."""
    from pipelines.job_keys import dense

    # The jobs first: a core job is named by the progress its jobs share, in words none of their titles says.
    stages("describing")

    def embed(texts: Sequence[str]) -> np.ndarray:
        """The sentence model, loaded at its first use in a worker (the titles chosen by fit)."""
        return np.asarray(runtime.embedder.embed(texts), dtype=np.float32)

    described = {"detail": _describe(runtime, mined, keys.of("detail"), phrases=phrases, embed=embed)}
    told = _context(described["detail"], mined, keys)
    own = keys  # each job's own talk, which describes it
    if not np.array_equal(told, keys.detail):
        # Described again without the context: a title chosen by fit is read against the other jobs' talk.
        own = keys.without(set(keys.detail[told != keys.detail].tolist()))
        described["detail"] = _describe(runtime, mined, own.of("detail"), phrases=phrases, embed=embed)
        keys = keys.moved(told)
    detail_keys, detail_rows = dense(own.of("detail"))
    below = {n: described["detail"][int(key)] for n, key in enumerate(detail_keys)}
    stages("naming")
    # The core level's few large jobs are described in this process: four jobs of tens of thousands of rows each
    # make an uneven share, and forked they took 7.6-8.6 s of CPU at 100k against 3.9 s alone.
    described["core"] = _describe(
        runtime,
        mined,
        own.of("core"),
        parts=detail_rows,
        phrases=phrases,
        below=below,
        processes=1,
        embed=embed,
    )
    if own is not keys:
        described = {
            level: _with_context(found, mined, own.of(level), keys.of(level)) for level, found in described.items()
        }
    return keys, described


def _with_context(found: dict[int, dict], mined: job_service.MiningInput, own: np.ndarray, keys: np.ndarray) -> dict:
    """The jobs of one level (`found`, by key) with the rows told as their context (in no job by `own`, in one by
    `keys`) among their members, each with its closeness to the job's centre. A job is described by its own talk
    (title, statement, keywords, centre, quotes): the context its people told around it is not what it is, but it
    is theirs to read on its page, and its pushes, habits and anxieties count among its forces."""
    moved = np.flatnonzero(own != keys)
    out = dict(found)
    for key in sorted(set(keys[moved].tolist())):
        job, rows = found[key], moved[keys[moved] == key].tolist()
        told = [(int(mined.ids[r]), float(mined.vectors[r] @ job["centroid"])) for r in rows]
        out[key] = {**job, "members": [*job["members"], *told]}
    return out


def _context(found: dict[int, dict], mined: job_service.MiningInput, keys: LevelKeys) -> np.ndarray:
    """Each row's detail key, the jobs in which nothing says a goal that their people told as the context of their
    own goals (who they are, what pushed them, their habits and worries: `job_keys.told_as_context`) moved into
    those goals' jobs (in a project of a few interviews, every such job). A job the researcher touched (edited,
    approved, rejected, or moved an utterance into) stays."""
    from pipelines.hierarchy import detail_clusterer
    from pipelines.job_keys import told_as_context
    from pipelines.types import UNASSIGNED

    goals = [key for key, job in found.items() if any(c["want"] for c in job["candidates"])]
    kept = set(mined.pinned["detail"].values()) | {k for k, job in mined.jobs.items() if not job_service.untouched(job)}
    silent = [key for key in found if key not in goals and key not in kept]
    people = [e.speaker or str(e.interview_id) for e in mined.evidence]
    # A row voices the goal of the goal job whose statement reads one in it (its own job first, then the lowest
    # key: a goal said in a turn that sits in another job, "Every payment with a name and a match against it."),
    # else, where its signals say one, its own job's.
    reads: dict[int, set[int]] = {}
    for key in goals:
        for c in found[key]["candidates"]:
            for e in c["evidence"].get("want", []):
                reads.setdefault(int(e["utterance_id"]), set()).add(key)
    voiced = []
    for s, uid, key in zip(mined.signals, mined.ids.tolist(), keys.detail.tolist(), strict=True):
        jobs = reads.get(int(uid), set())
        voiced.append(key if key in jobs or (not jobs and "motivation" in s.kinds) else min(jobs, default=UNASSIGNED))
    return told_as_context(
        keys.detail,
        mined.vectors,
        people,
        mined.passages,
        goals=goals,
        silent=silent,
        voiced=voiced,
        conversations=[e.interview_id for e in mined.evidence],
        least=detail_clusterer().min_cluster_size,
    )


def _describe(
    runtime: Runtime,
    mined: job_service.MiningInput,
    labels: np.ndarray,
    *,
    processes: int | None = None,
    **options,
) -> dict[int, dict]:
    """Keywords, quotes, statements and a title for each job of one level, by its label (`labels`: one per row), in
    `processes` processes (default: VERBATIM_MINE_PROCESSES, at most one per usable core)."""
    from app.forked import usable_cores
    from pipelines.job_keys import dense

    order, rows = dense(labels)
    found = describe(
        runtime,
        mined.vectors,
        rows,
        len(order),
        ids=mined.ids,
        evidence=mined.evidence,
        signals=mined.signals,
        texts=mined.texts,
        processes=processes or min(runtime.settings.mine_processes, usable_cores()),
        **options,
    )
    return {label: found[n] for n, label in enumerate(order)}


def _classify_job_talk(runtime: Runtime, project_id: int) -> None:
    """Decide job talk for customer utterances stored before the classifier existed (job_talk is NULL)."""
    from pipelines.jobtalk import default_classifier

    with session_scope(runtime.session_factory) as session:
        rows = job_service.unclassified_job_talk(session=session, project_id=project_id)
    if not rows:
        return
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows])
    flags = default_classifier(runtime.embedder).classify([r.display_text for r in rows], vectors)
    with session_scope(runtime.session_factory) as session:
        job_service.mark_job_talk(session=session, flags={r.id: bool(f) for r, f in zip(rows, flags, strict=True)})
