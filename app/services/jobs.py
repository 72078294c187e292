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
from app.worker_api import Reporter
from models import Interview, Job, JobUtterance, Task, Utterance, UtteranceSignal

log = logging.getLogger(__name__)

# Interviews are long-form talk: one modularity resolution gives the handful of broad jobs a researcher reads
# (15 on the ten pypi interviews); the silhouette sweep over finer resolutions, right for Banking77's 77 short
# intents, splits interview talk into ~100 topics that are neither readable nor stable.
MINING_RESOLUTIONS = (1.0,)
# Member overlap needed for a new cluster to continue an old job (Hungarian, one-to-one): measured on the pypi
# interviews, 0.1 keeps 14 of 15 job ids when two interviews are added, 0.3 only 13.
MATCH_MIN_OVERLAP = 0.1
ASSIGN_MIN_SIMILARITY = 0.55  # a new utterance joins an existing job only when it is this close to its centroid


def _customer_rows(session: Session, project_id: int):  # type: ignore[no-untyped-def]
    return session.execute(
        select(Utterance.id, Utterance.interview_id, Utterance.display_text, Utterance.embedding)
        .where(Utterance.project_id == project_id, Utterance.role == "customer", Utterance.embedding.is_not(None))
        .order_by(Utterance.id)
    ).all()


def _signals_for(session: Session, utterance_ids: builtins.list[int], texts: dict[int, str]):  # type: ignore[no-untyped-def]
    from pipelines.jtbd import Signal, Signals

    found: dict[int, builtins.list[Signal]] = defaultdict(builtins.list)
    for row in session.scalars(select(UtteranceSignal).where(UtteranceSignal.utterance_id.in_(utterance_ids))):
        found[row.utterance_id].append(Signal(row.kind, row.text, row.start_char, row.end_char))  # type: ignore[arg-type]
    return [Signals(texts[u], tuple(sorted(found[u], key=lambda s: s.start_char))) for u in utterance_ids]


def _statement_dict(candidate, by_id: dict[int, tuple[str, int, float | None]]) -> dict:  # type: ignore[no-untyped-def]
    def evidence(slot) -> builtins.list[dict]:  # type: ignore[no-untyped-def]
        return [
            {"utterance_id": uid, "text": by_id[uid][0], "interview_id": by_id[uid][1], "start": by_id[uid][2]}
            for uid in slot.evidence
            if uid in by_id
        ]

    return {
        "text": candidate.text,
        "when": candidate.when.text,
        "want": candidate.want.text,
        "so": candidate.so.text,
        "missing": builtins.list(candidate.missing),
        "score": round(float(candidate.score), 4),
        "evidence": {"when": evidence(candidate.when), "want": evidence(candidate.want), "so": evidence(candidate.so)},
    }


