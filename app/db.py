"""Engine, sessions and migrations."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, Result, create_engine, event, inspect, text
from sqlalchemy.orm import Session, sessionmaker

from app.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def make_engine(settings: Settings) -> Engine:
    url = settings.sqlalchemy_url
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # Worker threads and request threads share the file: allow cross-thread use and wait on locks.
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def changed_rows(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (execute() is typed as returning a plain Result)."""
    return cast(CursorResult[Any], result).rowcount


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(settings: Settings):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", settings.sqlalchemy_url.replace("%", "%%"))
    return config


def migrate(settings: Settings, revision: str = "head") -> None:
    """Apply pending Alembic migrations."""
    if settings.sqlalchemy_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    if revision == "head" and _at_head(settings):
        return  # nothing to apply, and loading Alembic alone takes half a second of every CLI command
    from alembic import command

    command.upgrade(alembic_config(settings), revision)


_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)


def migrations_head() -> str | None:
    """The newest revision, read from the migration files without loading Alembic (None: not one single head)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        try:
            found = {name: ast.literal_eval(value.strip()) for name, value in _REVISION_LINE.findall(path.read_text())}
        except (ValueError, SyntaxError):
            return None  # not a plain literal: let Alembic decide
        if not isinstance(found.get("revision"), str):
            return None
        revisions.add(found["revision"])
        down = found.get("down_revision")
        parents.update([down] if isinstance(down, str) else down or ())
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(settings: Settings) -> bool:
    head = migrations_head()
    if head is None:
        return False
    engine = make_engine(settings)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return False
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head]
    finally:
        engine.dispose()


def pending_migrations(settings: Settings, engine: Engine) -> bool:
    """True when the database is not at the latest revision."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(settings))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current != set(script.get_heads())
