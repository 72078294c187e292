"""Every page rendered through FastAPI's TestClient (no browser, no models): headings, empty states, data, the
friendly 404 page, error messages instead of stack traces, and a basic accessibility check of the HTML."""

from __future__ import annotations

import re

import pytest

from tests.helpers import HTML, page, text
from tests.ui.seed import FakeEmbedder, seed_project


def page_fragment(client, path: str, status: int = 200) -> str:
    """A fragment app.js swaps into a page: HTML without its own <html> (so no page-level checks)."""
    response = client.get(path, headers=HTML)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert "Traceback" not in response.text
    return response.text


@pytest.fixture
def project(client) -> int:
    return client.post("/api/projects", json={"name": "Onboarding"}).json()["id"]


@pytest.fixture
def seeded(client, monkeypatch):
    """A project with 4 interviews, 600 utterances, 6 jobs and a copy test with events; no model is loaded."""
    from app import runtime as runtime_module
    from app.db import session_scope

    monkeypatch.setattr(runtime_module, "load_embedder", lambda model: FakeEmbedder())
    with session_scope(client.app.state.runtime.session_factory) as session:
        data = seed_project(session, interviews=4, utterances=600, jobs=6, cores=2)
    variants = [{"text": "Close the books in a day"}, {"text": "Stop copying and pasting every month"}]
    test = client.post(
        f"/api/projects/{data.project_id}/copy-tests",
        json={"name": "Headline", "job_id": data.job_ids[0], "channel": "ads", "variants": variants},
    ).json()
    ids = [v["id"] for v in test["variants"]]
    events = [
        {"id": f"{kind}{variant}-{n}", "variant_id": variant, "type": kind}
        for variant, conversions in zip(ids, (10, 25), strict=True)
        for kind, count in (("impression", 200), ("conversion", conversions))
        for n in range(count)
    ]
    assert client.post(f"/api/copy-tests/{test['id']}/events", json={"events": events}).status_code == 200
    return data, test["id"]


def test_projects_page_empty_then_listed(client) -> None:
    html = page(client, "/")
    assert "<h1>Projects</h1>" in html and "No projects yet" in html
    assert 'lang="en"' in html and "/static/app.js?v=" in html and "/static/app.css?v=" in html
    client.post("/api/projects", json={"name": "Billing <interviews>"})
    html = page(client, "/")
    assert "Billing &lt;interviews&gt;" in html and "No projects yet" not in html
    assert re.search(r"<dt>Interviews</dt><dd>0</dd>", html)


def test_empty_project_pages_say_what_to_do(client, project) -> None:
    html = page(client, f"/projects/{project}")
    assert "<h1>Onboarding</h1>" in html and "Add interviews" in html and "No interviews yet" in html
    assert 'type="file"' in html and "multiple" in html
    words = text(page(client, f"/projects/{project}/search"))
    assert "Search what customers said" in words and "Nothing to search yet" in words
    words = text(page(client, f"/projects/{project}/search?q=takes+forever"))
    assert "Nothing to search yet" in words
    words = text(page(client, f"/projects/{project}/jobs"))
    assert "Jobs to be done" in words and "No interviews to mine yet" in words
    words = text(page(client, f"/projects/{project}/messaging"))
    assert "Phrase library" in words and "No phrases yet" in words and "No copy tests yet" in words
    assert "No interviews yet" in text(page(client, f"/fragments/projects/{project}/interviews"))


@pytest.mark.parametrize(
    "path",
    [
        "/projects/999",
        "/projects/999/search?q=x",
        "/projects/999/jobs",
        "/projects/999/messaging",
        "/interviews/999",
        "/fragments/copy-tests/999",
        "/projects/not-a-number",
        "/no/such/page",
    ],
)
def test_unknown_ids_give_a_friendly_404_page(client, path: str) -> None:
    words = text(page(client, path, status=404))
    assert "Not found" in words and "Go to all projects" in words


def test_the_api_keeps_its_json_errors(client) -> None:
    response = client.get("/api/projects/999", headers=HTML)
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    response = client.get("/api/no-such-endpoint", headers=HTML)
    assert response.status_code == 404 and response.json()["error"]["message"]


