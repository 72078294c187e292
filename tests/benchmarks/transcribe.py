"""Transcription benchmark: faster-whisper vs openai-whisper on a rendered interview, same weights."""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / ".." / "shared"
DEFAULT_TRANSCRIPT = SHARED / "data" / "interviews" / "pypi-infrastructure" / "nick-1-full.md"
RENDER_TOOL = SHARED / "tools" / "render_interview.py"
TURN_GAP_S = 0.35  # the renderer's silence between turns

USAGE = """
  .venv/bin/python tests/benchmarks/transcribe.py [--minutes 10] [--threads 2] [--beam-size 5] [--configs]

Renders nick-1-full.md from ../shared/data/interviews/pypi-infrastructure to speech (espeak-ng + sox, via
../shared/tools/render_interview.py), cuts it after the last turn that ends within --minutes, runs each
configuration in its own subprocess (so peak memory is that backend's alone) and prints real-time factor,
peak memory (VmHWM) and WER against the rendered turns side by side.

Each benchmark is a function registered in BENCHMARKS; the helpers (render_interview, reference_turns,
word_error_rate, run_isolated) are shared so an end-to-end benchmark can sit beside this one.
"""

# name -> (backend, constructor options); the constructor also gets model, cpu_threads and beam_size.
CONFIGS: dict[str, tuple[str, dict[str, Any]]] = {
    "openai-whisper": ("openai", {"vad_filter": True}),
    "faster-whisper": ("faster", {"batched": False, "vad_filter": True, "compute_type": "int8"}),
    "faster-whisper batched": ("faster", {"batched": True, "vad_filter": True, "compute_type": "int8"}),
    "faster-whisper no-vad": ("faster", {"batched": False, "vad_filter": False, "compute_type": "int8"}),
    "faster-whisper float32": ("faster", {"batched": False, "vad_filter": True, "compute_type": "float32"}),
}


# ----------------------------------------------------------------------------------------------------
# Shared helpers.
# ----------------------------------------------------------------------------------------------------


def render_interview(transcript: Path, out_prefix: Path, minutes: float) -> Path:
    """Render a NAME: text transcript to OUT_PREFIX.wav (+ .turns.json) once; reuse it afterwards."""
    wav = out_prefix.with_suffix(".wav")
    turns = out_prefix.with_suffix(".turns.json")
    if wav.is_file() and turns.is_file():
        return wav
    out_prefix.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["python3", str(RENDER_TOOL), str(transcript), str(out_prefix), "--minutes", str(minutes)],
        check=True,
    )
    return wav


def reference_turns(turns_json: Path, max_seconds: float) -> tuple[list[dict[str, Any]], float]:
    """Turns that end within max_seconds (at least one) and where to cut the audio after them."""
    turns = json.loads(turns_json.read_text())
    kept = [t for t in turns if t["end"] <= max_seconds] or turns[:1]
    return kept, kept[-1]["end"] + TURN_GAP_S


def spoken_text(text: str) -> str:
    """The part of a transcript turn that the renderer actually speaks (it skips brackets and URLs)."""
    return re.sub(r"\[[^\]]*\]|\([^)]*\)|https?://\S+", " ", text)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """WER after Whisper's English normaliser (numbers, spellings, fillers); a plain one if it is missing."""
    import jiwer

    try:
        from whisper.normalizers import EnglishTextNormalizer

        normalise: Callable[[str], str] = EnglishTextNormalizer()
    except ImportError:
        from pipelines.whisper_guards import normalize_text as normalise
    ref, hyp = normalise(reference), normalise(hypothesis)
    if not ref.split():
        return 0.0 if not hyp.split() else 1.0
    return float(jiwer.wer(ref, hyp))


def peak_memory_mib() -> float:
    """This process's peak resident memory (VmHWM), MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_isolated(job: dict[str, Any], timeout: float | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (clean peak memory), return its JSON result."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", json.dumps(job)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=ROOT,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        return {"error": (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["failed"]}
    return json.loads(lines[-1])


# ----------------------------------------------------------------------------------------------------
# Backends benchmark.
# ----------------------------------------------------------------------------------------------------


def _transcribe_worker(job: dict[str, Any]) -> dict[str, Any]:
    """Inside the subprocess: load one backend, warm it up, time one transcription of the clip."""
    from pipelines.audio import SAMPLE_RATE, decode
    from pipelines.transcription import FasterWhisperTranscriber, OpenAIWhisperTranscriber

    backend, options = CONFIGS[job["config"]]
    cls = FasterWhisperTranscriber if backend == "faster" else OpenAIWhisperTranscriber
    started = time.perf_counter()
    model = cls(
        job["model"],
        cpu_threads=job["threads"],
        beam_size=job["beam_size"],
        cache_dir=job.get("cache_dir"),
        **options,
    )
    load_s = time.perf_counter() - started
    audio = decode(job["audio"])[: int(job["seconds"] * SAMPLE_RATE)]
    # One-off costs (numba compiling Whisper's DTW, CTranslate2's first allocations) are not throughput.
    model.transcribe(audio[: 20 * SAMPLE_RATE])
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = model.transcribe(audio)
    wall = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    return {
        "config": job["config"],
        "audio_s": len(audio) / SAMPLE_RATE,
        "load_s": load_s,
        "wall_s": wall,
        "cpu_s": cpu,
        "peak_mib": peak_memory_mib(),
        "segments": len(result.segments),
        "text": " ".join(segment.text for segment in result.segments),
    }


def bench_backends(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Both backends (and faster-whisper variants) on the same clip, weights, beam size and threads."""
    wav = render_interview(args.transcript, args.out, args.minutes)
    turns, seconds = reference_turns(wav.with_suffix(".turns.json"), args.minutes * 60)
    reference = " ".join(spoken_text(t["text"]) for t in turns)
    rows = []
    for config in args.configs:
        job = {
            "config": config,
            "model": args.model,
            "threads": args.threads,
            "beam_size": args.beam_size,
            "audio": str(wav),
            "seconds": seconds,
            "cache_dir": str(args.cache_dir) if args.cache_dir else None,
        }
        print(f"running {config} ...", file=sys.stderr, flush=True)
        row = run_isolated(job)
        if "error" not in row:
            row["wer"] = word_error_rate(reference, row.pop("text"))
            row["rtf"] = row["wall_s"] / row["audio_s"]
        rows.append(row)
    _print_backends(rows, args)
    return rows


