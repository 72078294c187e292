"""Semantic search over a project's customer utterances."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict

import numpy as np
from sqlalchemy import and_, bindparam, or_, select
from sqlalchemy.orm import Session, aliased

from app.errors import InvalidInput, NotFound
from app.runtime import Runtime
from app.schemas.search import SearchHit, SearchResults
from models import Interview, Job, JobUtterance, Project, Speaker, Turn, Utterance
from pipelines.embedding import Embedder
from pipelines.index import IdFilter
from pipelines.query_batch import QueryBatcher
from pipelines.types import SearchResult

CONTEXT_CHARS = 240


def _allowed_ids(
    *,
    session: Session,
    runtime: Runtime,
    project_id: int,
    version: int | None,
    role: str | None,
    segment: str | None,
    industry: str | None,
    interview_id: int | None,
    job_id: int | None = None,
) -> IdFilter | None:
    """The utterance ids the filters allow (None: no filter), from the project's in-memory search attributes."""
    if not any((role, segment, industry, interview_id, job_id)):
        return None
    attributes = runtime.index_store.attributes(session=session, project_id=project_id, version=version)
    if attributes is None:
        return IdFilter(np.zeros(0, dtype=np.int64))
    interviews = None
    if interview_id is not None:
        interviews = np.array([interview_id], dtype=np.int64)
    if segment or industry:
        # Segment and industry are edited on the interview at any time, so they are read now (a few rows).
        query = select(Interview.id).where(Interview.project_id == project_id)
        if segment:
            query = query.where(Interview.segment == segment)
        if industry:
            query = query.where(Interview.industry == industry)
        matching = np.fromiter(session.connection().execute(query).scalars(), dtype=np.int64)
        interviews = matching if interviews is None else np.intersect1d(interviews, matching)
    members = None
    if job_id is not None:
        members = _job_members(session=session, project_id=project_id, job_id=job_id, version=version)
    return attributes.id_filter(roles={role} if role else None, interviews=interviews, ids=members)


_members_cache: OrderedDict[tuple, np.ndarray] = OrderedDict()
_members_lock = threading.Lock()
_MEMBERS_CACHED = 64


def _job_members(*, session: Session, project_id: int, job_id: int, version: int | None) -> np.ndarray:
    """The job's quotes; a core job's are its own and those of its jobs; a job of another project has none here.
    Read once per version of the project's utterances and jobs (a core job of a large project has thousands)."""
    jobs_version = session.scalar(select(Project.jobs_version).where(Project.id == project_id))
    key = (str(session.get_bind().engine.url), project_id, job_id, version, jobs_version)
    with _members_lock:
        cached = _members_cache.get(key)
        if cached is not None:
            _members_cache.move_to_end(key)
            return cached
    jobs = select(Job.id).where(Job.project_id == project_id, or_(Job.id == job_id, Job.parent_id == job_id))
    query = select(JobUtterance.utterance_id).where(JobUtterance.job_id.in_(jobs))
    members = np.unique(np.fromiter(session.scalars(query), dtype=np.int64))
    with _members_lock:
        _members_cache[key] = members
        while len(_members_cache) > _MEMBERS_CACHED:
            _members_cache.popitem(last=False)
    return members


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


_before_turn = aliased(Turn, name="before_turn")
_after_turn = aliased(Turn, name="after_turn")
_before_speaker = aliased(Speaker, name="before_speaker")
_after_speaker = aliased(Speaker, name="after_speaker")

# Built once: building the statement and its cache key cost twice what running it did (0.2 of 0.3 ms of CPU). The
# turns before and after each hit's own turn come in the same query (index lookups on ix_turns_interview_position):
# a second query for the ones needed cost 1.1 of the 1.5 ms of CPU the hits took at 1M rows.
_HIT_ROWS = (
    select(
        Utterance.id,
        Utterance.display_text,
        Utterance.verbatim_text,
        Utterance.interview_id,
        Utterance.role,
        Utterance.start,
        Utterance.end,
        Interview.title,
        Speaker.name,
        Speaker.label,
        Turn.text.label("turn_text"),
        _before_turn.text.label("before_text"),
        _before_speaker.name.label("before_name"),
        _before_speaker.label.label("before_label"),
        _after_turn.text.label("after_text"),
        _after_speaker.name.label("after_name"),
        _after_speaker.label.label("after_label"),
    )
    .join(Interview, Interview.id == Utterance.interview_id)
    .join(Speaker, Speaker.id == Utterance.speaker_id)
    .join(Turn, Turn.id == Utterance.turn_id)
    .outerjoin(
        _before_turn,
        and_(_before_turn.interview_id == Utterance.interview_id, _before_turn.position == Turn.position - 1),
    )
    .outerjoin(_before_speaker, _before_speaker.id == _before_turn.speaker_id)
    .outerjoin(
        _after_turn,
        and_(_after_turn.interview_id == Utterance.interview_id, _after_turn.position == Turn.position + 1),
    )
    .outerjoin(_after_speaker, _after_speaker.id == _after_turn.speaker_id)
    .where(Utterance.id.in_(bindparam("ids", expanding=True)))
)


