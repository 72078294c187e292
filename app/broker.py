"""Scale-out task engine: Celery (Redis or RabbitMQ) carries execution, the task rows stay the source of truth.

Only used when VERBATIM_BROKER_URL is set; the embedded default (app/worker.py polling the task table) is untouched.

A broker message says no more than "task N may run now". The worker that receives it claims the row with a
compare-and-set (queued -> running), so a redelivered or duplicated message never runs a task twice; status,
stage, progress, attempts and errors are written to the row exactly as the embedded worker writes them.

Queues: `media` (decode, diarize, transcribe: a recording's first phase) and `text` (utterances, embeddings,
signals, index, mining, and transcripts, whose parsing is cheap). A recording hops from `media` to `text`: the
media worker stores speakers and turns, marks the row `payload.phase = "text"`, queues it again and publishes it to
`text`. Every stage replaces what an earlier attempt wrote, so a task interrupted anywhere is simply run again.

Failure: messages are acknowledged late (after the task ran) and prefetch is one, so a worker killed mid-task
leaves its message to the broker. Redis redelivers it only after the visibility timeout (hours, longer than the
longest transcription), so a sweeper in every worker process does not wait for that: a running row whose
heartbeat stopped for VERBATIM_TASK_STALE_SECONDS is requeued and published again (recover_stale), and a queued
row that never reached the broker (it was down at upload) is published again. The late redelivery of the dead
worker's message then finds the row done and is dropped.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from app.db import session_scope
from app.logs import task_context
from app.services import tasks as task_service
from models import Interview, Task

if TYPE_CHECKING:
    from celery import Celery

    from app.runtime import Runtime

log = logging.getLogger(__name__)

MEDIA, TEXT = "media", "text"
QUEUES = (MEDIA, TEXT)
TASK_NAME = "verbatim.run"
_NEW_TASKS = "verbatim_new_tasks"
# Touched by every successful sweep (database and broker reachable): `verbatim-worker.alive` in the temp directory.
ALIVE_FILE = Path(tempfile.gettempdir()) / "verbatim-worker.alive"


@lru_cache(maxsize=4)
def celery_app(broker_url: str, visibility_timeout: float) -> Celery:
    """The Celery application for a broker (one per process and URL)."""
    from celery import Celery
    from kombu import Exchange, Queue

    app = Celery("verbatim", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_acks_late=True,  # acknowledge after the task ran: a killed worker's message goes back to the broker
        task_reject_on_worker_lost=True,  # a pool child that dies mid-task: requeue rather than acknowledge
        worker_prefetch_multiplier=1,  # hold no more than the task at hand: the rest waits for idle workers
        # Each queue its own direct exchange and key: a message reaches exactly one queue.
        task_queues=[Queue(name, Exchange(name, type="direct"), routing_key=name) for name in QUEUES],
        task_default_queue=TEXT,
        task_default_exchange=TEXT,
        task_default_routing_key=TEXT,
        task_ignore_result=True,  # results live in the task rows
        task_serializer="json",
        accept_content=["json"],
        # Redis: an unacknowledged message is redelivered after this long; it must exceed the longest stage.
        # (RabbitMQ: raise the server's consumer_timeout above the longest stage instead.)
        broker_transport_options={"visibility_timeout": visibility_timeout},
        broker_connection_retry_on_startup=True,
        broker_connection_timeout=5,
        worker_hijack_root_logger=False,  # keep Verbatim's log format (task ids, JSON)
        # Leave sys.stdout/stderr alone: our handler writes to the current sys.stderr, and Celery's redirect turns
        # that into a logging proxy that drops records logged back into it, so a worker logged nothing after its
        # banner (it looked stalled while it worked).
        worker_redirect_stdouts=False,
        worker_send_task_events=False,
        worker_enable_remote_control=False,
    )
    app.task(name=TASK_NAME, ignore_result=True)(_run_message)
    return app


def route(session: Session, task: Task) -> str:
    """The queue a task's next phase runs on."""
    from app.tasks.ingest import needs_media

    if task.kind == "ingest" and (task.payload or {}).get("phase") != TEXT and task.interview_id is not None:
        interview = session.get(Interview, task.interview_id)
        if interview is not None and needs_media(interview):
            return MEDIA
    return TEXT


