"""Mining a large project end to end: the worker's `mine` task (both levels, keywords, quotes, statements, titles,
saving, the map) on N customer utterances, with wall time, CPU time and peak memory.

Run: `.venv/bin/python tests/benchmarks/mining_scale.py [--utterances 100000] [--profile var/mine.prof]`
(needs the ingested pypi project of `tests/benchmarks/jobs_quality.py`; run that once first).

The project is built from the ten pypi interviews as ingested (customer turns, utterances, embeddings, job-talk
flags, JTBD signals, whole-request vectors) copied until it holds N customer utterances: copy k is a new set of
ten interviews whose vectors are moved part of the way towards one of the row's 10 nearest rows (see `_moved`;
cluster_quality.py's scale run mixes rows of one intent alike), so no two rows coincide, and whose texts start
with a copy-specific discourse word ("So", "Well yeah,", ...) with signal offsets shifted to match, so no text
repeats and the parse cache
(`pipelines.nlp.parse`) gains nothing a real project would not. The copy is written straight into a fresh SQLite
database (migrated as the app does), then a fresh process starts the app and runs the `mine` task through the API (`POST
/api/projects/{id}/mine`, in-process worker) and prints: wall time of the task and of each of its stages, CPU time of
the process while it ran (all threads, and the forked copies that describe jobs: VERBATIM_MINE_PROCESSES;
`VERBATIM_MINE_PROCESSES=1` turns them off), the peak PSS of the process and its copies together, peak resident memory
(VmHWM, C allocations included) before and after mining, and the jobs found; then the same figures for the phrase
refresh that mining queues as a task of its own (run until the queue drains). The peer in the same run is the clustering
alone (`pipelines.hierarchy.build_tree` on the same rows), the part `cluster_quality.py --scale` times. `--task-alone`
skips that and the phrase refresh.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.cluster_quality import vm_hwm_mib  # noqa: E402

SOURCE = ROOT / "var" / "bench" / "jobs-pypi" / "bench.db"
OPENERS = ["So", "Well", "And", "Now", "Honestly", "Basically", "Look", "Right", "Okay", "See"]
SECONDS = ["", "yeah,", "I mean,", "you know,", "like,", "actually,", "anyway,", "frankly,", "again,", "also,"]


def _prefix(copy: int) -> str:
    """A copy-specific opening so that no text repeats across copies (copy 0 keeps the original words)."""
    if copy == 0:
        return ""
    first, second = OPENERS[copy % len(OPENERS)], SECONDS[(copy // len(OPENERS)) % len(SECONDS)]
    rounds = copy // (len(OPENERS) * len(SECONDS))
    return " ".join(w for w in (first, second, "again," * rounds) if w) + " "


def _read_source(path: Path) -> dict:
    """The ingested project's customer speakers, turns, minable utterances and their signals."""
    import sqlite3

    with sqlite3.connect(path) as db:
        columns = {row[1] for row in db.execute("PRAGMA table_info(turns)")}
        request = "t.request_embedding" if "request_embedding" in columns else "NULL"
        interviews = db.execute("SELECT id, title FROM interviews ORDER BY id").fetchall()
        speakers = db.execute(
            "SELECT id, interview_id, label, name, role FROM speakers WHERE role = 'customer' ORDER BY id"
        ).fetchall()
        utterances = db.execute(
            f"""SELECT u.id, u.interview_id, u.speaker_id, u.turn_id, u.start, u."end", u.verbatim_text,
                       u.display_text, u.position, u.embedding, u.job_talk, t.position, t.text, {request}
                FROM utterances u JOIN turns t ON t.id = u.turn_id
                WHERE u.role = 'customer' AND NOT u.quoted AND u.embedding IS NOT NULL ORDER BY u.id"""
        ).fetchall()
        signals = db.execute(
            """SELECT s.utterance_id, s.kind, s.text, s.start_char, s.end_char, s.embedding FROM utterance_signals s
               JOIN utterances u ON u.id = s.utterance_id WHERE u.role = 'customer' AND NOT u.quoted"""
        ).fetchall()
    return {"interviews": interviews, "speakers": speakers, "utterances": utterances, "signals": signals}


