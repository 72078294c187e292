"""Logging for every process (server, workers, CLI): plain or JSON lines, each carrying the task it is about."""

from __future__ import annotations

import contextvars
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

current_task: contextvars.ContextVar[int | None] = contextvars.ContextVar("verbatim_task", default=None)


@contextmanager
def task_context(task_id: int) -> Iterator[None]:
    """Tag every log record emitted in this thread (or context) with the task id."""
    token = current_task.set(task_id)
    try:
        yield
    finally:
        current_task.reset(token)


class TaskFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        task_id = getattr(record, "task_id", None)
        if task_id is None:
            task_id = record.task_id = current_task.get()
        record.task = f" [task {task_id}]" if task_id is not None else ""
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
            "thread": record.threadName,
        }
        task_id = getattr(record, "task_id", None)
        if task_id is not None:
            entry["task_id"] = task_id
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever sys.stderr is now (test runners and CLI runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Install one handler on the root logger (idempotent): `text` lines or `json` objects, with task ids."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, StderrHandler)), None)
    if handler is None:
        handler = StderrHandler()
        handler.addFilter(TaskFilter())
        root.addHandler(handler)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s%(task)s: %(message)s"))
    root.setLevel(level)
    if level.upper() != "DEBUG":
        _quiet_libraries()


def _quiet_libraries() -> None:
    """Silence library chatter that tells an operator nothing: FAISS logs each instruction set it fails to load
    (with a ModuleNotFoundError) at INFO, sentence-transformers logs the path of every model it loads at INFO (on
    each `verbatim search`, above the results), and transformers draws a tqdm bar whenever it loads weights."""
    logging.getLogger("faiss.loader").setLevel(logging.WARNING)
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # read when huggingface_hub is first imported
    if "transformers" in sys.modules:  # already imported: tell it directly
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