def test_a_failing_page_shows_a_message_not_a_stack_trace(client, monkeypatch) -> None:
    from app.ui import pages

    def broken(**_: object) -> None:
        raise RuntimeError("secret internals at /srv/app.py line 12")

    monkeypatch.setattr(pages.project_service, "list", broken)
    html = page(client, "/", status=500)
    assert "Something went wrong" in html and "secret internals" not in html and "RuntimeError" not in html


def test_search_errors_are_shown_in_the_page(client, project, monkeypatch) -> None:
    from app.errors import InvalidInput
    from app.ui import pages

    def refuses(**_: object) -> None:
        raise InvalidInput("empty_query", "The search query is empty.")

    client.post(
        f"/api/projects/{project}/interviews",
        files={"file": ("a.vtt", b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hi\n")},
    )
    monkeypatch.setattr(pages.search_service, "search", refuses)
    words = text(page(client, f"/projects/{project}/search?q=anything"))
    assert "The search query is empty." in words
    words = text(page(client, f"/projects/{project}/search?q=x&k=0", status=422))
    assert "k" in words and "Go to all projects" in words


@pytest.mark.slow
def test_pages_show_a_seeded_project(client, seeded) -> None:
    data, test_id = seeded
    pid = data.project_id
    words = text(page(client, f"/projects/{pid}"))
    assert "Interview 01" in words and "Ready" in words and "smb" in words and "150" in words

    html = page(client, f"/interviews/{data.interview_ids[0]}")
    words = text(html)
    assert "Interview 01" in words and "Speakers" in words and "Transcript" in words
    assert 'id="interview-audio"' in html and f"/api/interviews/{data.interview_ids[0]}/media" in html
    assert 'data-seek="3.0"' in html and "0:03" in words
    assert re.search(r'<label for="sp-role-\d+">Role</label>', html)
    html = page(client, f"/interviews/{data.interview_ids[1]}")
    assert 'id="interview-audio"' not in html  # a transcript has nothing to play

    html = page(client, f"/projects/{pid}/search?q=reconcile+invoices+month+end")
    assert "quotes for" in text(html) and "<mark>" in html and "data-copy=" in html
    assert "data-play" in html  # the hits from the recording can be played
    html = page(client, f"/projects/{pid}/search?q=reconcile&segment=enterprise&role=customer&interview_id=")
    assert "selected>enterprise</option>" in html

    html = page(client, f"/projects/{pid}/jobs")
    words = text(html)
    assert "Jobs to be done" in words and "When the month ends" in words
    assert "Where each core job comes up" in words and "Map of core jobs" in words
    assert "Core jobs by quarter" in words
    # The pictures are drawn when opened (each a fragment app.js fetches), so the page itself stays light.
    assert 'class="chart chart-' not in html and html.count("data-picture=") == 3
    order = ",".join(re.findall(r'class="card core" id="job-(\d+)"', html))
    drawn = ""
    for name in ("heat", "map", "trend"):
        fragment = page_fragment(client, f"/fragments/projects/{pid}/jobs/pictures/{name}?order={order}")
        assert fragment.count('class="chart chart-') == 1, name
        drawn += fragment
    assert drawn.count("<circle") >= 600 and "Compare by" in drawn
    # Core jobs lead, each holding its jobs; only the first core job is open, every job starts closed.
    assert html.count('class="card core"') == 2 and html.count('class="job"') == 6
    assert html.count('<details class="core-details" open>') == 1 and '<details class="job-details" open' not in html
    assert "No coherent statement was found" in words  # the seed's last core job has no statement
    assert "no evidence found" not in words
    assert "Push" in words and "people" in words and html.count("data-save-quote=") >= 6
    # Each force count shows the quote behind it and who said it.
    behind = html.partition('aria-label="The quote behind each force"')[2]
    assert '<span class="meta">Customer ' in behind.partition("</ul>")[0]
    assert drawn.count("<ellipse") == 2  # the map draws the two core jobs as regions
    # An address that asks for a picture draws it in the page (no script needed; a link to it can be shared).
    html = page(client, f"/projects/{pid}/jobs?by=industry")
    assert "finance" in html and html.count('class="chart chart-') == 1 and '<details class="picture" id="heat"' in html
    assert 'id="heat" data-picture="' in html and "data-drawn" in html
    html = page(client, f"/projects/{pid}/jobs?picture=map")
    assert html.count("<ellipse") == 2 and html.count('class="chart chart-') == 1
    assert page_fragment(client, f"/fragments/projects/{pid}/jobs/pictures/pie", status=404)

    html = page(client, f"/projects/{pid}/messaging")
    words = text(html)
    assert "Approved job statements" in words and "Customer phrases" in words and "Headline" in words
    assert "5.0%" in words and "12.5%" in words and "Probability to be best" in html
    fragment = client.get(f"/fragments/copy-tests/{test_id}", headers=HTML).text
    assert f'id="test-{test_id}"' in fragment and "chart-rates" in fragment and "chart-best" in fragment


def test_the_map_is_sampled_and_cached(client, seeded) -> None:
    from app.db import session_scope
    from app.services import visuals

    data, _ = seeded
    with session_scope(client.app.state.runtime.session_factory) as session:
        full = visuals.utterance_map(session=session, project_id=data.project_id)
        sampled = visuals.utterance_map(session=session, project_id=data.project_id, max_points=100)
        cached = visuals.projection(session=session, project_id=data.project_id, max_points=100)
        assert cached is visuals.projection(session=session, project_id=data.project_id, max_points=100)
    assert full["total"] == 600 and len(full["points"]) == 600
    assert sampled["total"] == 600 and len(sampled["points"]) == 100
    xs = [p["x"] for p in full["points"]] + [p["y"] for p in full["points"]]
    assert 0.0 <= min(xs) and max(xs) <= 1.0
    assert {j["id"] for j in full["jobs"]} <= set(data.job_ids) | set(data.core_ids)
    # Points of one job sit together: PCA keeps the synthetic clusters apart.
    # The seed's core jobs hold every detail job's utterances, so the map reports the core job of most points.
    job = full["jobs"][0]["id"]
    own = [(p["x"], p["y"]) for p in full["points"] if p["job_id"] == job]
    spread = max(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a in own for b in own)
    assert spread < (1.6 if job in data.core_ids else 1.0)  # a core job spans its three detail jobs' centres


def test_the_map_the_worker_precomputed_is_read_not_computed(client, seeded, tmp_path, monkeypatch) -> None:
    """The worker draws the map when it mines (visuals.precompute) and keeps it beside the search index: another
    process (a fresh memory cache) reads the file instead of computing it; a new index version is computed anew."""
    import numpy as np

    from app.db import session_scope
    from app.services import projects as project_service
    from app.services import visuals

    data, _ = seeded
    factory = client.app.state.runtime.session_factory
    with session_scope(factory) as session:
        visuals.precompute(session=session, project_id=data.project_id, directory=tmp_path)
        drawn = visuals.utterance_map(session=session, project_id=data.project_id, directory=tmp_path)
        drawn_version = project_service.get(session=session, project_id=data.project_id).index_version
    assert len(list(tmp_path.glob(f"project-{data.project_id}.map-*.npz"))) == 1

    visuals._cache.clear()  # as in another process

    def computed(**_: object) -> None:
        raise AssertionError("the map was computed, not read from the worker's file")

    monkeypatch.setattr(visuals, "_project", computed)
    with session_scope(factory) as session:
        read = visuals.utterance_map(session=session, project_id=data.project_id, directory=tmp_path)
    assert read == drawn
    monkeypatch.undo()
    with session_scope(factory) as session:
        project_service.bump_index_version(session=session, project_id=data.project_id)
    visuals._cache.clear()
    with session_scope(factory) as session:  # the file is for the old version: computed again, and kept
        again = visuals.projection(session=session, project_id=data.project_id, directory=tmp_path)
    key = next(iter(visuals._cache))
    kept = visuals._load(visuals._path(tmp_path, key), key)
    assert key[2] == drawn_version + 1 and kept is not None
    assert np.array_equal(kept.ids, again.ids) and np.allclose(kept.xy, again.xy) and kept.texts == again.texts


def test_interview_page_names_speakers_tags_jobs_and_saves_lines(client, seeded) -> None:
    from app.db import session_scope
    from models import JobUtterance, Speaker

    data, _ = seeded
    pid, interview_id = data.project_id, data.interview_ids[0]
    with session_scope(client.app.state.runtime.session_factory) as session:
        # A diarizer's raw id as the name: the page says "Speaker 1", never SPEAKER_00.
        sam = session.query(Speaker).filter_by(interview_id=interview_id, name="Sam").one()
        sam.name = "SPEAKER_00"
        members = dict(
            session.query(JobUtterance.utterance_id, JobUtterance.job_id)
            .filter(JobUtterance.job_id.in_(data.job_ids), JobUtterance.utterance_id.in_(data.utterance_ids[:150]))
            .all()
        )
    html = page(client, f"/interviews/{interview_id}")
    words = text(html)
    assert "SPEAKER_00" not in words and "Speaker 1" in words and "Customer 1" in words
    assert re.search(r'<h3 class="speaker-label"[^>]*>Speaker 1</h3>', html)
    # The transcript comes before the details in the page, so a phone shows it first.
    assert html.index('id="transcript-heading"') < html.index('id="meta-heading"')
    # Lines that feed a job link to it on the jobs page; every customer line can be saved into a collection.
    fed = sorted(set(members.values()))
    assert fed, "the seed put no utterance of this interview into a job"
    for job_id in fed:
        assert f'href="/projects/{pid}/jobs#job-{job_id}"' in html
    saves = re.findall(r'data-save-quote="([\d ]+)"', html)
    assert saves and all(len(s.split()) == 3 for s in saves)  # the seed's customer turns hold three utterances
    assert {int(u) for s in saves for u in s.split()} == set(data.utterance_ids[:150])
    assert 'class="turn-text"' in html


def test_search_filters_by_core_job_and_job(client, seeded) -> None:
    from app.db import session_scope
    from models import Job, JobUtterance

    data, _ = seeded
    pid = data.project_id
    with session_scope(client.app.state.runtime.session_factory) as session:
        core = data.core_ids[0]
        children = [j.id for j in session.query(Job).filter_by(parent_id=core)]
        job = children[0]
        members = {
            j: {u for (u,) in session.query(JobUtterance.utterance_id).filter_by(job_id=j)} for j in [*children, core]
        }
    core_quotes = set().union(*(members[j] for j in [*children, core]))

    found = client.get(f"/api/projects/{pid}/search", params={"q": "reconcile invoices", "k": 200, "job_id": job})
    assert found.status_code == 200
    hits = {h["utterance_id"] for h in found.json()["hits"]}
    assert hits and hits <= members[job]
    found = client.get(f"/api/projects/{pid}/search", params={"q": "reconcile invoices", "k": 200, "job_id": core})
    hits = {h["utterance_id"] for h in found.json()["hits"]}
    assert hits and hits <= core_quotes and not hits <= members[job]

    html = page(client, f"/projects/{pid}/search?q=reconcile+invoices&core_id={core}")
    assert f'<option value="{core}" selected>' in html and "and its jobs" in text(html)
    assert '<label for="f-job">Job</label>' in html and "<optgroup" in html
    shown = {int(u) for u in re.findall(r'data-save-quote="(\d+)"', html)}
    assert shown and shown <= core_quotes
    html = page(client, f"/projects/{pid}/search?q=reconcile+invoices&core_id={core}&job_id={job}&k=200")
    assert f'<option value="{job}" selected>' in html
    shown = {int(u) for u in re.findall(r'data-save-quote="(\d+)"', html)}
    assert shown and shown <= members[job]
    # An unknown job is ignored rather than an error; another project's job never leaks its quotes.
    assert "quotes for" in text(page(client, f"/projects/{pid}/search?q=reconcile&job_id=999999"))
    other = client.post("/api/projects", json={"name": "Other"}).json()["id"]
    assert client.get(f"/api/projects/{other}/search", params={"q": "x", "job_id": job}).json()["hits"] == []


def test_pictures_that_cannot_tell_core_jobs_apart_say_so() -> None:
    from app.ui.pages import _all_alike

    def rows(*shares: float) -> list[dict]:
        return [{"cells": [{"share": s}]} for s in shares]

    assert _all_alike(rows(1.0, 1.0, 1.0)) == "100%"  # every core job everywhere: a note, not a chart
    assert _all_alike(rows(1.0, 0.5)) == ""
    assert _all_alike([]) == ""
