"""A bare DB-API connection for the commands that must start fast (`verbatim project create`, `project list`).

Importing SQLAlchemy alone was about half of those commands' CPU time, so they talk to the database through the
driver itself: the standard library's sqlite3 (with the pragmas app.db.make_engine sets) or psycopg for PostgreSQL.
Any other URL goes through SQLAlchemy's raw connection, with the same SQL. The schema must be at the head revision,
read here from the migration files without Alembic; when it is not, Alembic migrates it first (app.db.migrate).
One owner per transaction holds here too: `transaction` commits once at the end or rolls back.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.config import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# How SQLAlchemy's SQLite dialect stores a DateTime (text, no zone: the app stores UTC); rows written here must
# sort and parse like the ORM's.
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
_SQLITE_URL = re.compile(r"^sqlite(\+pysqlite)?:///(?P<path>[^?]+)$")
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+)$", re.MULTILINE)


@dataclass
class Connection:
    """A driver's connection and what differs between drivers: the placeholder and the error class."""

    raw: Any
    dialect: str  # "sqlite" or "postgresql" (or the name SQLAlchemy gives another database)
    placeholder: str  # what `?` in our SQL becomes: "?" (sqlite3) or "%s" (psycopg)
    error: type[Exception]  # the driver's DatabaseError

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement written with `?` placeholders; the rows it returns, if any."""
        cursor = self.raw.cursor()
        try:
            cursor.execute(sql.replace("?", self.placeholder), tuple(parameters))
            return [tuple(row) for row in cursor.fetchall()] if cursor.description else []
        finally:
            cursor.close()


def connect(url: str) -> Connection:
    """A connection to the database at this SQLAlchemy URL, in a transaction that the caller commits."""
    if found := _SQLITE_URL.match(url):
        import sqlite3

        raw: Any = sqlite3.connect(found["path"], timeout=30)
        for pragma in ("foreign_keys=ON", "journal_mode=WAL", "synchronous=NORMAL"):  # as app.db.make_engine
            raw.execute(f"PRAGMA {pragma}")
        return Connection(raw, "sqlite", "?", sqlite3.DatabaseError)
    scheme, _, rest = url.partition("://")
    if scheme in ("postgresql", "postgresql+psycopg"):
        import psycopg

        return Connection(psycopg.connect(f"postgresql://{rest}"), "postgresql", "%s", psycopg.DatabaseError)
    from sqlalchemy import create_engine  # any other database: its driver through SQLAlchemy

    engine = create_engine(url)
    placeholder = {"qmark": "?", "format": "%s", "pyformat": "%s"}[engine.dialect.paramstyle]
    driver: Any = engine.dialect.dbapi  # the driver module (PEP 249), None only for a mock engine
    return Connection(engine.raw_connection(), engine.dialect.name, placeholder, driver.Error)


@contextmanager
def transaction(settings: Settings) -> Iterator[Connection]:
    """A connection to the settings' database, migrated to the head revision, whose transaction commits once at
    the end (a rollback on error)."""
    ensure_migrated(settings)
    connection = connect(settings.sqlalchemy_url)
    try:
        yield connection
        connection.raw.commit()
    except BaseException:
        connection.raw.rollback()
        raise
    finally:
        connection.raw.close()


def ensure_migrated(settings: Settings) -> None:
    """Apply pending migrations; when there are none (every run but the first) neither Alembic nor SQLAlchemy loads."""
    if not is_current(settings):
        from app.db import migrate

        migrate(settings)


def is_current(settings: Settings) -> bool:
    """Whether the settings' database is at the newest migration (False for a database not made yet)."""
    if settings.sqlalchemy_url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    connection = connect(settings.sqlalchemy_url)
    try:
        return at_head(connection)
    finally:
        connection.raw.close()


def at_head(connection: Connection) -> bool:
    """Whether the database's revision is the newest migration file's."""
    head = migrations_head()
    if head is None:
        return False
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version")
    except connection.error:  # no such table: a new database
        connection.raw.rollback()
        return False
    return [row[0] for row in rows] == [head]


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
