import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from app.db import alembic_config, migrate, pending_migrations
from models import Base
from tests.conftest import make_settings


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