def mine(runtime: Runtime, task: Task, report: Reporter) -> None:
    """The `mine` task: cluster, keep ids and edits, label, pick quotes and build statements.

    Reads in one short transaction, computes outside any transaction (so progress reports never wait on a lock),
    then writes in one short transaction."""
    from pipelines.clustering import GraphClusterer, label_clusters, match_clusters, members, representative_indices
    from pipelines.statements import EvidenceUtterance, build_statements

    project_id = task.project_id
    report("loading", 0.05)
    with session_scope(runtime.session_factory) as session:
        project_service.get(session=session, project_id=project_id)
        rows = _customer_rows(session, project_id)
        ids = np.array([r.id for r in rows], dtype=np.int64)
        texts = {r.id: r.display_text for r in rows}
        interviews = {r.id: r.interview_id for r in rows}
        starts = dict(
            session.execute(select(Utterance.id, Utterance.start).where(Utterance.project_id == project_id)).all()
        )
        signals = dict(zip(ids.tolist(), _signals_for(session, ids.tolist(), texts), strict=True))
        jobs = {
            j.id: (j.title_source, j.statement_source, j.status, j.mining_run)
            for j in session.scalars(select(Job).where(Job.project_id == project_id, Job.status != "merged"))
        }
        memberships = session.execute(
            select(JobUtterance.job_id, JobUtterance.utterance_id, JobUtterance.source).where(
                JobUtterance.job_id.in_(builtins.list(jobs))
            )
        ).all()
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows]) if rows else np.zeros((0, 384), np.float32)

    report("clustering", 0.15)
    labels = (
        GraphClusterer(resolutions=MINING_RESOLUTIONS).fit(vectors)
        if len(rows) >= 10
        else np.full(len(rows), -1, np.int64)
    )
    old: dict[int, set[int]] = defaultdict(set)
    pinned: dict[int, int] = {}  # utterance id -> job id chosen by a researcher
    for job_id, utterance_id, source in memberships:
        old[job_id].add(utterance_id)
        if source == "user":
            pinned[utterance_id] = job_id
    mapping = match_clusters(dict(old), members(labels, ids), min_score=MATCH_MIN_OVERLAP) if old else {}
    # Keys: existing job ids for jobs that persist, negative placeholders for new ones.
    key_of = {label: mapping.get(label, -(label + 2)) for label in set(labels.tolist()) - {-1}}
    final = np.array([key_of[lab] if lab >= 0 else UNASSIGNED_KEY for lab in labels.tolist()], dtype=np.int64)
    for row, uid in enumerate(ids.tolist()):
        if uid in pinned and pinned[uid] in jobs:
            final[row] = pinned[uid]
    keys = sorted(set(final.tolist()) - {UNASSIGNED_KEY})
    # label_clusters and representative_indices want labels >= 0: index the keys.
    dense = np.array([keys.index(k) if k != UNASSIGNED_KEY else -1 for k in final.tolist()], dtype=np.int64)

    report("labelling", 0.4)
    phrases_of = label_clusters([texts[u] for u in ids.tolist()], dense) if keys else {}
    groups = [str(interviews[u]) for u in ids.tolist()]
    results: dict[int, dict] = {}
    for n, key in enumerate(keys):
        rows_in = np.flatnonzero(dense == n)
        centroid = vectors[rows_in].mean(axis=0)
        centroid = centroid / (np.linalg.norm(centroid) or 1.0)
        member_ids = [int(ids[i]) for i in rows_in]
        evidence = [EvidenceUtterance(u, texts[u], interviews[u], starts.get(u)) for u in member_ids]
        candidates = build_statements(
            evidence, [signals[u] for u in member_ids], centrality=(vectors[rows_in] @ centroid).tolist()
        )
        candidates = polish(candidates, settings=runtime.settings, evidence={e.id: e for e in evidence})
        info = {u: (texts[u], interviews[u], starts.get(u)) for u in member_ids}
        results[key] = {
            "centroid": centroid,
            "members": [(u, float(vectors[i] @ centroid)) for u, i in zip(member_ids, rows_in, strict=True)],
            "keywords": phrases_of.get(n, [])[:5],
            "quotes": [int(ids[i]) for i in representative_indices(vectors, dense, n, groups=groups, n=3)],
            "candidates": [_statement_dict(c, info) for c in candidates],
        }
        report("statements", 0.4 + 0.5 * (n + 1) / len(keys))

    report("saving", 0.95)
    run = max((j[3] for j in jobs.values()), default=0) + 1
    with session_scope(runtime.session_factory) as session:
        session.execute(
            delete(JobUtterance).where(JobUtterance.job_id.in_(builtins.list(jobs)), JobUtterance.source == "auto")
        )
        for job_id, (title_source, statement_source, status, _) in jobs.items():
            # Jobs the researcher touched stay even when the data no longer forms them; the others go.
            untouched = title_source == "auto" and statement_source == "auto" and status == "proposed"
            if job_id not in results and untouched:
                session.execute(delete(Job).where(Job.id == job_id))
        for key in keys:
            result = results[key]
            job = session.get(Job, key) if key > 0 else None
            if job is None:
                job = Job(
                    project_id=project_id, title="", status="proposed", title_source="auto", statement_source="auto"
                )
                session.add(job)
                session.flush()
            job.mining_run = run
            job.centroid = encode_embedding(result["centroid"])
            job.keywords = result["keywords"]
            if job.title_source == "auto":
                job.title = ", ".join(result["keywords"][:3]) or "unlabelled job"
            job.quote_ids = result["quotes"]
            job.candidates = result["candidates"]
            if job.statement_source == "auto":
                job.statement = result["candidates"][0] if result["candidates"] else None
            session.add_all(
                JobUtterance(job_id=job.id, utterance_id=uid, source="auto", similarity=similarity)
                for uid, similarity in result["members"]
                if uid not in pinned
            )
        project_service.bump_jobs_version(session=session, project_id=project_id)
        session.flush()
        messaging.refresh_phrases(session=session, project_id=project_id)  # in the worker, not on the feed's read


