"""The package rules of ../shared/ARCHITECTURE.md (beside the repository), enforced."""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = {"pipelines": {"app", "models"}, "models": {"app", "pipelines"}}
HEAVY = {
    "torch",
    "faiss",
    "spacy",
    "sentence_transformers",
    "faster_whisper",
    "whisper",
    "ctranslate2",
    "resemblyzer",
    "silero_vad",
    "av",
    "sklearn",
    "hdbscan",
    "umap",
    "networkx",
    "igraph",
    "leidenalg",
    "scipy",
    "onnx",
    "onnxruntime",
    "tokenizers",
}


def imported_modules(path: Path, *, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_forbidden(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in (REPO / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_heavy_libraries_are_imported_lazily_in_pipelines() -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path, top_level_only=True) & HEAVY)
        for path in (REPO / "pipelines").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_pipelines_make_no_network_calls() -> None:
    """Pipelines stay pure: an HTTP call (the optional LLM) is the app's; pipelines build requests and check replies."""
    network = {"httpx", "requests", "urllib3", "aiohttp", "http", "socket"}
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & network)
        for path in (REPO / "pipelines").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_app_does_not_create_tables_outside_migrations() -> None:
    for path in (REPO / "app").rglob("*.py"):
        assert "create_all(" not in path.read_text(), path


def _calls(path: Path, names: set[str]) -> list[str]:
    """`x.name(...)` calls in a file, for each name in `names`, as "line: name"."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        f"{node.lineno}: {node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in names
    ]


@pytest.mark.parametrize("layer", ["app/services", "app/api", "app/ui"])
def test_one_owner_per_transaction(layer: str) -> None:
    """Services, routers and pages add and flush; the request scope (app/api/deps.py) or a task's scope commits."""
    offenders = {
        str(path.relative_to(REPO)): found
        for path in sorted((REPO / layer).rglob("*.py"))
        if (found := _calls(path, {"commit", "rollback"}))
    }
    assert offenders == {}


def test_services_never_open_a_transaction() -> None:
    """Services run inside the caller's transaction; task handlers (app/tasks) open one per step."""
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "app" / "services").rglob("*.py"))
        if "session_scope" in path.read_text()
    ]
    assert offenders == []


def test_task_handlers_live_in_app_tasks() -> None:
    """Each task kind's handler is a module of app/tasks, and that package is what the worker runs."""
    from app.tasks import handlers
    from app.worker import default_handlers

    found = handlers()
    assert found == default_handlers()
    modules = {kind: handler.__module__ for kind, handler in found.items()}
    assert modules == {kind: f"app.tasks.{kind}" for kind in found}


def test_ingest_reaches_into_no_other_domain() -> None:
    """Jobs and messaging react to InterviewReady (app/events.py); the ingest task imports neither."""
    tree = ast.parse((REPO / "app" / "tasks" / "ingest.py").read_text())
    used = {
        f"{node.module}.{alias.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
        for alias in node.names
    } | {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert not {name for name in used if name.startswith(("app.services.jobs", "app.services.messaging"))}


def test_interview_ready_subscribers_run_jobs_first() -> None:
    from app.events import InterviewReady, JobsMined, subscribers
    from app.services import jobs, messaging

    assert subscribers(InterviewReady) == [jobs.on_interview_ready, messaging.on_talk_changed]
    assert subscribers(JobsMined) == [messaging.on_jobs_mined]


def test_every_json_route_declares_its_body(tmp_path: Path) -> None:
    """Routers answer with pydantic models (app/schemas): each /api route that returns JSON documents its schema."""
    from app.main import create_app
    from tests.helpers import make_settings

    spec = create_app(make_settings(tmp_path, f"sqlite:///{tmp_path}/x.db"), start_worker=False).openapi()
    untyped = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for code, response in operation["responses"].items():
                content = response.get("content", {})
                if path.startswith("/api") and code.startswith("2") and "application/json" in content:
                    if not content["application/json"].get("schema"):
                        untyped.append(f"{method.upper()} {path} {code}")
    assert untyped == []


def test_tests_share_helpers_not_test_modules_or_conftest() -> None:
    """Shared test code lives in helper modules (tests/helpers.py, tests/ui/browser.py); a test module or a conftest
    imported elsewhere runs its fixtures and collection hooks twice under two names."""
    offenders: dict[str, list[str]] = {}
    for path in (REPO / "tests").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests."):
                last = node.module.rsplit(".", 1)[-1]
                if last == "conftest" or last.startswith("test_"):
                    offenders.setdefault(str(path.relative_to(REPO)), []).append(node.module)
    assert offenders == {}
