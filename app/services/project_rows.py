"""Projects as rows through SQLAlchemy Core: what quick CLI commands use, with neither the ORM nor `models` loaded.

The ORM and the table classes are a third of `verbatim project create`'s CPU time; these few columns are all it
needs. tests/test_cli_startup.py checks that each column here is the one `models` declares.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import Boolean, DateTime, Integer, String, column, func, insert, select, table

from app.schemas.projects import ProjectCreate, ProjectRead

PROJECTS = table(
    "projects",
    column("id", Integer),
    column("name", String(200)),
    column("index_version", Integer),
    column("jobs_version", Integer),
    column("redact_pii", Boolean),
    column("redact_speaker_names", Boolean),
    column("created_at", DateTime(timezone=True)),
)
INTERVIEWS = table("interviews", column("project_id", Integer))
UTTERANCES = table("utterances", column("project_id", Integer))
_SHOWN = [PROJECTS.c.id, PROJECTS.c.name, PROJECTS.c.created_at, PROJECTS.c.redact_pii, PROJECTS.c.redact_speaker_names]


class Executes(Protocol):
    """A Connection or an ORM Session: both run Core statements in the caller's transaction."""

    def execute(self, statement: Any, /) -> Any: ...


def create(*, connection: Executes, project_in: ProjectCreate) -> ProjectRead:
    """Insert a project with the values models.Project gives a new one."""
    row = connection.execute(
        insert(PROJECTS)
        .values(
            name=project_in.name.strip(),
            redact_pii=project_in.redact_pii,
            redact_speaker_names=project_in.redact_speaker_names,
            index_version=0,
            jobs_version=0,
            created_at=datetime.now(UTC),
        )
        .returning(*_SHOWN)
    ).one()
    return ProjectRead.model_validate(row._asdict())


def list(*, connection: Executes) -> builtins.list[ProjectRead]:
    """Every project with its interview and utterance counts, by id."""
    rows = connection.execute(select(*_SHOWN).order_by(PROJECTS.c.id)).all()
    interviews, utterances = counts(connection=connection, project_ids=[row.id for row in rows])
    return [
        ProjectRead.model_validate(
            row._asdict() | {"interview_count": interviews.get(row.id, 0), "utterance_count": utterances.get(row.id, 0)}
        )
        for row in rows
    ]


def counts(*, connection: Executes, project_ids: Iterable[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Interviews and utterances per project (two grouped queries, not one per project)."""
    ids = builtins.list(project_ids)
    found = []
    for rows in (INTERVIEWS, UTTERANCES):
        query = select(rows.c.project_id, func.count()).where(rows.c.project_id.in_(ids)).group_by(rows.c.project_id)
        found.append(dict(connection.execute(query).all()))
    return found[0], found[1]
