"""Task handlers: what the worker runs for each kind of durable task (app/worker.py, app/broker.py).

A handler is `run(runtime, task, report)`. It owns its transactions: each step opens one `session_scope`, calls
services (which only flush) and commits once; heavy computation runs between steps, outside any transaction."""

from __future__ import annotations

from collections.abc import Callable

from app.runtime import Runtime
from app.worker_api import Reporter, TaskError
from models import Task

Handler = Callable[[Runtime, Task, Reporter], None]


def project_of(task: Task) -> int:
    """The project a project-wide task (mine, phrases, reembed, redact) works on."""
    if task.project_id is None:
        raise TaskError(f"a {task.kind} task needs a project")
    return task.project_id


def handlers() -> dict[str, Handler]:
    """Every task kind and its handler (imported here, when a worker starts, not at import time)."""
    from app.tasks import ingest, mine, phrases, redact, reembed

    return {
        "ingest": ingest.run,
        "mine": mine.run,
        "phrases": phrases.run,
        "reembed": reembed.run,
        "redact": redact.run,
    }
