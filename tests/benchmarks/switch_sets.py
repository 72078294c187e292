"""The switch-interview sets under tests/data mined through the API, each set one project, read as a researcher would.

Run: `.venv/bin/python tests/benchmarks/switch_sets.py [tests/data/switch_interviews_8 ...] [--reuse] [--candidates]`.

Each set (default: every `tests/data/switch_interviews*`) is uploaded as one project (.md, .vtt and .txt exports),
ingested and mined through the HTTP API, and every job of both levels is printed with its title and statement
(`--candidates`: the ranked candidate statements too, `--quotes`: the shown quotes). The sets were written and
committed before they were first mined: they are the unseen interviews the statement rules are read against. Ends with
the counts a researcher looks at first: jobs, jobs with a goal, full statements, statements with problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SETS = ROOT / "tests" / "data"
WORK = ROOT / "var" / "bench" / "switch-sets"


def mine_set(folder: Path, *, reuse: bool) -> dict[str, list[dict]]:
    """Upload every transcript in `folder` to one project (unless reused), mine, and return both levels' jobs."""
    from tests.benchmarks.one_interview import CONTENT_TYPES, mine_files

    paths = tuple(
        p for p in sorted(folder.iterdir()) if p.suffix in CONTENT_TYPES and not p.name.upper().startswith("README")
    )
    return mine_files(WORK / folder.name, paths, reuse=reuse)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, help="set folders (default: every tests/data/switch_interviews*)")
    parser.add_argument("--reuse", action="store_true", help="reuse the ingested databases under var/bench")
    parser.add_argument("--candidates", action="store_true", help="print each job's candidate statements")
    parser.add_argument("--quotes", action="store_true", help="print each job's shown quotes")
    args = parser.parse_args(argv)
    folders = args.sets or sorted(SETS.glob("switch_interviews*"), key=lambda p: (len(p.name), p.name))
    from tests.benchmarks.one_interview import counts, print_jobs

    totals = {"jobs": 0, "goal": 0, "full": 0, "problems": 0}
    for folder in folders:
        levels = mine_set(folder, reuse=args.reuse)
        print(f"== {folder.name}")
        print_jobs(levels, quotes=args.quotes, candidates=args.candidates)
        for key, value in counts(levels).items():
            totals[key] += value
    print(
        f"all: {totals['jobs']} jobs, {totals['goal']} with a goal, {totals['full']} full statements, "
        f"{totals['problems']} with problems"
    )


if __name__ == "__main__":
    main()
