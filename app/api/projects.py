from fastapi import APIRouter, status

from app.api.deps import SessionDep
from app.schemas.projects import ProjectCreate, ProjectList, ProjectRead
from app.services import projects as project_service

router = APIRouter(prefix="/api/projects", tags=["projects"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProjectRead)
def create_project(project_in: ProjectCreate, session: SessionDep) -> ProjectRead:
    project = project_service.create(session=session, project_in=project_in)
    session.commit()
    return project_service.read(session=session, projects=[project])[0]


@router.get("", response_model=ProjectList)
def list_projects(session: SessionDep) -> ProjectList:
    projects = project_service.list(session=session)
    return ProjectList(projects=project_service.read(session=session, projects=projects))


@router.get("/{project_id}", response_model=ProjectRead)
def get_project(project_id: int, session: SessionDep) -> ProjectRead:
    project = project_service.get(session=session, project_id=project_id)
    return project_service.read(session=session, projects=[project])[0]
