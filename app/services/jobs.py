"""Jobs: mine a project's customer utterances into recurring jobs with evidence-backed job statements.

Mining is stable: a job that persists across runs keeps its id (member overlap, Hungarian matching); researcher
edits survive (a user label or statement, approve/reject status, utterances moved by hand)."""

from __future__ import annotations

import builtins
import csv
import io
import logging
from collections import Counter, defaultdict

import numpy as np
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.db import session_scope
from app.errors import InvalidInput, NotFound
from app.runtime import Runtime
from app.services import messaging
from app.services import projects as project_service
from app.services.index import decode_embedding, encode_embedding
from app.worker_api import Reporter, TaskError
from models import Interview, Job, JobUtterance, Speaker, Task, Utterance, UtteranceSignal
from pipelines.phrasing import person_key

log = logging.getLogger(__name__)

# Member overlap needed for a new cluster to continue an old job (Hungarian, one-to-one): measured on the pypi
# interviews, 0.1 keeps 14 of 15 job ids when two interviews are added, 0.3 only 13.
MATCH_MIN_OVERLAP = 0.1
ASSIGN_MIN_SIMILARITY = 0.55  # a new utterance joins an existing job only when it is this close to its centroid
LEVELS = ("core", "detail")
_JOB_KINDS = frozenset({"motivation", "outcome", "success", "pain", "push", "pull"})


def _customer_rows(session: Session, project_id: int):
    """The project's minable utterances: customers' own words (no quoted material), in interview order."""
    return session.execute(
        select(
            Utterance.id,
            Utterance.interview_id,
            Utterance.turn_id,
            Utterance.display_text,
            Utterance.embedding,
            Utterance.job_talk,
            Utterance.start,
            Speaker.name,
            Speaker.label,
        )
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .where(
            Utterance.project_id == project_id,
            Utterance.role == "customer",
            Utterance.quoted.is_(False),
            Utterance.embedding.is_not(None),
        )
        .order_by(Utterance.id)
    ).all()


def _signals_for(session: Session, utterance_ids: builtins.list[int], texts: dict[int, str]):
    from pipelines.jtbd import Signal, Signals

    found: dict[int, builtins.list[Signal]] = defaultdict(builtins.list)
    for chunk in range(0, len(utterance_ids), 20_000):
        ids = utterance_ids[chunk : chunk + 20_000]
        for row in session.scalars(select(UtteranceSignal).where(UtteranceSignal.utterance_id.in_(ids))):
            found[row.utterance_id].append(Signal(row.kind, row.text, row.start_char, row.end_char))  # type: ignore[arg-type]
    return [Signals(texts[u], tuple(sorted(found[u], key=lambda s: s.start_char))) for u in utterance_ids]


def _statement_dict(candidate, by_id: dict[int, tuple[str, int, float | None]]) -> dict:
    from pipelines.statements import slot_is_grounded

    def evidence(slot) -> builtins.list[dict]:
        return [
            {"utterance_id": uid, "text": by_id[uid][0], "interview_id": by_id[uid][1], "start": by_id[uid][2]}
            for uid in slot.evidence
            if uid in by_id
        ]

    texts = {uid: value[0] for uid, value in by_id.items()}
    return {
        "text": candidate.text,
        "when": candidate.when.text,
        "want": candidate.want.text,
        "so": candidate.so.text,
        "missing": builtins.list(candidate.missing),
        "score": round(float(candidate.score), 4),
        "generated": True,
        "grounded": all(slot_is_grounded(candidate.slot(n), texts) for n in ("when", "want", "so")),
        "evidence": {"when": evidence(candidate.when), "want": evidence(candidate.want), "so": evidence(candidate.so)},
    }


