"""Projects as plain rows through a DB-API connection (app.dbapi): what `verbatim project create` and `project list`
use, with neither SQLAlchemy nor `models` loaded (their imports were most of those commands' CPU time).

The SQL names the columns `models.Project` declares; tests/test_project_rows.py checks that each one exists there and
that rows written or read here agree with the ORM's.
"""

from __future__ import annotations

import builtins
from datetime import UTC, datetime
from typing import Any

from app.dbapi import SQLITE_DATETIME, Connection
from app.schemas.projects import ProjectCreate, ProjectRead

SHOWN = ("id", "name", "created_at", "redact_pii", "redact_speaker_names")
# What models.Project gives a new project besides what ProjectCreate says.
NEW_PROJECT = {"index_version": 0, "jobs_version": 0}
COUNTED = ("interviews", "utterances")  # tables counted per project, each with a project_id column


def create(*, connection: Connection, project_in: ProjectCreate) -> ProjectRead:
    """Insert a project with the values models.Project gives a new one."""
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "name": project_in.name.strip(),
        "redact_pii": project_in.redact_pii,
        "redact_speaker_names": project_in.redact_speaker_names,
        **NEW_PROJECT,
        # SQLite keeps a DateTime as text in SQLAlchemy's format; PostgreSQL takes the aware datetime.
        "created_at": now.strftime(SQLITE_DATETIME) if connection.dialect == "sqlite" else now,
    }
    sql = (
        f"INSERT INTO projects ({', '.join(values)}) VALUES ({', '.join('?' for _ in values)}) "
        f"RETURNING {', '.join(SHOWN)}"
    )
    (row,) = connection.execute(sql, builtins.list(values.values()))
    return ProjectRead.model_validate(dict(zip(SHOWN, row, strict=True)))


def list(*, connection: Connection) -> builtins.list[ProjectRead]:
    """Every project with its interview and utterance counts, by id."""
    found = [
        dict(zip(SHOWN, row, strict=True)) for row in connection.execute(f"SELECT {', '.join(SHOWN)} FROM projects")
    ]
    interviews, utterances = (
        dict(connection.execute(f"SELECT project_id, count(*) FROM {name} GROUP BY project_id")) for name in COUNTED
    )
    return [
        ProjectRead.model_validate(
            row | {"interview_count": interviews.get(row["id"], 0), "utterance_count": utterances.get(row["id"], 0)}
        )
        for row in sorted(found, key=lambda row: row["id"])
    ]