def build(source: Path, url: str, data_dir: Path, n: int, seed: int = 0) -> int:
    """Write a project of n customer utterances copied from the source (see module doc); returns its id."""
    from sqlalchemy import create_engine, insert

    from app.db import migrate
    from models import Interview, Project, Speaker, Turn, Utterance, UtteranceSignal
    from tests.helpers import make_settings

    migrate(make_settings(data_dir, url))
    src = _read_source(source)
    rng = np.random.default_rng(seed)
    # Each row's 10 nearest source rows: a copy moves its vector part of the way towards one of them.
    source_vectors = np.vstack([np.frombuffer(u[9], np.float32) for u in src["utterances"]])
    similar = source_vectors @ source_vectors.T
    np.fill_diagonal(similar, -np.inf)
    near = np.argsort(-similar, axis=1)[:, :10]
    row_of = {u[0]: i for i, u in enumerate(src["utterances"])}
    signals_of: dict[int, list] = {}
    for s in src["signals"]:
        signals_of.setdefault(s[0], []).append(s)
    engine = create_engine(url)
    rows: dict[str, list[dict]] = {"interviews": [], "speakers": [], "turns": [], "utterances": [], "signals": []}
    ids = {"interview": 0, "speaker": 0, "turn": 0, "utterance": 0}
    copy = 0
    while ids["utterance"] < n:
        prefix = _prefix(copy)
        interview_of, speaker_of, turn_of = {}, {}, {}
        for old_id, title in src["interviews"]:
            ids["interview"] += 1
            interview_of[old_id] = ids["interview"]
            rows["interviews"].append(
                {"id": ids["interview"], "project_id": 1, "title": f"{title} (copy {copy})", "status": "ready"}
            )
        for old_id, interview_id, label, name, role in src["speakers"]:
            ids["speaker"] += 1
            speaker_of[old_id] = ids["speaker"]
            rows["speakers"].append(
                {
                    "id": ids["speaker"],
                    "interview_id": interview_of[interview_id],
                    "label": label,
                    "name": name,
                    "role": role,
                }
            )
        for u in src["utterances"]:
            if ids["utterance"] >= n:
                break
            (
                old_id,
                interview_id,
                speaker_id,
                turn_id,
                start,
                end,
                verbatim,
                display,
                position,
                blob,
                talk,
                turn_position,
                turn_text,
                request,
            ) = u
            if turn_id not in turn_of:
                ids["turn"] += 1
                turn_of[turn_id] = ids["turn"]
                whole = None
                if request is not None:
                    whole = _moved(np.frombuffer(request, np.float32), source_vectors, near[row_of[old_id]], rng)
                rows["turns"].append(
                    {
                        "id": ids["turn"],
                        "interview_id": interview_of[interview_id],
                        "speaker_id": speaker_of[speaker_id],
                        "position": turn_position,
                        "start": start,
                        "end": end,
                        "text": prefix + turn_text,
                        "request_embedding": whole,
                    }
                )
            ids["utterance"] += 1
            uid = ids["utterance"]
            rows["utterances"].append(
                {
                    "id": uid,
                    "project_id": 1,
                    "interview_id": interview_of[interview_id],
                    "speaker_id": speaker_of[speaker_id],
                    "turn_id": turn_of[turn_id],
                    "role": "customer",
                    "start": start,
                    "end": end,
                    "verbatim_text": prefix + verbatim,
                    "display_text": prefix + display,
                    "position": position,
                    "embedding": _moved(np.frombuffer(blob, np.float32), source_vectors, near[row_of[old_id]], rng),
                    "quoted": False,
                    "job_talk": talk,
                }
            )
            shift = len(prefix)
            for _, kind, text, begin, stop, clause in signals_of.get(old_id, []):
                rows["signals"].append(
                    {
                        "utterance_id": uid,
                        "kind": kind,
                        "text": text,
                        "start_char": begin + shift,
                        "end_char": stop + shift,
                        "project_id": 1,
                        "embedding": clause,
                    }
                )
        copy += 1
    with engine.begin() as db:
        db.execute(insert(Project), [{"id": 1, "name": f"Scale {n}"}])
        db.execute(insert(Interview), rows["interviews"])
        db.execute(insert(Speaker), rows["speakers"])
        for table, key in ((Turn, "turns"), (Utterance, "utterances"), (UtteranceSignal, "signals")):
            for begin in range(0, len(rows[key]), 20_000):
                db.execute(insert(table), rows[key][begin : begin + 20_000])
    engine.dispose()
    print(
        f"built {ids['utterance']:,} customer utterances in {ids['interview']} interviews ({copy} copies of "
        f"{len(src['interviews'])}), {len(rows['signals']):,} signals",
        flush=True,
    )
    return 1