def _describe(
    runtime: Runtime,
    vectors: np.ndarray,
    dense: np.ndarray,
    n_keys: int,
    *,
    ids: np.ndarray,
    evidence: builtins.list,
    signals: builtins.list,
    texts: builtins.list[str],
) -> dict[int, dict]:
    """Keywords, quotes, ranked statements and a title for each job of one level (labels 0..n_keys-1)."""
    from pipelines.clustering import label_clusters, representative_indices
    from pipelines.statements import build_statements
    from pipelines.titles import job_title

    keywords = label_clusters(texts, dense) if n_keys else {}
    groups = [str(e.interview_id) for e in evidence]
    out: dict[int, dict] = {}
    for n in range(n_keys):
        rows_in = np.flatnonzero(dense == n)
        centroid = vectors[rows_in].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        centrality = (vectors[rows_in] @ centroid).tolist()
        members = [evidence[i] for i in rows_in]
        # A goal voiced far from what the job's talk is about is another job's: never the statement of this one.
        candidates = build_statements(
            members,
            [signals[i] for i in rows_in],
            centrality=centrality,
            min_centrality=float(np.quantile(centrality, 0.3)),
        )
        candidates = polish(candidates, settings=runtime.settings, evidence={e.id: e for e in members})
        info = {e.id: (e.text, e.interview_id, e.start) for e in members}
        # Title candidates: the most central quotes, those that voice a goal, outcome or struggle a little ahead.
        order = np.argsort(-np.asarray(centrality), kind="stable")[:40]
        central = [
            (
                texts[rows_in[k]],
                centrality[k] + (0.05 if any(sig.kind in _JOB_KINDS for sig in signals[rows_in[k]]) else 0),
            )
            for k in order
        ]
        closeness = {int(ids[i]): c for i, c in zip(rows_in, centrality, strict=True)}
        out[n] = {
            "centroid": centroid,
            "members": [(int(ids[i]), float(vectors[i] @ centroid)) for i in rows_in],
            "keywords": keywords.get(n, [])[:5],
            "quotes": [int(ids[i]) for i in representative_indices(vectors, dense, n, groups=groups, n=3)],
            "candidates": [_statement_dict(c, info) for c in candidates],
            "title": job_title(candidates, central, keywords.get(n, [])[:5], closeness),
        }
    return out


def _dense(keys_per_row: np.ndarray) -> tuple[builtins.list[int], np.ndarray]:
    """Job keys in order and each row's index into them (-1 for rows in no job)."""
    keys = sorted(set(keys_per_row.tolist()) - {UNASSIGNED_KEY})
    index = {k: i for i, k in enumerate(keys)}
    return keys, np.array([index.get(k, -1) for k in keys_per_row.tolist()], dtype=np.int64)


def _majority(values: builtins.list[int]) -> int:
    counts = Counter(v for v in values if v != UNASSIGNED_KEY)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else UNASSIGNED_KEY


