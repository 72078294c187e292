"""Data behind the pictures: a 2-D map of a project's customer utterances (PCA of their embeddings), coloured by job.

The map's coordinates are computed by the worker when it mines a project and when an interview joins one
(`precompute`), kept in memory and, given a directory (the data directory's index folder, which every process of a
deployment shares), in a file beside the search index: the jobs page reads them instead of computing them."""

from __future__ import annotations

import builtins
import hashlib
import logging
import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services import projects as project_service
from app.services.index import decode_embedding
from models import Job, JobUtterance, Utterance
from pipelines.projection import pca_2d, scale_to_unit

MAP_MAX_POINTS = 3000  # more dots add no information to a picture a few hundred pixels wide, only page weight
_SAMPLE_SEED = 0
_IN_CHUNK = 900  # ids per IN (...) list: below SQLite's old 999-variable limit
_CACHE_SIZE = 16
LIVE_JOB_STATUSES = ("proposed", "approved")


@dataclass(frozen=True, slots=True)
class Projection:
    """Sampled utterances placed in 2-D; valid for one index_version of the project."""

    ids: np.ndarray  # int64 utterance ids
    xy: np.ndarray  # float32 (n, 2), both axes scaled by the same factor into [0, 1]
    texts: tuple[str, ...]
    interview_ids: tuple[int, ...]
    starts: tuple[float | None, ...]
    total: int  # customer utterances with an embedding, before sampling
    explained: tuple[float, float]  # share of the variance along each axis


_cache: OrderedDict[tuple, Projection] = OrderedDict()
_cache_lock = threading.Lock()
log = logging.getLogger(__name__)


def _path(directory: Path, key: tuple) -> Path:
    url, project_id = key[0], key[1]
    digest = hashlib.sha1(url.encode()).hexdigest()[:10]  # one data directory may serve several databases (tests)
    return directory / f"project-{project_id}.map-{digest}.npz"


def _stamp(key: tuple) -> np.ndarray:
    return np.array([key[2], key[3]], dtype=np.int64)  # index_version, max_points


def _save(path: Path, key: tuple, placed: Projection) -> None:
    """Write atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    with open(partial, "wb") as handle:
        np.savez(
            handle,
            stamp=_stamp(key),
            ids=placed.ids,
            xy=placed.xy,
            texts=np.array(placed.texts, dtype=np.str_),
            interview_ids=np.array(placed.interview_ids, dtype=np.int64),
            starts=np.array([np.nan if s is None else s for s in placed.starts], dtype=np.float64),
            total=np.array([placed.total], dtype=np.int64),
            explained=np.array(placed.explained, dtype=np.float64),
        )
    os.replace(partial, path)


def _load(path: Path, key: tuple) -> Projection | None:
    """The stored map when it was made for this key (index version and size), else None."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            if not np.array_equal(stored["stamp"], _stamp(key)):
                return None
            return Projection(
                ids=stored["ids"].astype(np.int64),
                xy=stored["xy"].astype(np.float32),
                texts=tuple(str(t) for t in stored["texts"]),
                interview_ids=tuple(int(i) for i in stored["interview_ids"]),
                starts=tuple(None if np.isnan(s) else float(s) for s in stored["starts"]),
                total=int(stored["total"][0]),
                explained=(float(stored["explained"][0]), float(stored["explained"][1])),
            )
    except (OSError, KeyError, ValueError):  # missing, half-written by an older version, or foreign: recompute
        return None


def _chunks(values: builtins.list[int]) -> builtins.list[builtins.list[int]]:
    return [values[i : i + _IN_CHUNK] for i in range(0, len(values), _IN_CHUNK)]


