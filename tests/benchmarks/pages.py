"""Page-load benchmark of the web UI on seeded projects of 10 and of 100 interviews (200 utterances each, 20 jobs
under 4 core jobs, a copy test): the medians of each page at both sizes side by side.

Run: `.venv/bin/python tests/benchmarks/pages.py [--sizes 10,100] [--per-interview 200] [--jobs 20] [--loads 7]
[--no-browser] [--fake-embedder]`.

The project is written straight to a fresh SQLite database (tests/ui/seed.py: random unit embeddings drawn
around one centre per job, statements citing real utterances, success and pain signals); its search index is built
and its phrase library refreshed, as the worker does after ingest and mining. The copy test and its events go
through the HTTP API. The first recording's media is ../shared/data/asr/jfk.flac when present.

Server time: each page through FastAPI's TestClient (in process, the real sentence model for the search query
unless --fake-embedder; the model is loaded before timing). The first load is reported on its own (it loads the
search index from disk; the jobs map's first fragment computes the 2-D projection, cached after), then median
and max over --loads more. The jobs page's pictures are fragments fetched when opened, timed on their own.
Browser time: the real app under uvicorn, Debian's chromium through Playwright; the navigation's duration
(request start to the end of the load event, from the Navigation Timing API) over --loads loads after one
warm-up, median and max; and, for the jobs page, the time from opening its three pictures until all are drawn.
Every page must load in under 1 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.helpers import (  # noqa: E402
    ASR,
    make_settings,
    serve_in_thread,  # noqa: E402
)
from tests.ui.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.ui.seed import FakeEmbedder, seed_project  # noqa: E402

BUDGET_S = 1.0
QUERY = "the month end close takes forever to reconcile"


def seed(client, args: argparse.Namespace) -> dict[str, str]:
    """Write the project, a copy test with events; return the pages to time by name."""
    from app.db import session_scope

    runtime = client.app.state.runtime
    started = time.perf_counter()
    with session_scope(runtime.session_factory) as session:
        data = seed_project(
            session, interviews=args.interviews, utterances=args.utterances, jobs=args.jobs, cores=args.cores
        )
    # Ingest's last stage builds each project's search index and mining refreshes its phrase library (both in the
    # worker); do the same, so a first page view reads them rather than building them.
    from app.services import messaging, visuals

    with session_scope(runtime.session_factory) as session:
        runtime.index_store.rebuild(session=session, project_id=data.project_id)
        if not args.cold:  # the worker also primes the filters and draws the jobs map (app/tasks/ingest.py, mine.py)
            runtime.index_store.attributes(session=session, project_id=data.project_id)
            visuals.precompute(session=session, project_id=data.project_id, directory=runtime.settings.index_dir)
        messaging.refresh_phrases(session=session, project_id=data.project_id)
    jfk = ASR / "jfk.flac"
    if jfk.exists():
        target = runtime.settings.data_dir / "media" / "synthetic-01.flac"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(jfk, target)
    variants = [{"text": "Close the books in a day"}, {"text": "Stop copying and pasting every month end"}]
    test = client.post(
        f"/api/projects/{data.project_id}/copy-tests",
        json={"name": "Headline", "job_id": data.job_ids[0], "variants": variants},
    ).json()
    events = [
        {"id": f"{kind}-{v['id']}-{n}", "variant_id": v["id"], "type": kind}
        for v, conversions in zip(test["variants"], (90, 130), strict=True)
        for kind, count in (("impression", 2000), ("click", 400), ("conversion", conversions))
        for n in range(count)
    ]
    for start in range(0, len(events), 2000):  # batches stay under the API's per-request limit
        batch = {"events": events[start : start + 2000]}
        assert client.post(f"/api/copy-tests/{test['id']}/events", json=batch).status_code == 200
    print(
        f"seeded {args.interviews} interviews, {len(data.utterance_ids):,} utterances, {args.jobs} jobs "
        f"in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    pid = data.project_id
    order = ",".join(str(i) for i in data.core_ids)
    return {
        "projects /": "/",
        "project /projects/{id}": f"/projects/{pid}",
        "interview (recording)": f"/interviews/{data.interview_ids[0]}",
        "interview (transcript)": f"/interviews/{data.interview_ids[1]}",
        "search ?q=": f"/projects/{pid}/search?q={QUERY.replace(' ', '+')}",
        "search, filtered": f"/projects/{pid}/search?q={QUERY.replace(' ', '+')}&segment=smb&role=customer",
        "search, by core job": f"/projects/{pid}/search?q={QUERY.replace(' ', '+')}&core_id={data.core_ids[0]}",
        "search, by job": f"/projects/{pid}/search?q={QUERY.replace(' ', '+')}&job_id={data.job_ids[0]}",
        "jobs": f"/projects/{pid}/jobs",
        "jobs ?by=industry": f"/projects/{pid}/jobs?by=industry",
        "fragment: jobs heat map": f"/fragments/projects/{pid}/jobs/pictures/heat?order={order}",
        "fragment: jobs map": f"/fragments/projects/{pid}/jobs/pictures/map?order={order}",
        "fragment: jobs trend": f"/fragments/projects/{pid}/jobs/pictures/trend?order={order}",
        "messaging": f"/projects/{pid}/messaging",
        "collections": f"/projects/{pid}/collections",
        "fragment: interviews table": f"/fragments/projects/{pid}/interviews",
        "fragment: copy test": f"/fragments/copy-tests/{test['id']}",
    }


def server_times(client, pages: dict[str, str], loads: int) -> dict[str, tuple[float, float, float, int]]:
    """Per page: (first load, median, max) in seconds, and the page's size in bytes."""
    out = {}
    for name, path in pages.items():
        timings = []
        for _ in range(loads + 1):
            started = time.perf_counter()
            response = client.get(path, headers={"accept": "text/html"})
            timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
        out[name] = (timings[0], statistics.median(timings[1:]), max(timings[1:]), len(response.content))
    return out