def mine(runtime: Runtime, task: Task, report: Reporter) -> None:
    """The `mine` task: cluster job talk into jobs and core jobs, keep ids and edits, describe and save both levels.

    Reads in one short transaction, computes outside any transaction (so progress reports never wait on a lock),
    then writes in one short transaction."""
    from pipelines.hierarchy import build_tree, stable_keys
    from pipelines.statements import EvidenceUtterance

    project_id = task.project_id
    if project_id is None:
        raise TaskError("a mine task names no project")
    report("loading", 0.05)
    _classify_job_talk(runtime, project_id)
    with session_scope(runtime.session_factory) as session:
        project_service.get(session=session, project_id=project_id)
        rows = _customer_rows(session, project_id)
        ids = np.array([r.id for r in rows], dtype=np.int64)
        texts = {r.id: r.display_text for r in rows}
        signals = dict(zip(ids.tolist(), _signals_for(session, ids.tolist(), texts), strict=True))
        jobs = {
            j.id: (j.title_source, j.statement_source, j.status, j.mining_run, j.level)
            for j in session.scalars(select(Job).where(Job.project_id == project_id, Job.status != "merged"))
        }
        memberships = session.execute(
            select(JobUtterance.job_id, JobUtterance.utterance_id, JobUtterance.source).where(
                JobUtterance.job_id.in_(builtins.list(jobs))
            )
        ).all()
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows]) if rows else np.zeros((0, 384), np.float32)
    evidence = [
        EvidenceUtterance(
            r.id,
            r.display_text,
            r.interview_id,
            r.start,
            speaker=person_key(r.name, r.label, r.interview_id),
            passage=r.turn_id,
        )
        for r in rows
    ]

    report("clustering", 0.15)
    # Every customer sentence gives context to its neighbours; only job talk forms jobs.
    tree = build_tree(vectors, [r.turn_id for r in rows], [bool(r.job_talk) for r in rows])
    old: dict[str, dict[int, set[int]]] = {level: defaultdict(set) for level in LEVELS}
    pinned: dict[str, dict[int, int]] = {level: {} for level in LEVELS}
    for job_id, utterance_id, source in memberships:
        level = jobs[job_id][4]
        old[level][job_id].add(utterance_id)
        if source == "user":
            pinned[level][utterance_id] = job_id
    detail_keys = stable_keys(old["detail"], tree.detail, ids, min_overlap=MATCH_MIN_OVERLAP, pinned=pinned["detail"])
    # A job's core job is the one most of its rows were grouped into; rows moved by hand follow their job.
    core_rows = tree.core()
    core_of_key = {
        key: _majority(core_rows[detail_keys == key].tolist()) for key in set(detail_keys.tolist()) - {UNASSIGNED_KEY}
    }
    core_labels = np.array([core_of_key.get(k, UNASSIGNED_KEY) for k in detail_keys.tolist()], dtype=np.int64)
    core_keys = stable_keys(old["core"], core_labels, ids, min_overlap=MATCH_MIN_OVERLAP, pinned=pinned["core"])
    parent_of = {key: _majority(core_keys[detail_keys == key].tolist()) for key in core_of_key}

    described: dict[str, dict[int, dict]] = {}
    level_keys: dict[str, builtins.list[int]] = {}
    texts_in_order = [texts[u] for u in ids.tolist()]
    for step, (level, per_row) in enumerate((("core", core_keys), ("detail", detail_keys))):
        report("labelling" if level == "core" else "statements", 0.3 + 0.3 * step)
        keys, dense = _dense(per_row)
        level_keys[level] = keys
        found = _describe(
            runtime,
            vectors,
            dense,
            len(keys),
            ids=ids,
            evidence=evidence,
            signals=[signals[u] for u in ids.tolist()],
            texts=texts_in_order,
        )
        described[level] = {key: found[n] for n, key in enumerate(keys)}

    report("saving", 0.95)
    run = max((j[3] for j in jobs.values()), default=0) + 1
    with session_scope(runtime.session_factory) as session:
        session.execute(
            delete(JobUtterance).where(JobUtterance.job_id.in_(builtins.list(jobs)), JobUtterance.source == "auto")
        )
        for job_id, (title_source, statement_source, status, _, level) in jobs.items():
            # Jobs the researcher touched stay even when the data no longer forms them; the others go.
            untouched = title_source == "auto" and statement_source == "auto" and status == "proposed"
            if job_id not in described[level] and untouched:
                session.execute(delete(Job).where(Job.id == job_id))
        saved: dict[tuple[str, int], Job] = {}
        for level in LEVELS:
            for key in level_keys[level]:
                saved[(level, key)] = _save_job(
                    session, project_id, key, level, described[level][key], run, pinned=pinned[level]
                )
        for key in level_keys["detail"]:
            parent = saved.get(("core", parent_of.get(key, UNASSIGNED_KEY)))
            saved[("detail", key)].parent_id = parent.id if parent is not None else None
        project_service.bump_jobs_version(session=session, project_id=project_id)
        session.flush()
        messaging.refresh_phrases(session=session, project_id=project_id)  # in the worker, not on the feed's read


def _classify_job_talk(runtime: Runtime, project_id: int) -> None:
    """Decide job talk for customer utterances stored before the classifier existed (job_talk is NULL)."""
    from sqlalchemy import update

    from pipelines.jobtalk import default_classifier

    with session_scope(runtime.session_factory) as session:
        rows = [r for r in _customer_rows(session, project_id) if r.job_talk is None]
    if not rows:
        return
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows])
    flags = default_classifier(runtime.embedder).classify([r.display_text for r in rows], vectors)
    with session_scope(runtime.session_factory) as session:
        for flag in (True, False):
            ids = [r.id for r, f in zip(rows, flags, strict=True) if bool(f) == flag]
            for chunk in range(0, len(ids), 10_000):
                session.execute(
                    update(Utterance).where(Utterance.id.in_(ids[chunk : chunk + 10_000])).values(job_talk=flag)
                )


