"""Recordings end to end: upload to searchable, times real time, where the time goes per stage, WER and DER.

Run: `.venv/bin/python tests/benchmarks/recording_speed.py [--minutes 5,30] [--peer ../main] [--rounds 1]
[--peer-env VERBATIM_TRANSCRIBER=openai-whisper]` (a peer environment alone runs this checkout again with it).

What is timed: a two-voice interview rendered with espeak-ng (../shared/tools/render_interview.py; 5 minutes of
nick-1-full.md, 30 minutes of nick-2-full.md) uploaded through the HTTP API (FastAPI TestClient, SQLite in a
temporary directory) and ingested by the durable worker, from the upload until the task is done (its utterances
embedded and in the search index). Cold models are excluded: every model is loaded, and a 30-second call
(../shared/data/asr/two-speaker-call.wav) is ingested through the same path, before the clock starts.

Each checkout (this one, and `--peer` for the code before a change) runs in its own fresh interpreter, one after
the other, on the same audio, so its peak memory (VmHWM: models, audio and all) is its own; the peer ratio is
peer wall time / this wall time. The machine is shared: the load average is printed with every row.

Per-stage wall time is exclusive (a stage inside another is not counted twice) and per thread, so stages that run
beside each other (diarization beside ASR) add up to more than the wall time: decode; vad (silero, once per
recording for both); voice embeddings (resemblyzer's mel frames and LSTM); clustering (spectral, frame labels); asr
(faster-whisper, with its own VAD when it runs one: `asr vad`); alignment (words to speakers, word times); roles;
redaction; store (turns into the database); split (spaCy sentences); embed (sentence model); job talk; signals;
index (FAISS); visuals; other (the rest). Memory: resident memory is sampled every 20 ms; each row prints the RSS
once the models are warm, the sampled top and the stages running then, and per stage the highest RSS seen while it
ran (VmHWM, the peak, also counts the warm-up call).

Accuracy against the renderer's reference: WER of all turns' text after Whisper's English normaliser, DER of the
stored turns (collar 0.25 s) against the RTTM (tests/diarization_scoring.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
INTERVIEWS = SHARED / "data" / "interviews" / "pypi-infrastructure"
RENDER_TOOL = SHARED / "tools" / "render_interview.py"
WARM_CALL = SHARED / "data" / "asr" / "two-speaker-call.wav"
# What each length is rendered from: nick-1 is about 10 minutes long, nick-2 over 30; longer recordings are Nick's
# three interviews in a row (the same two voices throughout).
SOURCES = {5.0: ("nick-1-full.md",), 30.0: ("nick-2-full.md",)}
LONG_SOURCE = ("nick-2-full.md", "nick-3-full.md", "nick-1-full.md")


class ThreadStageClock:
    """Exclusive wall time per stage, kept per thread: a stage nested in another pauses the outer one."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stacks: list[list[list[Any]]] = []  # every thread's stack, for the memory sampler

    def _stack(self) -> list[list[Any]]:
        if not hasattr(self._local, "stack"):
            self._local.stack = []
            with self._lock:
                self._stacks.append(self._local.stack)
        stack: list[list[Any]] = self._local.stack
        return stack

    def active(self) -> list[str]:
        """The innermost stage of every thread that is inside one now."""
        with self._lock:
            return [stack[-1][0] for stack in self._stacks if stack]

    def _charge(self, name: str, since: float) -> None:
        with self._lock:
            self.wall[name] += time.perf_counter() - since

    def wrap(self, owner: Any, attribute: str, name: str) -> None:
        """Time every call of owner.attribute as `name` (for the life of this process)."""
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            stack = self._stack()
            if stack:
                self._charge(stack[-1][0], stack[-1][1])
            stack.append([name, time.perf_counter()])
            try:
                return original(*args, **kwargs)
            finally:
                entry = stack.pop()
                self._charge(entry[0], entry[1])
                if stack:
                    stack[-1][1] = time.perf_counter()

        setattr(owner, attribute, timed)


