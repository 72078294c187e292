"""Projects: create, get, list, with interview and utterance counts."""

from __future__ import annotations

import builtins

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.schemas.projects import ProjectCreate, ProjectRead, ProjectUpdate
from models import Interview, Job, Project, Utterance


def create(*, session: Session, project_in: ProjectCreate) -> Project:
    project = Project(
        name=project_in.name.strip(),
        redact_pii=project_in.redact_pii,
        redact_speaker_names=project_in.redact_speaker_names,
    )
    session.add(project)
    session.flush()
    return project


def change(*, session: Session, project_id: int, project_in: ProjectUpdate) -> Project:
    project = get(session=session, project_id=project_id)
    for field, value in project_in.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(project, field, value.strip() if isinstance(value, str) else value)
    session.flush()
    return project


def get(*, session: Session, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFound("project", project_id)
    return project


def get_by_name_or_id(*, session: Session, ref: str) -> Project:
    """Resolve a CLI argument that is either a project id or an exact project name."""
    if ref.isdigit():
        return get(session=session, project_id=int(ref))
    project = session.scalars(select(Project).where(Project.name == ref).order_by(Project.id)).first()
    if project is None:
        raise NotFound("project", ref)
    return project


def list(*, session: Session) -> builtins.list[Project]:
    return builtins.list(session.scalars(select(Project).order_by(Project.id)))


def read(*, session: Session, projects: builtins.list[Project]) -> builtins.list[ProjectRead]:
    """Project rows as API bodies, with their counts (two grouped queries, not one per project)."""
    ids = [p.id for p in projects]
    interviews, utterances = (
        dict(
            session.execute(select(m.project_id, func.count()).where(m.project_id.in_(ids)).group_by(m.project_id))
            .tuples()
            .all()
        )
        for m in (Interview, Utterance)
    )
    return [
        ProjectRead.model_validate(p).model_copy(
            update={"interview_count": interviews.get(p.id, 0), "utterance_count": utterances.get(p.id, 0)}
        )
        for p in projects
    ]


def bump_index_version(*, session: Session, project_id: int) -> int:
    """Mark the project's utterances as changed; the search index compares this number with its own."""
    # One UPDATE (not read-modify-write), so concurrent writers on PostgreSQL never lose a bump.
    version = session.execute(
        update(Project)
        .where(Project.id == project_id)
        .values(index_version=Project.index_version + 1)
        .returning(Project.index_version)
    ).scalar_one_or_none()
    if version is None:
        raise NotFound("project", project_id)
    return version


def job_counts(*, session: Session, project_ids: builtins.list[int]) -> dict[int, int]:
    """Live (not merged or rejected) jobs per project, one grouped query."""
    return dict(
        session.execute(
            select(Job.project_id, func.count())
            .where(Job.project_id.in_(project_ids), Job.status.in_(["proposed", "approved"]))
            .group_by(Job.project_id)
        ).all()
    )


def bump_jobs_version(*, session: Session, project_id: int) -> None:
    """Mark the project's job memberships as changed; phrase statistics compare it with the state they were built at."""
    session.execute(update(Project).where(Project.id == project_id).values(jobs_version=Project.jobs_version + 1))
