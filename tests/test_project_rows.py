"""Projects through SQLAlchemy Core (the quick CLI path) agree with the ORM services and with the tables in `models`."""

from __future__ import annotations

import pytest
from sqlalchemy import Integer, String

from app.db import session_scope
from app.schemas.projects import ProjectCreate
from app.services import project_rows
from app.services import projects as project_service
from models import Project
from tests.helpers import add_interview

pytestmark = pytest.mark.db


@pytest.mark.parametrize("light", [project_rows.PROJECTS, project_rows.INTERVIEWS, project_rows.UTTERANCES])
def test_each_column_is_the_one_models_declares(light) -> None:
    declared = Project.metadata.tables[light.name].columns
    for column in light.columns:
        assert column.name in declared, column.name
        model_type = declared[column.name].type
        assert type(column.type) is type(model_type) or (
            isinstance(column.type, Integer) and isinstance(model_type, Integer)
        ), column.name
        if isinstance(model_type, String):
            assert column.type.length == model_type.length, column.name
        if hasattr(model_type, "timezone"):
            assert column.type.timezone == model_type.timezone, column.name


def test_a_project_made_either_way_reads_the_same(runtime) -> None:
    made = ProjectCreate(name="  Onboarding  ", redact_pii=True)
    with runtime.engine.begin() as connection:
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
    with runtime.engine.begin() as connection:
        listed = project_rows.list(connection=connection)
    with session_scope(runtime.session_factory) as session:
        expected = project_service.read(session=session, projects=project_service.list(session=session))
    assert listed == expected
    assert [(p.name, p.interview_count, p.utterance_count) for p in listed] == [("a", 2, 6), ("b", 0, 0)]
