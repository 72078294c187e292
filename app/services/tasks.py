"""Durable tasks: a table with status, stage, progress, error and attempts; claimed atomically by workers.

Like every service these only flush: the worker (or the request) that holds the session commits, so a claim, a
progress report or a failure is one short transaction of its own."""

from __future__ import annotations

import builtins
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import changed_rows
from app.errors import NotFound
from models import Task
from models.base import utcnow


def create(
    *,
    session: Session,
    kind: str,
    project_id: int | None = None,
    interview_id: int | None = None,
    payload: dict | None = None,
    max_attempts: int = 3,
) -> Task:
    task = Task(
        kind=kind,
        status="queued",
        stage="queued",
        progress=0.0,
        attempts=0,
        max_attempts=max_attempts,
        project_id=project_id,
        interview_id=interview_id,
        payload=payload or {},
    )
    session.add(task)
    session.flush()
    return task


def get(*, session: Session, task_id: int) -> Task:
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound("task", task_id)
    return task


def list(*, session: Session, project_id: int | None = None, status: str | None = None) -> builtins.list[Task]:
    query = select(Task).order_by(Task.id)
    if project_id is not None:
        query = query.where(Task.project_id == project_id)
    if status is not None:
        query = query.where(Task.status == status)
    return builtins.list(session.scalars(query))


def claim_next(*, session: Session, worker_id: str, kinds: builtins.list[str] | None = None) -> Task | None:
    """Atomically move the oldest queued task to running for this worker; None when there is none."""
    query = select(Task.id).where(Task.status == "queued").order_by(Task.id).limit(5)
    if kinds:
        query = query.where(Task.kind.in_(kinds))
    for task_id in session.scalars(query).all():
        task = claim(session=session, task_id=task_id, worker_id=worker_id)
        if task is not None:
            return task
    return None


def report(*, session: Session, task_id: int, stage: str | None = None, progress: float | None = None) -> bool:
    """Record progress and a heartbeat; False when the task is no longer running (cancelled, or taken back)."""
    values: dict = {"heartbeat_at": utcnow()}
    if stage is not None:
        values["stage"] = stage
    if progress is not None:
        values["progress"] = max(0.0, min(1.0, float(progress)))
    updated = session.execute(update(Task).where(Task.id == task_id, Task.status == "running").values(**values))
    return bool(changed_rows(updated))


def cancel(*, session: Session, task_id: int) -> Task:
    """Ask a queued or running task to stop: a queued one never starts, a running one stops at its next batch
    (the worker rolls back what that batch had not committed). Finished tasks are left as they are."""
    from app.errors import Conflict

    task = get(session=session, task_id=task_id)
    if task.status in ("done", "failed"):
        raise Conflict("task_finished", f"Task {task_id} has already {task.status}; there is nothing to cancel.")
    if task.status != "cancelled":
        queued = task.status == "queued"
        task.status = "cancelled"
        task.error = "cancelled by request"
        if queued:  # no worker will see it: settle it here
            task.stage = "cancelled"
            task.finished_at = utcnow()
    session.flush()
    return task


def finish_cancelled(*, session: Session, task_id: int) -> bool:
    """Called by a worker whose task stopped running under it: settle it when it was cancelled. False when it was
    not (its heartbeat went stale and it was requeued, maybe to another worker): then it is left alone."""
    updated = session.execute(
        update(Task)
        .where(Task.id == task_id, Task.status == "cancelled")
        .values(stage="cancelled", worker_id=None, finished_at=utcnow())
    )
    return bool(changed_rows(updated))


def release(*, session: Session, task_id: int) -> None:
    """Put a task interrupted by its worker's shutdown back in the queue; the interruption costs no attempt."""
    session.execute(
        update(Task)
        .where(Task.id == task_id, Task.status == "running")
        .values(status="queued", stage="queued", worker_id=None, attempts=Task.attempts - 1)
    )


