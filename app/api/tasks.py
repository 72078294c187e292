from fastapi import APIRouter, Depends

from app.api.deps import Require, SessionDep
from app.api.openapi import raises
from app.schemas.tasks import TaskRead
from app.services import interviews as interview_service
from app.services import tasks as task_service

router = APIRouter(prefix="/api/tasks", tags=["tasks"])


@router.get("/{task_id}", dependencies=[Depends(Require("projects:read"))], response_model=TaskRead)
def get_task(task_id: int, session: SessionDep) -> TaskRead:
    return TaskRead.model_validate(task_service.get(session=session, task_id=task_id))


@router.post(
    "/{task_id}/cancel",
    dependencies=[Depends(Require("projects:write"))],
    response_model=TaskRead,
    responses=raises("task_finished"),
)
def cancel_task(task_id: int, session: SessionDep) -> TaskRead:
    """Stop a queued or running task; a running one stops between batches and its interview is marked cancelled."""
    task = task_service.cancel(session=session, task_id=task_id)
    if task.stage == "cancelled" and task.interview_id is not None:  # it never started: no worker will mark it
        interview_service.mark(
            session=session, interview_id=task.interview_id, status="cancelled", error="Cancelled before processing."
        )
    return TaskRead.model_validate(task)
