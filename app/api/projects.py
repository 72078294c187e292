from fastapi import APIRouter, Depends, status

from app.api.deps import PrincipalDep, Require, SessionDep
from app.schemas.projects import ProjectCreate, ProjectList, ProjectRead, ProjectUpdate
from app.schemas.tasks import TaskRead
from app.services import privacy
from app.services import projects as project_service

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.post(
    "", dependencies=[Depends(Require("admin"))], status_code=status.HTTP_201_CREATED, response_model=ProjectRead
)
def create_project(project_in: ProjectCreate, session: SessionDep) -> ProjectRead:
    project = project_service.create(session=session, project_in=project_in)
    return project_service.read(session=session, projects=[project])[0]


@router.get("", dependencies=[Depends(Require("projects:read"))], response_model=ProjectList)
def list_projects(session: SessionDep, principal: PrincipalDep) -> ProjectList:
    projects = [p for p in project_service.list(session=session) if principal.can_see(p.id)]
    return ProjectList(projects=project_service.read(session=session, projects=projects))


@router.get("/{project_id}", dependencies=[Depends(Require("projects:read"))], response_model=ProjectRead)
def get_project(project_id: int, session: SessionDep) -> ProjectRead:
    project = project_service.get(session=session, project_id=project_id)
    return project_service.read(session=session, projects=[project])[0]


@router.patch("/{project_id}", dependencies=[Depends(Require("projects:write"))], response_model=ProjectRead)
def update_project(project_id: int, project_in: ProjectUpdate, session: SessionDep) -> ProjectRead:
    project = project_service.change(session=session, project_id=project_id, project_in=project_in)
    return project_service.read(session=session, projects=[project])[0]


@router.post(
    "/{project_id}/redact",
    dependencies=[Depends(Require("projects:write"))],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=TaskRead,
)
def redact_project(project_id: int, session: SessionDep) -> TaskRead:
    """Turn PII redaction on and redact what the project holds already (a task: turns, utterances, recordings)."""
    task = privacy.start(session=session, project_id=project_id)
    return TaskRead.model_validate(task)
