"""CLI start-up benchmark: wall time of commands that load no model, against `python -c pass` in the same run.

Run: `.venv/bin/python tests/benchmarks/cli_startup.py [--repeats 9] [--checkout PATH]`.

Each round runs every command once, in turn (peer first), so load on the shared machine hits them alike; the
table gives the median and the fastest of --repeats rounds, and each median over the peer's, in wall time and in
CPU time (user + system of the command's process): on a busy machine the wall time waits for a core, while the CPU
time is what the command itself costs, and moves little with the load. `--checkout` times
another working tree of the repository (e.g. `/work/main` before a change) with the same interpreter: the command
is `python -c "from app.cli import main; main()" ...` run from that tree, which works in old and new versions alike.
`project create` writes to a fresh SQLite database under a temporary data directory, migrated once beforehand.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ENTRY = "from app.cli import main; main()"


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(argv: list[str], *, cwd: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, _children_cpu() - cpu_before


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
        cpu: dict[str, list[float]] = {name: [] for name in runs}
        for _ in range(args.repeats):
            for name, argv in runs.items():
                wall, used = timed(argv, cwd=checkout, env=env)
                times[name].append(wall)
                cpu[name].append(used)

    peer = statistics.median(times["python -c pass (peer)"])
    peer_cpu = statistics.median(cpu["python -c pass (peer)"])
    load = f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    print(f"checkout: {checkout}   repeats: {args.repeats}   {load}")
    print(f"{'command':<32} {'median s':>9} {'fastest s':>10} {'/ peer':>7} {'CPU median s':>13} {'/ peer':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        cpu_median = statistics.median(cpu[name])
        print(
            f"{name:<32} {median:>9.3f} {min(values):>10.3f} {median / peer:>6.1f}x "
            f"{cpu_median:>13.3f} {cpu_median / peer_cpu:>6.1f}x"
        )


if __name__ == "__main__":
    main()