def _instrument(clock: ThreadStageClock) -> None:
    """Wrap each stage's function where this checkout has it."""
    import importlib

    targets = [
        ("pipelines.audio", "decode", "decode"),
        ("pipelines.vad", "speech_probabilities", "vad"),
        ("pipelines.diarization", "speech_regions", "vad"),
        ("pipelines.diarization", "VoiceDiarizer._embed", "voice embeddings"),
        ("pipelines.diarization", "VoiceDiarizer._cluster", "clustering"),
        ("pipelines.diarization", "_frame_labels", "clustering"),
        ("pipelines.diarization", "_smooth", "clustering"),
        ("pipelines.transcription", "FasterWhisperTranscriber.transcribe", "asr"),
        ("faster_whisper.transcribe", "get_speech_timestamps", "asr vad"),
        ("pipelines.diarization", "assign_words", "alignment"),
        ("app.services.recordings", "_word_times", "alignment"),
        ("pipelines.roles", "assign_roles", "roles"),
        ("app.services.privacy", "redact_for_ingest", "redaction"),
        ("app.services.interviews", "store_transcript", "store"),
        ("pipelines.utterances", "SpacySplitter.split", "split"),
        ("pipelines.embedding", "SentenceTransformerEmbedder.embed", "embed"),
        ("app.services.interviews", "_job_talk", "job talk"),
        ("pipelines.jtbd", "extract_signals", "signals"),
        ("app.services.index", "IndexStore.get", "index"),
        ("app.services.index", "IndexStore.apply", "index"),
        ("app.services.index", "IndexStore.attributes", "index"),
        ("app.services.visuals", "precompute", "visuals"),
    ]
    for module_name, path, name in targets:
        try:
            owner: Any = importlib.import_module(module_name)
        except ImportError:
            continue
        *parents, attribute = path.split(".")
        for part in parents:
            owner = getattr(owner, part, None)
        if owner is not None and hasattr(owner, attribute):
            clock.wrap(owner, attribute, name)


class RssSampler:
    """Resident memory sampled every few milliseconds, each sample charged to the stages running at that moment:
    per stage the highest RSS seen while it ran (tracemalloc cannot see torch's or CTranslate2's buffers)."""

    def __init__(self, clock: ThreadStageClock, interval_s: float = 0.02) -> None:
        self.clock = clock
        self.interval_s = interval_s
        self.peak: dict[str, float] = defaultdict(float)
        self.top = (0.0, "")
        self.timeline: list[tuple[float, float, str]] = []  # (seconds, MiB, stages) about twice a second
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="rss-sampler", daemon=True)
        self._page_mib = os.sysconf("SC_PAGE_SIZE") / 2**20

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        statm = Path("/proc/self/statm")
        started = last = time.perf_counter()
        while not self._stop.wait(self.interval_s):
            rss = int(statm.read_text().split()[1]) * self._page_mib
            stages = sorted(set(self.clock.active())) or ["other"]
            if time.perf_counter() - last >= 0.5:
                last = time.perf_counter()
                self.timeline.append((round(last - started, 1), round(rss), "+".join(stages)))
            for stage in stages:
                self.peak[stage] = max(self.peak[stage], rss)
            if rss > self.top[0]:
                self.top = (rss, "+".join(stages))


def _rss_mib() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _ingest(client: Any, project: int, wav: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """Upload one recording and run the worker until idle; returns (task, interview) as the API shows them."""
    from app.worker import Worker

    with wav.open("rb") as handle:
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (wav.name, handle)}).json()
    Worker(client.app.state.runtime).run_until_idle(timeout=7200)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    return task, body["interview"]