def _save_job(
    session: Session, project_id: int, key: int, level: str, result: dict, run: int, *, pinned: dict[int, int]
) -> Job:
    """Create or update one mined job and its automatic memberships."""
    job = session.get(Job, key) if key > 0 else None
    if job is None:
        job = Job(project_id=project_id, title="", status="proposed", title_source="auto", statement_source="auto")
        session.add(job)
        session.flush()
    job.level = level
    job.mining_run = run
    job.centroid = encode_embedding(result["centroid"])
    job.keywords = result["keywords"]
    if job.title_source == "auto":
        job.title = result["title"] or (
            "Jobs around " + ", ".join(result["keywords"][:3]) if result["keywords"] else "Untitled job"
        )
    job.quote_ids = result["quotes"]
    job.candidates = result["candidates"]
    if job.statement_source == "auto":
        job.statement = result["candidates"][0] if result["candidates"] else None
    session.add_all(
        JobUtterance(job_id=job.id, utterance_id=uid, source="auto", similarity=similarity)
        for uid, similarity in result["members"]
        if uid not in pinned
    )
    return job


UNASSIGNED_KEY = -1


def polish(candidates: builtins.list, *, settings: Settings, evidence: dict) -> builtins.list:
    """Let the optional LLM fix the statements' grammar; the rewriter keeps provenance and rejects added facts."""
    if not settings.llm_base_url:
        return candidates
    from pipelines.rewriter import rewrite_statement

    return [
        rewrite_statement(
            candidate,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key,
            model=settings.llm_model,
            timeout=settings.llm_timeout,
            evidence=evidence,
        )
        for candidate in candidates
    ]


def assign_interview(*, session: Session, project_id: int, interview_id: int) -> int:
    """Put one new interview's job talk into existing jobs (and so their core jobs) without re-clustering."""
    from pipelines.clustering import assign_to_clusters

    jobs = session.execute(
        select(Job.id, Job.centroid, Job.parent_id).where(
            Job.project_id == project_id,
            Job.level == "detail",
            Job.status.in_(["proposed", "approved"]),
            Job.centroid.is_not(None),
        )
    ).all()
    if not jobs:
        return 0
    rows = session.execute(
        select(Utterance.id, Utterance.embedding).where(
            Utterance.interview_id == interview_id,
            Utterance.role == "customer",
            Utterance.quoted.is_(False),
            Utterance.job_talk.is_(True),
            Utterance.embedding.is_not(None),
        )
    ).all()
    if not rows:
        return 0
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows])
    centroids = {j.id: decode_embedding(j.centroid) for j in jobs}
    parents = {j.id: j.parent_id for j in jobs}
    assigned = assign_to_clusters(vectors, centroids, min_similarity=ASSIGN_MIN_SIMILARITY)
    for i, (r, job_id) in enumerate(zip(rows, assigned.tolist(), strict=True)):
        if job_id < 0:
            continue
        similarity = float(vectors[i] @ centroids[int(job_id)])
        session.add(JobUtterance(job_id=int(job_id), utterance_id=r.id, source="auto", similarity=similarity))
        if parents[int(job_id)] is not None:
            session.add(
                JobUtterance(job_id=parents[int(job_id)], utterance_id=r.id, source="auto", similarity=similarity)
            )
    project_service.bump_jobs_version(session=session, project_id=project_id)
    session.flush()
    return int((assigned >= 0).sum())


# --------------------------------------------------------------------------- reading and editing


def get(*, session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("job", job_id)
    return job


def _members(session: Session, job_ids: builtins.list[int]):
    return session.execute(
        select(
            JobUtterance.job_id,
            Utterance.id,
            Utterance.interview_id,
            Utterance.speaker_id,
            Speaker.name,
            Speaker.label,
            Interview.segment,
            Interview.industry,
            Interview.participant_role,
        )
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Interview, Interview.id == Utterance.interview_id)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .where(JobUtterance.job_id.in_(job_ids))
    ).all()


