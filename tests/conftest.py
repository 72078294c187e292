"""Shared fixtures: a fresh database per test (SQLite by default, a PostgreSQL schema when
VERBATIM_TEST_DATABASE_URL points at a server), settings under tmp_path, and an app client."""

from __future__ import annotations

import os

# Idle OpenMP threads sleep instead of spinning (set before torch loads): spinning is ruinous on 2 shared cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
INTERVIEWS = SHARED_DATA / "interviews" / "pypi-infrastructure"
ASR = SHARED_DATA / "asr"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA


@contextmanager
def fresh_database(tmp_dir: Path) -> Iterator[str]:
    """Yield a URL to an empty database: a SQLite file, or a throwaway schema on the PostgreSQL test server."""
    base = os.environ.get("VERBATIM_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_dir / 'test.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def make_settings(data_dir: Path, url: str, **overrides):  # type: ignore[no-untyped-def]
    from app.config import Settings

    # The test client calls itself `testserver`; the browser tests' server is on 127.0.0.1.
    hosts = ["testserver", "127.0.0.1", "localhost"]
    values = {
        "data_dir": data_dir,
        "database_url": url,
        "workers": 0,
        "task_stale_seconds": 5.0,
        "allowed_hosts": hosts,
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    with fresh_database(tmp_path) as url:
        yield url


@pytest.fixture
def settings(tmp_path: Path, database_url: str):  # type: ignore[no-untyped-def]
    from app.db import migrate

    settings = make_settings(tmp_path / "var", database_url)
    migrate(settings)
    return settings


@pytest.fixture
def runtime(settings):  # type: ignore[no-untyped-def]
    from app.runtime import Runtime

    runtime = Runtime.create(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def client(settings):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings, start_worker=False), raise_server_exceptions=False) as test_client:
        yield test_client


def run_tasks(client) -> None:  # type: ignore[no-untyped-def]
    """Run every queued task to completion in this thread (deterministic stand-in for the background worker)."""
    from app.worker import Worker

    Worker(client.app.state.runtime).run_until_idle(timeout=600)


def pytest_collection_modifyitems(config, items) -> None:  # type: ignore[no-untyped-def]
    # Tests that touch a database are marked `db`; CI runs them a second time on PostgreSQL.
    for item in items:
        if {"database_url", "settings", "runtime", "client"} & set(getattr(item, "fixturenames", ())) or any(
            m.name == "db" for m in item.iter_markers()
        ):
            item.add_marker(pytest.mark.db)


@contextmanager
def serve_in_thread(settings, *, start_worker: bool = False) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """The real app under uvicorn on a free localhost port, for tests that need real concurrent HTTP clients."""
    import socket
    import threading
    import time

    import uvicorn

    from app.main import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(
        create_app(settings, start_worker=start_worker), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
