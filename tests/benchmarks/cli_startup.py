"""CLI start-up benchmark: wall time of commands that load no model, against `python -c pass` in the same run.

Run: `.venv/bin/python tests/benchmarks/cli_startup.py [--repeats 9] [--checkout PATH]`.

Each round runs every command once, in turn (peer first), so load on the shared machine hits them alike; the
table gives the median and the fastest of --repeats rounds, and each median over the peer's. `--checkout` times
another working tree of the repository (e.g. `/work/main` before a change) with the same interpreter: the command
is `python -c "from app.cli import main; main()" ...` run from that tree, which works in old and new versions alike.
`project create` writes to a fresh SQLite database under a temporary data directory, migrated once beforehand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENTRY = "from app.cli import main; main()"


def timed(argv: list[str], *, cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--checkout", type=Path, default=REPO, help="working tree to time (default: this one)")
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    python = sys.executable

    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "VERBATIM_DATA_DIR": data_dir, "OMP_WAIT_POLICY": "PASSIVE"}
        env.pop("VERBATIM_DATABASE_URL", None)
        subprocess.run([python, "-c", ENTRY, "migrate"], cwd=checkout, env=env, check=True, capture_output=True)
        runs: dict[str, list[str]] = {
            "python -c pass (peer)": [python, "-c", "pass"],
            "verbatim --help": [python, "-c", ENTRY, "--help"],
            "verbatim project --help": [python, "-c", ENTRY, "project", "--help"],
            "verbatim project create NAME": [python, "-c", ENTRY, "project", "create", "bench"],
            "verbatim project list": [python, "-c", ENTRY, "project", "list"],
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeats):
            for name, argv in runs.items():
                times[name].append(timed(argv, cwd=checkout, env=env))

    peer = statistics.median(times["python -c pass (peer)"])
    print(f"checkout: {checkout}   repeats: {args.repeats}   load average: {os.getloadavg()[0]:.1f}")
    print(f"{'command':<32} {'median s':>9} {'fastest s':>10} {'median / peer':>14}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<32} {median:>9.3f} {min(values):>10.3f} {median / peer:>13.1f}x")


if __name__ == "__main__":
    main()
