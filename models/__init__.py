"""SQLAlchemy 2.0 ORM tables; the schema changes only through Alembic migrations."""

from models.base import Base
from models.tables import Interview, Project, Speaker, Task, Turn, Utterance

__all__ = ["Base", "Interview", "Project", "Speaker", "Task", "Turn", "Utterance"]
