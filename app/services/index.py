"""Per-project FAISS indexes: a cache of the embeddings in the database, rebuilt whenever it is missing or stale."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Project, Utterance
from pipelines.index import VectorIndex
from pipelines.search import DEFAULT_CONTEXT_WEIGHT, DEFAULT_CONTEXT_WINDOW, ContextIndex, SearchAttributes


def decode_embedding(blob: bytes | None) -> np.ndarray:
    """A stored vector; callers select rows whose embedding is set, so None is a bug, said plainly."""
    if blob is None:
        raise ValueError("this utterance has no stored embedding")
    return np.frombuffer(blob, dtype=np.float32)


def encode_embedding(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype=np.float32).tobytes()


def load_embeddings(*, session: Session, project_id: int) -> tuple[np.ndarray, np.ndarray]:
    """All embedded utterances of a project as (ids int64, vectors float32)."""
    rows = session.execute(
        select(Utterance.id, Utterance.embedding)
        .where(Utterance.project_id == project_id, Utterance.embedding.is_not(None))
        .order_by(Utterance.id)
    ).all()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    vectors = np.vstack([decode_embedding(r[1]) for r in rows])
    return ids, vectors


def load_search_rows(
    *, session: Session, project_id: int, search_vectors: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Embedded utterances in speaking order as (ids, turn ids, vectors): the input of a search index.

    search_vectors: the search-only vectors of the project's search model instead of the shared embeddings.
    """
    column = Utterance.search_embedding if search_vectors else Utterance.embedding
    rows = session.execute(
        select(Utterance.id, Utterance.turn_id, column)
        .where(Utterance.project_id == project_id, column.is_not(None))
        .order_by(Utterance.interview_id, Utterance.turn_id, Utterance.position)
    ).all()
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    turns = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    return ids, turns, np.vstack([decode_embedding(r[2]) for r in rows])


def load_search_attributes(*, session: Session, project_id: int) -> SearchAttributes:
    """Role and interview of every utterance of a project, for filtering searches in memory."""
    rows = session.execute(
        select(Utterance.id, Utterance.role, Utterance.interview_id).where(Utterance.project_id == project_id)
    ).all()
    return SearchAttributes(
        np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)),
        np.array([r[1] for r in rows], dtype=object),
        np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows)),
    )


def _index_version(session: Session, project_id: int) -> int | None:
    """The project's index_version as the database holds it now (None: no such project)."""
    return session.scalar(select(Project.index_version).where(Project.id == project_id))