def complete(*, session: Session, task_id: int) -> None:
    session.execute(
        update(Task)
        .where(Task.id == task_id)
        .values(status="done", stage="done", progress=1.0, error=None, finished_at=utcnow())
    )


def fail(*, session: Session, task_id: int, error: str, retry: bool) -> str:
    """Record a failure; requeue while attempts remain and the error is worth retrying. Returns the new status."""
    task = get(session=session, task_id=task_id)
    status = "queued" if retry and task.attempts < task.max_attempts else "failed"
    task.status = status
    task.error = error
    task.worker_id = None
    if status == "failed":
        task.finished_at = utcnow()
    else:
        task.stage = "queued"
    session.flush()
    return status


def recover_stale(*, session: Session, stale_after: float) -> builtins.list[int]:
    """Requeue running tasks whose worker stopped sending heartbeats (crash, restart); fail those out of attempts."""
    cutoff = utcnow() - timedelta(seconds=stale_after)
    stale = session.scalars(select(Task).where(Task.status == "running", Task.heartbeat_at < cutoff)).all()
    for task in stale:
        if task.attempts >= task.max_attempts:
            task.status = "failed"
            task.error = f"interrupted {task.attempts} times (worker stopped); giving up"
            task.finished_at = utcnow()
        else:
            task.status = "queued"
            task.stage = "queued"
        task.worker_id = None
    session.flush()
    return [t.id for t in stale]


# Scale-out (Celery): a broker message only says "task N may be run"; these compare-and-sets on the row decide
# whether it is, so a redelivered or duplicated message never runs a task twice.


def claim(*, session: Session, task_id: int, worker_id: str) -> Task | None:
    """Move one queued task to running for this worker; None when it is running elsewhere, done or failed.

    The status guard makes the claim a compare-and-set: of two workers, exactly one updates the row."""
    now = utcnow()
    claimed = changed_rows(
        session.execute(
            update(Task)
            .where(Task.id == task_id, Task.status == "queued")
            .values(
                status="running",
                worker_id=worker_id,
                attempts=Task.attempts + 1,
                started_at=now,
                heartbeat_at=now,
                error=None,
            )
        )
    )
    return session.get(Task, task_id, populate_existing=True) if claimed else None


def handoff(*, session: Session, task_id: int, worker_id: str, stage: str, payload: dict, attempts: int) -> bool:
    """Queue a running task again for its next phase (another queue), with `payload` merged in and its attempts
    set to `attempts`; False when this worker no longer holds it."""
    task = session.get(Task, task_id, populate_existing=True)
    if task is None or task.status != "running" or task.worker_id != worker_id:
        return False
    task.payload = {**(task.payload or {}), **payload}
    task.status = "queued"
    task.stage = stage
    task.worker_id = None
    task.attempts = attempts
    task.heartbeat_at = None  # not handed to the broker yet: see dispatched()
    session.flush()
    return True


def dispatched(*, session: Session, task_ids: builtins.list[int], ok: bool) -> None:
    """Record that queued tasks were handed to the broker (heartbeat_at of a queued task: when), or that it failed."""
    if task_ids:
        session.execute(
            update(Task)
            .where(Task.id.in_(task_ids), Task.status == "queued")
            .values(heartbeat_at=utcnow() if ok else None)
        )


def undispatched(*, session: Session, grace: float, redispatch_after: float) -> builtins.list[int]:
    """Queued tasks no broker holds: never handed over (after `grace` seconds), or handed over longer ago than
    `redispatch_after` (the broker's visibility timeout; a duplicate message is harmless)."""
    now = utcnow()
    never = (Task.heartbeat_at.is_(None)) & (Task.created_at < now - timedelta(seconds=grace))
    old = Task.heartbeat_at < now - timedelta(seconds=redispatch_after)
    query = select(Task.id).where(Task.status == "queued", never | old).order_by(Task.id)
    return builtins.list(session.scalars(query))
