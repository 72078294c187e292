"""What task handlers see of the worker: a progress reporter and the error that fails a task for good."""

from collections.abc import Callable

Reporter = Callable[[str, float], None]


class TaskError(Exception):
    """A failure that retrying cannot fix (bad input); the task fails at once and keeps this reason."""
