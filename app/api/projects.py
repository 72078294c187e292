from fastapi import APIRouter, Depends, status

from app.api.deps import PrincipalDep, Require, SessionDep
from app.schemas.projects import ProjectCreate, ProjectList, ProjectRead
from app.services import projects as project_service

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.post(
    "", dependencies=[Depends(Require("admin"))], status_code=status.HTTP_201_CREATED, response_model=ProjectRead
)
def create_project(project_in: ProjectCreate, session: SessionDep) -> ProjectRead:
    project = project_service.create(session=session, project_in=project_in)
    session.commit()
    return project_service.read(session=session, projects=[project])[0]


@router.get("", dependencies=[Depends(Require("projects:read"))], response_model=ProjectList)
def list_projects(session: SessionDep, principal: PrincipalDep) -> ProjectList:
    projects = [p for p in project_service.list(session=session) if principal.can_see(p.id)]
    return ProjectList(projects=project_service.read(session=session, projects=projects))


@router.get("/{project_id}", dependencies=[Depends(Require("projects:read"))], response_model=ProjectRead)
def get_project(project_id: int, session: SessionDep) -> ProjectRead:
    project = project_service.get(session=session, project_id=project_id)
    return project_service.read(session=session, projects=[project])[0]
