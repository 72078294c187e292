"""CLI start-up benchmark: wall time of commands that load no model, against `python -c pass` in the same run.

Run: `.venv/bin/python tests/benchmarks/cli_startup.py [--repeats 9] [--checkout PATH]`.

Each round runs every command once, in turn (peer first), so load on the shared machine hits them alike; the
table gives the median and the fastest of --repeats rounds, and each median over the peer's, in wall time and in
CPU time (user + system of the command's process): on a busy machine the wall time waits for a core, while the CPU
time is what the command itself costs, and moves little with the load. `--checkout` times
another working tree of the repository (e.g. `/work/main` before a change) with the same interpreter: the command
is `python -c "from app.cli import main; main()" ...` run from that tree, which works in old and new versions alike.
Give `--checkout` twice (before, after) to time both trees in the same rounds, each command in one tree right after
the other, so that a change is compared under the same load. `project create` writes to a fresh SQLite database
under a temporary data directory (one per tree), migrated once beforehand.
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


COMMANDS: dict[str, list[str]] = {
    "verbatim --help": ["--help"],
    "verbatim project --help": ["project", "--help"],
    "verbatim project create NAME": ["project", "create", "bench"],
    "verbatim project list": ["project", "list"],
    "verbatim migrate": ["migrate"],
    "verbatim users list": ["users", "list"],
}
PEER = "python -c pass (peer)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument(
        "--checkout",
        type=Path,
        action="append",
        help="working tree to time (default: this one); give it twice to compare two trees in the same rounds",
    )
    args = parser.parse_args()
    checkouts = [path.resolve() for path in args.checkout or [REPO]]
    python = sys.executable

    with tempfile.TemporaryDirectory() as scratch:
        envs: dict[Path, dict[str, str]] = {}
        for n, checkout in enumerate(checkouts):  # a database each: the trees' migrations may differ
            envs[checkout] = {**os.environ, "VERBATIM_DATA_DIR": f"{scratch}/{n}", "OMP_WAIT_POLICY": "PASSIVE"}
            envs[checkout].pop("VERBATIM_DATABASE_URL", None)
            # Bytecode as an installed package has it (pip compiles it; the first run here writes it): without it
            # every run compiles the project's modules again.
            envs[checkout].pop("PYTHONDONTWRITEBYTECODE", None)
            migrate = [python, "-c", ENTRY, "migrate"]
            subprocess.run(migrate, cwd=checkout, env=envs[checkout], check=True, capture_output=True)
        runs: list[tuple[Path, str, list[str]]] = [(checkouts[0], PEER, [python, "-c", "pass"])]
        runs += [
            (checkout, name, [python, "-c", ENTRY, *argv]) for name, argv in COMMANDS.items() for checkout in checkouts
        ]
        wall: dict[tuple[Path, str], list[float]] = {(checkout, name): [] for checkout, name, _ in runs}
        cpu: dict[tuple[Path, str], list[float]] = {(checkout, name): [] for checkout, name, _ in runs}
        for _ in range(args.repeats):
            for checkout, name, argv in runs:
                elapsed, used = timed(argv, cwd=checkout, env=envs[checkout])
                wall[checkout, name].append(elapsed)
                cpu[checkout, name].append(used)

    peer = statistics.median(wall[checkouts[0], PEER])
    peer_cpu = statistics.median(cpu[checkouts[0], PEER])
    load = f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    print(f"repeats: {args.repeats}   {load}")
    for n, checkout in enumerate(checkouts):
        print(f"[{n}] {checkout}")
    tree = len(checkouts) > 1
    print(
        f"{'command':<32} {'tree ' if tree else ''}{'median s':>9} {'fastest s':>10} {'/ peer':>7} "
        f"{'CPU median s':>13} {'/ peer':>7}"
    )
    for checkout, name, _ in runs:
        median = statistics.median(wall[checkout, name])
        cpu_median = statistics.median(cpu[checkout, name])
        label = f"[{checkouts.index(checkout)}]  " if tree else ""
        print(
            f"{name:<32} {label}{median:>9.3f} {min(wall[checkout, name]):>10.3f} {median / peer:>6.1f}x "
            f"{cpu_median:>13.3f} {cpu_median / peer_cpu:>6.1f}x"
        )


if __name__ == "__main__":
    main()
