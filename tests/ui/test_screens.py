"""Every page in a real browser at 1400 px and at 390 px (a phone), signed in with each role, on a seeded project
(no models run, so this takes about a minute), and the sign-in and not-found pages. Screenshots land in
var/test-artifacts/ui/screens/.

Checks on each page: nothing scrolls sideways, the document is no taller than its content by a screen, the HTML
accessibility check, WCAG AA text contrast, no script errors; the keyboard reaches the controls with a visible
focus ring; write controls show only for roles that can use them; the jobs page's pictures draw when opened."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from tests.helpers import ASR, fresh_database, make_settings, serve_in_thread
from tests.ui.a11y import low_contrast
from tests.ui.browser import ARTIFACTS, snap

pytestmark = [pytest.mark.slow, pytest.mark.db]

PASSWORD = "correct horse battery staple"
SHOTS = "screens"
WIDTHS = {"wide": (1400, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[dict]:
    """A server that requires sign-in, with a seeded project, a collection, a copy test and one person per role."""
    from app import runtime as runtime_module
    from app.db import make_engine, make_session_factory, migrate, session_scope
    from app.schemas.collections import CollectionCreate
    from app.services import collections as collection_service
    from app.services import messaging as messaging_service
    from app.services import users as user_service
    from tests.ui.seed import FakeEmbedder, seed_project

    patch = pytest.MonkeyPatch()
    patch.setattr(runtime_module, "load_embedder", lambda model: FakeEmbedder())
    tmp = tmp_path_factory.mktemp("ui-screens")
    with fresh_database(tmp) as url:
        settings = make_settings(tmp / "var", url, workers=0, auth="keys")
        migrate(settings)
        engine = make_engine(settings)
        with session_scope(make_session_factory(engine)) as session:
            data = seed_project(session, interviews=8, utterances=480, jobs=8, cores=3)
            for role in ("researcher", "marketer", "viewer"):
                user_service.create(session=session, email=f"{role}@example.com", password=PASSWORD, role=role)
            collection = collection_service.create(
                session=session, project_id=data.project_id, collection_in=CollectionCreate(name="Month-end pain")
            )
            session.flush()
            for utterance_id in data.utterance_ids[:4]:
                collection_service.add_item(session=session, collection_id=collection.id, utterance_id=utterance_id)
            collection_id = collection.id
            messaging_service.create_test(
                session=session,
                project_id=data.project_id,
                test_in=_copy_test(data.job_ids[0]),
            )
        if (ASR / "jfk.flac").exists():  # the seed's first interview is a recording: give it real audio
            media = settings.data_dir / "media"
            media.mkdir(parents=True, exist_ok=True)
            shutil.copy(ASR / "jfk.flac", media / "synthetic-01.flac")
        pid = data.project_id
        pages = {
            "projects": "/",
            "project": f"/projects/{pid}",
            "interview": f"/interviews/{data.interview_ids[0]}",
            "search": f"/projects/{pid}/search?q=month+end+close",
            "jobs": f"/projects/{pid}/jobs",
            "messaging": f"/projects/{pid}/messaging",
            "collections": f"/projects/{pid}/collections",
            "collection": f"/collections/{collection_id}",
        }
        engine.dispose()
        with serve_in_thread(settings) as base:
            yield {"url": base, "pages": pages, "project": pid}
    patch.undo()


def _copy_test(job_id: int):
    from app.schemas.messaging import CopyTestCreate

    variants = [{"text": "Close the books in a day"}, {"text": "Stop copying and pasting every month end"}]
    return CopyTestCreate(name="Headline", job_id=job_id, variants=variants)


def _signed_in(browser, site: dict, role: str, width: str):
    """A browser page signed in as ROLE at WIDTH, collecting script errors."""
    w, h = WIDTHS[width]
    context = browser.new_context(base_url=site["url"], viewport={"width": w, "height": h})
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    page.goto("/login")
    page.get_by_label("Email").fill(f"{role}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(site["url"] + "/")
    return page


def _check(page, name: str, *expected: str) -> str:
    text = snap(page, f"{SHOTS}/{name}", *expected)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
    assert low_contrast(page) == [], f"{name}: text under WCAG AA contrast: {low_contrast(page)}"
    assert page.errors == [], f"{name}: script errors {page.errors}"
    return text


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_reads_well(browser, site, width) -> None:
    (ARTIFACTS / SHOTS).mkdir(parents=True, exist_ok=True)
    page = _signed_in(browser, site, "researcher", width)
    expected = {
        "projects": ("Projects", "Synthetic interviews"),
        "project": ("Interview 01", "Add interviews", "Ready"),
        "interview": ("Transcript", "Speakers", "Customer 1"),
        "search": ("quotes for", "Interview"),
        "jobs": ("Jobs to be done", "core job", "Its jobs", "Pictures"),
        "messaging": ("Phrase library", "Headline"),
        "collections": ("Month-end pain", "4 quotes"),
        "collection": ("Month-end pain", "Export CSV"),
    }
    for name, path in site["pages"].items():
        page.goto(path)
        _check(page, f"{width}-{name}", "researcher", "Sign out", *expected[name])
    page.goto("/projects/999999")  # a page that is not there says so, with a way back
    _check(page, f"{width}-not-found", "Not found", "Go to all projects")
    page.context.clear_cookies()
    page.goto("/login")
    _check(page, f"{width}-login", "Sign in", "Email", "Password")
    # The pictures draw when opened, each with its chart or a reason it has none.
    page.context.close()
    page = _signed_in(browser, site, "researcher", width)
    page.goto(site["pages"]["jobs"])
    for name in ("heat", "map", "trend"):
        page.locator(f"#{name} > summary").click()
        page.locator(f"#{name} .picture-body svg, #{name} .picture-body .empty-chart").first.wait_for()
    _check(page, f"{width}-jobs-pictures", "Compare by", "Map of core jobs")
    page.get_by_label("Compare by").select_option("industry")
    page.locator("#heat .picture-body text", has_text="finance").first.wait_for()
    assert "by=industry" in page.url
    if width == "phone":
        # The section tabs all fit on a phone, the current one included.
        tabs = page.locator(".tabs a").evaluate_all("links => links.map(a => a.getBoundingClientRect().right)")
        assert max(tabs) <= 390, f"a section tab ends at {max(tabs)}px"
        # A copy test's pictures fit the phone whole (they scrolled sideways, the probability out of sight).
        page.goto(site["pages"]["messaging"])
        ends = page.locator(".test-card svg.chart").evaluate_all(
            "charts => charts.map(c => c.getBoundingClientRect().right)"
        )
        assert len(ends) == 2 and max(ends) <= 390, f"the copy test's pictures end at {ends}px"
    page.context.close()


def test_keyboard_reaches_controls_with_a_visible_focus(browser, site) -> None:
    page = _signed_in(browser, site, "researcher", "wide")
    page.goto(site["pages"]["jobs"])
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {tag: el.tagName, text: (el.innerText || '').trim().slice(0, 30),
                        outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
            }"""
        )
        seen.append(focused)
        if focused["tag"] != "BODY":
            assert focused["outline"] != "none" and focused["width"] >= 2, f"no visible focus on {focused}"
    tags = {f["tag"] for f in seen}
    assert {"A", "BUTTON", "SUMMARY"} <= tags, tags
    # A closed job opens from the keyboard.
    summary = page.locator(".job-details > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".job-details").first.evaluate("d => d.open")
    # Its merge menu lists the other jobs (filled from the page's one list when it opens), never the job itself.
    job = page.locator(".job").first
    job_id = job.get_attribute("data-job-id")
    job.get_by_role("button", name="Merge…").click()
    choices = job.get_by_label("Job to merge into").locator("option").evaluate_all("os => os.map(o => o.value)")
    assert len(choices) == 1 + 7 and job_id not in choices, choices  # "Choose a job…" and the seed's 7 others
    page.context.close()


WRITE_CONTROLS = {
    # role -> (page, control text) pairs that must be shown (True) or hidden (False)
    "researcher": [
        ("project", "Add interviews", True),
        ("jobs", "Mine again", True),
        ("messaging", "New copy test", False),
    ],
    "marketer": [
        ("project", "Add interviews", False),
        ("jobs", "Mine again", False),
        ("messaging", "New copy test", True),
    ],
    "viewer": [
        ("project", "Add interviews", False),
        ("jobs", "Mine again", False),
        ("messaging", "New copy test", False),
    ],
}


@pytest.mark.parametrize("role", list(WRITE_CONTROLS))
def test_write_controls_only_for_roles_that_can_use_them(browser, site, role) -> None:
    page = _signed_in(browser, site, role, "phone")
    for name, control, shown in WRITE_CONTROLS[role]:
        page.goto(site["pages"][name])
        assert (control in page.inner_text("main")) is shown, f"{role} on {name}: {control!r} shown={not shown}"
    writer = role == "researcher"
    page.goto(site["pages"]["search"])
    assert (page.locator("[data-save-quote]").count() > 0) is writer
    page.goto(site["pages"]["interview"])
    assert (page.locator(".speaker-form").count() > 0) is writer
    page.goto(site["pages"]["collection"])
    assert (page.locator("[data-remove-item]").count() > 0) is writer
    page.goto(site["pages"]["messaging"])
    assert (page.locator("[data-use-phrase]").count() > 0) is (role == "marketer")
    assert (page.locator("[data-test-action=stop]").count() > 0) is (role == "marketer")
    _check(page, f"phone-messaging-{role}", "Phrase library", "Copy tests")
    page.context.close()


def test_the_api_docs_fit_a_phone(browser, site) -> None:
    """/docs at 390 px with an operation's body and responses open and the schemas in view: nothing sticks out past
    the right edge (Swagger UI's own layout squeezed the examples into a word-broken column beside an empty Links
    column, and long schema names ran off the screen; app/ui/static/api-docs.css)."""
    page = browser.new_page(viewport=dict(zip(("width", "height"), WIDTHS["phone"], strict=True)))
    try:
        page.goto(site["url"] + "/docs", wait_until="networkidle")
        page.wait_for_selector(".opblock")
        page.locator(".opblock-post .opblock-summary").first.click()
        page.wait_for_selector(".responses-table")
        (ARTIFACTS / SHOTS).mkdir(parents=True, exist_ok=True)  # Swagger UI's markup is not ours: no a11y check
        page.screenshot(path=str(ARTIFACTS / SHOTS / "docs-phone.png"), full_page=True)
        page.locator("section.models").scroll_into_view_if_needed()
        past = page.evaluate(
            """() => [...document.querySelectorAll('body *')]
                .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1; })
                .map(e => `${e.tagName}.${e.className} ends at ${Math.round(e.getBoundingClientRect().right)}px`)"""
        )
        assert past == [], past
        assert not page.locator(".response-col_links").first.is_visible()
    finally:
        page.close()