UNASSIGNED_KEY = -1


def polish(candidates: builtins.list, *, settings: Settings, evidence: dict) -> builtins.list:  # type: ignore[type-arg]
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
    """Put one new interview's customer utterances into existing jobs without re-clustering; returns how many."""
    from pipelines.clustering import assign_to_clusters

    jobs = session.execute(
        select(Job.id, Job.centroid).where(
            Job.project_id == project_id, Job.status.in_(["proposed", "approved"]), Job.centroid.is_not(None)
        )
    ).all()
    if not jobs:
        return 0
    rows = session.execute(
        select(Utterance.id, Utterance.embedding).where(
            Utterance.interview_id == interview_id, Utterance.role == "customer", Utterance.embedding.is_not(None)
        )
    ).all()
    if not rows:
        return 0
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows])
    centroids = {j.id: decode_embedding(j.centroid) for j in jobs}
    assigned = assign_to_clusters(vectors, centroids, min_similarity=ASSIGN_MIN_SIMILARITY)
    session.add_all(
        JobUtterance(
            job_id=int(job_id), utterance_id=r.id, source="auto", similarity=float(vectors[i] @ centroids[int(job_id)])
        )
        for i, (r, job_id) in enumerate(zip(rows, assigned.tolist(), strict=True))
        if job_id >= 0
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


def _members(session: Session, job_ids: builtins.list[int]):  # type: ignore[no-untyped-def]
    return session.execute(
        select(
            JobUtterance.job_id,
            Utterance.id,
            Utterance.interview_id,
            Utterance.speaker_id,
            Interview.segment,
            Interview.industry,
            Interview.participant_role,
        )
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Interview, Interview.id == Utterance.interview_id)
        .where(JobUtterance.job_id.in_(job_ids))
    ).all()


def read(*, session: Session, jobs: builtins.list[Job]) -> builtins.list[dict]:
    """Jobs as API bodies: support counted distinct, breakdowns, statement, candidates and quotes."""
    rows = _members(session, [j.id for j in jobs])
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
                "status": job.status,
                "keywords": job.keywords or [],
                "support": {
                    "interviews": len(interviews),
                    "customers": len({(m.interview_id, m.speaker_id) for m in members}),
                    "utterances": len(members),
                },
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


def list(*, session: Session, project_id: int, include_rejected: bool = True) -> builtins.list[dict]:
    project_service.get(session=session, project_id=project_id)
    query = select(Job).where(Job.project_id == project_id, Job.status != "merged")
    if not include_rejected:
        query = query.where(Job.status != "rejected")
    jobs = read(session=session, jobs=builtins.list(session.scalars(query.order_by(Job.id))))
    return sorted(jobs, key=lambda j: (-j["support"]["interviews"], -j["support"]["utterances"], j["id"]))


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


def merge(*, session: Session, job_id: int, other_ids: builtins.list[int]) -> Job:
    """Merge other jobs into this one: their utterances move here (kept by re-mining), they are marked merged."""
    target = get(session=session, job_id=job_id)
    for other_id in other_ids:
        other = get(session=session, job_id=other_id)
        if other.project_id != target.project_id or other.id == target.id:
            raise InvalidInput("invalid_merge", f"Job {other_id} cannot be merged into job {job_id}.")
        for membership in session.scalars(select(JobUtterance).where(JobUtterance.job_id == other_id)).all():
            session.delete(membership)
            session.flush()
            session.merge(
                JobUtterance(
                    job_id=target.id,
                    utterance_id=membership.utterance_id,
                    source="user",
                    similarity=membership.similarity,
                )
            )
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
    session.execute(delete(JobUtterance).where(JobUtterance.utterance_id == utterance_id))
    session.add(JobUtterance(job_id=job_id, utterance_id=utterance_id, source="user", similarity=0.0))
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
    for job in jobs:
        if job["status"] == "rejected":
            continue
        support = job["support"]
        lines += [
            f"## {job['title']} ({job['status']})",
            "",
            f"Support: {support['interviews']} interviews, {support['customers']} customers, "
            f"{support['utterances']} utterances.",
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
        if job["quotes"]:
            lines.append("Quotes:")
            lines += [f"> “{q['text']}” (interview {q['interview_id']})" for q in job["quotes"]]
            lines.append("")
    return "\n".join(lines)


def report_csv(jobs: builtins.list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "job_id",
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
