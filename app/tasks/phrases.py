"""The `phrases` task: a project's phrase families and their statistics, refreshed after its jobs were mined.

Mining publishes JobsMined and messaging queues this task (app/services/messaging/phrases.py), so mining ends when
its jobs are saved. Two short transactions: new clauses join their families (committed, so a stopped task keeps
them and a retry skips them), then the statistics; progress is reported between them, never inside one."""

from __future__ import annotations

from app.db import session_scope
from app.runtime import Runtime
from app.services import messaging
from app.stages import PHRASES
from app.tasks import project_of
from app.worker_api import Reporter
from models import Task


def run(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Refresh the task's project's phrases unless nothing changed since the last refresh (then it is a no-op)."""
    project_id = project_of(task)
    stages = PHRASES.reporter(report)
    stages("linking")
    with session_scope(runtime.session_factory) as session:
        if not messaging.stale(session=session, project_id=project_id):
            return  # the feed (or an ingest) refreshed them meanwhile
        messaging.link_phrases(session=session, project_id=project_id)
    stages("counting")
    with session_scope(runtime.session_factory) as session:
        messaging.refresh_phrases(session=session, project_id=project_id)
