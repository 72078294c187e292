"""Shared fixtures: a fresh database per test (SQLite by default, a PostgreSQL schema when
VERBATIM_TEST_DATABASE_URL points at a server), settings under tmp_path, and an app client."""

from __future__ import annotations

import os

# Idle OpenMP threads sleep instead of spinning (set before torch loads): spinning is ruinous on 2 shared cores.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import (
    INTERVIEWS,
    SHARED_DATA,
    IngestedProject,
    fresh_database,
    make_settings,
    pypi_metadata,
    run_tasks,
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA


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
