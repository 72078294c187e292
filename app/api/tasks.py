from fastapi import APIRouter, Depends

from app.api.deps import Require, SessionDep
from app.schemas.tasks import TaskRead
from app.services import tasks as task_service

router = APIRouter(prefix="/api/tasks", tags=["tasks"])


@router.get("/{task_id}", dependencies=[Depends(Require("projects:read"))], response_model=TaskRead)
def get_task(task_id: int, session: SessionDep) -> TaskRead:
    return TaskRead.model_validate(task_service.get(session=session, task_id=task_id))
