"""One interview mined alone: each pypi transcript uploaded to a project of its own, ingested and mined through the
API, both job levels printed with their statements.

Run: `.venv/bin/python tests/benchmarks/one_interview.py [donald-1-full jackie-1-full ...] [--reuse] [--together]`.
`--together` uploads the named interviews to one project instead (a small project of a few people).

A single switch interview must still give jobs and statements, or say plainly that there is too little evidence
(issue "Jobs a researcher keeps", point 6). Prints, per interview, the jobs of each level with title and statement,
then how many jobs there are, how many have a goal (a statement that says what the customer wants done) and how many
titles are verb-led (read as a goal, as jobs_quality.py reads them), and over all projects the shares and the jobs
per project. `--reuse` keeps each ingested database under
var/bench/one-interview and only mines again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "interviews" / "pypi-infrastructure"
WORK = ROOT / "var" / "bench" / "one-interview"


# Upload types by suffix: the importers also read WebVTT and plain-text exports.
CONTENT_TYPES = {".md": "text/markdown", ".vtt": "text/vtt", ".txt": "text/plain"}


def mine_one(path: Path, *, reuse: bool, more: tuple[Path, ...] = ()) -> dict[str, list[dict]]:
    """Upload `path` alone, or with `more` in the same project (unless reused), mine, and return both levels' jobs."""
    return mine_files(WORK / "+".join(p.stem for p in (path, *more)), (path, *more), reuse=reuse)


@contextmanager
def bench_client(work: Path, *, reuse: bool) -> Iterator[tuple[Any, bool]]:
    """An API client on a SQLite database kept under `work` (wiped first unless reused), and whether it is new."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import make_settings

    if not reuse and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    fresh = not (work / "bench.db").exists()
    settings = make_settings(work / "var", f"sqlite:///{work / 'bench.db'}")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False)) as client:
        yield client, fresh


def mine_files(work: Path, paths: tuple[Path, ...], *, reuse: bool) -> dict[str, list[dict]]:
    """Upload `paths` to one project kept under `work` (unless reused), mine, and return both levels' jobs."""
    from tests.helpers import run_tasks

    with bench_client(work, reuse=reuse) as (client, fresh):
        if fresh:
            project = client.post("/api/projects", json={"name": work.name}).json()["id"]
            for one in paths:
                with one.open("rb") as fh:
                    files = {"file": (one.name, fh, CONTENT_TYPES[one.suffix])}
                    sent = client.post(f"/api/projects/{project}/interviews", files=files)
                assert sent.status_code == 202, sent.text
            run_tasks(client)
        else:
            project = client.get("/api/projects").json()["projects"][0]["id"]
        assert client.post(f"/api/projects/{project}/mine").status_code == 202
        run_tasks(client)
        return {
            level: client.get(f"/api/projects/{project}/jobs", params={"level": level}).json()["jobs"]
            for level in ("core", "detail")
        }


def print_jobs(levels: dict[str, list[dict]], *, quotes: bool = False, candidates: bool = False) -> None:
    """Print each job of both levels with its title and statement, and its other candidates and shown quotes."""
    for level, jobs in levels.items():
        for job in jobs:
            statement = job["statement"] or {}
            print(f"  {level:6} {job['title']!r}")
            print(f"         {statement.get('text') or '(no statement)'}")
            for other in job.get("candidates") or () if candidates else ():
                if other.get("text") != statement.get("text"):
                    print(f"           ? {other.get('text')}")
            for quote in job["quotes"] if quotes else ():
                print(f"           > {quote['speaker']}: {quote['text']}")


def counts(levels: dict[str, list[dict]]) -> dict[str, int]:
    """The counts a researcher looks at first: detail jobs, with a goal, full statements, statements with problems."""
    from pipelines.statements import statement_problems

    totals = {"jobs": 0, "goal": 0, "full": 0, "problems": 0}
    for job in levels["detail"]:
        statement = job["statement"] or {}
        totals["jobs"] += 1
        totals["goal"] += bool(statement.get("want"))
        totals["full"] += all(statement.get(slot) for slot in ("when", "want", "so"))
        totals["problems"] += bool(
            statement.get("want")
            and statement_problems(
                when=statement.get("when") or "", want=statement["want"], so=statement.get("so") or ""
            )
        )
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("interviews", nargs="*", help="transcript stems (default: all ten)")
    parser.add_argument("--reuse", action="store_true", help="reuse the ingested databases under var/bench")
    parser.add_argument("--quotes", action="store_true", help="print each job's shown quotes")
    parser.add_argument("--together", action="store_true", help="the named interviews in one project")
    args = parser.parse_args(argv)
    paths = [DATA / f"{stem}.md" for stem in args.interviews] or sorted(DATA.glob("*.md"))
    projects = [(paths[0], tuple(paths[1:]))] if args.together else [(path, ()) for path in paths]
    from pipelines.statements import statement_problems

    totals = {"core": 0, "detail": 0, "goal": 0, "verb-led": 0}
    for path, more in projects:
        levels = mine_one(path, reuse=args.reuse, more=more)
        print(f"== {'+'.join(p.stem for p in (path, *more))}")
        print_jobs(levels, quotes=args.quotes)
        for level, jobs in levels.items():
            totals[level] += len(jobs)
        with_goal = sum(1 for j in levels["detail"] if j["statement"] and j["statement"]["want"])
        # Read as the phrase the title was made from: spaCy tags a capitalised "Communicate" as a proper noun.
        titles = [j["title"] for jobs in levels.values() for j in jobs]
        verb_led = sum(1 for t in titles if not statement_problems(want=t[:1].lower() + t[1:]))
        totals["goal"] += with_goal
        totals["verb-led"] += verb_led
        print(
            f"  {len(levels['core'])} core jobs, {len(levels['detail'])} jobs, {with_goal} with a goal, "
            f"{verb_led} of {len(titles)} titles verb-led"
        )
    n_jobs, n_titles = max(1, totals["detail"]), max(1, totals["core"] + totals["detail"])
    per = totals["detail"] / max(1, len(projects))
    print(
        f"all: {totals['core']} core jobs, {totals['detail']} jobs ({per:.1f} a project), "
        f"{totals['goal']} with a goal ({totals['goal'] / n_jobs:.0%}), "
        f"titles verb-led {totals['verb-led'] / n_titles:.0%}"
    )


if __name__ == "__main__":
    main()
