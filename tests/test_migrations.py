import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from app.db import alembic_config, migrate, migrations_head, pending_migrations
from models import Base
from tests.conftest import REPO, make_settings


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
    script = ScriptDirectory.from_config(alembic_config(settings))
    command.upgrade(alembic_config(settings), script.get_revision(head).down_revision)
    assert pending_migrations(settings, engine)
    migrate(settings)
    assert not pending_migrations(settings, engine)
    engine.dispose()
