from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.schemas import UtcDateTime
from app.schemas.tasks import TaskRead
from pipelines.types import Role


class InterviewMetadata(BaseModel):
    """Participant metadata given at upload (all optional)."""

    title: str | None = Field(None, max_length=300)
    participant_name: str | None = Field(None, max_length=200)
    participant_role: str | None = Field(None, max_length=200)
    company: str | None = Field(None, max_length=200)
    industry: str | None = Field(None, max_length=200)
    company_size: str | None = Field(None, max_length=100)
    segment: str | None = Field(None, max_length=200)
    interviewed_at: date | None = None
    tags: list[str] = Field(default_factory=list)


class InterviewUpdate(InterviewMetadata):
    """Metadata edits; only the fields sent are changed."""

    title: str | None = Field(None, min_length=1, max_length=300)
    tags: list[str] | None = None  # type: ignore[assignment]

    @field_validator("title", mode="after")
    @classmethod
    def _title_not_null(cls, value: str | None) -> str:
        if value is None:  # only reached when null was sent: an interview always has a title
            raise ValueError("an interview's title cannot be null")
        return value

    @field_validator("tags", mode="after")
    @classmethod
    def _tags_null_clears(cls, value: list[str] | None) -> list[str]:
        return value or []


class SpeakerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    label: str
    name: str | None
    role: Role
    role_source: str


class SpeakerUpdated(SpeakerRead):
    task: TaskRead | None = Field(
        None, description="The task re-deriving the interview after a role change (utterances, jobs, search)."
    )


class SpeakerUpdate(BaseModel):
    role: Role | None = None
    name: str | None = Field(None, min_length=1, max_length=200)


class InterviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    project_id: int
    title: str
    participant_name: str | None
    participant_role: str | None
    company: str | None
    industry: str | None
    company_size: str | None
    segment: str | None
    interviewed_at: date | None
    tags: list[str]
    status: str
    error: str | None
    source_filename: str | None
    source_kind: str
    source_format: str | None
    size_bytes: int | None
    duration: float | None
    language: str | None
    created_at: UtcDateTime
    updated_at: UtcDateTime
    speakers: list[SpeakerRead] = []
    utterance_count: int = 0


class InterviewList(BaseModel):
    interviews: list[InterviewRead]


class InterviewUploaded(BaseModel):
    interview: InterviewRead
    task: TaskRead


class TranscriptSpeaker(BaseModel):
    id: int
    label: str
    name: str | None
    role: Role


class TranscriptTurn(BaseModel):
    speaker_id: int
    speaker: str
    role: Role
    start: float | None
    end: float | None
    text: str


class TranscriptRead(BaseModel):
    interview_id: int
    speakers: list[TranscriptSpeaker]
    turns: list[TranscriptTurn]
