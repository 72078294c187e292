"""Fixtures for the web UI tests: where screenshots go, and a real server with a real worker for the browser."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, fresh_database, make_settings
from tests.helpers import serve_in_thread
from tests.ui.a11y import problems

ARTIFACTS = REPO / "var" / "test-artifacts" / "ui"
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Debian's chromium stalls on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


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


def snap(page, name: str, *expected: str) -> str:
    """Save a full-page screenshot as a test artifact and check the page's text at that moment."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    text = page.inner_text("body")
    # inner_text is what is rendered (CSS may upper-case a label): compare without case and spacing differences.
    seen = " ".join(text.split()).casefold()
    missing = [e for e in expected if " ".join(e.split()).casefold() not in seen]
    assert not missing, f"{name}: {missing} not on the page; it says: {text[:2000]}"
    found = problems(page.content())
    assert not found, f"{name}: accessibility problems: {found}"
    # No page scrolls far past its content (hidden screen-reader text escaping a scroll box did, by 2,900 px).
    extra = page.evaluate(
        """() => {
            let bottom = 0;
            for (const node of document.body.children) {
                const style = getComputedStyle(node);
                if (style.position === 'fixed' || style.display === 'none' || node.tagName === 'DIALOG') continue;
                bottom = Math.max(bottom, node.getBoundingClientRect().bottom + window.scrollY);
            }
            return document.documentElement.scrollHeight - bottom - window.innerHeight;
        }"""
    )
    assert extra <= 0, f"{name}: the document is {extra:.0f}px more than a screen taller than its content"
    return text
