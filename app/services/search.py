"""Semantic search over a project's customer utterances."""

from __future__ import annotations

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.runtime import Runtime
from app.schemas.search import SearchHit, SearchResults
from app.services import projects as project_service
from models import Interview, Job, JobUtterance, Speaker, Turn, Utterance

CONTEXT_CHARS = 240


def _allowed_ids(
    *,
    session: Session,
    project_id: int,
    role: str | None,
    segment: str | None,
    industry: str | None,
    interview_id: int | None,
    job_id: int | None = None,
) -> np.ndarray | None:
    if not any((role, segment, industry, interview_id, job_id)):
        return None
    query = select(Utterance.id).where(Utterance.project_id == project_id)
    if role:
        query = query.where(Utterance.role == role)
    if interview_id is not None:
        query = query.where(Utterance.interview_id == interview_id)
    if job_id is not None:
        # The job's quotes; a core job's are its own and those of its jobs. A job of another project has none here.
        jobs = select(Job.id).where(Job.project_id == project_id, or_(Job.id == job_id, Job.parent_id == job_id))
        members = select(JobUtterance.utterance_id).where(JobUtterance.job_id.in_(jobs))
        query = query.where(Utterance.id.in_(members))
    if segment or industry:
        query = query.join(Interview, Interview.id == Utterance.interview_id)
        if segment:
            query = query.where(Interview.segment == segment)
        if industry:
            query = query.where(Interview.industry == industry)
    return np.fromiter(session.scalars(query), dtype=np.int64)


def job_choices(*, session: Session, project_id: int) -> list[dict]:
    """The live jobs a search can be narrowed to, light (no quotes read): id, title, level and parent_id."""
    rows = session.execute(
        select(Job.id, Job.title, Job.level, Job.parent_id)
        .where(Job.project_id == project_id, Job.status.not_in(("rejected", "merged")))
        .order_by(Job.id)
    ).all()
    return [{"id": r.id, "title": r.title, "level": r.level, "parent_id": r.parent_id} for r in rows]


def _clip_end(text: str) -> str:
    text = text.strip()
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[-CONTEXT_CHARS:]
    return "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut


def _clip_start(text: str) -> str:
    text = text.strip()
    if len(text) <= CONTEXT_CHARS:
        return text
    cut = text[:CONTEXT_CHARS]
    return (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"


def _context(session: Session, utterance: Utterance) -> tuple[str, str]:
    """Text around the hit: the rest of its turn, or the neighbouring turns (often the interviewer's question)."""
    turn = utterance.turn
    offset = turn.text.find(utterance.verbatim_text)
    before = turn.text[:offset] if offset > 0 else ""
    after = turn.text[offset + len(utterance.verbatim_text) :] if offset >= 0 else ""
    if not before.strip():
        previous = session.execute(
            select(Turn.text, Speaker.name, Speaker.label)
            .join(Speaker, Speaker.id == Turn.speaker_id)
            .where(Turn.interview_id == turn.interview_id, Turn.position == turn.position - 1)
        ).first()
        if previous:
            before = f"{previous.name or previous.label}: {previous.text}"
    if not after.strip():
        following = session.execute(
            select(Turn.text, Speaker.name, Speaker.label)
            .join(Speaker, Speaker.id == Turn.speaker_id)
            .where(Turn.interview_id == turn.interview_id, Turn.position == turn.position + 1)
        ).first()
        if following:
            after = f"{following.name or following.label}: {following.text}"
    return _clip_end(before), _clip_start(after)


def search(
    *,
    session: Session,
    runtime: Runtime,
    project_id: int,
    query: str,
    k: int = 10,
    role: str | None = None,
    segment: str | None = None,
    industry: str | None = None,
    interview_id: int | None = None,
    job_id: int | None = None,
) -> SearchResults:
    """The project's utterances closest in meaning to QUERY, best first, within the filters given: the speaker's
    role, the interview's segment or industry, one interview, or one job (a core job: with its jobs)."""
    project_service.get(session=session, project_id=project_id)
    query = query.strip()
    if not query:
        raise InvalidInput("empty_query", "The search query is empty.")
    index = runtime.index_store.get(session=session, project_id=project_id)
    if index is None:
        return SearchResults(query=query, hits=[])
    allowed = _allowed_ids(
        session=session,
        project_id=project_id,
        role=role,
        segment=segment,
        industry=industry,
        interview_id=interview_id,
        job_id=job_id,
    )
    if allowed is not None and len(allowed) == 0:
        return SearchResults(query=query, hits=[])
    vector = runtime.embedder_for(index.model).embed([query])  # the model the index's vectors came from
    results = index.search(vector, k, allowed_ids=allowed)[0]
    rows = {u.id: u for u in session.scalars(select(Utterance).where(Utterance.id.in_([r.id for r in results])))}
    hits = []
    for result in results:
        utterance = rows.get(result.id)
        if utterance is None:  # deleted after the index snapshot was taken
            continue
        before, after = _context(session, utterance)
        hits.append(
            SearchHit(
                utterance_id=utterance.id,
                text=utterance.display_text,
                verbatim=utterance.verbatim_text,
                score=round(float(result.score), 4),
                interview_id=utterance.interview_id,
                interview_title=utterance.interview.title,
                speaker=utterance.speaker.name or utterance.speaker.label,
                role=utterance.role,
                start=utterance.start,
                end=utterance.end,
                context_before=before,
                context_after=after,
            )
        )
    return SearchResults(query=query, hits=hits)
