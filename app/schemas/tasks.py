from datetime import datetime

from pydantic import BaseModel, ConfigDict


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
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
