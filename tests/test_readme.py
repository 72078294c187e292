"""The README tells the truth: every setting, CLI command and API route is in it, every route and error code it
names exists, and its quick tour's examples work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from app.cli import cli
from app.config import Settings

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def test_every_setting_is_in_the_readme() -> None:
    missing = [f"VERBATIM_{name.upper()}" for name in Settings.model_fields if f"VERBATIM_{name.upper()}" not in README]
    assert missing == []


def command_paths(group, prefix: str = "verbatim") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            paths += command_paths(command, f"{prefix} {name}")
        else:
            paths.append(f"{prefix} {name}")
    return paths


def test_every_cli_command_is_in_the_readme() -> None:
    paths = command_paths(typer.main.get_command(cli))
    assert len(paths) >= 8
    assert [p for p in paths if f"`{p}" not in README] == []


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README


def _route(method: str, path: str) -> tuple[str, str]:
    return method.upper(), re.sub(r"\{[^}]+\}", "{}", path)


def _api_routes(tmp_path: Path) -> set[tuple[str, str]]:
    from app.main import create_app
    from tests.helpers import make_settings

    app = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path / 'routes.db'}"), start_worker=False)
    return {_route(method, path) for path, operations in app.openapi()["paths"].items() for method in operations}


def _readme_routes() -> set[tuple[str, str]]:
    return {_route(m[1], m[2]) for m in re.finditer(r"\b(GET|POST|PUT|PATCH|DELETE) (/[\w/{}.-]*)", README)}


def test_every_route_the_readme_names_exists_and_every_route_is_named(tmp_path: Path) -> None:
    routes, named = _api_routes(tmp_path), _readme_routes()
    assert len(named) >= 40
    assert sorted(named - routes) == [], "the README names routes the API does not have"
    assert sorted(routes - named) == [], "API routes missing from the README"


def _app_error_codes() -> set[str]:
    """Codes the app can answer with: those its code raises (AppError and kin, the audio and task errors the
    services turn into errors) and those it gives HTTP errors (app.errors)."""
    from app.errors import _HTTP_CODES

    raised = re.compile(r"\b(?:[A-Z]\w*|envelope)\(\s*\"([a-z]+(?:_[a-z]+)*)\"")  # AppError("code", ...) and kin
    codes = set(_HTTP_CODES.values())
    for package in ("app", "pipelines"):
        for path in (REPO / package).rglob("*.py"):
            codes |= set(raised.findall(path.read_text()))
    return codes


def test_every_error_code_the_readme_names_exists() -> None:
    section = README[README.index("Every error has one shape") :]
    section = section[: section.index("###")]
    named = set(re.findall(r"`([a-z]+(?:_[a-z]+)+|[a-z]+)`", section)) - {"code", "message", "details", "error"}
    named |= set(re.findall(r"\b4\d\d `([a-z_]+)`", README))
    assert len(named) >= 15
    assert sorted(named - _app_error_codes()) == []


def _tour(kind: str) -> str:
    tour = README[README.index("## Quick tour") : README.index("## Web UI")]
    blocks = re.findall(r"```sh\n(.*?)```", tour, flags=re.S)
    return next(b for b in blocks if kind in b)


@pytest.mark.slow
def test_the_quick_tours_api_steps_work(client) -> None:
    from tests.helpers import run_tasks

    steps = _tour("curl")
    transcript = re.search(r"<<'EOF'\n(.*?)\nEOF", steps, flags=re.S).group(1)  # type: ignore[union-attr]
    name = re.search(r"\{\"name\": \"([^\"]+)\"\}", steps).group(1)  # type: ignore[union-attr]
    created = client.post("/api/projects", json={"name": name})
    assert created.status_code == 201
    project = created.json()["id"]
    fields = dict(re.findall(r"-F (\w+)=(\w+)", steps))
    call = {"file": ("call.txt", transcript.encode())}
    upload = client.post(f"/api/projects/{project}/interviews", files=call, data=fields)
    assert upload.status_code == 202, upload.text
    run_tasks(client)
    assert client.get(f"/api/tasks/{upload.json()['task']['id']}").json()["status"] == "done"
    query = re.search(r"/search\?([^\"]+)\"", steps).group(1)  # type: ignore[union-attr]
    hits = client.get(f"/api/projects/{project}/search?{query}").json()["hits"]
    assert hits and "stitch them together by hand" in hits[0]["text"], hits


@pytest.mark.slow
def test_the_quick_tours_search_finds_what_was_said(pypi_ingested, tmp_path: Path) -> None:
    from tests.helpers import copy_of

    query = re.search(r'verbatim search "[^"]+" "([^"]+)"', _tour("verbatim")).group(1)  # type: ignore[union-attr]
    with copy_of(pypi_ingested, tmp_path) as client:
        hits = client.get(f"/api/projects/{pypi_ingested.project_id}/search", params={"q": query, "k": 10}).json()
    # What Donald said about PyPI's running costs, in other words; the CLI shows 10 hits.
    assert any("operating cost" in hit["verbatim"].lower() for hit in hits["hits"]), [h["text"] for h in hits["hits"]]
