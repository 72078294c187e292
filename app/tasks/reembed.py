"""The `reembed` task: search vectors from the configured search model (or none), and the shared vectors again if
the embedding model changed; search keeps working on the shared vectors meanwhile."""

from __future__ import annotations

from app.db import session_scope
from app.runtime import Runtime
from app.services import search_vectors
from app.stages import REEMBED
from app.tasks import project_of
from app.worker_api import Reporter
from models import Task

BATCH = 256  # utterances per transaction


def run(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Re-embed the task's project batch by batch (one short transaction each), then switch its search over."""
    project_id = project_of(task)
    model = runtime.search_model
    project_id = project_of(task)
    with session_scope(runtime.session_factory) as session:
        rows, shared = search_vectors.begin_reembed(session=session, runtime=runtime, project_id=project_id)
    passes = [("embedding", "embedding", runtime.embedder)] if shared else []
    if model is not None:
        passes.append(("search vectors", "search_embedding", runtime.embedder_for(model)))
    total = max(1, len(rows) * len(passes))
    done = 0
    stages = REEMBED.reporter(report)
    stages("re-embedding")
    for _, column, embedder in passes:
        for begin in range(0, len(rows), BATCH):
            batch = rows[begin : begin + BATCH]
            vectors = embedder.embed([r[1] for r in batch])
            with session_scope(runtime.session_factory) as session:
                search_vectors.store_vectors(session=session, column=column, rows=batch, vectors=vectors)
            done += len(batch)
            stages("re-embedding", done / total)
    if shared:
        with session_scope(runtime.session_factory) as session:
            search_vectors.remake_request_vectors(session=session, runtime=runtime, project_id=project_id)
    with session_scope(runtime.session_factory) as session:
        search_vectors.finish_reembed(session=session, project_id=project_id, model=model)
    stages("indexing")
    with session_scope(runtime.session_factory) as session:
        runtime.index_store.get(session=session, project_id=project_id)
