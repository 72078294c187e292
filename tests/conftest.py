"""Shared fixtures: a fresh database per test (SQLite by default, a PostgreSQL schema when
VERBATIM_TEST_DATABASE_URL points at a server), settings under tmp_path, and an app client."""

from __future__ import annotations

import os

# Idle OpenMP threads sleep instead of spinning (set before torch loads): spinning is ruinous on 2 shared cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def make_settings(data_dir: Path, url: str, **overrides):
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
def settings(tmp_path: Path, database_url: str):
    from app.db import migrate

    settings = make_settings(tmp_path / "var", database_url)
    migrate(settings)
    return settings


@pytest.fixture
def runtime(settings):
    from app.runtime import Runtime

    runtime = Runtime.create(settings)
    yield runtime
    runtime.close()


@pytest.fixture
def client(settings):
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings, start_worker=False), raise_server_exceptions=False) as test_client:
        yield test_client


def run_tasks(client) -> None:
    """Run every queued task to completion in this thread (deterministic stand-in for the background worker)."""
    from app.worker import Worker

    Worker(client.app.state.runtime).run_until_idle(timeout=600)


def pytest_collection_modifyitems(config, items) -> None:
    # Tests that touch a database are marked `db`; CI runs them a second time on PostgreSQL.
    for item in items:
        uses = set(getattr(item, "fixturenames", ()))
        if {"database_url", "settings", "runtime", "client", "pypi_ingested"} & uses or any(
            m.name == "db" for m in item.iter_markers()
        ):
            item.add_marker(pytest.mark.db)


# --------------------------------------------------------------------------- fixtures shared across packages


@pytest.fixture
def app_client(tmp_path, database_url):
    """An app requiring keys, with a project and one account per role (password tests.helpers.PASSWORD)."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import PASSWORD, make_key

    settings = make_settings(tmp_path / "var", database_url, auth="keys")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), follow_redirects=False) as client:
        admin = make_key(client, "admin")
        client.post("/api/projects", json={"name": "Mine"}, headers={"Authorization": f"Bearer {admin}"})
        for role in ("admin", "researcher", "marketer", "viewer"):
            created = client.post(
                "/api/users",
                json={"email": f"{role}@example.com", "password": PASSWORD, "role": role},
                headers={"Authorization": f"Bearer {admin}"},
            )
            assert created.status_code == 201, created.text
        yield client


@pytest.fixture(scope="module")
def llm_server() -> Iterator[str]:
    """A fake OpenAI-compatible endpoint (tests.helpers.FakeLLM) on localhost; its base URL."""
    from tests.helpers import fake_llm_server

    with fake_llm_server() as url:
        yield url


# --------------------------------------------------------------------------- the ten pypi interviews, ingested once

# Upload metadata: the narrators who maintain PyPI are one segment, the users another; interview dates span 2023's
# first three quarters (the matrix and trend tests slice by them).
PYPI_DATES = {
    "donald-1-full.md": "2023-02-10",
    "jackie-2-full.md": "2023-03-15",
    "ernest-1-full.md": "2023-05-03",
    "jackie-1-full.md": "2023-05-20",
    "ernest-2-full.md": "2023-06-01",
    "ernest-3-full.md": "2023-07-12",
    "nick-1-full.md": "2023-08-14",
    "nick-2-full.md": "2023-08-28",
    "jackie-3-full.md": "2023-09-05",
    "nick-3-full.md": "2023-09-20",
}


def pypi_metadata(name: str) -> dict[str, str]:
    segment = "maintainer" if name.startswith(("donald", "ernest")) else "user"
    return {"segment": segment, "industry": "open source", "interviewed_at": PYPI_DATES[name]}


@dataclass(frozen=True)
class IngestedProject:
    """A database holding one project's ingested interviews (never changed: tests work on copies)."""

    url: str
    data_dir: Path
    project_id: int
    uploads: dict[str, Any]  # file name -> the upload's answer (interview and task)


@pytest.fixture(scope="session")
def pypi_ingested(tmp_path_factory) -> Iterator[IngestedProject]:
    """The ten pypi-infrastructure interviews uploaded through the API and ingested, once per test session."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    if not INTERVIEWS.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    tmp = tmp_path_factory.mktemp("pypi-ingested")
    with fresh_database(tmp) as url:
        settings = make_settings(tmp / "var", url)
        migrate(settings)
        uploads = {}
        with TestClient(create_app(settings, start_worker=False)) as client:
            project = client.post("/api/projects", json={"name": "PyPI"}).json()["id"]
            for path in sorted(INTERVIEWS.glob("*.md")):
                with path.open("rb") as fh:
                    response = client.post(
                        f"/api/projects/{project}/interviews",
                        files={"file": (path.name, fh, "text/markdown")},
                        data=pypi_metadata(path.name),
                    )
                assert response.status_code == 202, response.text
                uploads[path.name] = response.json()
            run_tasks(client)
        yield IngestedProject(url=url, data_dir=settings.data_dir, project_id=project, uploads=uploads)


@contextmanager
def copy_of(ingested: IngestedProject, tmp_dir: Path):
    """A test client on a copy of an ingested project's database and data directory, for a test module to change."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import copy_data_dir, copy_database

    with fresh_database(tmp_dir) as url:
        settings = make_settings(tmp_dir / "var", url)
        migrate(settings)
        copy_database(ingested.url, url)
        copy_data_dir(ingested.data_dir, settings.data_dir)
        with TestClient(create_app(settings, start_worker=False)) as client:
            yield client
