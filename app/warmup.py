"""Warm start: `verbatim serve` loads the models and the search indexes in a background thread as it starts.

The server answers /healthz at once; the first search no longer pays for importing torch, loading the sentence
model and reading the project's index (it waits for the warm-up only if it arrives before the warm-up is done,
and then only for what is left: the loaders are shared and each loads once). The models only ingest uses (spaCy,
the job-talk and force classifiers) are not warmed: a task loads them in the background, and warming them too
competed with the first searches for the two cores (measured: tests/benchmarks/cold_start.py). /healthz reports the
state under `models`: `off` (not warmed: `verbatim serve --no-warm`, or tests), `warming`, `ready` or `failed`
(the error is logged; every model still loads on first use as before)."""

from __future__ import annotations

import gc
import logging
import threading
import time

from app.runtime import Runtime

log = logging.getLogger(__name__)


class Warmup:
    """One background warm-up of a runtime's models and indexes."""

    def __init__(self, runtime: Runtime):
        self.runtime = runtime
        self.state = "off"
        self.seconds: float | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start warming in a daemon thread."""
        self.state = "warming"
        self._thread = threading.Thread(target=self._run, daemon=True, name="verbatim-warmup")
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the warm-up has finished; True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.state in ("ready", "failed", "off")

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            self._search()
        except Exception:  # a model that fails here fails again, with its error, where it is used
            log.exception("warming the models failed; they load on first use instead")
            self.state = "failed"
            return
        self.seconds = time.perf_counter() - started
        gc.freeze()  # what the models and indexes made stays: full collections skip it (as in app.main)
        self.state = "ready"
        log.info("models and search indexes warm in %.1f s", self.seconds)

    def _search(self) -> None:
        """What a search needs: the query embedder(s), FAISS and each project's index and filter attributes."""
        from sqlalchemy import select

        from app.db import session_scope
        from models import Project

        runtime = self.runtime
        runtime.embedder.embed(["warm up"])  # torch, the model, and its first call's one-off setup
        with session_scope(runtime.session_factory) as session:
            projects = session.execute(select(Project.id, Project.search_model).order_by(Project.id)).all()
        for model in sorted({p.search_model for p in projects if p.search_model}):
            runtime.embedder_for(model).embed(["warm up"])
        for project in projects:
            with session_scope(runtime.session_factory) as session:
                runtime.index_store.get(session=session, project_id=project.id)
                runtime.index_store.attributes(session=session, project_id=project.id)
