from pydantic import BaseModel, ConfigDict, Field

from app.schemas import UtcDateTime


class ProjectCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)


class ProjectRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    created_at: UtcDateTime
    interview_count: int = 0
    utterance_count: int = 0


class ProjectList(BaseModel):
    projects: list[ProjectRead]