class Dispatcher:
    """Publishes queued task rows to the broker: new ones once their transaction commits, and any handed back."""

    def __init__(self, runtime: Runtime):
        settings = runtime.settings
        assert settings.broker_url, "the dispatcher needs VERBATIM_BROKER_URL"
        self.runtime = runtime
        self.app = celery_app(settings.broker_url, settings.broker_visibility_timeout)

    def install(self) -> None:
        """Every session of the runtime publishes the tasks it created, after commit (never a rolled-back one)."""
        factory = self.runtime.session_factory
        event.listen(factory, "after_flush", self._collect)
        event.listen(factory, "after_commit", self._after_commit)
        event.listen(factory, "after_rollback", self._forget)

    def _collect(self, session: Session, _context: Any) -> None:
        new = [obj for obj in session.new if isinstance(obj, Task)]
        if new:
            session.info.setdefault(_NEW_TASKS, []).extend(new)

    def _forget(self, session: Session) -> None:
        session.info.pop(_NEW_TASKS, None)

    def _after_commit(self, session: Session) -> None:
        tasks = session.info.pop(_NEW_TASKS, None)
        if tasks:
            self.publish([t.id for t in tasks if t.status == "queued"])

    def publish(self, task_ids: Iterable[int]) -> dict[int, str]:
        """Send each still-queued task to its queue; returns {task id: queue}. A broker that cannot be reached
        leaves the rows queued and unmarked, for a worker's sweeper to publish later."""
        task_ids = sorted(set(task_ids))
        if not task_ids:
            return {}
        sent: dict[int, str] = {}
        failed: list[int] = []
        with session_scope(self.runtime.session_factory) as session:
            for task in session.query(Task).filter(Task.id.in_(task_ids), Task.status == "queued"):
                queue = route(session, task)
                try:
                    self.app.send_task(
                        TASK_NAME,
                        args=[task.id],
                        queue=queue,
                        retry=True,
                        retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
                    )
                except Exception as exc:  # broker down: the row stays queued, the sweeper sends it later
                    log.warning("task %s: not sent to the %s queue (%s); a worker sends it later", task.id, queue, exc)
                    failed.append(task.id)
                else:
                    sent[task.id] = queue
                    log.info("task %s (%s) sent to the %s queue", task.id, task.kind, queue, extra={"task_id": task.id})
        with session_scope(self.runtime.session_factory) as session:
            task_service.dispatched(session=session, task_ids=list(sent), ok=True)
            task_service.dispatched(session=session, task_ids=failed, ok=False)
        return sent


class Consumer:
    """What a `verbatim worker --queues ...` process runs for each message, plus its sweeper."""

    def __init__(self, runtime: Runtime, queues: Iterable[str]):
        from app.worker import Worker

        self.runtime = runtime
        self.queues = frozenset(queues)
        unknown = self.queues - set(QUEUES)
        if unknown or not self.queues:
            raise ValueError(f"unknown queue(s) {', '.join(sorted(unknown)) or '(none)'}: use {', '.join(QUEUES)}")
        self.dispatcher: Dispatcher = runtime.dispatcher or Dispatcher(runtime)
        stale = runtime.settings.task_stale_seconds
        # Heartbeats well inside the stale window, so only a dead worker's task is ever taken over.
        self.worker = Worker(runtime, heartbeat_interval=min(5.0, stale / 3))

    def handle(self, task_id: int) -> str:
        """Claim and run one task's current phase; returns what became of it (for logs and tests)."""
        with task_context(task_id):
            with session_scope(self.runtime.session_factory) as session:
                task = task_service.claim(session=session, task_id=task_id, worker_id=self.worker.worker_id)
                if task is None:
                    row = session.get(Task, task_id)
                    status = row.status if row is not None else "deleted"
                    log.info("task %s is %s: duplicate or redelivered message dropped", task_id, status)
                    return "skipped"
                queue = route(session, task)
            if queue not in self.queues:  # a stale duplicate reached the wrong queue: send the task where it goes
                with session_scope(self.runtime.session_factory) as session:
                    task_service.handoff(
                        session=session,
                        task_id=task.id,
                        worker_id=self.worker.worker_id,
                        stage=task.stage or "queued",
                        payload={},
                        attempts=task.attempts - 1,
                    )
                self.dispatcher.publish([task.id])
                return "rerouted"
            status = self.worker._run(task, *self._phase(task, queue))
            if status == "queued":  # a retry, or the hop from media to text
                self.dispatcher.publish([task.id])
            return status

    def _phase(self, task: Task, queue: str):
        from app.tasks import ingest

        if task.kind != "ingest":
            return None, None
        if queue == MEDIA:
            return ingest.transcribe, self._to_text
        if (task.payload or {}).get("phase") == TEXT:
            return ingest.derive, None
        return ingest.run, None

    def _to_text(self, task: Task) -> str:
        with session_scope(self.runtime.session_factory) as session:
            held = task_service.handoff(
                session=session,
                task_id=task.id,
                worker_id=self.worker.worker_id,
                stage="transcribed",
                payload={"phase": TEXT},
                attempts=0,  # attempts count per queue: the text phase gets its own
            )
        if not held:
            log.warning("task %s was taken over by another worker; this result is dropped", task.id)
            return "lost"
        log.info("task %s transcribed: handed to the text queue", task.id)
        return "queued"

    def sweep(self) -> list[int]:
        """Requeue tasks of dead workers and publish queued tasks the broker does not hold; returns their ids."""
        settings = self.runtime.settings
        with session_scope(self.runtime.session_factory) as session:
            recovered = task_service.recover_stale(session=session, stale_after=settings.task_stale_seconds)
        with session_scope(self.runtime.session_factory) as session:
            orphans = task_service.undispatched(
                session=session,
                grace=max(10.0, settings.task_stale_seconds),
                redispatch_after=settings.broker_visibility_timeout,
            )
        if recovered:
            log.warning("tasks %s: their worker stopped sending heartbeats; queued again", recovered)
        ids = sorted(set(recovered) | set(orphans))
        return list(self.dispatcher.publish(ids)) if ids else []

    def sweep_forever(self, stop: threading.Event) -> None:
        interval = min(30.0, self.runtime.settings.task_stale_seconds / 2)
        while not stop.wait(interval):
            try:
                self.sweep()
                ALIVE_FILE.touch()  # a container health check reads its age
            except Exception:  # the sweeper must survive a database or broker hiccup
                log.exception("sweeper error")


