"""Warm start: `verbatim serve` loads the models and the search indexes in a background thread as it starts.

The server answers /healthz at once; the first search no longer pays for importing torch, loading the sentence
model and reading the project's index (it waits for the warm-up only if it arrives before the warm-up is done,
and then only for what is left: the loaders are shared and each loads once). With in-process workers, the models
ingest needs (spaCy, the job-talk and force classifiers) are loaded next. /healthz reports the state under
`models`: `off` (not warmed: `verbatim serve --no-warm`, or tests), `warming`, `search-ready` (searches are warm,
ingest's models still loading), `ready` or `failed` (the error is logged; every model still loads on first use as
before)."""

from __future__ import annotations

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
        self.search_seconds: float | None = None
        self._thread: threading.Thread | None = None

    def start(self, *, ingest: bool) -> None:
        """Start warming in a daemon thread; `ingest`: also the models the in-process workers use."""
        self.state = "warming"
        self._thread = threading.Thread(target=self._run, args=(ingest,), daemon=True, name="verbatim-warmup")
        self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until the warm-up has finished; True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.state in ("ready", "failed", "off")

    def _run(self, ingest: bool) -> None:
        started = time.perf_counter()
        try:
            self._search()
            self.search_seconds = time.perf_counter() - started
            if ingest:
                self.state = "search-ready"
                self._ingest()
        except Exception:  # a model that fails here fails again, with its error, where it is used
            log.exception("warming the models failed; they load on first use instead")
            self.state = "failed"
            return
        self.seconds = time.perf_counter() - started
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

    def _ingest(self) -> None:
        """What ingesting a transcript needs besides the embedder: spaCy and the classifiers (trained at first use)."""
        from pipelines.forces import force_classifier
        from pipelines.jobtalk import default_classifier
        from pipelines.nlp import load_nlp

        runtime = self.runtime
        runtime.splitter.split([], {})
        load_nlp()
        default_classifier(runtime.embedder)
        force_classifier(runtime.embedder)