def _forces(session: Session, job_ids: builtins.list[int]) -> dict[int, dict[str, set[str]]]:
    """Per job, the people who voice each force of progress (push, pull, anxiety, habit)."""
    from pipelines.jtbd import FORCE_KINDS

    rows = session.execute(
        select(JobUtterance.job_id, UtteranceSignal.kind, Utterance.interview_id, Speaker.name, Speaker.label)
        .join(UtteranceSignal, UtteranceSignal.utterance_id == JobUtterance.utterance_id)
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .where(JobUtterance.job_id.in_(job_ids), UtteranceSignal.kind.in_(FORCE_KINDS))
    ).all()
    out: dict[int, dict[str, set[str]]] = defaultdict(lambda: {kind: set() for kind in FORCE_KINDS})
    for row in rows:
        out[row.job_id][row.kind].add(person_key(row.name, row.label, row.interview_id))
    return out


def read(*, session: Session, jobs: builtins.list[Job]) -> builtins.list[dict]:
    """Jobs as API bodies: support counted distinct, breakdowns, statement, candidates and quotes."""
    from pipelines.jtbd import FORCE_KINDS

    rows = _members(session, [j.id for j in jobs])
    forces = _forces(session, [j.id for j in jobs])
    by_job = defaultdict(builtins.list)
    for row in rows:
        by_job[row.job_id].append(row)
    quote_ids = {q for j in jobs for q in (j.quote_ids or [])}
    quotes = {u.id: u for u in session.scalars(select(Utterance).where(Utterance.id.in_(quote_ids)))}
    learned = {}
    for project_id in {j.project_id for j in jobs}:
        learned.update(messaging.job_performance(session=session, project_id=project_id))
    out = []
    for job in jobs:
        members = by_job[job.id]
        interviews = {m.interview_id for m in members}

        def breakdown(attribute: str) -> dict[str, int]:
            seen = {(getattr(m, attribute) or "unknown", m.interview_id) for m in members}  # noqa: B023
            return dict(Counter(value for value, _ in seen))

        out.append(
            {
                "id": job.id,
                "title": job.title,
                "level": job.level,
                "parent_id": job.parent_id,
                "status": job.status,
                "keywords": job.keywords or [],
                "support": {
                    "interviews": len(interviews),
                    "customers": len({(m.interview_id, m.speaker_id) for m in members}),
                    "people": len({person_key(m.name, m.label, m.interview_id) for m in members}),
                    "utterances": len(members),
                },
                "forces": {kind: len(forces[job.id][kind]) if job.id in forces else 0 for kind in FORCE_KINDS},
                "breakdown": {
                    "segment": breakdown("segment"),
                    "industry": breakdown("industry"),
                    "role": breakdown("participant_role"),
                },
                "statement": job.statement,
                "candidates": job.candidates or [],
                "quotes": [
                    {
                        "utterance_id": q,
                        "text": quotes[q].display_text,
                        "verbatim": quotes[q].verbatim_text,
                        "interview_id": quotes[q].interview_id,
                        "start": quotes[q].start,
                    }
                    for q in job.quote_ids or []
                    if q in quotes
                ],
                "merged_into_id": job.merged_into_id,
                "performance": learned.get(job.id, {"tests_run": 0, "wins": 0, "mean_lift": None}),
            }
        )
    return out


def list(
    *, session: Session, project_id: int, include_rejected: bool = True, level: str | None = None
) -> builtins.list[dict]:
    """The project's jobs, most voiced first; one level ('core' or 'detail') or both."""
    project_service.get(session=session, project_id=project_id)
    query = select(Job).where(Job.project_id == project_id, Job.status != "merged")
    if level is not None:
        query = query.where(Job.level == level)
    if not include_rejected:
        query = query.where(Job.status != "rejected")
    jobs = read(session=session, jobs=builtins.list(session.scalars(query.order_by(Job.id))))
    return sorted(jobs, key=lambda j: (-j["support"]["interviews"], -j["support"]["utterances"], j["id"]))