_CONSUMER: Consumer | None = None


def _run_message(task_id: int) -> None:
    """The one Celery task: run row `task_id` (its state lives in the database)."""
    if _CONSUMER is None:
        raise RuntimeError("verbatim.run must run inside `verbatim worker --queues ...`")
    _CONSUMER.handle(int(task_id))


def run_worker(runtime: Runtime, *, queues: list[str], concurrency: int = 1, pool: str = "threads") -> None:
    """Consume `queues` until SIGTERM (warm shutdown: the tasks at hand finish first) or SIGINT."""
    global _CONSUMER
    from celery import signals

    consumer = Consumer(runtime, queues)
    _CONSUMER = consumer
    settings = runtime.settings
    longest = settings.max_audio_minutes * 60
    if MEDIA in consumer.queues and settings.broker_visibility_timeout < longest:
        log.warning(
            "VERBATIM_BROKER_VISIBILITY_TIMEOUT (%.0f s) is shorter than the longest accepted recording (%.0f s): "
            "Redis may hand a long transcription to a second worker while the first still runs",
            settings.broker_visibility_timeout,
            longest,
        )
    if pool == "prefork":  # children must not share the parent's database connections
        signals.worker_process_init.connect(lambda **_: runtime.engine.dispose(close=False), weak=False)
    stop = threading.Event()
    sweeper = threading.Thread(target=consumer.sweep_forever, args=(stop,), daemon=True, name="verbatim-sweeper")
    sweeper.start()
    name = "+".join(sorted(consumer.queues))
    argv = [
        "worker",
        f"--queues={','.join(sorted(consumer.queues))}",
        f"--concurrency={concurrency}",
        f"--pool={pool}",
        f"--loglevel={settings.log_level}",
        f"--hostname={name}@{socket.gethostname()}.{os.getpid()}",
        "--without-gossip",
        "--without-mingle",
    ]
    try:
        consumer.dispatcher.app.worker_main(argv)
    finally:
        stop.set()


def health(runtime: Runtime) -> dict:
    """The broker as /healthz reports it: reachable or not, and how many messages wait in each queue."""
    settings = runtime.settings
    if not settings.broker_url:
        return {"status": "none"}
    app = celery_app(settings.broker_url, settings.broker_visibility_timeout)
    try:
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
            url = connection.as_uri()  # password masked
            waiting = {}
            for queue in QUEUES:
                try:  # a channel each: on AMQP a failed passive declare closes its channel
                    with connection.channel() as channel:
                        waiting[queue] = channel.queue_declare(queue=queue, passive=True).message_count
                except Exception:  # not declared yet (or emptied and dropped, on Redis)
                    waiting[queue] = 0
    except Exception as exc:
        return {"status": "unreachable", "error": f"{type(exc).__name__}: {exc}"}
    return {"status": "ok", "url": url, "waiting": waiting}
