"""Jobs: mining, the jobs of both levels with their support, statements and quotes, and researcher edits."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from app.schemas import DbId
from app.schemas.messaging import Performance, WinningWords
from app.schemas.tasks import TaskRead


class MineStarted(BaseModel):
    task: TaskRead


class JobUpdate(BaseModel):
    title: str | None = Field(None, min_length=1, max_length=300)
    status: Literal["proposed", "approved", "rejected"] | None = None
    candidate: int | None = Field(None, ge=0, le=1000, description="Pick a ranked candidate statement by index.")
    statement_text: str | None = Field(None, min_length=1, max_length=1000, description="Edit the statement text.")


class JobMerge(BaseModel):
    job_ids: list[DbId] = Field(min_length=1, max_length=1000)


class UtteranceMove(BaseModel):
    utterance_id: DbId


class JobStatement(BaseModel):
    """A job statement: generated from customers' words (each part cites its quotes) or written by a researcher.

    Further fields the extraction adds are kept as they are."""

    model_config = ConfigDict(extra="allow")

    text: str
    when: str = ""
    want: str = ""
    so: str = ""
    missing: list[str] = Field(default_factory=list, description="Parts no customer voiced.")
    generated: bool | None = Field(None, description="True when written by the extraction, not by a person.")
    grounded: bool | None = None
    score: float | None = None
    evidence: dict[str, list[dict[str, Any]]] = Field(default_factory=dict, description="The quotes behind each part.")


class JobSupport(BaseModel):
    interviews: int
    customers: int
    people: int
    utterances: int


class JobBreakdown(BaseModel):
    """Distinct interviews voicing the job, per segment, industry and participant role."""

    segment: dict[str, int]
    industry: dict[str, int]
    role: dict[str, int]


class JobQuote(BaseModel):
    utterance_id: int
    text: str
    verbatim: str = Field(description="What the speaker said, word for word.")
    interview_id: int
    interview: str | None = Field(default=None, description="The interview's title.")
    speaker: str | None = Field(default=None, description="Who said it (name, else the diarization label).")
    start: float | None
    end: float | None = None


class JobRead(BaseModel):
    id: int
    title: str
    level: Literal["core", "detail"]
    parent_id: int | None = Field(description="The core job a job belongs to.")
    status: Literal["proposed", "approved", "rejected", "merged"]
    keywords: list[str]
    support: JobSupport
    forces: dict[str, int] = Field(
        description="People voicing each force of progress (push, pull, anxiety, habit), counted only where the "
        "force classifier is confident of it."
    )
    force_quotes: dict[str, JobQuote] = Field(
        default_factory=dict,
        description="Per force voiced, the quote behind its count that the classifier is most confident of.",
    )
    breakdown: JobBreakdown
    statement: JobStatement | None
    candidates: list[JobStatement] = Field(description="Ranked candidate statements.")
    quotes: list[JobQuote]
    merged_into_id: int | None
    performance: Performance


class JobList(BaseModel):
    jobs: list[JobRead]
    message: str | None = Field(
        description="Why there are no jobs yet, when there are none; when every job is one person's talk, a note "
        "saying so."
    )


class JobUtteranceRead(BaseModel):
    id: int
    text: str
    verbatim: str
    interview_id: int
    speaker: str
    start: float | None
    similarity: float


class JobUtteranceList(BaseModel):
    utterances: list[JobUtteranceRead]


class ProjectRef(BaseModel):
    id: int
    name: str


class JobReport(BaseModel):
    project: ProjectRef
    jobs: list[JobRead]
    customer_words_that_won: list[WinningWords]