def why_no_jobs(*, session: Session, project_id: int) -> str:
    """A plain reason a project has no jobs yet."""
    from sqlalchemy import func

    counts = dict(
        session.execute(
            select(Utterance.job_talk, func.count())
            .where(Utterance.project_id == project_id, Utterance.role == "customer", Utterance.quoted.is_(False))
            .group_by(Utterance.job_talk)
        ).all()
    )
    if not sum(counts.values()):
        return "No customer talk to mine: upload interviews, or mark which speakers are customers."
    if not session.scalar(select(Job.id).where(Job.project_id == project_id).limit(1)) and not session.scalar(
        select(Task.id).where(Task.project_id == project_id, Task.kind == "mine", Task.status == "done").limit(1)
    ):
        return "Not mined yet: start mining to find jobs."
    talk = counts.get(True, 0) + counts.get(None, 0)
    return (
        f"Too little evidence for a job: {talk} of {sum(counts.values())} customer sentences talk about a job, "
        "and a job needs at least five that say the same thing. Add interviews and mine again."
    )


def update(*, session: Session, job_id: int, changes: dict) -> Job:
    job = get(session=session, job_id=job_id)
    if changes.get("title"):
        job.title, job.title_source = changes["title"].strip(), "user"
    if changes.get("status") and changes["status"] != job.status:
        job.status = changes["status"]
        project_service.bump_jobs_version(session=session, project_id=job.project_id)
    if changes.get("candidate") is not None:
        index = changes["candidate"]
        if not 0 <= index < len(job.candidates or []):
            raise InvalidInput("invalid_candidate", f"Job {job_id} has no candidate {index}.")
        job.statement, job.statement_source = job.candidates[index], "user"
    if changes.get("statement_text"):
        statement = dict(job.statement or {"when": "", "want": "", "so": "", "evidence": {}, "missing": []})
        statement["text"] = changes["statement_text"].strip()
        job.statement, job.statement_source = statement, "user"
    session.flush()
    return job


def _pin(session: Session, job: Job, utterance_id: int, similarity: float = 0.0) -> None:
    """Put an utterance in a job by hand (re-mining keeps it there) and in that job's core job."""
    levels = [job.level] + (["core"] if job.level == "detail" else [])
    session.execute(
        delete(JobUtterance).where(
            JobUtterance.utterance_id == utterance_id,
            JobUtterance.job_id.in_(select(Job.id).where(Job.project_id == job.project_id, Job.level.in_(levels))),
        )
    )
    session.add(JobUtterance(job_id=job.id, utterance_id=utterance_id, source="user", similarity=similarity))
    if job.level == "detail" and job.parent_id is not None:
        session.add(JobUtterance(job_id=job.parent_id, utterance_id=utterance_id, source="auto", similarity=similarity))
    session.flush()


def merge(*, session: Session, job_id: int, other_ids: builtins.list[int]) -> Job:
    """Merge other jobs of the same level into this one: their utterances (and, for core jobs, their jobs) move
    here and stay on re-mining; the others are marked merged."""
    target = get(session=session, job_id=job_id)
    for other_id in other_ids:
        other = get(session=session, job_id=other_id)
        if other.project_id != target.project_id or other.id == target.id or other.level != target.level:
            raise InvalidInput(
                "invalid_merge",
                f"Job {other_id} cannot be merged into job {job_id}: merge jobs of one project and one level.",
            )
        for membership in session.scalars(select(JobUtterance).where(JobUtterance.job_id == other_id)).all():
            _pin(session, target, membership.utterance_id, membership.similarity)
        for child in session.scalars(select(Job).where(Job.parent_id == other.id)).all():
            child.parent_id = target.id
        other.status, other.merged_into_id = "merged", target.id
    project_service.bump_jobs_version(session=session, project_id=target.project_id)
    session.flush()
    return target


def move_utterance(*, session: Session, job_id: int, utterance_id: int) -> None:
    """Move an utterance into this job by hand; re-mining keeps it there."""
    job = get(session=session, job_id=job_id)
    utterance = session.get(Utterance, utterance_id)
    if utterance is None or utterance.project_id != job.project_id:
        raise NotFound("utterance", utterance_id)
    _pin(session, job, utterance_id)
    project_service.bump_jobs_version(session=session, project_id=job.project_id)
    session.flush()


