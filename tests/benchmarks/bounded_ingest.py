"""Bounded ingest: memory and time of pathological transcripts against a normal interview, each in a fresh process.

Run: `.venv/bin/python tests/benchmarks/bounded_ingest.py [--raised] [--cases normal,line5mb,...]`.

Inputs are generated in a temporary directory from ../shared/data/interviews/pypi-infrastructure (nothing is
copied into the repository): every word of the ten transcripts, lower-cased with all punctuation removed, repeated.
- normal:   one real interview (`donald-1-full.md`), as uploaded by people.
- line5mb:  a 5 MB single line, no punctuation, after one speaker label (`Customer: ...`; without a label the
  importer refuses the file at once as not a transcript, 422 `transcript_unrecognised`).
- words500k: 500,000 words in 200-word turns alternating `Interviewer:` / `Customer:`, no punctuation.
- line_max / words_max: the largest transcripts the defaults accept (VERBATIM_MAX_TRANSCRIPT_WORDS words), as a
  single unpunctuated line and as turns.
Each case runs in its own subprocess: a fresh SQLite database, the app through FastAPI's TestClient (upload through
the HTTP API, so the upload-time checks apply) and the durable worker run to completion in the same process. It
prints accepted/refused (status and error code), wall time of upload + ingest, utterances stored, the largest
utterance in words and peak RSS (VmHWM from /proc/self/status, which includes loading torch, the sentence model
and spaCy). `--raised` also runs line5mb and words500k with the word limit raised to 1M, to show that memory stays
bounded even for inputs the defaults refuse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
INTERVIEWS = REPO.parent / "shared" / "data" / "interviews" / "pypi-infrastructure"
NORMAL = INTERVIEWS / "donald-1-full.md"
sys.path.insert(0, str(REPO))  # this checkout's packages, not another editable install's
_SPEAKER = re.compile(r"^[A-Z][A-Za-z]+(?:, TYPING| \(typed\))?:\s*", re.MULTILINE)


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def corpus_words() -> list[str]:
    """Every word of the ten interviews, lower-cased, punctuation removed."""
    words: list[str] = []
    for path in sorted(INTERVIEWS.glob("*.md")):
        body = path.read_text(encoding="utf-8").split("# BEGIN TRANSCRIPT", 1)[-1]
        words += re.sub(r"[^\w\s']+|(?<!\w)'|'(?!\w)", " ", _SPEAKER.sub("", body)).lower().split()
    return words


def generate(case: str, directory: Path, max_words: int) -> Path:
    if case == "normal":
        return NORMAL
    words = corpus_words()
    path = directory / f"{case}.txt"

    def take(count: int) -> list[str]:
        return [words[i % len(words)] for i in range(count)]

    if case == "line5mb":
        out, size = [], 0
        for i in range(10**8):
            word = words[i % len(words)]
            out.append(word)
            size += len(word) + 1
            if size >= 5 * 1024 * 1024:
                break
        path.write_text("Customer: " + " ".join(out) + "\n")
    elif case == "line_max":
        path.write_text("Customer: " + " ".join(take(max_words)) + "\n")
    elif case in ("words500k", "words_max"):
        total = 500_000 if case == "words500k" else max_words
        stream = take(total)
        lines = [
            f"{'Interviewer' if n % 2 == 0 else 'Customer'}: {' '.join(stream[begin : begin + 200])}"
            for n, begin in enumerate(range(0, total, 200))
        ]
        path.write_text("\n".join(lines) + "\n")
    else:
        raise SystemExit(f"unknown case {case}")
    return path


def child(path: Path, overrides: dict) -> dict:
    """Upload and ingest one file in this (fresh) process; returns the measurements."""
    from fastapi.testclient import TestClient
    from sqlalchemy import func, select

    from app.config import Settings
    from app.db import migrate, session_scope
    from app.main import create_app
    from app.worker import Worker
    from models import Utterance

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp) / "var", workers=0, allowed_hosts=["testserver"], auth="none", **overrides
        )
        migrate(settings)
        app = create_app(settings, start_worker=False)
        with TestClient(app, raise_server_exceptions=False) as client:
            project = client.post("/api/projects", json={"name": "bench"}).json()
            started = time.perf_counter()
            response = client.post(
                f"/api/projects/{project['id']}/interviews", files={"file": (path.name, path.read_bytes())}
            )
            result: dict = {"http": response.status_code, "bytes": path.stat().st_size}
            if response.status_code != 202:
                result.update(accepted=False, code=response.json()["error"]["code"])
            else:
                body = response.json()
                runtime = app.state.runtime
                Worker(runtime).run_until_idle()
                task = client.get(f"/api/tasks/{body['task']['id']}").json()
                with session_scope(runtime.session_factory) as session:
                    texts = session.scalars(
                        select(Utterance.verbatim_text).where(Utterance.interview_id == body["interview"]["id"])
                    ).all()
                    count = session.scalar(select(func.count()).select_from(Utterance))
                result.update(
                    accepted=True,
                    task=task["status"],
                    error=task["error"],
                    utterances=count,
                    longest_words=max((len(t.split()) for t in texts), default=0),
                )
            result["wall_s"] = round(time.perf_counter() - started, 1)
    result["peak_rss_mb"] = round(_peak_rss_mb(), 0)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", default="normal,line5mb,words500k,line_max,words_max")
    parser.add_argument("--raised", action="store_true", help="also run line5mb and words500k with limits raised")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--overrides", default="{}", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(Path(args.child), json.loads(args.overrides))))
        return

    from app.config import Settings

    max_words = Settings().max_transcript_words
    runs: list[tuple[str, dict[str, int]]] = [(case, {}) for case in args.cases.split(",")]
    if args.raised:
        runs += [(case, {"max_transcript_words": 1_000_000}) for case in ("line5mb", "words500k")]
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": str(REPO)}
    print(f"{'case':<22}{'MB':>6}  {'result':<34}{'wall s':>8}{'utt':>7}{'longest':>8}{'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for case, overrides in runs:
            path = generate(case, Path(tmp), max_words)
            command = [sys.executable, __file__, "--child", str(path), "--overrides", json.dumps(overrides)]
            done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, check=False)
            if done.returncode != 0:
                print(f"{case}: child failed ({done.returncode})\n{done.stderr[-2000:]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            label = case + (" (raised)" if overrides else "")
            outcome = f"accepted, task {r['task']}" if r["accepted"] else f"refused {r['http']} {r['code']}"
            print(
                f"{label:<22}{r['bytes'] / 1e6:>6.2f}  {outcome:<34}{r['wall_s']:>8}{r.get('utterances', '-'):>7}"
                f"{r.get('longest_words', '-'):>8}{r['peak_rss_mb']:>12.0f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