def worker(job: dict[str, Any]) -> dict[str, Any]:
    """Inside the checkout's own interpreter: warm every model, then time one recording through the API."""
    import resource
    import tempfile

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app

    clock = ThreadStageClock()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), workers=0, allowed_hosts=["testserver"])
        migrate(settings)
        with TestClient(create_app(settings, start_worker=False)) as client:
            project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
            warm_task, _ = _ingest(client, project, WARM_CALL)  # loads and warms every model on the real path
            _instrument(clock)
            warm_rss, warm_peak = _rss_mib(), _peak_rss_mib()
            sampler = RssSampler(clock)
            sampler.start()
            load = os.getloadavg()[0]
            cpu_before = resource.getrusage(resource.RUSAGE_SELF)
            started = time.perf_counter()
            task, interview = _ingest(client, project, Path(job["audio"]))
            wall = time.perf_counter() - started
            cpu_after = resource.getrusage(resource.RUSAGE_SELF)
            sampler.stop()
            transcript = client.get(f"/api/interviews/{interview['id']}/transcript").json()
            utterances = client.get(f"/api/interviews/{interview['id']}").json().get("utterance_count")
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    stages = dict(clock.wall)
    stages["other"] = max(0.0, wall - sum(stages.values()))
    return {
        "status": task["status"],
        "warm_status": warm_task["status"],
        "wall_s": wall,
        "cpu_s": cpu,
        "load_before": load,
        "load_after": os.getloadavg()[0],
        "peak_rss_mib": _peak_rss_mib(),
        "warm_rss_mib": warm_rss,
        "warm_peak_mib": warm_peak,
        "stage_rss_mib": dict(sampler.peak),
        "top_rss": list(sampler.top),
        "rss_timeline": sampler.timeline,
        "utterances": utterances,
        "stages": stages,
        "turns": [[t["speaker"], t["start"], t["end"], t["text"]] for t in transcript["turns"]],
    }


def render(minutes: float, out_dir: Path) -> Path:
    """The rendered interview for `minutes` (rendered once, reused afterwards)."""
    sources = SOURCES.get(minutes, LONG_SOURCE)
    name = "+".join(Path(source).stem for source in sources)
    prefix = out_dir / f"{name}-{minutes:g}min"
    wav = prefix.with_suffix(".wav")
    if not (wav.is_file() and prefix.with_suffix(".rttm").is_file()):
        out_dir.mkdir(parents=True, exist_ok=True)
        transcript = INTERVIEWS / sources[0]
        if len(sources) > 1:  # one transcript of their bodies (each file's header would read as a continuation)
            transcript = out_dir / f"{name}.md"
            bodies = [(INTERVIEWS / s).read_text().split("# BEGIN TRANSCRIPT", 1)[-1] for s in sources]
            transcript.write_text("# BEGIN TRANSCRIPT\n" + "\n".join(bodies))
        command = [sys.executable, str(RENDER_TOOL), str(transcript), str(prefix), "--minutes", str(minutes)]
        subprocess.run(command, check=True, capture_output=True)
    return wav


