"""The browser the UI tests drive and the screenshot check every page passes (fixtures live in conftest.py)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import REPO
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
