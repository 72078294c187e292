"""Jobs mined from call recordings next to the same set mined from its transcripts: what the speech path loses.

Run: `.venv/bin/python tests/benchmarks/recording_jobs.py [tests/data/switch_interviews_2] [--reuse] [--candidates]
[--turns]`.

Researchers mostly upload recordings, not transcripts. Each "NAME: text" interview of a switch set is rendered to a
two-voice WAV with espeak-ng (../shared/tools/render_interview.py, into the work folder, once), the WAVs are uploaded
as one project through the HTTP API (FastAPI TestClient, SQLite under var/bench/recording-jobs), transcribed,
diarized, ingested and mined; the set's transcripts are mined as another project (switch_sets.py's path). Prints
every job's title and statement for both, the counts a researcher looks at first (jobs / with a goal / full
statements / statements with problems), each recording's word error rate against the rendered text (Whisper's English
normaliser) and the diarization error rate of its stored turns against the rendered turns (collar 0.25 s), and each
transcript statement that no recording statement matches (the best recording statement beside it, with its
similarity). `--turns` prints the recordings' transcribed turns too.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RENDER_TOOL = ROOT.parent / "shared" / "tools" / "render_interview.py"
WORK = ROOT / "var" / "bench" / "recording-jobs"
DEFAULT_SET = ROOT / "tests" / "data" / "switch_interviews_2"
# A statement of the recording matches one of the transcript when their words are this similar (difflib ratio).
MATCH = 0.85


def render_set(folder: Path, out: Path) -> list[Path]:
    """One WAV (with its .turns.json reference) per interview of `folder`, rendered into `out` unless there."""
    out.mkdir(parents=True, exist_ok=True)
    wavs = []
    for transcript in sorted(folder.glob("*.md")):
        if transcript.name.upper().startswith("README"):
            continue
        prefix = out / transcript.stem
        wav = prefix.with_suffix(".wav")
        if not (wav.is_file() and prefix.with_suffix(".turns.json").is_file()):
            command = [sys.executable, str(RENDER_TOOL), str(transcript), str(prefix), "--minutes", "240"]
            subprocess.run(command, check=True, capture_output=True)
        wavs.append(wav)
    return wavs


def mine_recordings(work: Path, wavs: list[Path], *, reuse: bool) -> tuple[dict[str, list[dict]], dict[str, list]]:
    """Upload `wavs` to one project kept under `work` (unless reused), mine; both levels' jobs and each recording's
    transcribed turns (speaker, text, start, end) by file stem."""
    from tests.benchmarks.one_interview import bench_client

    with bench_client(work, reuse=reuse) as (client, fresh):
        if fresh:
            project = client.post("/api/projects", json={"name": work.name}).json()["id"]
            for wav in wavs:
                with wav.open("rb") as fh:
                    sent = client.post(f"/api/projects/{project}/interviews", files={"file": (wav.name, fh)})
                assert sent.status_code == 202, sent.text
            _work(client)
        else:
            project = client.get("/api/projects").json()["projects"][0]["id"]
        turns: dict[str, list] = {}
        for interview in client.get(f"/api/projects/{project}/interviews").json()["interviews"]:
            transcript = client.get(f"/api/interviews/{interview['id']}/transcript").json()
            stem = Path(interview.get("source_filename") or interview["title"]).stem
            turns[stem] = [(t["speaker"], t["text"], t["start"], t["end"]) for t in transcript["turns"]]
        assert client.post(f"/api/projects/{project}/mine").status_code == 202
        _work(client)
        levels = {
            level: client.get(f"/api/projects/{project}/jobs", params={"level": level}).json()["jobs"]
            for level in ("core", "detail")
        }
        return levels, turns


def _work(client: Any) -> None:
    """Run every queued task to completion here; transcribing a set of recordings takes longer than run_tasks waits."""
    from app.worker import Worker

    Worker(client.app.state.runtime).run_until_idle(timeout=7200)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower()))


def statements(levels: dict[str, list[dict]], *, candidates: bool = False) -> list[str]:
    """Every distinct statement text of both levels (and the jobs' other candidates), in order."""
    seen: dict[str, None] = {}
    for jobs in levels.values():
        for job in jobs:
            texts = [(job["statement"] or {}).get("text")]
            texts += [c.get("text") for c in job.get("candidates") or ()] if candidates else []
            for text in texts:
                if text:
                    seen.setdefault(text, None)
    return list(seen)


def unmatched(reference: list[str], found: list[str]) -> list[tuple[str, str, float]]:
    """Each statement of `reference` no statement of `found` matches: (statement, closest found, similarity)."""
    missing = []
    for text in reference:
        best, score = "", 0.0
        for other in found:
            ratio = difflib.SequenceMatcher(None, _words(text), _words(other)).ratio()
            if ratio > score:
                best, score = other, ratio
        if score < MATCH:
            missing.append((text, best, score))
    return missing


def word_error_rates(wavs: list[Path], turns: dict[str, list]) -> dict[str, float]:
    """WER of each recording's transcribed text against the text it was rendered from."""
    import jiwer

    from pipelines.whisper_guards import normalize_text
    from tests.benchmarks.recording_speed import spoken_text

    rates = {}
    for wav in wavs:
        if wav.stem not in turns:
            continue
        reference = json.loads(wav.with_suffix(".turns.json").read_text())
        rates[wav.stem] = float(
            jiwer.wer(
                normalize_text(" ".join(spoken_text(t["text"]) for t in reference)),
                normalize_text(" ".join(turn[1] for turn in turns[wav.stem])),
            )
        )
    return rates


def diarization_errors(wavs: list[Path], turns: dict[str, list]) -> dict[str, float]:
    """DER of each recording's stored turns (collar 0.25 s) against the rendered turns: words on the wrong speaker."""
    from pipelines.types import SpeakerSegment
    from tests.diarization_scoring import diarization_error_rate, read_rttm

    rates = {}
    for wav in wavs:
        if wav.stem in turns:
            segments = [SpeakerSegment(t[2], t[3], t[0]) for t in turns[wav.stem] if t[2] is not None]
            rates[wav.stem] = diarization_error_rate(read_rttm(wav.with_suffix(".rttm")), segments, collar=0.25)
    return rates


def _line(name: str, totals: dict[str, int]) -> str:
    return (
        f"{name}: {totals['jobs']} jobs, {totals['goal']} with a goal, {totals['full']} full statements, "
        f"{totals['problems']} with problems"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", type=Path, default=DEFAULT_SET, help="a switch set of 'NAME: text' .md files")
    parser.add_argument("--work", type=Path, default=WORK, help="where the WAVs and the databases are kept")
    parser.add_argument("--reuse", action="store_true", help="reuse the ingested databases (mine again only)")
    parser.add_argument("--candidates", action="store_true", help="print each job's candidate statements")
    parser.add_argument("--turns", action="store_true", help="print the recordings' transcribed turns")
    args = parser.parse_args(argv)
    from tests.benchmarks.one_interview import counts, print_jobs
    from tests.benchmarks.switch_sets import WORK as SETS_WORK
    from tests.benchmarks.switch_sets import mine_set

    wavs = render_set(args.set, args.work / "audio" / args.set.name)
    recorded, turns = mine_recordings(args.work / args.set.name, wavs, reuse=args.reuse)
    written = mine_set(args.set, reuse=args.reuse and (SETS_WORK / args.set.name / "bench.db").exists())
    if args.turns:
        for stem, rows in sorted(turns.items()):
            print(f"== turns of {stem}.wav")
            for speaker, text, *_ in rows:
                print(f"  {speaker}: {text}")
    print(f"== {args.set.name} from its recordings")
    print_jobs(recorded, candidates=args.candidates)
    print(f"== {args.set.name} from its transcripts")
    print_jobs(written, candidates=args.candidates)
    rates = word_error_rates(wavs, turns)
    print("WER: " + ", ".join(f"{stem} {rate:.3f}" for stem, rate in sorted(rates.items())))
    errors = diarization_errors(wavs, turns)
    print("DER of the turns: " + ", ".join(f"{stem} {rate:.3f}" for stem, rate in sorted(errors.items())))
    for label, wide in (("statements", False), ("statements and candidates", True)):
        reference = statements(written, candidates=wide)
        missing = unmatched(reference, statements(recorded, candidates=wide))
        print(f"transcript {label} with no match from the recordings ({len(missing)} of {len(reference)}):")
        for text, best, score in missing:
            print(f"  - {text}\n    closest ({score:.2f}): {best or '(none)'}")
    print(_line("recordings", counts(recorded)))
    print(_line("transcripts", counts(written)))


if __name__ == "__main__":
    main()
