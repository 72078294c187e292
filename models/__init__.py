"""SQLAlchemy 2.0 ORM tables; the schema changes only through Alembic migrations."""

from models.base import Base
from models.tables import (
    ApiKey,
    CopyEvent,
    CopyTest,
    CopyVariant,
    CopyVariantPhrase,
    Interview,
    Job,
    JobUtterance,
    Phrase,
    PhraseSegment,
    Project,
    Speaker,
    Task,
    Turn,
    Utterance,
    UtteranceSignal,
)

__all__ = [
    "ApiKey",
    "Base",
    "CopyEvent",
    "CopyTest",
    "CopyVariant",
    "CopyVariantPhrase",
    "Interview",
    "Job",
    "JobUtterance",
    "Phrase",
    "PhraseSegment",
    "Project",
    "Speaker",
    "Task",
    "Turn",
    "Utterance",
    "UtteranceSignal",
]