def _project(*, session: Session, project_id: int, max_points: int) -> Projection:
    ids = np.fromiter(
        session.scalars(
            select(Utterance.id)
            .where(Utterance.project_id == project_id, Utterance.role == "customer", Utterance.embedding.is_not(None))
            .order_by(Utterance.id)
        ),
        dtype=np.int64,
    )
    total = len(ids)
    if total > max_points:
        ids = np.sort(np.random.default_rng(_SAMPLE_SEED).choice(ids, size=max_points, replace=False))
    rows = {}
    for chunk in _chunks(ids.tolist()):
        query = select(
            Utterance.id, Utterance.embedding, Utterance.display_text, Utterance.interview_id, Utterance.start
        ).where(Utterance.id.in_(chunk))
        rows.update({row.id: row for row in session.execute(query)})
    ordered = [rows[i] for i in ids.tolist() if i in rows]
    if not ordered:
        return Projection(np.zeros(0, np.int64), np.zeros((0, 2), np.float32), (), (), (), total, (0.0, 0.0))
    vectors = np.vstack([decode_embedding(r.embedding) for r in ordered])
    xy, explained = pca_2d(vectors)
    return Projection(
        ids=np.array([r.id for r in ordered], dtype=np.int64),
        xy=scale_to_unit(xy),
        texts=tuple(r.display_text for r in ordered),
        interview_ids=tuple(r.interview_id for r in ordered),
        starts=tuple(r.start for r in ordered),
        total=total,
        explained=explained,
    )


def projection(
    *, session: Session, project_id: int, max_points: int = MAP_MAX_POINTS, directory: Path | None = None
) -> Projection:
    """The project's sampled utterances in 2-D, cached until its utterances change (its index_version): in memory
    and, given a DIRECTORY, in a file there that other processes read."""
    project = project_service.get(session=session, project_id=project_id)
    # The database URL is part of the key: one process may serve several databases (tests, benchmarks).
    key = (str(session.get_bind().engine.url), project_id, project.index_version, max_points)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    result = _load(_path(directory, key), key) if directory is not None else None
    if result is None:
        result = _project(session=session, project_id=project_id, max_points=max_points)
        if directory is not None:
            _save(_path(directory, key), key, result)
    with _cache_lock:
        _cache[key] = result
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result


def precompute(*, session: Session, project_id: int, directory: Path | None, mined_only: bool = False) -> None:
    """Compute the project's map now (the worker, after mining or ingest), so that no page view pays for it; a
    failure is logged, never the task's. MINED_ONLY: only for a project with jobs (the map shows on the jobs page)."""
    if mined_only and session.scalar(select(Job.id).where(Job.project_id == project_id).limit(1)) is None:
        return
    try:
        projection(session=session, project_id=project_id, directory=directory)
    except Exception:
        log.exception("the map of project %s was not precomputed; the jobs page will compute it", project_id)


def utterance_map(
    *, session: Session, project_id: int, max_points: int = MAP_MAX_POINTS, directory: Path | None = None
) -> dict:
    """Customer utterances on a 2-D PCA map with their current job: {"total", "explained", "points", "jobs"}.

    Coordinates are cached per index_version (in DIRECTORY too, when given); job membership is read fresh, so
    approvals, merges and re-mining show at once."""
    placed = projection(session=session, project_id=project_id, max_points=max_points, directory=directory)
    jobs = dict(
        session.execute(
            select(Job.id, Job.title).where(Job.project_id == project_id, Job.status.in_(LIVE_JOB_STATUSES))
        ).all()
    )
    membership: dict[int, int] = {}
    if jobs and len(placed.ids):
        sampled = set(placed.ids.tolist())
        for utterance_id, job_id in session.execute(
            select(JobUtterance.utterance_id, JobUtterance.job_id).where(JobUtterance.job_id.in_(builtins.list(jobs)))
        ):
            if utterance_id in sampled:
                membership[utterance_id] = job_id
    points = [
        {
            "utterance_id": utterance_id,
            "x": float(placed.xy[i, 0]),
            "y": float(placed.xy[i, 1]),
            "job_id": membership.get(utterance_id),
            "text": placed.texts[i],
            "interview_id": placed.interview_ids[i],
            "start": placed.starts[i],
        }
        for i, utterance_id in enumerate(placed.ids.tolist())
    ]
    counts = Counter(p["job_id"] for p in points if p["job_id"] is not None)
    return {
        "total": placed.total,
        "explained": list(placed.explained),
        "points": points,
        "jobs": [{"id": job_id, "title": jobs[job_id], "count": count} for job_id, count in counts.most_common()],
    }
