"""What task handlers see of the worker: a progress reporter and the error that fails a task for good."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models import Task

# A handler reports (stage, progress) between batches of work. Reporting is also where a task stops: the reporter
# raises TaskCancelled when someone cancelled the task, or TaskInterrupted when the worker is shutting down.
Reporter = Callable[[str, float], None]


class TaskError(Exception):
    """A failure that retrying cannot fix (bad input); the task fails at once and keeps this reason."""


def project_of(task: Task) -> int:
    """The project a project-wide task (mine, reembed, redact) works on; such a task is always created with one."""
    if task.project_id is None:
        raise TaskError(f"task {task.id} ({task.kind}) names no project")
    return task.project_id


class TaskStopped(Exception):  # noqa: N818 - a stop, not an error
    """Raised by the reporter between batches: the task must stop now; its open transaction is rolled back."""


class TaskCancelled(TaskStopped):
    """The task was cancelled (POST /api/tasks/{id}/cancel): it stays cancelled and is never retried."""


class TaskInterrupted(TaskStopped):
    """The worker is stopping (SIGTERM, shutdown): the task goes back to the queue and resumes later."""