def browser_times(settings, pages: dict[str, str], loads: int) -> dict[str, tuple[float, float]]:
    """Per page: (median, max) navigation duration in seconds in headless chromium."""
    from playwright.sync_api import sync_playwright

    out = {}
    with serve_in_thread(settings, start_worker=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for name, path in pages.items():
            if name.startswith("fragment"):
                continue
            timings = []
            for n in range(loads + 1):
                page.goto(base + path, wait_until="load")
                duration = page.evaluate("performance.getEntriesByType('navigation')[0].duration") / 1000
                if n:
                    timings.append(duration)
            out[name] = (statistics.median(timings), max(timings))
        timings = []
        for n in range(loads + 1):
            page.goto(base + pages["jobs"], wait_until="load")
            started = page.evaluate("performance.now()")
            for picture in ("heat", "map", "trend"):
                page.click(f"#{picture} > summary")
            page.wait_for_function(
                "() => [...document.querySelectorAll('details[data-picture]')].every(d => d.dataset.drawn === '')"
            )
            if n:
                timings.append((page.evaluate("performance.now()") - started) / 1000)
        out["jobs: open the 3 pictures"] = (statistics.median(timings), max(timings))
        browser.close()
    return out


def run_size(args: argparse.Namespace) -> tuple[dict, dict]:
    """Seed one project of args.interviews interviews in a fresh database; time its pages in process and in chromium."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    tmp = Path(tempfile.mkdtemp(prefix="verbatim-pages-"))
    try:
        settings = make_settings(tmp / "var", f"sqlite:///{tmp / 'bench.db'}", workers=0)
        migrate(settings)
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            pages = seed(client, args)
            app.state.runtime.embedder.embed(["warm up the model before timing"])
            server = server_times(client, pages, args.loads)
        browser = {}
        if not args.no_browser and CHROMIUM.exists():
            browser = browser_times(settings, pages, max(3, args.loads // 2))
        elif not args.no_browser:
            print(f"(no browser times: {CHROMIUM} is missing)")
        return server, browser
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="10,100", help="interview counts to seed, one project each")
    parser.add_argument("--per-interview", type=int, default=200, help="utterances per interview")
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--cores", type=int, default=4)
    parser.add_argument("--loads", type=int, default=7)
    parser.add_argument("--no-browser", action="store_true", help="server times only")
    parser.add_argument("--fake-embedder", action="store_true", help="a random query vector instead of the model")
    parser.add_argument(
        "--cold", action="store_true", help="seed as the worker did before it primed search filters and the jobs map"
    )
    args = parser.parse_args()

    from app import runtime as runtime_module

    if args.fake_embedder:
        runtime_module.load_embedder = lambda model: FakeEmbedder()  # type: ignore[assignment]
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    results = {}
    for size in sizes:
        args.interviews, args.utterances = size, size * args.per_interview
        results[size] = run_size(args)

    slow = []
    for size, (server, browser) in results.items():
        print(f"\n{size} interviews, {size * args.per_interview:,} utterances: seconds (server: first load, then")
        print(f"median and max of {args.loads}; browser: median and max of {max(3, args.loads // 2)} navigations)")
        header = f"{'page':<28} {'first':>7} {'median':>7} {'max':>7} {'size':>9}"
        if browser:
            header += f" {'browser median':>15} {'browser max':>12}"
        print(header)
        for name, (first, median, worst, nbytes) in server.items():
            line = f"{name:<28} {first:7.3f} {median:7.3f} {worst:7.3f} {nbytes / 1024:7.0f} KB"
            if name in browser:
                line += f" {browser[name][0]:15.3f} {browser[name][1]:12.3f}"
            print(line)
            if max(first, worst, *(browser.get(name) or (0.0,))) >= BUDGET_S:
                slow.append(f"{name} at {size}")
        for name in browser.keys() - server.keys():
            print(f"{name:<28} {'':>7} {'':>7} {'':>7} {'':>10} {browser[name][0]:15.3f} {browser[name][1]:12.3f}")
            if browser[name][1] >= BUDGET_S:
                slow.append(f"{name} at {size}")

    print("\nmedians side by side, seconds (server / browser):")
    print(f"{'page':<28} " + " ".join(f"{f'{n} interviews':>19}" for n in sizes))
    first_server, first_browser = results[sizes[0]]
    for name in [*first_server, *(first_browser.keys() - first_server.keys())]:
        cells = []
        for size in sizes:
            server, browser = results[size]
            b = f"{browser[name][0]:.3f}" if name in browser else "–"
            here = f"{server[name][1]:.3f}" if name in server else "–"
            cells.append(f"{here} / {b}".rjust(19))
        print(f"{name:<28} " + " ".join(cells))
    print(f"\nall pages under {BUDGET_S:g} s" if not slow else f"\nOVER {BUDGET_S:g} s: {', '.join(slow)}")


if __name__ == "__main__":
    main()
