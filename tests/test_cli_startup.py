"""The CLI starts light (no web stack, Alembic, numpy or models for commands that need none) and its help is plain.

How long it takes is measured by tests/benchmarks/cli_startup.py; these tests check what makes it fast.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from app.cli import cli

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("fastapi", "sqlalchemy", "alembic", "numpy", "faiss", "torch", "spacy", "sentence_transformers")
# Light modules of pipelines/ the CLI may import at start: the spaCy model's name and the shared types, no library.
LIGHT_PIPELINES = {"pipelines", "pipelines.nlp", "pipelines.types"}

# Runs the CLI in a fresh interpreter and prints, as JSON, the names of the modules it imported.
PROBE = """
import json, sys
sys.argv = ["verbatim", *sys.argv[1:]]
from app.cli import main
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def _modules(tmp_path: Path, *argv: str) -> set[str]:
    """Every module the command imported."""
    env = {**os.environ, "VERBATIM_DATA_DIR": str(tmp_path / "var")}
    env.pop("VERBATIM_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def _imported(tmp_path: Path, *argv: str) -> list[str]:
    """The heavy libraries the command imported, and any pipelines module beyond the light ones."""
    modules = _modules(tmp_path, *argv)
    heavy = {m.split(".")[0] for m in modules if m.split(".")[0] in HEAVY}
    stages = {m for m in modules if m.split(".")[0] == "pipelines" and m not in LIGHT_PIPELINES}
    return sorted(heavy | stages | ({"app.services.index"} & set(modules)))


def test_help_imports_nothing_heavy(tmp_path: Path) -> None:
    assert _imported(tmp_path, "--help") == []
    assert _imported(tmp_path, "ingest", "--help") == []


def test_project_create_and_list_need_only_the_driver(tmp_path: Path) -> None:
    """SQLAlchemy's import was half of `project create`'s CPU time (the ORM and the table classes a third before
    that): the quick commands talk to the database through the driver itself (app/dbapi.py)."""
    _imported(tmp_path, "migrate")  # the first run migrates with Alembic; later ones see the schema is current
    assert _imported(tmp_path, "migrate") == []
    assert _imported(tmp_path, "project", "create", "Light") == []
    modules = _modules(tmp_path, "project", "create", "Plain")
    # Its one line of output is plain text: rich (about a tenth of the command's CPU time) is for tables and bars.
    assert "rich" not in {m.split(".")[0] for m in modules}
    assert not {m for m in modules if m == "models" or m.startswith(("models.", "app.runtime", "alembic"))}
    assert _imported(tmp_path, "project", "list") == []


def _commands(group: TyperGroup, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if isinstance(command, TyperGroup):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


@pytest.mark.parametrize("path", _commands(typer.main.get_command(cli)), ids=" ".join)  # type: ignore[arg-type]
def test_help_shows_what_to_type(path: tuple[str, ...]) -> None:
    shown = CliRunner().invoke(cli, [*path, "--help"], terminal_width=200)
    assert shown.exit_code == 0, shown.output
    assert "<bool>" not in shown.output and "<list[" not in shown.output, shown.output
