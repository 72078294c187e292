import json

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from app.db import alembic_config, migrate, pending_migrations
from app.dbapi import migrations_head
from models import Base
from tests.helpers import REPO, make_settings


@pytest.mark.db
def test_migrations_upgrade_downgrade_and_match_models(tmp_path, database_url) -> None:
    settings = make_settings(tmp_path, database_url)
    engine = create_engine(settings.sqlalchemy_url)
    assert pending_migrations(settings, engine)
    migrate(settings)
    assert not pending_migrations(settings, engine)
    assert {"projects", "interviews", "speakers", "turns", "utterances", "tasks"} <= set(
        inspect(engine).get_table_names()
    )
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == [], "models and migrations disagree; write a migration"
    command.downgrade(alembic_config(settings), "base")
    assert "projects" not in inspect(engine).get_table_names()
    migrate(settings)
    engine.dispose()


def test_migrations_head_read_from_the_files_is_alembics() -> None:
    config = alembic_config(make_settings(REPO, "sqlite://"))
    assert [migrations_head()] == ScriptDirectory.from_config(config).get_heads()


@pytest.mark.db
def test_migrate_upgrades_a_database_one_revision_behind(tmp_path, database_url) -> None:
    """The quick "already at head" check must not skip a database that is behind."""
    settings = make_settings(tmp_path, database_url)
    engine = create_engine(settings.sqlalchemy_url)
    head = migrations_head()
    assert head is not None
    script = ScriptDirectory.from_config(alembic_config(settings))
    behind = script.get_revision(head).down_revision
    assert isinstance(behind, str)
    command.upgrade(alembic_config(settings), behind)
    assert pending_migrations(settings, engine)
    migrate(settings)
    assert not pending_migrations(settings, engine)
    engine.dispose()


def _insert(connection, table: str, **given) -> int:
    """Insert a row with the given values and a filler in every other required column (the schema of the revision
    the database is at, not the models'); returns its id."""
    from datetime import UTC, datetime

    from sqlalchemy import JSON, MetaData, Table

    fillers = {int: 0, float: 0.0, bool: False, str: "x", datetime: datetime.now(UTC)}
    reflected = Table(table, MetaData(), autoload_with=connection)
    values = dict(given)
    for column in reflected.columns:
        if column.name in values or column.nullable or column.primary_key or column.server_default is not None:
            continue
        values[column.name] = [] if isinstance(column.type, JSON) else fillers[column.type.python_type]
    return connection.execute(reflected.insert().values(values)).inserted_primary_key[0]


@pytest.mark.db
def test_copy_variant_phrases_move_to_one_home_and_back(tmp_path, database_url) -> None:
    """0009 keeps a variant's phrases once (the link rows, in order); its downgrade gives the JSON list back."""
    from sqlalchemy import text

    settings = make_settings(tmp_path, database_url)
    config = alembic_config(settings)
    engine = create_engine(settings.sqlalchemy_url)
    command.upgrade(config, "0008")
    with engine.begin() as connection:
        project = _insert(connection, "projects", name="p")
        a, b, c = (_insert(connection, "phrases", project_id=project, kind="pain", key=k, text=k) for k in "abc")
        test = _insert(connection, "copy_tests", project_id=project, name="t")
        # Written the old way: the ids twice (the JSON list in its order, a repeat included, and the link rows).
        first = _insert(connection, "copy_variants", copy_test_id=test, position=0, text="A", phrase_ids=[c, a, c])
        second = _insert(connection, "copy_variants", copy_test_id=test, position=1, text="B", phrase_ids=[])
        for pid in (c, a):
            connection.execute(text(f"INSERT INTO copy_variant_phrases VALUES ({first}, {pid})"))

    command.upgrade(config, "0009")
    with engine.connect() as connection:
        assert "phrase_ids" not in {col["name"] for col in inspect(connection).get_columns("copy_variants")}
        rows = connection.execute(
            text("SELECT variant_id, phrase_id, position FROM copy_variant_phrases ORDER BY variant_id, position")
        ).all()
    assert [tuple(r) for r in rows] == [(first, c, 0), (first, a, 1)]
    assert b not in {r[1] for r in rows}

    from sqlalchemy.orm import Session

    from models import CopyVariant

    with Session(engine) as session:
        assert session.get_one(CopyVariant, first).phrase_ids == [c, a]
        assert session.get_one(CopyVariant, second).phrase_ids == []

    command.downgrade(config, "0008")
    with engine.connect() as connection:
        assert "position" not in {col["name"] for col in inspect(connection).get_columns("copy_variant_phrases")}
        restored: dict[int, object] = dict(connection.execute(text("SELECT id, phrase_ids FROM copy_variants")).all())
        assert connection.execute(text("SELECT count(*) FROM copy_variant_phrases")).scalar_one() == 2
    as_lists = {k: json.loads(v) if isinstance(v, str) else v for k, v in restored.items()}
    assert as_lists == {first: [c, a], second: []}
    engine.dispose()
