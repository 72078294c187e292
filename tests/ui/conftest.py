"""Fixtures for the web UI tests: where screenshots go, and a real server with a real worker for the browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers import fresh_database, make_settings, serve_in_thread
from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[str]:
    """The real app under uvicorn with its background worker; its base URL."""
    from app.db import migrate

    tmp = tmp_path_factory.mktemp("ui-live")
    with fresh_database(tmp) as url:
        # The default staleness: the tests' 5 s could requeue a transcription whose heartbeat is late on a busy machine.
        settings = make_settings(tmp / "var", url, workers=1, task_stale_seconds=60.0)
        migrate(settings)
        with serve_in_thread(settings, start_worker=True) as url:
            yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("no browser: /usr/bin/chromium is missing (run `make browser-deps` as root)")
    from playwright.sync_api import sync_playwright  # a dev dependency: missing is an error, not a skip

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