def utterances(*, session: Session, job_id: int) -> builtins.list[dict]:
    get(session=session, job_id=job_id)
    rows = session.execute(
        select(Utterance, JobUtterance.similarity)
        .join(JobUtterance, JobUtterance.utterance_id == Utterance.id)
        .where(JobUtterance.job_id == job_id)
        .order_by(JobUtterance.similarity.desc(), Utterance.id)
    ).all()
    return [
        {
            "id": u.id,
            "text": u.display_text,
            "verbatim": u.verbatim_text,
            "interview_id": u.interview_id,
            "speaker": u.speaker.name or u.speaker.label,
            "start": u.start,
            "similarity": round(sim, 4),
        }
        for u, sim in rows
    ]


def report_markdown(jobs: builtins.list[dict], project_name: str, won: builtins.list[dict] | None = None) -> str:
    lines = [f"# Jobs to be done: {project_name}", ""]
    if won:
        lines += ["## Customer words that won", ""]
        for w in won:
            lift = f"{w['lift']:+.0%} over the control" if w["lift"] is not None else "the control held"
            words = "; ".join(f"“{p['text']}” ({p['kind']})" for p in w["phrases"])
            lines.append(
                f"- **{w['text']}**: {lift} in “{w['test']}”" + (f"; customer words: {words}" if words else "")
            )
        lines.append("")
    live = [j for j in jobs if j["status"] != "rejected"]
    cores = [j for j in live if j["level"] == "core"]
    children = {c["id"]: [j for j in live if j["parent_id"] == c["id"]] for c in cores}
    loose = [j for j in live if j["level"] == "detail" and j["parent_id"] not in children]
    for core in cores:
        lines += _report_job(core, "##", "Core job")
        for job in children[core["id"]]:
            lines += _report_job(job, "###", "Job")
    for job in loose:
        lines += _report_job(job, "##", "Job")
    return "\n".join(lines)


def _report_job(job: dict, heading: str, kind: str) -> builtins.list[str]:
    """One job of the markdown report: title, support, forces, statement with its evidence, quotes."""
    support = job["support"]
    forces = ", ".join(f"{kind_} {n}" for kind_, n in job["forces"].items() if n)
    lines = [
        f"{heading} {job['title']} ({kind.lower()}, {job['status']})",
        "",
        f"Support: {support['people']} people, {support['interviews']} interviews, {support['utterances']} utterances."
        + (f" Forces (people voicing each): {forces}." if forces else ""),
        "",
    ]
    if job["statement"]:
        lines += [f"**{job['statement']['text']}**", ""]
        for slot in ("when", "want", "so"):
            for ev in job["statement"]["evidence"].get(slot, []):
                lines.append(f"- *{slot}*: “{ev['text']}” (interview {ev['interview_id']})")
        if job["statement"].get("missing"):
            lines.append(f"- no evidence for: {', '.join(job['statement']['missing'])}")
        lines.append("")
    else:
        lines += ["No coherent statement: no customer said a goal for this job in their own words.", ""]
    if job["quotes"]:
        lines.append("Quotes:")
        lines += [f"> “{q['text']}” (interview {q['interview_id']})" for q in job["quotes"]]
        lines.append("")
    return lines


def report_csv(jobs: builtins.list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "job_id",
            "level",
            "parent_id",
            "title",
            "status",
            "interviews",
            "customers",
            "utterances",
            "statement",
            "quote_1",
            "quote_2",
            "quote_3",
        ]
    )
    for job in jobs:
        quotes = [q["text"] for q in job["quotes"]][:3]
        writer.writerow(
            [
                job["id"],
                job["level"],
                job["parent_id"] or "",
                job["title"],
                job["status"],
                job["support"]["interviews"],
                job["support"]["customers"],
                job["support"]["utterances"],
                (job["statement"] or {}).get("text", ""),
                *quotes,
                *[""] * (3 - len(quotes)),
            ]
        )
    return buffer.getvalue()
