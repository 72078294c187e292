"""Projects through a bare DB-API connection (the quick CLI path) agree with the ORM and with the tables in `models`."""

from __future__ import annotations

import pytest
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from app import dbapi
from app.db import session_scope
from app.schemas.projects import ProjectCreate
from app.services import project_rows
from app.services import projects as project_service
from models import Project
from tests.helpers import add_interview, make_settings

pytestmark = pytest.mark.db


def test_each_column_is_the_one_models_declares() -> None:
    declared = Project.metadata.tables
    assert set(project_rows.SHOWN) | set(project_rows.NEW_PROJECT) <= set(declared["projects"].columns.keys())
    for name in project_rows.COUNTED:
        assert "project_id" in declared[name].columns


def test_new_project_values_are_the_models_defaults() -> None:
    columns = Project.metadata.tables["projects"].columns
    for name, value in project_rows.NEW_PROJECT.items():
        default = columns[name].default
        assert isinstance(default, ScalarElementColumnDefault) and default.arg == value, name


def test_the_schema_is_current_only_at_the_head_revision(tmp_path, database_url) -> None:
    """The quick commands skip Alembic only when the database is at the newest migration file's revision."""
    settings = make_settings(tmp_path / "var", database_url)
    assert not dbapi.is_current(settings)  # nothing made yet
    dbapi.ensure_migrated(settings)
    assert dbapi.is_current(settings)
    with dbapi.transaction(settings) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", ["an-older-one"])
    assert not dbapi.is_current(settings)


def test_a_project_made_either_way_reads_the_same(runtime) -> None:
    made = ProjectCreate(name="  Onboarding  ", redact_pii=True)
    with dbapi.transaction(runtime.settings) as connection:
        quick = project_rows.create(connection=connection, project_in=made)
    with session_scope(runtime.session_factory) as session:
        orm = project_service.read(
            session=session, projects=[project_service.create(session=session, project_in=made)]
        )[0]
    with session_scope(runtime.session_factory) as session:
        stored = session.get(Project, quick.id)
        assert stored is not None
        assert (stored.index_version, stored.jobs_version, stored.search_model) == (0, 0, None)
        reread = project_service.read(session=session, projects=[stored])[0]
    assert reread == quick  # what the CLI printed is what the ORM reads back
    shown = {"id", "created_at"}
    assert quick.model_dump(exclude=shown) == orm.model_dump(exclude=shown)
    assert quick.name == "Onboarding" and quick.redact_pii and not quick.redact_speaker_names
    assert quick.model_dump(mode="json")["created_at"].endswith("Z")  # UTC, on either database


def test_counts_and_listing_agree_with_the_orm(runtime) -> None:
    with session_scope(runtime.session_factory) as session:
        busy, idle = (project_service.create(session=session, project_in=ProjectCreate(name=n)) for n in "ab")
        for title in ("first", "second"):
            add_interview(session, project_id=busy.id, turns=[["one.", "two."], ["three."]], title=title)
    with dbapi.transaction(runtime.settings) as connection:
        listed = project_rows.list(connection=connection)
    with session_scope(runtime.session_factory) as session:
        expected = project_service.read(session=session, projects=project_service.list(session=session))
    assert listed == expected
    assert [(p.name, p.interview_count, p.utterance_count) for p in listed] == [("a", 2, 6), ("b", 0, 0)]
