"""Engine, sessions and migrations.

One owner per transaction: services add and flush; the scope that opened the session (a request, a task step, a
CLI command) commits once, through `session_scope`. Side effects outside the database (deleting a file, publishing
a task) wait for that commit with `on_commit`, or undo themselves on rollback with `on_rollback`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import CursorResult, Engine, Result, create_engine, event

from app.config import Settings
from app.dbapi import MIGRATIONS_DIR, is_current

if TYPE_CHECKING:  # the ORM is imported where sessions are made: CLI commands on SQLAlchemy Core start without it
    from sqlalchemy.orm import Session, sessionmaker

_ON_COMMIT = "verbatim_on_commit"
_ON_ROLLBACK = "verbatim_on_rollback"

log = logging.getLogger(__name__)


SQLITE_MMAP_BYTES = 1 << 30  # address space, not memory: pages stay in the OS cache


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
            # Read through a memory map (shared with the OS page cache, not copied per connection): joins that look
            # up thousands of wide utterance rows (the jobs page's support counts) ran about twice as fast.
            cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
            cursor.close()

        @event.listens_for(engine, "before_cursor_execute")
        def _refuse_nul(_conn: Any, _cursor: Any, _statement: str, parameters: Any, _context: Any, _many: bool) -> None:
            # PostgreSQL refuses NUL in text (a DataError, answered 422); SQLite would store it. Refuse it here too,
            # so the same input gets the same answer on either database.
            if _has_nul(parameters):
                import sqlite3

                raise sqlite3.DataError("text contains a NUL (0x00) character")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _has_nul(parameters: object) -> bool:
    """Whether bound parameters (a row, rows, or the flat list of a multi-row insert) hold text with NUL."""
    if isinstance(parameters, str):
        return "\x00" in parameters
    if isinstance(parameters, dict):
        return any(_has_nul(value) for value in parameters.values())
    if isinstance(parameters, list | tuple):
        return any(_has_nul(value) for value in parameters)
    return False


def changed_rows(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (execute() is typed as returning a plain Result)."""
    return cast(CursorResult[Any], result).rowcount


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    factory = sessionmaker(engine, expire_on_commit=False)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_soft_rollback", _after_rollback)
    return factory


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose transaction this scope owns: one commit on success, a rollback on error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def on_commit(session: Session, action: Callable[[], None]) -> None:
    """Run `action` once the session's transaction commits (never if it rolls back)."""
    session.info.setdefault(_ON_COMMIT, []).append(action)


def on_rollback(session: Session, action: Callable[[], None]) -> None:
    """Run `action` if the session's transaction rolls back (never if it commits): undo work done outside it."""
    session.info.setdefault(_ON_ROLLBACK, []).append(action)


def _run(actions: list[Callable[[], None]]) -> None:
    for action in actions:
        try:
            action()
        except Exception:  # the transaction is settled already; a failed side effect is logged, not raised
            log.exception("an action after the transaction ended failed")


def _after_commit(session: Session) -> None:
    session.info.pop(_ON_ROLLBACK, None)
    _run(session.info.pop(_ON_COMMIT, []))


def _after_rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is not None:
        return  # a savepoint: the outer transaction decides
    session.info.pop(_ON_COMMIT, None)
    _run(session.info.pop(_ON_ROLLBACK, []))


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
    if revision == "head" and is_current(settings):
        return  # nothing to apply, and loading Alembic alone takes half a second of every CLI command
    from alembic import command

    command.upgrade(alembic_config(settings), revision)


def pending_migrations(settings: Settings, engine: Engine) -> bool:
    """True when the database is not at the latest revision."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(settings))
    with engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current != set(script.get_heads())
