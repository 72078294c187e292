"""The `verbatim` command, end to end on a temporary data directory."""

import json
import re
import sys

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.helpers import LOG_RECORD, TRANSCRIPT, run_in_terminal, screen

BAR = re.compile(r"[━╸╺]+ +\d+% ")  # rich's bar and its percentage column

pytestmark = pytest.mark.db


@pytest.fixture
def env(tmp_path, database_url, monkeypatch):
    from app.config import get_settings

    monkeypatch.setenv("VERBATIM_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("VERBATIM_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.mark.slow
def test_cli_flow(env) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["migrate"]).exit_code == 0
    created = runner.invoke(cli, ["project", "create", "Finance"])
    assert created.exit_code == 0 and "created project 1" in created.output
    transcript = env / "dana.txt"
    transcript.write_text(TRANSCRIPT)
    garbage = env / "noise.bin"
    garbage.write_bytes(b"\x00\x01" * 100)
    ingested = runner.invoke(cli, ["ingest", "Finance", str(transcript), str(garbage)])
    assert "noise.bin (unsupported_media)" in ingested.output
    assert "1 ingested, 0 failed" in ingested.output, ingested.output
    listed = runner.invoke(cli, ["project", "list"])
    assert "Finance" in listed.output
    found = runner.invoke(cli, ["search", "1", "copying numbers between spreadsheets", "--k", "2", "--json"])
    assert found.exit_code == 0, found.output
    hits = json.loads(found.output)["hits"]
    assert len(hits) == 2 and hits[0]["speaker"] == "Dana"
    (env / "var" / "index" / "project-1.faiss").unlink()
    reindexed = runner.invoke(cli, ["reindex"])
    assert reindexed.exit_code == 0 and "utterances indexed" in reindexed.output
    reembedded = runner.invoke(cli, ["reindex", "Finance", "--reembed"])
    assert reembedded.exit_code == 0 and "utterances indexed (all-MiniLM-L6-v2)" in reembedded.output, reembedded.output
    assert runner.invoke(cli, ["search", "Nope", "x"]).exit_code == 1


def test_keys_create_list_revoke(env) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["project", "create", "Ads"]).exit_code == 0
    created = runner.invoke(cli, ["keys", "create", "--scopes", "feed:read,events:write", "--project", "1"])
    assert created.exit_code == 0, created.output
    key = created.stdout.strip().splitlines()[-1]
    assert key.startswith("vb_") and len(key) > 40
    listed = runner.invoke(cli, ["keys", "list"])
    _, prefix, secret = key.split("_", 2)  # the secret may itself hold "_" (1 run in 64 it starts with one)
    assert listed.exit_code == 0 and prefix in listed.output and secret not in listed.output
    bad = runner.invoke(cli, ["keys", "create", "--scopes", "everything"])
    assert bad.exit_code == 1 and "invalid_scopes" in bad.output
    assert runner.invoke(cli, ["keys", "revoke", "1"]).exit_code == 0
    assert "yes" in runner.invoke(cli, ["keys", "list"]).output
    assert runner.invoke(cli, ["keys", "revoke", "42"]).exit_code == 1


def test_output_shows_brackets_as_written(env) -> None:
    """Names, file names and transcript text are never read as rich markup ("[laughs]" must not vanish)."""
    runner = CliRunner()
    name = "Acme [beta] [bold]launch"
    created = runner.invoke(cli, ["project", "create", name])
    assert created.exit_code == 0 and f"created project 1: {name}\n" in created.output, created.output
    assert name in runner.invoke(cli, ["project", "list"], terminal_width=200).output
    missing = runner.invoke(cli, ["mine", "[gone]"])
    assert missing.exit_code == 1 and "project [gone] does not exist" in missing.output, missing.output


def _bars_and_logs(output: str) -> tuple[list[str], list[str]]:
    """The screen's progress-bar lines and log lines; fails if a log record sits inside a line (after a bar)."""
    shown = screen(output)
    for line in shown:
        record = LOG_RECORD.search(line)
        assert record is None or record.start() == 0, f"a log record broke into a line: {line!r}\n" + "\n".join(shown)
    bars = [line for line in shown if BAR.search(line)]
    logs = [line for line in shown if LOG_RECORD.match(line)]
    assert not [line for line in logs if BAR.search(line)], "\n".join(shown)
    return bars, logs


def test_worker_logs_stay_off_the_progress_bars(env, monkeypatch) -> None:
    """In a terminal, the in-process worker logs while the bar is drawn: each record is a whole line above the bar
    (rich redirects sys.stderr while a bar is live, and app.logs writes to whatever sys.stderr is now), never
    glued to a bar line or erased by the bar's redraw. Mining an empty project runs the same worker and bar as
    ingest, in seconds."""
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "INFO")
    monkeypatch.setenv("VERBATIM_LOG_FORMAT", "text")
    assert CliRunner().invoke(cli, ["project", "create", "Empty"]).exit_code == 0
    output = run_in_terminal([sys.executable, "-m", "app.cli", "mine", "Empty"])
    bars, logs = _bars_and_logs(output)
    assert [line.split(" ━")[0].strip() for line in bars] == ["mining project 1"], "\n".join(screen(output))
    assert "100%" in bars[0]
    assert any(line.endswith("(mine) started, attempt 1") for line in logs), "\n".join(logs)
    assert any(line.endswith(": task 1 done") for line in logs), "\n".join(logs)


@pytest.mark.slow
def test_ingest_and_search_in_a_terminal(env, monkeypatch) -> None:
    """The issue's case: `verbatim ingest` draws a bar per file while the worker logs; then a search prints its
    table and no library chatter (FAISS's INFO line with a ModuleNotFoundError, the sentence model's path, a tqdm
    bar)."""
    monkeypatch.setenv("VERBATIM_LOG_LEVEL", "INFO")
    monkeypatch.setenv("VERBATIM_LOG_FORMAT", "text")
    assert CliRunner().invoke(cli, ["project", "create", "Finance"]).exit_code == 0
    (env / "dana.txt").write_text(TRANSCRIPT)
    (env / "dana-again.txt").write_text(TRANSCRIPT.replace("Dana", "Dina"))
    verbatim = [sys.executable, "-m", "app.cli"]
    output = run_in_terminal([*verbatim, "ingest", "Finance", str(env / "dana.txt"), str(env / "dana-again.txt")])
    bars, logs = _bars_and_logs(output)
    assert sorted(line.split(" ━")[0].strip() for line in bars) == ["dana-again.txt", "dana.txt"], "\n".join(
        screen(output)
    )
    assert all("100%" in line for line in bars) and len(logs) >= 4, "\n".join(screen(output))
    assert "2 ingested, 0 failed" in screen(output)
    found = screen(run_in_terminal([*verbatim, "search", "Finance", "copying numbers between spreadsheets"]))
    assert any("Dana" in line or "Dina" in line for line in found), "\n".join(found)
    noise = [line for line in found if LOG_RECORD.match(line) or "ModuleNotFoundError" in line or "it/s]" in line]
    assert noise == [], "\n".join(found)
