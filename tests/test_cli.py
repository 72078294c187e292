"""The `verbatim` command, end to end on a temporary data directory."""

import json

import pytest
from typer.testing import CliRunner

from app.cli import cli
from tests.helpers import TRANSCRIPT

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
