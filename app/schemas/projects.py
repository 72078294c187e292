from pydantic import BaseModel, ConfigDict, Field

from app.schemas import UtcDateTime


class ProjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    redact_pii: bool = False
    redact_speaker_names: bool = False


class ProjectUpdate(BaseModel):
    """Changing `redact_pii` applies to interviews ingested from now on; `POST .../redact` redacts the rest."""

    name: str | None = Field(None, min_length=1, max_length=200)
    redact_pii: bool | None = None
    redact_speaker_names: bool | None = None


class ProjectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    created_at: UtcDateTime
    redact_pii: bool = False
    redact_speaker_names: bool = False
    interview_count: int = 0
    utterance_count: int = 0


class ProjectList(BaseModel):
    projects: list[ProjectRead]