class IndexStore:
    """Holds one search index per project in memory and on disk, keyed by the project's index_version.

    A project's index is a ContextIndex: utterance vectors plus search-only context vectors pooled from each
    utterance's neighbours in its turn (pipelines/search.py), both derived from the stored embeddings.
    """

    def __init__(
        self,
        directory: Path,
        *,
        exact_threshold: int,
        context_window: int = DEFAULT_CONTEXT_WINDOW,
        context_weight: float = DEFAULT_CONTEXT_WEIGHT,
    ):
        self.directory = Path(directory)
        self.exact_threshold = exact_threshold
        self.context_window = context_window
        self.context_weight = context_weight
        self._cache: dict[int, tuple[int, ContextIndex | None]] = {}
        self._attributes: dict[int, tuple[int, SearchAttributes]] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, project_id: int) -> Path:
        return self.directory / f"project-{project_id}.faiss"

    def context_path(self, project_id: int) -> Path:
        return self.directory / f"project-{project_id}.context.faiss"

    def _meta(self, version: int, project_id: int, count: int, model: str | None) -> dict:
        context = {"window": self.context_window, "weight": self.context_weight}
        return {"version": version, "project_id": project_id, "count": count, "context": context, "model": model}

    def _load(self, project_id: int, version: int) -> ContextIndex | None:
        loaded = VectorIndex.load(self.path(project_id))
        if loaded is None or loaded[1].get("version") != version:
            return None
        model = loaded[1].get("model")
        if loaded[1] != self._meta(version, project_id, len(loaded[0]), model):
            return None  # built with other context settings
        if self.context_weight <= 0:
            return ContextIndex(loaded[0], None, weight=0.0, model=model)
        context = VectorIndex.load(self.context_path(project_id))
        if context is None or context[1] != loaded[1] or len(context[0]) != len(loaded[0]):
            return None
        return ContextIndex(loaded[0], context[0], weight=self.context_weight, model=model)

    def _lock(self, project_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(project_id, threading.Lock())

    def get(self, *, session: Session, project_id: int, version: int | None = None) -> ContextIndex | None:
        """The project's index at the database's current version (None when it has no utterances).

        version: the project's index_version when the caller has just read it (saves a query per search).
        """
        version = _index_version(session, project_id) if version is None else version
        if version is None:
            return None
        with self._lock(project_id):
            cached = self._cache.get(project_id)
            if cached and cached[0] == version:
                return cached[1]
            loaded = self._load(project_id, version)
            if loaded is not None:
                self._cache[project_id] = (version, loaded)
                return loaded
            return self._rebuild(session=session, project_id=project_id, version=version)

    def attributes(self, *, session: Session, project_id: int, version: int | None = None) -> SearchAttributes | None:
        """What searches of the project filter on, at the database's current index version (read once per version).

        Roles change only by re-deriving utterances and interviews come and go only with their utterances, both of
        which bump the index version; segment and industry live on interviews and are read per search.
        """
        version = _index_version(session, project_id) if version is None else version
        if version is None:
            return None
        with self._lock(project_id):
            cached = self._attributes.get(project_id)
            if cached and cached[0] == version:
                return cached[1]
            attributes = load_search_attributes(session=session, project_id=project_id)
            self._attributes[project_id] = (version, attributes)
            return attributes

    def rebuild(self, *, session: Session, project_id: int) -> int:
        """Rebuild from the database now; returns the number of vectors indexed."""
        version = _index_version(session, project_id)
        if version is None:
            return 0
        with self._lock(project_id):
            index = self._rebuild(session=session, project_id=project_id, version=version)
        return 0 if index is None else len(index)

    def apply(
        self,
        *,
        project_id: int,
        version: int,
        removed: np.ndarray,
        ids: np.ndarray,
        turns: np.ndarray,
        vectors: np.ndarray,
        roles: np.ndarray,
        interviews: np.ndarray,
    ) -> bool:
        """Bring the project's index from `version - 1` to `version` by one committed change: the `removed` ids go,
        these rows (one interview's, in speaking order) come in; no rebuild from the database. Call it after the
        commit that bumped the project's index_version to `version` (app.db.on_commit) and only when that change
        was the whole of it. False when the index at `version - 1` is neither in memory nor on disk, or searches
        use a search-only model: the next get() rebuilds as before."""
        with self._lock(project_id):
            cached = self._cache.get(project_id)
            if cached is None or cached[0] != version - 1:
                loaded = self._load(project_id, version - 1)
                if loaded is None:
                    return False
                cached = (version - 1, loaded)
            before = cached[1]
            if before is not None and before.model is not None:
                return False
            if before is None:  # no embedded utterances at version - 1: these rows are all of them
                after = self._build(ids, turns, vectors)
            else:
                after = before.changed(
                    removed=removed, ids=ids, vectors=vectors, groups=turns, window=self.context_window
                )
            self._keep(project_id, version, after)
            attributes = self._attributes.get(project_id)
            if attributes is not None and attributes[0] == version - 1:
                kept = attributes[1].changed(removed=removed, ids=ids, roles=roles, interviews=interviews)
                self._attributes[project_id] = (version, kept)
            return True

    def _build(
        self, ids: np.ndarray, turns: np.ndarray, vectors: np.ndarray, *, model: str | None = None
    ) -> ContextIndex | None:
        """An index of these rows (one project's, in speaking order) with this store's settings; None for no rows."""
        if len(ids) == 0:
            return None
        index = ContextIndex.build(
            ids,
            vectors,
            turns,
            window=self.context_window,
            weight=self.context_weight,
            exact_threshold=self.exact_threshold,
        )
        index.model = model
        return index

    def _keep(self, project_id: int, version: int, index: ContextIndex | None) -> ContextIndex | None:
        """The one way an index is stored, built whole or changed in place: saved to disk and cached as the
        project's index at `version`; an empty one leaves no files behind."""
        if index is not None and len(index) == 0:
            index = None
        if index is None:
            self._remove_files(project_id)
        else:
            self._save(project_id, version, index)
        self._cache[project_id] = (version, index)
        return index

    def _remove_files(self, project_id: int) -> None:
        self.path(project_id).unlink(missing_ok=True)
        self.context_path(project_id).unlink(missing_ok=True)

    def _save(self, project_id: int, version: int, index: ContextIndex) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        meta = self._meta(version, project_id, len(index), index.model)
        # The context file is written first: a crash between the two saves leaves a main file whose version the
        # context file does not match, which _load treats as stale.
        if index.contexts is not None:
            index.contexts.save(self.context_path(project_id), meta=meta)
        else:
            self.context_path(project_id).unlink(missing_ok=True)
        index.utterances.save(self.path(project_id), meta=meta)

    def _rebuild(self, *, session: Session, project_id: int, version: int) -> ContextIndex | None:
        model = session.scalar(select(Project.search_model).where(Project.id == project_id))
        ids, turns, vectors = load_search_rows(session=session, project_id=project_id, search_vectors=bool(model))
        return self._keep(project_id, version, self._build(ids, turns, vectors, model=model))

    def drop(self, project_id: int) -> None:
        with self._lock(project_id):
            self._cache.pop(project_id, None)
            self._attributes.pop(project_id, None)
            self._remove_files(project_id)