def _print_backends(rows: list[dict[str, Any]], args: argparse.Namespace) -> None:
    ok = [r for r in rows if "error" not in r]
    audio_s = ok[0]["audio_s"] if ok else 0.0
    print(
        f"\n{args.model}, beam {args.beam_size}, {args.threads} threads, {audio_s / 60:.1f} min of audio "
        f"({args.transcript.name}), load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    baseline = next((r for r in ok if r["config"] == "openai-whisper"), None)
    print(
        f"{'config':<24} {'RTF':>6} {'x real':>7} {'wall s':>7} {'CPU s':>7} {'load s':>7} {'peak MiB':>9} "
        f"{'WER':>6} {'segs':>5} {'vs openai':>9}"
    )
    for r in rows:
        if "error" in r:
            print(f"{r.get('config', '?'):<24} error: {r['error']}")
            continue
        speedup = f"{baseline['wall_s'] / r['wall_s']:.1f}x" if baseline else "-"
        print(
            f"{r['config']:<24} {r['rtf']:>6.3f} {1 / r['rtf']:>7.1f} {r['wall_s']:>7.1f} {r['cpu_s']:>7.1f} "
            f"{r['load_s']:>7.1f} {r['peak_mib']:>9.0f} {r['wer']:>6.1%} {r['segments']:>5} {speedup:>9}"
        )


def bench_end_to_end(args: argparse.Namespace) -> dict[str, Any]:
    """Upload the rendered interview through the HTTP API and time it until its utterances are indexed."""
    import tempfile

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app
    from app.runtime import load_diarizer, load_embedder, load_splitter, load_transcriber
    from app.worker import Worker
    from pipelines.audio import probe
    from pipelines.nlp import load_nlp

    wav = render_interview(args.transcript, args.out, args.minutes)
    duration = probe(wav).duration
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), workers=0, whisper_model=args.model)
        migrate(settings)
        # Models load once per process in the service too; the factor measures the work, not the start-up.
        load_transcriber(settings.transcriber, settings.whisper_model, str(settings.cache_dir / "models"))
        load_diarizer(), load_embedder(settings.embedding_model), load_splitter(settings.spacy_model), load_nlp()
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
            started = time.perf_counter()
            with wav.open("rb") as fh:
                body = client.post(f"/api/projects/{project}/interviews", files={"file": (wav.name, fh)}).json()
            Worker(app.state.runtime).run_until_idle()
            elapsed = time.perf_counter() - started
            task = client.get(f"/api/tasks/{body['task']['id']}").json()
            interview = client.get(f"/api/interviews/{body['interview']['id']}").json()
    row = {
        "audio_s": round(duration, 1),
        "end_to_end_s": round(elapsed, 1),
        "x_real_time": round(duration / elapsed, 1),
        "status": task["status"],
        "utterances": interview["utterance_count"],
    }
    print(
        f"end to end (upload -> indexed utterances), {settings.transcriber} {args.model}: "
        f"{row['audio_s']} s of audio in {row['end_to_end_s']} s = {row['x_real_time']}x real time "
        f"({row['utterances']} utterances, task {row['status']})"
    )
    return row


def bench_all(args: argparse.Namespace) -> dict[str, Any]:
    """Both backends side by side, then the end-to-end factor, in one run."""
    return {"backends": bench_backends(args), "end_to_end": bench_end_to_end(args)}


BENCHMARKS: dict[str, Callable[[argparse.Namespace], Any]] = {
    "all": bench_all,
    "backends": bench_backends,
    "end-to-end": bench_end_to_end,
}


def main(argv: list[str] | None = None) -> int:
    """Run the named benchmark (default: backends) and print its table."""
    parser = argparse.ArgumentParser(
        description=__doc__, epilog=USAGE, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--bench", choices=sorted(BENCHMARKS), default="all")
    parser.add_argument("--transcript", type=Path, default=DEFAULT_TRANSCRIPT)
    parser.add_argument("--out", type=Path, default=Path("/tmp/verbatim-bench/interview"))
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--beam-size", type=int, default=5)
    parser.add_argument("--cache-dir", type=Path, default=None)
    parser.add_argument("--configs", nargs="+", choices=list(CONFIGS), default=list(CONFIGS))
    parser.add_argument("--json", type=Path, help="also write the rows here")
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))  # run as a script, the repository root is not on the path
    if args.worker:
        print(json.dumps(_transcribe_worker(json.loads(args.worker))))
        return 0
    # OpenMP threads that spin while they wait collapse on a shared, busy machine (10x slower observed with
    # torch); both backends get the same passive policy unless the caller chose one.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    rows = BENCHMARKS[args.bench](args)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
