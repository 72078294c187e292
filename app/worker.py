"""The durable task worker: claims queued tasks from the database, runs them, records progress and failures.

Runs as threads inside `verbatim serve` (embedded default) or standalone as `verbatim worker`. Any number of
workers can share one database: claiming is a compare-and-set on the task row, and a task whose worker stops
sending heartbeats is requeued (bounded by max_attempts)."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable

from sqlalchemy.exc import OperationalError

from app import stages
from app.db import session_scope
from app.errors import scrub_paths
from app.logs import task_context
from app.runtime import Runtime
from app.services import interviews as interview_service
from app.services import tasks as task_service
from app.tasks import Handler
from app.worker_api import TaskCancelled, TaskError, TaskInterrupted, TaskStopped
from models import Task

log = logging.getLogger(__name__)


def default_handlers() -> dict[str, Handler]:
    from app.tasks import handlers

    return handlers()


class Worker:
    def __init__(
        self,
        runtime: Runtime,
        *,
        handlers: dict[str, Handler] | None = None,
        poll_interval: float = 0.5,
        heartbeat_interval: float = 5.0,
    ):
        self.runtime = runtime
        self.handlers = handlers or default_handlers()
        self.poll_interval = poll_interval
        self.heartbeat_interval = heartbeat_interval
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def recover(self) -> list[int]:
        with session_scope(self.runtime.session_factory) as session:
            return task_service.recover_stale(session=session, stale_after=self.runtime.settings.task_stale_seconds)

    def run_once(self) -> bool:
        """Claim and run one task; False when none was queued."""
        with session_scope(self.runtime.session_factory) as session:
            task = task_service.claim_next(session=session, worker_id=self.worker_id, kinds=list(self.handlers))
        if task is None:
            return False
        self._run(task)
        return True

    def _run(self, task: Task, handler: Handler | None = None, on_success: Callable[[Task], str] | None = None) -> str:
        """Run one claimed task with progress and heartbeats; returns its new status (done, queued or failed).

        on_success replaces marking the task done (a phase handing the task to another queue returns "queued")."""
        last = [0.0]
        done = threading.Event()

        def report(stage: str, progress: float) -> None:
            if not stages.known(stage):  # every stage is named in app/stages.py, so pages and the CLI can label it
                log.warning("task %s reported stage %r, which app/stages.py does not name", task.id, stage)
            self._check_stop()
            now = time.monotonic()
            if now - last[0] < 0.25 and progress < 1.0:
                return  # throttle: progress callbacks can fire per batch
            last[0] = now
            try:
                with session_scope(self.runtime.session_factory) as session:
                    running = task_service.report(session=session, task_id=task.id, stage=stage, progress=progress)
            except OperationalError as exc:
                # Progress is advisory: a busy database ("database is locked") must not fail the task.
                log.warning("task %s: progress not recorded (%s)", task.id, exc.orig)
            else:
                self._check_stop(running=running)

        def heartbeat() -> None:
            wait = self.heartbeat_interval
            while not done.wait(wait):
                try:
                    with session_scope(self.runtime.session_factory) as session:
                        task_service.report(session=session, task_id=task.id)
                    wait = self.heartbeat_interval
                except Exception as exc:  # the heartbeat must outlive a locked or restarting database
                    log.warning("task %s: heartbeat failed, retrying (%s)", task.id, exc)
                    wait = min(1.0, self.heartbeat_interval)

        beat = threading.Thread(target=heartbeat, daemon=True, name=f"heartbeat-{task.id}")
        beat.start()
        with task_context(task.id):
            log.info("task %s (%s) started, attempt %s", task.id, task.kind, task.attempts)
            try:
                (handler or self.handlers[task.kind])(self.runtime, task, report)
            except TaskStopped as exc:
                return self._stopped(task, exc)
            except TaskError as exc:
                return self._failed(task, str(exc), retry=False)
            except Exception as exc:
                log.exception("task %s failed", task.id)
                return self._failed(task, f"{type(exc).__name__}: {exc}", retry=True)
            else:
                if on_success is not None:
                    return on_success(task)
                with session_scope(self.runtime.session_factory) as session:
                    task_service.complete(session=session, task_id=task.id)
                log.info("task %s done", task.id)
                return "done"
            finally:
                done.set()
                beat.join(timeout=1)

    def _check_stop(self, *, running: bool = True) -> None:
        """Between batches: stop when the worker is shutting down or the task is no longer running (cancelled)."""
        if self._stop.is_set():
            raise TaskInterrupted("the worker is stopping")
        if not running:
            raise TaskCancelled("cancelled by request")

    def _stopped(self, task: Task, exc: TaskStopped) -> str:
        """A task stopped between batches: back to the queue (worker shutting down) or cancelled by request."""
        status: str | None
        with session_scope(self.runtime.session_factory) as session:
            if isinstance(exc, TaskInterrupted):
                task_service.release(session=session, task_id=task.id)  # resumes when a worker starts again
                status, error = "queued", None
            elif task_service.finish_cancelled(session=session, task_id=task.id):
                status, error = "cancelled", "Processing was cancelled; the transcript is kept (retry by uploading)."
            else:
                status, error = None, None  # requeued after a stale heartbeat: whoever runs it now owns its status
            if task.interview_id is not None and status is not None:
                interview_service.mark(session=session, interview_id=task.interview_id, status=status, error=error)
        log.warning("task %s stopped: %s", task.id, exc)
        return status or "queued"

    def _failed(self, task: Task, reason: str, *, retry: bool) -> str:
        reason = scrub_paths(reason)  # the reason is shown to API clients: no server paths in it
        with session_scope(self.runtime.session_factory) as session:
            status = task_service.fail(session=session, task_id=task.id, error=reason, retry=retry)
            if status == "failed" and task.interview_id is not None:
                interview_service.mark(session=session, interview_id=task.interview_id, status="failed", error=reason)
        log.warning("task %s %s: %s", task.id, "will be retried" if status == "queued" else "failed", reason)
        return status

    def run_until_idle(self, *, timeout: float | None = None) -> None:
        """Run tasks until none is queued (used by the CLI and tests)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        self.recover()
        while self.run_once():
            if deadline is not None and time.monotonic() > deadline:
                break

    def run_forever(self) -> None:
        next_recovery = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() >= next_recovery:
                    self.recover()
                    next_recovery = time.monotonic() + min(30.0, self.runtime.settings.task_stale_seconds / 2)
                if not self.run_once():
                    self._stop.wait(self.poll_interval)
            except Exception:  # the loop must survive a database hiccup
                log.exception("worker loop error")
                self._stop.wait(2.0)

    def start(self, threads: int = 1) -> None:
        for n in range(threads):
            thread = threading.Thread(target=self.run_forever, daemon=True, name=f"verbatim-worker-{n}")
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=timeout)
        self._threads.clear()