def _hits(session: Session, results: list[SearchResult]) -> list[SearchHit]:
    """The hits in their order, read with one query: the utterances with their interview, speaker and turn, and the
    turns next to it, which stand in for the text around the utterance where its own turn holds no other text (often
    the interviewer's question)."""
    if not results:
        return []
    # On the session's connection (Core): the ORM's execution path cost ~0.1 ms more for the same rows.
    rows = {row.id: row for row in session.connection().execute(_HIT_ROWS, {"ids": [r.id for r in results]})}
    hits = []
    for result in results:
        row = rows.get(result.id)
        if row is None:  # deleted after the index snapshot was taken
            continue
        offset = row.turn_text.find(row.verbatim_text)
        before = row.turn_text[:offset] if offset > 0 else ""
        after = row.turn_text[offset + len(row.verbatim_text) :] if offset >= 0 else ""
        if not before.strip() and row.before_text is not None:
            before = f"{row.before_name or row.before_label}: {row.before_text}"
        if not after.strip() and row.after_text is not None:
            after = f"{row.after_name or row.after_label}: {row.after_text}"
        hits.append(
            SearchHit(
                utterance_id=row.id,
                text=row.display_text,
                verbatim=row.verbatim_text,
                score=round(float(result.score), 4),
                interview_id=row.interview_id,
                interview_title=row.title,
                speaker=row.name or row.label,
                role=row.role,
                start=row.start,
                end=row.end,
                context_before=_clip_end(before),
                context_after=_clip_start(after),
            )
        )
    return hits


# The project's index version, on the session's connection: loading the Project object cost 0.23 ms of CPU, this 0.1.
_INDEX_VERSION = select(Project.index_version).where(Project.id == bindparam("project_id"))


class QueryVectors:
    """Recently embedded queries per embedder, so that paging, a changed filter or a repeated search skips the model;
    the others are embedded together with concurrent searches' queries (pipelines.query_batch)."""

    def __init__(self, size: int = 1024):
        self.size = size
        # (id of the embedder, query) -> (the embedder, its vector); holding the embedder keeps its id unique.
        self._vectors: OrderedDict[tuple[int, str], tuple[Embedder, np.ndarray]] = OrderedDict()
        self._batchers: dict[int, tuple[Embedder, QueryBatcher]] = {}
        self._lock = threading.Lock()

    def get(self, embedder: Embedder, query: str) -> np.ndarray:
        key = (id(embedder), query)
        with self._lock:
            cached = self._vectors.get(key)
            if cached is not None and cached[0] is embedder:
                self._vectors.move_to_end(key)
                return cached[1]
            batcher = self._batchers.get(id(embedder))
            if batcher is None or batcher[0] is not embedder:
                batcher = self._batchers[id(embedder)] = (embedder, QueryBatcher(embedder.embed))
        vector = batcher[1].embed_one(query).reshape(1, -1)
        with self._lock:
            self._vectors[key] = (embedder, vector)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return vector

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


query_vectors = QueryVectors()


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
    timings: dict[str, float] | None = None,
) -> SearchResults:
    """The project's utterances closest in meaning to QUERY, best first, within the filters given: the speaker's
    role, the interview's segment or industry, one interview, or one job (a core job: with its jobs).

    timings, when given, receives the milliseconds spent embedding the query, filtering, searching the index and
    reading the hits from the database (the API reports them in a Server-Timing header).
    """
    clock = time.perf_counter()
    laps = timings if timings is not None else {}

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        laps[stage] = laps.get(stage, 0.0) + (now - clock) * 1000
        clock = now

    version = session.connection().execute(_INDEX_VERSION, {"project_id": project_id}).scalar()
    if version is None:
        raise NotFound("project", project_id)
    query = query.strip()
    if not query:
        raise InvalidInput("empty_query", "The search query is empty.")
    index = runtime.index_store.get(session=session, project_id=project_id, version=version)
    lap("index_load")
    if index is None:
        return SearchResults(query=query, hits=[])
    allowed = _allowed_ids(
        session=session,
        runtime=runtime,
        project_id=project_id,
        version=version,
        role=role,
        segment=segment,
        industry=industry,
        interview_id=interview_id,
        job_id=job_id,
    )
    lap("filter")
    if allowed is not None and len(allowed) == 0:
        return SearchResults(query=query, hits=[])
    vector = query_vectors.get(runtime.embedder_for(index.model), query)  # the model the index's vectors came from
    lap("embed")
    results = index.search(vector, k, allowed_ids=allowed)[0]
    lap("index")
    hits = _hits(session, results)
    lap("db")
    return SearchResults(query=query, hits=hits)
