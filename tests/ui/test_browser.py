"""End to end in a real browser (Playwright driving Debian's chromium): the real app with its background worker.

One project goes through the whole flow, in order: create it, upload a transcript and a recording together, watch
them finish, fix a speaker, search and play a hit, mine, open a job's evidence, create a copy test and see its
chart follow the events posted to the API. Each page's screenshot lands in var/test-artifacts/ui/."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.helpers import ASR, INTERVIEWS
from tests.ui.browser import snap

pytestmark = [pytest.mark.slow, pytest.mark.db]

TRANSCRIPT = INTERVIEWS / "donald-1-full.md"
RECORDING = ASR / "jfk.flac"
PROCESSING_TIMEOUT_MS = 240_000


@pytest.fixture(scope="module")
def page(browser, live_server):
    if not TRANSCRIPT.exists() or not RECORDING.exists():
        pytest.skip("../shared/data is not beside the repository")
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    context.set_default_timeout(20_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.errors = errors
    yield page
    context.close()


@pytest.fixture(scope="module")
def state() -> dict:
    """What one step learns for the next (ids), since the steps share one project."""
    return {}


def test_create_project(page, state) -> None:
    from playwright.sync_api import expect

    page.goto("/")
    snap(page, "01-projects-empty", "Projects", "No projects yet")
    # Keyboard: the first Tab reaches the skip link, whose focus outline is drawn.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    page.get_by_role("button", name="Create project").click()  # no name: the browser asks for one
    assert page.get_by_label("Project name").evaluate("input => input.validity.valueMissing")
    assert page.url.endswith("/")
    page.get_by_label("Project name").fill("PyPI infrastructure")
    page.get_by_role("button", name="Create project").click()
    page.wait_for_url(re.compile(r"/projects/\d+$"))
    state["project"] = int(page.url.rsplit("/", 1)[1])
    expect(page.get_by_role("heading", level=1)).to_have_text("PyPI infrastructure")
    snap(page, "02-project-empty", "Add interviews", "No interviews yet")


def test_upload_a_transcript_and_a_recording_together(page, state, tmp_path_factory) -> None:
    from playwright.sync_api import expect

    garbage = tmp_path_factory.mktemp("upload") / "notes.bin"
    garbage.write_bytes(bytes(range(256)) * 8)  # neither a transcript nor audio: refused with its own message
    empty = garbage.parent / "empty.vtt"
    empty.write_bytes(b"")  # refused before upload: still one of the files chosen
    page.set_input_files("#upload-files", [str(TRANSCRIPT), str(RECORDING), str(garbage), str(empty)])
    expect(page.locator("#upload-list .file-item")).to_have_count(4)
    ready = "3 files ready to upload. 1 file cannot be uploaded (see above)."
    expect(page.locator("#upload-summary")).to_have_text(ready)
    page.get_by_label("Segment").fill("maintainer")
    page.get_by_label("Industry").fill("open source")
    page.get_by_label("Participant role").fill("Technical lead")
    page.get_by_label("Interviewed on").fill("2019-08-07")
    page.get_by_role("button", name="Upload 3 files").click()
    # Per-file progress: each file shows its upload, then its processing, then its result.
    items = page.locator("#upload-list .file-item")
    expect(items.filter(has_text="donald-1-full")).to_contain_text(re.compile("waiting|%|ready"))
    snap(page, "03-project-uploading", "donald-1-full", "jfk")
    # While the recording is transcribed the status line says so (it said "Uploading" until the end).
    expect(page.locator("#upload-summary")).to_contain_text("Processing", timeout=PROCESSING_TIMEOUT_MS)
    expect(items.filter(has_text="donald-1-full")).to_have_class(re.compile("done"), timeout=PROCESSING_TIMEOUT_MS)
    expect(items.filter(has_text="jfk")).to_have_class(re.compile("done"), timeout=PROCESSING_TIMEOUT_MS)
    refused = items.filter(has_text="notes.bin")
    expect(refused).to_have_class(re.compile("error"))
    expect(refused).to_contain_text("Not uploaded: This file is neither a transcript")
    expect(page.locator("#upload-summary")).to_have_text("2 of 4 files processed; see the errors above.")
    expect(page.locator("#project-counts")).to_contain_text("2 interviews")
    rows = page.locator("#interviews-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Ready")).to_have_count(2)
    snap(page, "04-project-ready", "ready:", "Ready", "donald-1-full", "jfk", "maintainer", "neither a transcript")
    # Uploads run in parallel, so which file became which interview id is read off the table, not assumed.
    found = rows.evaluate_all("rows => rows.map(r => [Number(r.dataset.interviewId), r.innerText])")
    state["transcript"] = next(i for i, text in found if "donald-1-full" in text)
    state["recording"] = next(i for i, text in found if "jfk" in text)


def test_fix_a_speaker_and_play_from_a_line(page, state) -> None:
    from playwright.sync_api import expect

    page.goto(f"/interviews/{state['transcript']}")
    expect(page.locator(".turn").first).to_be_visible()
    snap(page, "05-interview-transcript", "Speakers", "Transcript", "MEL", "DONALD", "interviewer", "customer")
    assert "SPEAKER_" not in page.inner_text("body")  # speakers go by names, never by a diarizer's ids

    page.goto(f"/interviews/{state['recording']}")
    # Diarization may split the one voice of the recording: every speaker is JFK, and every one a customer.
    forms = page.locator(".speaker-form")
    fixed_roles = 0
    for n in range(forms.count()):
        form = forms.nth(n)
        form.get_by_label("Name").fill("John F. Kennedy")
        if form.get_by_label("Role").input_value() != "customer":
            form.get_by_label("Role").select_option("customer")  # saves at once, the new name with it
            expect(form.locator(".form-status")).to_contain_text("is now the customer", timeout=60_000)
            fixed_roles += 1
        else:
            form.get_by_role("button", name=re.compile("^Save")).click()
            expect(form.locator(".form-status")).to_have_text("Saved.")
    if fixed_roles == 0:  # nothing was misread this time: show that a role change works all the same
        form = forms.first
        form.get_by_label("Role").select_option("interviewer")
        expect(form.locator(".form-status")).to_contain_text("is now the interviewer", timeout=60_000)
        form.get_by_label("Role").select_option("customer")
        expect(form.locator(".form-status")).to_contain_text("is now the customer", timeout=60_000)
    expect(page.locator(".turn .speaker").first).to_have_text("John F. Kennedy")
    expect(page.locator(".turn.role-customer")).to_have_count(page.locator(".turn").count())
    # Metadata edited in place: another segment and date make the job pictures compare two groups.
    page.get_by_role("button", name="Edit details").click()
    page.get_by_label("Segment").fill("politician")
    page.get_by_label("Interviewed on").fill("1961-01-20")
    page.get_by_role("button", name="Save details").click()
    expect(page.locator("#toast")).to_contain_text("Details saved")
    expect(page.locator("#details-list")).to_contain_text("politician")
    page.locator(".turn").first.click()
    page.wait_for_function("() => document.querySelector('#interview-audio').currentTime > 0.3")
    expect(page.locator(".turn.playing")).to_have_count(1)
    snap(page, "06-interview-recording", "John F. Kennedy", "customer", "what you can do for your country")


def test_search_play_and_copy_a_hit(page, state) -> None:
    from playwright.sync_api import expect

    page.goto(f"/projects/{state['project']}/search")
    snap(page, "07-search-empty", "Search what customers said")
    page.get_by_label("Search", exact=True).fill("what I can do for my nation")
    page.get_by_role("button", name="Search", exact=True).click()
    hit = page.locator(".hit").first
    expect(hit).to_contain_text("your country can do for you")
    expect(hit.locator("mark")).to_be_visible()
    hit.get_by_role("button", name=re.compile("^Play")).click()
    expect(page.locator("#player")).to_be_visible()
    page.wait_for_function("() => document.querySelector('#player-audio').currentTime > 0.3")
    hit.get_by_role("button", name=re.compile("^Copy")).click()
    expect(page.locator("#toast")).to_contain_text("copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "your country" in copied and "John F. Kennedy" in copied
    snap(page, "08-search-hits", "quotes for", "John F. Kennedy", "Copy", "match")
    # Save the hit into a new collection (a highlight reel).
    hit.get_by_role("button", name=re.compile("^Save")).click()
    dialog = page.locator("#save-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Name of the new collection").fill("Best of JFK")
    dialog.get_by_role("button", name="Save quote").click()
    expect(page.locator("#toast")).to_contain_text("Saved to “Best of JFK”")
    expect(dialog).to_be_hidden()

    page.get_by_label("Search", exact=True).fill("keeping the maintainers from burning out")
    page.get_by_label("Segment").select_option("maintainer")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".hit")).not_to_have_count(0)
    snap(page, "09-search-filtered", "donald-1-full")


def test_collection_plays_exports_and_renders_a_reel(page, state, live_server) -> None:
    from playwright.sync_api import expect

    page.goto(f"/projects/{state['project']}/collections")
    snap(page, "10a-collections", "Collections", "Best of JFK", "1 quote")
    page.get_by_role("link", name="Best of JFK").click()
    page.wait_for_url(re.compile(r"/collections/\d+$"))
    state["collection"] = int(page.url.rsplit("/", 1)[1])
    item = page.locator(".collection-item").first
    expect(item).to_contain_text("your country")
    expect(item).to_contain_text("John F. Kennedy")
    expect(item).to_contain_text("politician")  # the segment of the interview
    page.get_by_role("button", name="Play all").click()
    expect(page.locator("#player")).to_be_visible()
    page.wait_for_function("() => document.querySelector('#player-audio').currentTime > 0.3")
    expect(page.locator(".collection-item.playing")).to_have_count(1)
    snap(page, "10b-collection", "Best of JFK", "Download audio reel", "Export CSV", "John F. Kennedy")
    base = f"{live_server}/api/collections/{state['collection']}"
    exported = httpx.get(f"{base}/export?format=csv")
    assert exported.status_code == 200 and "your country" in exported.text
    reel = httpx.get(f"{base}/reel", timeout=60)
    assert reel.status_code == 200 and reel.headers["content-type"] == "audio/wav" and len(reel.content) > 16000


def _open_all(page) -> None:
    page.get_by_role("button", name="Open all").click()


def test_mine_and_open_a_job_with_its_evidence(page, state) -> None:
    from playwright.sync_api import expect

    page.goto(f"/projects/{state['project']}/jobs")
    snap(page, "10-jobs-empty", "No jobs yet", "Mine jobs")
    page.get_by_role("button", name="Mine jobs").click()
    expect(page.locator("#mine-progress")).to_be_visible()
    expect(page.locator(".core").first).to_be_visible(timeout=PROCESSING_TIMEOUT_MS)
    expect(page.locator("#toast")).to_contain_text("Mining finished")
    # Core jobs lead, collapsed but for the first; each holds its jobs, closed.
    assert page.locator(".core-details[open]").count() == 1
    assert page.locator(".job-details[open]").count() == 0
    height = page.evaluate("document.documentElement.scrollHeight")
    snap(page, "11-jobs-collapsed", "Jobs to be done", "core job", "person", "Pictures", "Open all")
    _open_all(page)
    with_statement = page.locator(".job").filter(has=page.locator(".statement"))
    assert with_statement.count() >= 1, "no job has a statement"
    job = with_statement.first
    state["job"] = int(job.get_attribute("data-job-id"))
    slot = job.locator("details.slot").first
    if slot.count():
        slot.locator("summary").click()
        expect(slot.locator(".quotes li").first).to_be_visible()
    assert page.locator("details.slot .slot-text", has_text="no evidence found").count() == 0
    snap(page, "11-jobs", "Jobs to be done", "interviews", "When", "I want to", "Its jobs")
    assert height < page.evaluate("document.documentElement.scrollHeight")

    label = page.locator(f"#job-{state['job']} > details > summary .job-label")
    badge = page.locator(f"#job-{state['job']} > details > summary .badge")
    job.get_by_role("button", name=re.compile("^Approve")).click()
    expect(badge).to_have_text("Approved")
    job = page.locator(f"#job-{state['job']}")
    job.get_by_role("button", name=re.compile("^Edit")).click()
    job.get_by_label("Title").fill("Keep PyPI running")
    job.get_by_label("Statement").fill(
        "When the mirror is down, I want to keep installs working, so I can ship on time."
    )
    job.get_by_role("button", name="Save", exact=True).click()
    expect(label).to_have_text("Keep PyPI running")
    # The When / I want to / So I can rows follow the edit.
    rows = page.locator(f"#job-{state['job']} .statement-box").first
    expect(rows).to_contain_text("the mirror is down")
    expect(rows.locator(".slot-text", has_text="keep installs working")).to_have_count(1)
    _open_all(page)
    for name in ("heat", "map", "trend"):
        page.locator(f"#{name} > summary").click()
    snap(
        page, "12-jobs-edited", "Keep PyPI running", "Approved", "Where each core job comes up", "Core jobs by quarter"
    )

    # Merge another job into it, reject a third and restore it.
    others = [int(i) for i in page.locator(".job").evaluate_all("cards => cards.map(c => c.dataset.jobId)")]
    others = [i for i in others if i != state["job"]]
    assert len(others) >= 2, "mining gave too few jobs to merge and reject"
    job = page.locator(f"#job-{state['job']}")
    job.get_by_role("button", name=re.compile("^Merge")).click()
    job.get_by_label(re.compile("^Job to merge into")).select_option(str(others[0]))
    job.get_by_role("button", name="Merge", exact=True).click()
    expect(page.locator("#toast")).to_contain_text("Merged")
    expect(page.locator(f"#job-{others[0]}")).to_have_count(0)
    _open_all(page)
    page.locator(f"#job-{others[1]}").get_by_role("button", name=re.compile("^Reject")).first.click()
    expect(page.locator("#toast")).to_contain_text("Rejected")
    expect(page.locator(f"#job-{others[1]}")).to_have_count(0)
    rejected = page.locator(f".rejected-job[data-job-id='{others[1]}']")
    page.locator("details.rejected > summary").click()
    rejected.get_by_role("button", name=re.compile("^Restore")).click()
    expect(page.locator(f"#job-{others[1]}")).to_have_count(1)

    # Mining again keeps the researcher's edits.
    page.get_by_role("button", name="Mine again").click()
    expect(page.locator("#toast")).to_contain_text("Mining finished", timeout=PROCESSING_TIMEOUT_MS)
    expect(label).to_have_text("Keep PyPI running")
    expect(badge).to_have_text("Approved")
    assert page.errors == []


def test_transcript_lines_show_their_jobs_and_save(page, state) -> None:
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"/interviews/{state['transcript']}")
    tags = page.locator(".turn .job-tag")
    assert tags.count() >= 1, "no line of the mined transcript shows its job"
    # Save a customer's line into the collection made from search.
    line = page.locator(".turn").filter(has=page.locator("[data-save-quote]")).first
    line.get_by_role("button", name=re.compile("^Save")).click()
    dialog = page.locator("#save-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("#save-quote-text")).not_to_be_empty()
    dialog.get_by_label("Collection", exact=True).select_option(label="Best of JFK (1)")
    dialog.get_by_role("button", name="Save quote").click()
    expect(page.locator("#toast")).to_contain_text("Saved to “Best of JFK”")
    snap(page, "16-interview-jobs-wide", "Transcript", "Speakers", "Saved")
    # A job tag opens that job on the jobs page, its details open.
    href = tags.first.get_attribute("href")
    job_id = href.rsplit("-", 1)[1]
    tags.first.click()
    page.wait_for_url(re.compile(r"/jobs#job-\d+$"))
    expect(page.locator(f"#job-{job_id} > details")).to_have_attribute("open", "")
    expect(page.locator(f"#job-{job_id}")).to_be_in_viewport()

    # Search within a core job (with its jobs), then within one job.
    page.goto(f"/projects/{state['project']}/search?q=keeping+the+maintainers+from+burning+out")
    core = page.get_by_label("Core job")
    core.select_option(index=1)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".filter-note")).to_contain_text("and its jobs")
    snap(page, "17-search-by-core-job", "Core job", "Only quotes of the core job")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.errors == []


def test_create_a_copy_test_and_watch_its_results(page, state, live_server) -> None:
    from playwright.sync_api import expect

    page.goto(f"/projects/{state['project']}/messaging")
    snap(page, "13-messaging-empty", "Phrase library", "Approved job statements", "No copy tests yet")
    form = page.locator("#copy-test-form")
    form.get_by_label("Name", exact=True).fill("Homepage headline")
    form.get_by_label("Job", exact=True).select_option(str(state["job"]))
    form.get_by_label("Channel").fill("landing page")
    page.locator("[data-use-statement]").first.click()
    expect(form.get_by_label("Variant A (control)")).not_to_have_value("")
    form.get_by_label("Variant B").fill("PyPI that never goes down,")
    page.locator("[data-use-phrase]").first.click()
    expect(form.locator("[data-variant]").nth(1).locator(".variant-sources")).to_contain_text("1 customer phrase")
    form.get_by_role("button", name="Start copy test").click()
    card = page.locator(".test-card").first
    expect(card).to_contain_text("Homepage headline")
    expect(page.locator("#toast")).to_contain_text("started")
    test_id = int(card.get_attribute("data-test-id"))
    snap(page, "14-messaging-test-started", "Homepage headline", "Keep running", "0 of")

    control, challenger = (v["id"] for v in httpx.get(f"{live_server}/api/copy-tests/{test_id}").json()["variants"])
    events = [
        {"id": f"{kind}-{variant}-{n}", "variant_id": variant, "type": kind}
        for variant, conversions in ((control, 30), (challenger, 66))
        for kind, count in (("impression", 600), ("click", 120), ("conversion", conversions))
        for n in range(count)
    ]
    answer = httpx.post(f"{live_server}/api/copy-tests/{test_id}/events", json={"events": events})
    assert answer.status_code == 200, answer.text
    # The page polls the running test: its chart and table follow without a reload.
    card = page.locator(f"#test-{test_id}")
    expect(card.locator(".results-table tbody tr").first).to_contain_text("600", timeout=20_000)
    expect(card.locator("svg.chart-rates desc")).to_contain_text("rate 5.0%")
    expect(card.locator("svg.chart-rates desc")).to_contain_text("rate 11.0%")
    snap(page, "15-messaging-results", "Homepage headline", "5.0%", "11.0%", "Probability to be best", "600 of")
    assert page.errors == []


def test_unknown_ids_get_a_friendly_page(page, state) -> None:
    response = page.goto("/projects/999999/jobs")
    assert response is not None and response.status == 404
    snap(page, "90-not-found", "Not found", "Project 999999 does not exist.", "Go to all projects")


def test_narrow_screens(page, state) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path, expected in [
        ("91-narrow-project", f"/projects/{state['project']}", "Add interviews"),
        ("92-narrow-interview", f"/interviews/{state['transcript']}", "Transcript"),
        ("93-narrow-jobs", f"/projects/{state['project']}/jobs", "Jobs to be done"),
        ("94-narrow-messaging", f"/projects/{state['project']}/messaging", "Copy tests"),
        ("95-narrow-collection", f"/collections/{state['collection']}", "Best of JFK"),
        ("96-narrow-search", f"/projects/{state['project']}/search?q=my+country", "your country"),
    ]:
        page.goto(path)
        snap(page, name, expected)
        if name == "92-narrow-interview":  # on a phone the transcript comes first, the details after it
            top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", "transcript-heading")
            assert top < page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", "meta-heading")
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways by {overflow}px"
    page.set_viewport_size({"width": 1280, "height": 900})
