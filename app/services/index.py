"""Per-project FAISS indexes: a cache of the embeddings in the database, rebuilt whenever it is missing or stale."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Project, Utterance
from pipelines.index import VectorIndex


def decode_embedding(blob: bytes) -> np.ndarray:
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


class IndexStore:
    """Holds one VectorIndex per project in memory and on disk, keyed by the project's index_version."""

    def __init__(self, directory: Path, *, exact_threshold: int):
        self.directory = Path(directory)
        self.exact_threshold = exact_threshold
        self._cache: dict[int, tuple[int, VectorIndex | None]] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._guard = threading.Lock()

    def path(self, project_id: int) -> Path:
        return self.directory / f"project-{project_id}.faiss"

    def _lock(self, project_id: int) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(project_id, threading.Lock())

    def get(self, *, session: Session, project_id: int) -> VectorIndex | None:
        """The project's index at the database's current version (None when it has no utterances)."""
        version = session.scalar(select(Project.index_version).where(Project.id == project_id))
        if version is None:
            return None
        with self._lock(project_id):
            cached = self._cache.get(project_id)
            if cached and cached[0] == version:
                return cached[1]
            loaded = VectorIndex.load(self.path(project_id))
            if loaded is not None and loaded[1].get("version") == version:
                self._cache[project_id] = (version, loaded[0])
                return loaded[0]
            return self._rebuild(session=session, project_id=project_id, version=version)

    def rebuild(self, *, session: Session, project_id: int) -> int:
        """Rebuild from the database now; returns the number of vectors indexed."""
        version = session.scalar(select(Project.index_version).where(Project.id == project_id))
        if version is None:
            return 0
        with self._lock(project_id):
            index = self._rebuild(session=session, project_id=project_id, version=version)
        return 0 if index is None else len(index)

    def _rebuild(self, *, session: Session, project_id: int, version: int) -> VectorIndex | None:
        ids, vectors = load_embeddings(session=session, project_id=project_id)
        if len(ids) == 0:
            self._cache[project_id] = (version, None)
            self.path(project_id).unlink(missing_ok=True)
            return None
        index = VectorIndex.build(ids, vectors, exact_threshold=self.exact_threshold)
        self.directory.mkdir(parents=True, exist_ok=True)
        index.save(self.path(project_id), meta={"version": version, "project_id": project_id, "count": len(ids)})
        self._cache[project_id] = (version, index)
        return index

    def drop(self, project_id: int) -> None:
        with self._lock(project_id):
            self._cache.pop(project_id, None)
            self.path(project_id).unlink(missing_ok=True)