def run_checkout(root: Path, wav: Path, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `worker` in a fresh interpreter with `root` first on the path; its JSON result."""
    env = dict(os.environ) | (extra_env or {})
    env["PYTHONPATH"] = str(root)
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", json.dumps({"audio": str(wav)})]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, cwd=root)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-3:]}
    row: dict[str, Any] = json.loads(lines[-1])
    return row


def spoken_text(text: str) -> str:
    """The part of a transcript turn the renderer speaks (it skips brackets, parentheses and URLs)."""
    return re.sub(r"\[[^\]]*\]|\([^)]*\)|https?://\S+", " ", text)


def score(row: dict[str, Any], wav: Path) -> None:
    """Add WER and DER against the renderer's reference to a result row."""
    import jiwer

    from pipelines.types import SpeakerSegment
    from pipelines.whisper_guards import normalize_text
    from tests.diarization_scoring import diarization_error_rate, read_rttm

    reference = json.loads(wav.with_suffix(".turns.json").read_text())
    hypothesis = row.pop("turns")
    row["wer"] = float(
        jiwer.wer(
            normalize_text(" ".join(spoken_text(t["text"]) for t in reference)),
            normalize_text(" ".join(t[3] for t in hypothesis)),
        )
    )
    segments = [SpeakerSegment(t[1], t[2], t[0]) for t in hypothesis]
    row["der"] = diarization_error_rate(read_rttm(wav.with_suffix(".rttm")), segments, collar=0.25)


def _print(audio_s: float, name: str, row: dict[str, Any], peer: dict[str, Any] | None) -> None:
    if "error" in row:
        print(f"  {name}: error {row['error']}")
        return
    ratio = f", peer/this {peer['wall_s'] / row['wall_s']:.2f}x" if peer and "error" not in peer else ""
    print(
        f"  {name}: {row['wall_s']:.1f} s wall = {audio_s / row['wall_s']:.1f}x real time, CPU {row['cpu_s']:.1f} s, "
        f"peak RSS {row['peak_rss_mib']:.0f} MiB, WER {row['wer']:.3f}, DER {row['der']:.3f}, "
        f"{row['utterances']} utterances, load {row['load_before']:.1f}->{row['load_after']:.1f}{ratio}"
    )
    stages = sorted(row["stages"].items(), key=lambda item: -item[1])
    print("    stages (s, exclusive, per thread): " + ", ".join(f"{k} {v:.1f}" for k, v in stages))
    if "stage_rss_mib" in row:
        memory = sorted(row["stage_rss_mib"].items(), key=lambda item: -item[1])
        print(
            f"    RSS (MiB): {row['warm_rss_mib']:.0f} warm before the recording (peak {row['warm_peak_mib']:.0f}), "
            f"sampled top {row['top_rss'][0]:.0f} during {row['top_rss'][1]}; highest while each stage ran: "
            + ", ".join(f"{k} {v:.0f}" for k, v in memory)
        )


def main(argv: list[str] | None = None) -> int:
    """Render, run each checkout on each length, print the rows."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--minutes", default="5,30", help="comma-separated lengths of the rendered interviews")
    parser.add_argument("--peer", type=Path, help="another checkout (the code before a change), same run")
    parser.add_argument(
        "--peer-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="environment of the peer, e.g. VERBATIM_TRANSCRIBER=openai-whisper (the peer defaults to this checkout)",
    )
    parser.add_argument("--rounds", type=int, default=1, help="alternate this and the peer this many times")
    parser.add_argument("--out", type=Path, default=Path("/tmp/verbatim-bench/recordings"))
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if args.worker:
        sys.path.insert(0, os.environ.get("PYTHONPATH", str(REPO)).split(os.pathsep)[0])
        print(json.dumps(worker(json.loads(args.worker))))
        return 0
    sys.path.insert(0, str(REPO))
    peer_env = dict(item.split("=", 1) for item in args.peer_env)
    peer = args.peer.resolve() if args.peer else (REPO if peer_env else None)
    results: list[dict[str, Any]] = []
    for minutes in (float(m) for m in args.minutes.split(",")):
        wav = render(minutes, args.out)
        from pipelines.audio import probe

        audio_s = probe(wav).duration
        print(f"{wav.name}: {audio_s:.0f} s of audio, {os.cpu_count()} cores")
        for round_index in range(args.rounds):
            rows: dict[str, dict[str, Any]] = {}
            for name, root in [("this", REPO), *([("peer", peer)] if peer else [])]:
                print(f"  round {round_index + 1}: {name} ({root}) ...", file=sys.stderr, flush=True)
                row = run_checkout(root, wav, peer_env if name == "peer" else None)
                if "error" not in row:
                    score(row, wav)
                rows[name] = row
                results.append({"minutes": minutes, "audio_s": audio_s, "checkout": name, **row})
            for name, row in rows.items():
                _print(audio_s, name, row, rows.get("peer") if name == "this" else None)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
