from pydantic import BaseModel, ConfigDict

from app.schemas import UtcDateTime


class TaskRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    status: str
    stage: str | None
    progress: float
    error: str | None
    attempts: int
    project_id: int | None
    interview_id: int | None
    created_at: UtcDateTime
    started_at: UtcDateTime | None
    finished_at: UtcDateTime | None
