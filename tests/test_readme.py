"""The README documents every setting and every CLI command."""

from pathlib import Path

import typer.main

from app.cli import cli
from app.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


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
    paths = command_paths(typer.main.get_command(cli))  # type: ignore[arg-type]
    assert len(paths) >= 8
    assert [p for p in paths if f"`{p}" not in README] == []


def test_readme_shows_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