def _moved(vector: np.ndarray, source: np.ndarray, near: np.ndarray, rng: np.random.Generator) -> bytes:
    """A copy's vector: normalise(t v + (1 - t) w + e), w one of the row's 10 nearest source rows, t ~ U(0.2, 0.8),
    e ~ N(0, 0.01^2 I), so copies of neighbouring rows interleave. Noise alone left every row's copies closer to
    each other than to any other row: each original became a clique of its copies, and a job (1,293 at 100k)."""
    t = rng.uniform(0.2, 0.8)
    out = t * vector + (1 - t) * source[rng.choice(near)] + rng.normal(0, 0.01, vector.shape).astype(np.float32)
    return (out / np.linalg.norm(out)).astype(np.float32).tobytes()


def _cpu() -> float:
    """CPU seconds of this process (all threads) and of its children that ended (the mine task's forked copies)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class _PssPeak:
    """The most memory this process and its children held at once: the sum of their proportional set sizes (a page
    shared by a process and its forked copy counts once), sampled every `every` seconds on a thread of its own."""

    def __init__(self, every: float = 1.0) -> None:
        import os
        import threading

        self.pid, self.every, self.peak = os.getpid(), every, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _pss_mib(pid: int | str) -> float:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def _children(self) -> list[str]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == self.pid:
                    found.append(stat.parent.name)
            except (OSError, IndexError, ValueError):
                continue
        return found

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            total = self._pss_mib(self.pid) + sum(self._pss_mib(pid) for pid in self._children())
            self.peak = max(self.peak, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


def mine_only(
    url: str, data_dir: Path, project: int, profile: Path | None, dump: Path | None = None, follow_up: bool = True
) -> None:
    """Subprocess body: start the app, run the mine task through the API, then the phrase refresh it queued (a task
    of its own), and print the figures of each as JSON, with the seconds each stage of the mine task took."""
    from fastapi.testclient import TestClient

    from app.main import create_app
    from app.stages import StageReporter
    from app.worker import Worker
    from tests.helpers import make_settings

    # When each stage of the mine task began, on the clock and in CPU time of the process and its forked copies (the
    # worker reports stages through the plan's StageReporter): wall time on a shared machine is mostly waiting for a
    # core.
    entered: list[tuple[str, float, float]] = []
    report = StageReporter.__call__

    def timed(self: StageReporter, name: str, fraction: float = 0.0) -> None:
        if not entered or entered[-1][0] != name:
            entered.append((name, time.perf_counter(), _cpu()))
        report(self, name, fraction)

    StageReporter.__call__ = timed  # type: ignore[method-assign]
    settings = make_settings(data_dir, url)
    with TestClient(create_app(settings, start_worker=False)) as client:
        worker = Worker(client.app.state.runtime)  # type: ignore[attr-defined]
        before = vm_hwm_mib()
        cpu = _cpu()
        pss = _PssPeak()
        start = time.perf_counter()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        task = client.post(f"/api/projects/{project}/mine").json()["task"]["id"]
        worker.run_once()  # the mine task: the only one queued
        if profiler and profile:
            profiler.disable()
            profiler.dump_stats(profile)
        wall = time.perf_counter() - start
        after = _cpu()
        ended = ("end", start + wall, after)
        peak = vm_hwm_mib()
        pss_peak = pss.stop()
        children_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        stages = {
            name: [round(end - begin, 1), round(cpu_end - cpu_begin, 1)]
            for (name, begin, cpu_begin), (_, end, cpu_end) in zip(entered, [*entered[1:], ended], strict=True)
        }
        status = client.get(f"/api/tasks/{task}").json()["status"]
        core = client.get(f"/api/projects/{project}/jobs", params={"level": "core"}).json()["jobs"]
        detail = client.get(f"/api/projects/{project}/jobs", params={"level": "detail"}).json()["jobs"]
        if dump:  # what mining produced, to compare two versions of the code on the same rows
            dump.write_text(json.dumps({"core": core, "detail": detail}, indent=1, sort_keys=True))
        # What mining queued (the phrase refresh), run until the queue drains.
        follow = time.perf_counter()
        if follow_up:
            worker.run_until_idle(timeout=1800)
        follow_wall = time.perf_counter() - follow
        follow_cpu = _cpu()
        queued = client.get(f"/api/projects/{project}/feed", params={"limit": 1}).status_code
    print(
        json.dumps(
            {
                "status": status,
                "wall": wall,
                "cpu": after - cpu,
                "peak_mib": peak,
                "pss_peak_mib": pss_peak,
                "children_peak_mib": children_peak,
                "before_mib": before,
                "stages": stages,
                "core": len(core),
                "detail": len(detail),
                "statements": sum(1 for j in detail + core if j["statement"]),
                "after_wall": follow_wall,
                "after_cpu": follow_cpu - after,
                "after_peak_mib": vm_hwm_mib(),
                "feed": queued,
            }
        )
    )


def cluster_only(url: str) -> None:
    """Subprocess body (the peer): the clustering of both levels alone, on the same rows."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from app.services import jobs as job_service
    from pipelines.hierarchy import build_tree

    with Session(create_engine(url)) as session:
        mined = job_service.load_mining_input(session=session, project_id=1)
    before = vm_hwm_mib()
    start = time.perf_counter()
    build_tree(mined.vectors, mined.passages, mined.job_talk)
    print(json.dumps({"wall": time.perf_counter() - start, "peak_mib": vm_hwm_mib(), "before_mib": before}))


