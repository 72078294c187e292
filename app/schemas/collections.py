"""Collections: named sets of quotes (highlight reels) and the quotes in them."""

from pydantic import BaseModel, Field, field_validator

from app.schemas import DbId, UtcDateTime


class CollectionCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200, description="What the quotes have in common.")

    @field_validator("name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the name is blank")
        return value.strip()


class CollectionUpdate(CollectionCreate):
    pass


class CollectionItemAdd(BaseModel):
    utterance_id: DbId = Field(description="The quote to save: a search hit, a job's evidence or a transcript line.")


class CollectionItemRead(BaseModel):
    utterance_id: int
    position: int
    text: str = Field(description="What the speaker said, verbatim (fillers aside).")
    speaker: str
    role: str
    interview_id: int
    interview_title: str
    segment: str | None
    start: float | None
    end: float | None
    audio: bool = Field(description="Whether the interview has a recording the quote can be played from.")
    added_at: UtcDateTime


class CollectionRead(BaseModel):
    id: int
    project_id: int
    name: str
    created_at: UtcDateTime
    item_count: int
    recorded_count: int = Field(description="Quotes with a recording: the ones a reel plays.")
    items: list[CollectionItemRead] = Field(default_factory=list)


class CollectionList(BaseModel):
    collections: list[CollectionRead]
