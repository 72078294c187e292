"""SQLAlchemy 2.0 ORM tables; the schema changes only through Alembic migrations."""

from models.base import Base
from models.tables import Interview, Job, JobUtterance, Project, Speaker, Task, Turn, Utterance, UtteranceSignal

__all__ = [
    "Base",
    "Interview",
    "Job",
    "JobUtterance",
    "Project",
    "Speaker",
    "Task",
    "Turn",
    "Utterance",
    "UtteranceSignal",
]