def _subprocess(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    """Build the project, then mine it (and cluster it alone) in fresh processes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--utterances", type=int, default=100_000)
    parser.add_argument("--source", type=Path, default=SOURCE, help="an ingested pypi bench.db")
    parser.add_argument("--profile", type=Path, help="write a cProfile of the mine task here")
    parser.add_argument("--dump", type=Path, help="write the mined jobs (both levels, as the API lists them) here")
    parser.add_argument(
        "--task-alone",
        action="store_true",
        help="time the mine task only: neither the phrase refresh it queues nor the clustering alone",
    )
    parser.add_argument("--mine-only", nargs=5, help=argparse.SUPPRESS)
    parser.add_argument("--cluster-only", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.mine_only:
        url, data_dir, profile, dump, follow_up = args.mine_only
        mine_only(
            url, Path(data_dir), 1, Path(profile) if profile else None, Path(dump) if dump else None, follow_up == "1"
        )
        return
    if args.cluster_only:
        cluster_only(args.cluster_only)
        return
    if not args.source.exists():
        sys.exit(f"{args.source} not found: run tests/benchmarks/jobs_quality.py once first")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/scale.db"
        start = time.perf_counter()
        build(args.source, url, Path(tmp) / "var", args.utterances)
        print(f"(built in {time.perf_counter() - start:.0f}s)", flush=True)
        peer = None if args.task_alone else _subprocess("--cluster-only", url)
        dump = str(args.dump.resolve()) if args.dump else ""
        follow_up = "0" if args.task_alone else "1"
        mined = _subprocess("--mine-only", url, str(Path(tmp) / "var"), str(args.profile or ""), dump, follow_up)
    print(
        f"mine task, {args.utterances:,} utterances: {mined['status']}, wall {mined['wall']:.1f}s, "
        f"CPU {mined['cpu']:.1f}s (forked copies included), peak RSS {mined['peak_mib']:.0f} MiB (app started: "
        f"{mined['before_mib']:.0f} MiB; forked copies' peak RSS {mined['children_peak_mib']:.0f} MiB, shared pages "
        f"included; peak PSS of the task and its copies together {mined['pss_peak_mib']:.0f} MiB, sampled each "
        f"second); "
        f"{mined['core']} core jobs, {mined['detail']} jobs, {mined['statements']} with a statement"
    )
    print("mine task stages (s, wall / CPU): " + ", ".join(f"{k} {w} / {c}" for k, (w, c) in mined["stages"].items()))
    if peer is not None:
        print(
            f"then the phrase refresh mining queued (a task of its own): wall {mined['after_wall']:.1f}s, "
            f"CPU {mined['after_cpu']:.1f}s, peak RSS {mined['after_peak_mib']:.0f} MiB; feed read: {mined['feed']}"
        )
        print(
            f"peer, clustering alone (build_tree): wall {peer['wall']:.1f}s, peak RSS {peer['peak_mib']:.0f} MiB "
            f"(rows loaded: {peer['before_mib']:.0f} MiB)"
        )
    if args.profile:
        import pstats

        pstats.Stats(str(args.profile)).sort_stats("cumulative").print_stats(35)


if __name__ == "__main__":
    main()
