"""Search-only vectors: a second, stronger model's embedding of each utterance, stored beside the shared one.

The shared `Utterance.embedding` (all-MiniLM-L6-v2) feeds clustering and the classifiers and is never replaced
here unless the embedding model itself changed. A project whose `search_model` is set is searched on
`Utterance.search_embedding` instead, with queries embedded by that model. A fresh project adopts
VERBATIM_SEARCH_MODEL at its first ingest; an existing one switches (or switches back) through the `reembed` task
(`verbatim reindex --reembed`), which reports progress and can be retried from scratch at any point.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.runtime import Runtime
from app.services import projects as project_service
from app.services.index import decode_embedding, encode_embedding
from app.worker_api import TaskError
from models import Interview, Project, Turn, Utterance

SAME_MODEL_COSINE = 0.999  # a stored vector this close to a fresh one was made by the current embedding model


def embed_interview(
    *, session: Session, runtime: Runtime, interview_id: int, progress: Callable[[float], None] | None = None
) -> int:
    """At ingest: give an interview's utterances search vectors if its project uses a search model."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        return 0
    project = session.get(Project, interview.project_id)
    assert project is not None
    if project.search_model is None:
        wanted = runtime.search_model
        others = session.scalar(
            select(func.count())
            .select_from(Utterance)
            .where(Utterance.project_id == project.id, Utterance.interview_id != interview_id)
        )
        if wanted is None or others:
            return 0  # an existing project switches with `verbatim reindex --reembed`
        project.search_model = wanted
    rows = session.execute(
        select(Utterance.id, Utterance.display_text).where(
            Utterance.interview_id == interview_id, Utterance.search_embedding.is_(None)
        )
    ).all()
    if not rows:
        return 0
    vectors = runtime.embedder_for(project.search_model).embed([r[1] for r in rows], progress=progress)
    session.execute(
        update(Utterance),
        [{"id": r[0], "search_embedding": encode_embedding(v)} for r, v in zip(rows, vectors, strict=True)],
    )
    project_service.bump_index_version(session=session, project_id=project.id)
    session.flush()
    return len(rows)


def _embedding_model_changed(session: Session, runtime: Runtime, project_id: int) -> bool:
    sample = session.execute(
        select(Utterance.display_text, Utterance.embedding)
        .where(Utterance.project_id == project_id, Utterance.embedding.is_not(None))
        .limit(1)
    ).first()
    if sample is None:
        return True
    stored = decode_embedding(sample[1])
    fresh = runtime.embedder.embed([sample[0]])[0]
    return stored.shape != fresh.shape or float(np.dot(stored, fresh)) < SAME_MODEL_COSINE


def begin_reembed(*, session: Session, runtime: Runtime, project_id: int | None) -> tuple[builtins.list, bool]:
    """Search the project on its shared embeddings until every new vector is in place; returns its utterances
    (id, text) and whether the shared embeddings must be made again (the embedding model changed)."""
    project = session.get(Project, project_id) if project_id else None
    if project is None:
        raise TaskError("the project was deleted before it was re-embedded")
    project.search_model = None  # until every vector is in place, search uses the shared embeddings
    project_service.bump_index_version(session=session, project_id=project.id)
    rows = session.execute(
        select(Utterance.id, Utterance.display_text).where(Utterance.project_id == project.id).order_by(Utterance.id)
    ).all()
    shared = _embedding_model_changed(session, runtime, project.id) if rows else False
    if shared:  # the old model's request vectors: mining reads the mean of the new sentence vectors until remade
        session.execute(
            update(Turn)
            .where(Turn.interview_id.in_(select(Interview.id).where(Interview.project_id == project.id)))
            .values(request_embedding=None)
        )
    return builtins.list(rows), shared


def remake_request_vectors(*, session: Session, runtime: Runtime, project_id: int | None) -> int:
    """The project's short customer turns embedded whole again, with the runtime's embedding model."""
    from app.services.interviews import store_request_vectors

    rows = session.execute(
        select(Utterance.turn_id, Utterance.role, Utterance.quoted, Utterance.display_text)
        .where(Utterance.project_id == project_id)
        .order_by(Utterance.turn_id, Utterance.position)
    ).all()
    return store_request_vectors(session=session, embedder=runtime.embedder, utterances=rows)


def store_vectors(*, session: Session, column: str, rows: builtins.list, vectors: np.ndarray) -> None:
    """Store one batch of vectors of utterances (id, text) in `column` (embedding or search_embedding)."""
    session.execute(
        update(Utterance),
        [{"id": r[0], column: encode_embedding(v)} for r, v in zip(rows, vectors, strict=True)],
    )


def finish_reembed(*, session: Session, project_id: int | None, model: str | None) -> None:
    """Search the project with `model`'s vectors from now on (None: the shared embeddings, search vectors dropped)."""
    project = session.get(Project, project_id) if project_id else None
    if project is None:
        raise TaskError("the project was deleted before it was re-embedded")
    if model is None:
        session.execute(update(Utterance).where(Utterance.project_id == project.id).values(search_embedding=None))
    project.search_model = model
    project_service.bump_index_version(session=session, project_id=project.id)
    session.flush()
