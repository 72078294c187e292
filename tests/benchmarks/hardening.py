"""Hardening figures, as an outside tester takes them: bad input, 8 clients for 60 s, kill -9 mid-transcription.

Each part runs against a real `verbatim serve` subprocess (uvicorn, its in-process worker) over HTTP, on a fresh
SQLite database by default or a throwaway schema on PostgreSQL (`--database-url postgresql+psycopg://...`):

- bad: a catalogue of bad requests (broken, foreign and oversized files, lying content types, hostile filenames,
  impossible ids, NUL bytes, malformed JSON, out-of-range plans and events, bad cursors, cross-site writes, foreign
  Host names, broken or unsatisfiable Range headers). Each must answer 4xx in the error envelope (416 too), with no
  stack trace or server path, and leave what was stored exactly as it was (every project, interview, transcript and
  copy test is read before and after).
- load: 8 clients for 60 s (`--clients`, `--seconds`) on a mix of reads (lists, transcripts, search, feed, jobs),
  writes (uploads, edits, copy-test events with retried batches) and bad requests, while the worker ingests the
  uploads. Prints requests/s, latency percentiles per kind and every status; then checks nothing was lost: each
  accepted upload ends ready, each event counts exactly once.
- crash: uploads four transcripts and a recording, SIGKILLs the server (its process group) while the recording is
  being transcribed, starts it again and times the recovery; every interview must end ready once, with no
  duplicated turns or utterances and one index entry per embedded utterance.

The fuzz figures come from `tests/api/test_fuzz.py` (schemathesis; `VERBATIM_FUZZ_EXAMPLES` for a longer hunt).

    python tests/benchmarks/hardening.py [--parts bad,load,crash] [--database-url URL] [--clients 8] [--seconds 60]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # this checkout's packages, not another editable install's
SHARED = ROOT.parent / "shared" / "data"
INTERVIEWS = SHARED / "interviews" / "pypi-infrastructure"
RECORDING = SHARED / "asr" / "two-speaker-call.wav"
UPLOAD_LIMIT_MB = 2  # small, so the oversized cases stay cheap

from tests.helpers import fresh_database  # noqa: E402

# --------------------------------------------------------------------------- a server in a subprocess


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`verbatim serve` on a free port with one in-process worker; start, kill -9 and start again."""

    def __init__(self, data_dir: Path, url: str):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / "server.log"
        self.env = {
            **os.environ,
            "VERBATIM_DATA_DIR": str(data_dir),
            "VERBATIM_DATABASE_URL": url,
            "VERBATIM_WORKERS": "1",
            "VERBATIM_AUTH": "none",
            "VERBATIM_MAX_UPLOAD_MB": str(UPLOAD_LIMIT_MB),
            "VERBATIM_TASK_STALE_SECONDS": "10",
            "VERBATIM_WHISPER_MODEL": "tiny.en",
            "OMP_WAIT_POLICY": "PASSIVE",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("VERBATIM_BROKER_URL", None)
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 300) -> float:
        import httpx

        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from app.cli import main; main()", "serve", "--host", "127.0.0.1"]
            + ["--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kill -9 takes the worker thread's children too
        )
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - started
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not answer /healthz in time")

    def kill(self) -> None:
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()


def excerpt(path: Path, turns: int, offset: int = 0) -> bytes:
    """An interview's first turns (from `offset`) as a transcript file."""
    body = path.read_text().partition("# BEGIN TRANSCRIPT")[2]
    kept = [line for line in body.splitlines() if line.strip()][offset : offset + turns]
    return ("\n\n".join(kept) + "\n").encode()


def wait_tasks(client: Any, task_ids: list[int], timeout: float) -> dict[int, dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        tasks = {t: client.get(f"/api/tasks/{t}").json() for t in task_ids}
        if all(t["status"] in ("done", "failed", "cancelled") for t in tasks.values()):
            return tasks
        if time.monotonic() > deadline:
            raise RuntimeError(f"tasks not finished in {timeout:.0f} s: {[t for t in tasks.values()]}")
        time.sleep(1.0)


# --------------------------------------------------------------------------- bad input


def problems_with(response: Any) -> list[str]:
    """What is wrong with an answer to a bad request: not 4xx, not the envelope, leaks."""
    found = []
    if not 400 <= response.status_code < 500:
        found.append(f"status {response.status_code}")
    try:
        error = response.json()["error"]
        assert error["code"] and error["message"]
    except Exception:
        found.append(f"no error envelope: {response.text[:120]!r}")
    text = response.text
    if "Traceback" in text or 'File "/' in text:
        found.append("stack trace")
    if "/work/" in text or "/tmp/" in text or str(ROOT) in text:
        found.append("server path")
    return found


def bad_cases(project: int, interview: int, recording: int, copy_test: int, other_project: int) -> list[tuple]:
    """(label, method, path, request keyword arguments) for every bad request."""
    wav = RECORDING.read_bytes()
    upload = f"/api/projects/{project}/interviews"
    cases: list[tuple] = []

    def file(label: str, name: str, data: bytes, content_type: str | None = None, **form: str) -> None:
        spec = (name, data, content_type) if content_type else (name, data)
        cases.append((f"upload {label}", "POST", upload, {"files": {"file": spec}, "data": form}))

    file("empty", "a.txt", b"")
    file("one byte", "a.txt", b"x")
    file("random binary", "a.bin", random.Random(1).randbytes(65536))
    file("PNG", "a.png", b"\x89PNG\r\n\x1a\n" + bytes(2000))
    file("PDF", "a.pdf", b"%PDF-1.7\n" + bytes(2000))
    file("ZIP", "a.zip", b"PK\x03\x04" + bytes(2000))
    file("gzip", "a.gz", b"\x1f\x8b\x08" + bytes(2000))
    file("ELF executable", "a", b"\x7fELF" + bytes(2000))
    file("HTML page", "a.html", b"<html><script>alert(1)</script></html>", "text/html")
    file("truncated WAV", "a.wav", wav[:40])
    file("WAV header, no samples", "a.wav", wav[:44])
    file("WAV header, garbage body", "a.wav", wav[:44] + random.Random(2).randbytes(4000))
    file("MP3 ID3 tag then junk", "a.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + random.Random(3).randbytes(4000))
    file("Ogg page then junk", "a.ogg", b"OggS" + random.Random(4).randbytes(4000))
    file("FLAC marker then junk", "a.flac", b"fLaC" + random.Random(5).randbytes(4000))
    file("MP4 box then junk", "a.mp4", b"\x00\x00\x00\x18ftypmp42" + random.Random(6).randbytes(4000))
    file("invalid JSON", "a.json", b'{"turns": [')
    file("JSON, not a transcript", "a.json", b'{"hello": "world"}')
    file("JSON list of numbers", "a.json", b"[1, 2, 3]")
    file("VTT header only", "a.vtt", b"WEBVTT\n\n")
    file("VTT bad timestamps", "a.vtt", b"WEBVTT\n\n99:99:99.999 --> aa:bb\nhello\n")
    file("SRT bad times", "a.srt", b"1\n00:00:05,000 --> 00:00:01,000\n\n")
    file("text of blank lines", "a.txt", b"\n\n   \n\t\n")
    file("NUL bytes in text", "a.txt", b"Customer: hello\x00\x00 world\n" * 20)
    file("UTF-16 half a character", "a.txt", b"\xff\xfeA")
    file("over the size limit", "a.txt", b"Customer: " + b"word " * (UPLOAD_LIMIT_MB * 220_000))
    file("bad date", "a.txt", b"Customer: fine", interviewed_at="2020-13-45")
    file("date in year 99999", "a.txt", b"Customer: fine", interviewed_at="99999-01-01")
    file("min_speakers 0", "a.txt", b"Customer: fine", min_speakers="0")
    file("max_speakers 99", "a.txt", b"Customer: fine", max_speakers="99")
    file("min above max", "a.txt", b"Customer: fine", min_speakers="5", max_speakers="2")
    file("min_speakers not a number", "a.txt", b"Customer: fine", min_speakers="two")
    cases.append(("upload without a file", "POST", upload, {"data": {"title": "x"}}))
    cases.append(
        (
            "upload, broken multipart",
            "POST",
            upload,
            {"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data"}},
        )
    )
    cases.append(("upload as JSON", "POST", upload, {"json": {"file": "a.txt"}}))
    cases.append(
        (
            "upload to a missing project",
            "POST",
            "/api/projects/999999/interviews",
            {"files": {"file": ("a.txt", b"Customer: hi")}},
        )
    )

    ids = ["0", "-1", "2147483648", "9223372036854775808", "1" + "0" * 30, "abc", "1.5", "1e3", "%00", "1%00", "%2e%2e"]
    for value in ids:
        cases.append((f"project id {value}", "GET", f"/api/projects/{value}", {}))
        cases.append((f"interview id {value}", "GET", f"/api/interviews/{value}/transcript", {}))
    for value in ("0", "2147483648", "abc"):
        cases.append((f"task id {value}", "GET", f"/api/tasks/{value}", {}))
        cases.append((f"copy test id {value}", "POST", f"/api/copy-tests/{value}/events", {"json": {"events": []}}))
        cases.append(
            (
                f"speaker id {value}",
                "PATCH",
                f"/api/interviews/{interview}/speakers/{value}",
                {"json": {"role": "customer"}},
            )
        )

    search = f"/api/projects/{project}/search"
    for label, params in [
        ("no query", {}),
        ("blank query", {"q": "   "}),
        ("query of 60k characters", {"q": "x" * 60_000}),
        ("query with NUL", {"q": "a\x00b"}),
        ("k=0", {"q": "x", "k": "0"}),
        ("k=10^9", {"q": "x", "k": "1000000000"}),
        ("k not a number", {"q": "x", "k": "ten"}),
        ("unknown role", {"q": "x", "role": "ceo"}),
        ("interview id 2^63", {"q": "x", "interview_id": "9223372036854775808"}),
        ("job id -5", {"q": "x", "job_id": "-5"}),
    ]:
        cases.append((f"search, {label}", "GET", search, {"params": params}))
    feed = f"/api/projects/{project}/feed"
    for label, params in [
        ("garbage cursor", {"cursor": "garbage"}),
        ("another project's cursor", {"cursor": f"{other_project}.eyJ4IjoxfQ"}),
        ("limit 0", {"limit": "0"}),
        ("limit 10^6", {"limit": "1000000"}),
        ("unknown kind", {"kind": "joy"}),
        ("unknown rank", {"rank": "vibes"}),
        ("min_support -1", {"min_support": "-1"}),
    ]:
        cases.append((f"feed, {label}", "GET", feed, {"params": params}))
    cases.append(
        (
            "transcript in an unknown format",
            "GET",
            f"/api/interviews/{interview}/transcript",
            {"params": {"format": "docx"}},
        )
    )
    cases.append(("matrix by an unknown field", "GET", f"/api/projects/{project}/matrix", {"params": {"by": "zodiac"}}))

    def body(label: str, method: str, path: str, payload: object) -> None:
        cases.append((label, method, path, {"json": payload}))

    def raw(label: str, method: str, path: str, data: bytes) -> None:
        cases.append((label, method, path, {"content": data, "headers": {"content-type": "application/json"}}))

    raw("project, invalid JSON", "POST", "/api/projects", b'{"name": ')
    raw("project, JSON with NaN", "POST", "/api/projects", b'{"name": NaN}')
    raw("project, 1e309", "POST", "/api/projects", b'{"name": "x", "redact_pii": 1e309}')
    raw("project, lone surrogate", "POST", "/api/projects", b'{"name": "\\ud800"}')
    raw("project, nesting 10,000 deep", "POST", "/api/projects", b'{"name": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    body("project, no name", "POST", "/api/projects", {})
    body("project, name null", "POST", "/api/projects", {"name": None})
    body("project, name 100k characters", "POST", "/api/projects", {"name": "n" * 100_000})
    body("project, name with NUL", "POST", "/api/projects", {"name": "a\x00b"})
    body("project, name a list", "POST", "/api/projects", {"name": ["a"]})
    body("project, body a list", "POST", "/api/projects", [{"name": "a"}])
    body("project, redact_pii a string", "PATCH", f"/api/projects/{project}", {"redact_pii": "maybe"})
    body("interview, title null", "PATCH", f"/api/interviews/{interview}", {"title": None})
    body("interview, title 10k characters", "PATCH", f"/api/interviews/{interview}", {"title": "t" * 10_000})
    body(
        "interview, date in year 9999",
        "PATCH",
        f"/api/interviews/{interview}",
        {"interviewed_at": "9999-12-31T25:00:00"},
    )
    body("interview, tags a number", "PATCH", f"/api/interviews/{interview}", {"tags": 5})
    body("speaker, unknown role", "PATCH", f"/api/interviews/{interview}/speakers/1", {"role": "boss"})
    tests_path = f"/api/projects/{project}/copy-tests"
    variants = [{"text": "a"}, {"text": "b"}]
    for label, payload in [
        ("no variants", {"name": "t", "variants": []}),
        ("one variant", {"name": "t", "variants": [{"text": "a"}]}),
        ("1,000 variants", {"name": "t", "variants": [{"text": str(i)} for i in range(1000)]}),
        ("duplicate variants", {"name": "t", "variants": [{"text": "a"}, {"text": "a"}]}),
        ("effect 1e-20", {"name": "t", "variants": variants, "minimum_detectable_effect": 1e-20}),
        ("baseline 5e-324", {"name": "t", "variants": variants, "baseline_rate": 5e-324}),
        ("baseline 1.5", {"name": "t", "variants": variants, "baseline_rate": 1.5}),
        ("effect 0", {"name": "t", "variants": variants, "minimum_detectable_effect": 0}),
        ("name of 201 characters", {"name": "n" * 201, "variants": variants}),
        ("job of another project", {"name": "t", "variants": variants, "job_id": 999999}),
        ("phrase ids unknown", {"name": "t", "variants": [{"text": "a", "phrase_ids": [999999]}, {"text": "b"}]}),
    ]:
        body(f"copy test, {label}", "POST", tests_path, payload)
    events = f"/api/copy-tests/{copy_test}/events"
    for label, payload in [
        ("events not a list", {"events": "many"}),
        ("unknown variant", {"events": [{"id": "e1", "variant_id": 999999, "type": "impression"}]}),
        ("unknown type", {"events": [{"id": "e1", "variant_id": 1, "type": "like"}]}),
        ("dated year 9999", {"events": [{"id": "e1", "variant_id": 1, "type": "click", "at": "9999-01-01T00:00:00Z"}]}),
        ("100,001 events", {"events": [{"id": str(i), "variant_id": 1, "type": "impression"} for i in range(100_001)]}),
        ("client id of 10k characters", {"events": [{"id": "c" * 10_000, "variant_id": 1, "type": "impression"}]}),
    ]:
        body(f"events, {label}", "POST", events, payload)
    body("job merge into itself, missing job", "POST", "/api/jobs/999999/merge", {"job_ids": [999999]})
    body("collection, name empty", "POST", f"/api/projects/{project}/collections", {"name": ""})
    body("collection item, utterance 2^40", "POST", "/api/collections/999999/items", {"utterance_id": 2**40})
    body(
        "user, email without @",
        "POST",
        "/api/users",
        {"email": "nobody", "password": "long enough pass", "role": "viewer"},
    )
    body(
        "user, unknown role", "POST", "/api/users", {"email": "a@b.co", "password": "long enough pass", "role": "king"}
    )
    body("user, short password", "POST", "/api/users", {"email": "a@b.co", "password": "x", "role": "viewer"})
    body("task cancel, finished task", "POST", "/api/tasks/1/cancel", None)

    cases.append(("foreign Host header", "GET", "/api/projects", {"headers": {"host": "evil.example"}}))
    cases.append(
        (
            "cross-site POST (Origin)",
            "POST",
            "/api/projects",
            {"json": {"name": "x"}, "headers": {"origin": "http://evil.example"}},
        )
    )
    cases.append(
        (
            "cross-site POST (Referer)",
            "POST",
            "/api/projects",
            {"json": {"name": "x"}, "headers": {"referer": "http://evil.example/a"}},
        )
    )
    cases.append(("null Origin", "POST", "/api/projects", {"json": {"name": "x"}, "headers": {"origin": "null"}}))

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit must hold while the body streams
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'
        for _ in range(UPLOAD_LIMIT_MB * 4):
            yield b"Customer: words " * 20_000

    cases.append(
        (
            "chunked upload over the limit",
            "POST",
            upload,
            {"content": chunks(), "headers": {"content-type": "multipart/form-data; boundary=b"}},
        )
    )
    media = f"/api/interviews/{recording}/media"
    cases.append(("Range past the end", "GET", media, {"headers": {"range": "bytes=999999999-"}}))
    cases.append(("Range of no bytes", "GET", media, {"headers": {"range": "bytes=-0"}}))
    cases.append(("media of a transcript", "GET", f"/api/interviews/{interview}/media", {}))
    cases.append(("unknown endpoint", "GET", "/api/nothing/here", {}))
    cases.append(("method not allowed", "PUT", "/api/projects", {}))
    return cases


def snapshot(client: Any) -> str:
    """Everything a reader can see, minus what changes by itself (phrase statistics refresh times)."""
    state = {"projects": client.get("/api/projects").json()}
    for project in state["projects"]["projects"]:
        pid = project["id"]
        interviews = client.get(f"/api/projects/{pid}/interviews").json()
        state[f"interviews {pid}"] = interviews
        for interview in interviews["interviews"]:
            state[f"transcript {interview['id']}"] = client.get(f"/api/interviews/{interview['id']}/transcript").json()
        state[f"copy tests {pid}"] = client.get(f"/api/projects/{pid}/copy-tests").json()
        state[f"collections {pid}"] = client.get(f"/api/projects/{pid}/collections").json()
    state["users"] = client.get("/api/users").json()
    return json.dumps(state, sort_keys=True)


def seed(client: Any, transcripts: int = 3) -> dict[str, Any]:
    """Two projects, transcripts and a recording ingested, a running copy test."""
    project = client.post("/api/projects", json={"name": "Hardening"}).json()["id"]
    other = client.post("/api/projects", json={"name": "Other"}).json()["id"]
    tasks, interview = [], None
    for path in sorted(INTERVIEWS.glob("*-full.md"))[:transcripts]:
        body = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, excerpt(path, 40))}).json()
        tasks.append(body["task"]["id"])
        interview = interview or body["interview"]["id"]
    body = client.post(f"/api/projects/{project}/interviews", files={"file": ("call.wav", RECORDING.read_bytes())})
    tasks.append(body.json()["task"]["id"])
    recording = body.json()["interview"]["id"]
    variants = [{"text": "Ship on Friday without the weekend pager"}, {"text": "Deploy calmly"}]
    answer = client.post(f"/api/projects/{project}/copy-tests", json={"name": "Hero", "variants": variants})
    assert answer.status_code == 201, answer.text
    copy_test = answer.json()
    wait_tasks(client, tasks, timeout=900)
    return {
        "project": project,
        "other": other,
        "interview": interview,
        "recording": recording,
        "copy_test": copy_test["id"],
        "variants": [v["id"] for v in copy_test["variants"]],
    }


def run_bad(client: Any, ids: dict[str, Any]) -> dict[str, Any]:
    before = snapshot(client)
    cases = bad_cases(ids["project"], ids["interview"], ids["recording"], ids["copy_test"], ids["other"])
    statuses: Counter[int] = Counter()
    failures = []
    for label, method, path, kwargs in cases:
        try:
            response = client.request(method, path, **kwargs)
        except Exception as exc:  # the connection dropped, or the client could not send it
            failures.append(f"{label}: {type(exc).__name__}: {exc}")
            continue
        statuses[response.status_code] += 1
        problems = problems_with(response)
        if problems:
            failures.append(f"{label}: {', '.join(problems)}")
    after = snapshot(client)
    unchanged = before == after
    print(f"bad input: {len(cases)} requests, statuses {dict(sorted(statuses.items()))}")
    print(f"  answers that were not a 4xx envelope, or leaked: {len(failures)}")
    for failure in failures:
        print(f"    {failure}")
    print(f"  stored data unchanged: {unchanged}")
    return {"requests": len(cases), "statuses": dict(statuses), "failures": failures, "unchanged": unchanged}


# --------------------------------------------------------------------------- load


def percentile(ordered: list[float], q: float) -> float:
    """Milliseconds at quantile q of sorted seconds (nearest rank)."""
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def run_load(server: Server, ids: dict, clients: int, seconds: float) -> dict:
    import httpx

    stop = time.monotonic() + seconds
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[tuple[str, int]] = Counter()
    failures: list[str] = []
    uploads: list[int] = []
    batches_counted: set[int] = set()
    lock = threading.Lock()
    sources = sorted(INTERVIEWS.glob("*-full.md"))
    queries = ["release a package", "two factor authentication", "mirror the index", "funding the infrastructure"]
    project, interview, copy_test = ids["project"], ids["interview"], ids["copy_test"]

    def client_loop(number: int) -> None:
        rng = random.Random(number)
        uploaded = 0
        with httpx.Client(base_url=server.base, timeout=120) as http:
            while time.monotonic() < stop:
                kind = rng.choices(
                    ["list", "transcript", "search", "feed", "jobs", "events", "edit", "upload", "bad"],
                    weights=[15, 15, 20, 15, 5, 15, 5, 3, 7],
                )[0]
                if kind == "upload" and uploaded >= 3:
                    kind = "list"
                request: tuple[str, str, dict]
                if kind == "list":
                    request = ("GET", f"/api/projects/{project}/interviews", {})
                elif kind == "transcript":
                    request = ("GET", f"/api/interviews/{interview}/transcript", {"params": {"format": "vtt"}})
                elif kind == "search":
                    request = ("GET", f"/api/projects/{project}/search", {"params": {"q": rng.choice(queries)}})
                elif kind == "feed":
                    request = ("GET", f"/api/projects/{project}/feed", {})
                elif kind == "jobs":
                    request = ("GET", f"/api/projects/{project}/jobs", {})
                elif kind == "events":
                    batch = rng.randrange(10_000)  # batches repeat across clients: retried batches count once
                    request = ("POST", f"/api/copy-tests/{copy_test}/events", {"json": {"events": [
                        {"id": f"b{batch}-e{i}", "variant_id": ids["variants"][i % 2], "type": "impression"}
                        for i in range(20)
                    ]}})  # fmt: skip
                elif kind == "edit":
                    request = ("PATCH", f"/api/interviews/{interview}", {"json": {"title": f"Edited by {number}"}})
                elif kind == "upload":
                    uploaded += 1
                    data = excerpt(sources[(number + uploaded) % len(sources)], 20, offset=20 * uploaded)
                    request = ("POST", f"/api/projects/{project}/interviews", {"files": {"file": ("u.txt", data)}})
                else:
                    request = ("GET", f"/api/projects/{project}/search", {"params": {"q": "x", "k": "0"}})
                started = time.perf_counter()
                try:
                    response = http.request(request[0], request[1], **request[2])
                except httpx.HTTPError as exc:
                    with lock:
                        failures.append(f"{kind}: {type(exc).__name__}: {exc}")
                    continue
                took = time.perf_counter() - started
                with lock:
                    latencies[kind].append(took)
                    statuses[(kind, response.status_code)] += 1
                    if response.status_code >= 500:
                        failures.append(f"{kind}: {response.status_code} {response.text[:200]}")
                    if kind == "upload" and response.status_code == 202:
                        uploads.append(response.json()["task"]["id"])
                    if kind == "events" and response.status_code == 200:
                        batches_counted.add(int(request[2]["json"]["events"][0]["id"][1:].split("-")[0]))
                    if kind == "bad" and response.status_code != 422:
                        failures.append(f"bad request answered {response.status_code}")

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    total = sum(statuses.values())
    print(f"load: {clients} clients for {elapsed:.0f} s: {total} requests, {total / elapsed:.1f}/s")
    print(f"  {'kind':<11} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for kind in sorted(latencies):
        values = sorted(latencies[kind])
        p50, p95, p99 = (percentile(values, q) for q in (0.5, 0.95, 0.99))
        codes = {code: n for (k, code), n in statuses.items() if k == kind}
        print(f"  {kind:<11} {len(values):>8} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f}  {codes}")
    fives = sum(n for (_, code), n in statuses.items() if code >= 500)
    print(f"  5xx: {fives}; connection errors and wrong answers: {len(failures)}")
    for failure in failures[:20]:
        print(f"    {failure}")

    with httpx.Client(base_url=server.base, timeout=120) as http:
        drained = time.monotonic()
        tasks = wait_tasks(http, uploads, timeout=1800) if uploads else {}
        drain = time.monotonic() - drained
        ready = sum(1 for t in tasks.values() if t["status"] == "done")
        listed = http.get(f"/api/projects/{project}/interviews").json()["interviews"]
        test = http.get(f"/api/copy-tests/{copy_test}").json()
    impressions = sum(v.get("impressions", 0) for v in test["variants"])
    print(f"  uploads accepted {len(uploads)}, ingested {ready} (queue drained {drain:.0f} s after the load)")
    expected = 20 * len(batches_counted)
    print(f"  interviews listed {len(listed)}; impressions counted {impressions}, expected {expected} (each id once)")
    return {
        "requests": total,
        "per_second": total / elapsed,
        "fives": fives,
        "failures": failures,
        "uploads": len(uploads),
        "ingested": ready,
        "impressions": impressions,
        "expected_impressions": expected,
    }


# --------------------------------------------------------------------------- kill -9


def run_crash(data_dir: Path, url: str) -> dict:
    import httpx
    from sqlalchemy import create_engine, func, select

    from models import Task, Turn, Utterance

    server = Server(data_dir, url)
    server.start()
    http = httpx.Client(base_url=server.base, timeout=120)
    project = http.post("/api/projects", json={"name": "Crash"}).json()["id"]
    tasks = []
    for path in sorted(INTERVIEWS.glob("*-full.md"))[:4]:
        tasks.append(http.post(f"/api/projects/{project}/interviews", files={"file": (path.name, excerpt(path, 40))}))
    uploaded = http.post(f"/api/projects/{project}/interviews", files={"file": ("call.wav", RECORDING.read_bytes())})
    recording, recorded = uploaded.json()["task"]["id"], uploaded.json()["interview"]["id"]
    task_ids = [t.json()["task"]["id"] for t in tasks] + [recording]
    deadline = time.monotonic() + 900
    while http.get(f"/api/tasks/{recording}").json()["stage"] != "transcribing":
        if time.monotonic() > deadline:
            raise RuntimeError("the recording never reached transcription")
        time.sleep(0.1)
    server.kill()  # at once: the stage seen is the stage killed
    killed = time.monotonic()
    engine = create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(select(Task.id, Task.status, Task.stage).where(Task.id.in_(task_ids))).all()
    print(f"kill -9: server killed while task {recording} was transcribing; tasks then: "
          f"{ {row.id: (row.status, row.stage) for row in rows} }")  # fmt: skip
    restart = server.start()
    http = httpx.Client(base_url=server.base, timeout=120)
    final = wait_tasks(http, task_ids, timeout=1800)
    recovered = time.monotonic() - killed
    hits = http.get(f"/api/projects/{project}/search", params={"q": "originally from Chicago", "k": 50}).json()
    searchable = recorded in {hit["interview_id"] for hit in hits["hits"]}
    server.stop()

    with engine.connect() as connection:
        duplicates = 0
        for interview_id in connection.scalars(select(Task.interview_id).where(Task.id.in_(task_ids))):
            positions = connection.scalars(select(Turn.position).where(Turn.interview_id == interview_id)).all()
            duplicates += len(positions) - len(set(positions))
            keys = connection.execute(
                select(Utterance.turn_id, Utterance.position).where(Utterance.interview_id == interview_id)
            ).all()
            duplicates += len(keys) - len(set(keys))
        embedded = connection.scalar(
            select(func.count()).where(Utterance.project_id == project, Utterance.embedding.is_not(None))
        )
    engine.dispose()
    statuses = Counter(t["status"] for t in final.values())
    attempts = {t: v["attempts"] for t, v in final.items()}
    print(f"  restarted in {restart:.0f} s; all tasks finished {recovered:.0f} s after the kill: {dict(statuses)}")
    print(f"  attempts per task {attempts}; duplicated turns or utterances: {duplicates}; embedded {embedded}")
    print(f"  the recording is searchable: {searchable}")
    return {
        "statuses": dict(statuses),
        "attempts": attempts,
        "duplicates": duplicates,
        "recovered_s": recovered,
        "searchable": searchable,
    }


# --------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", default="bad,load,crash")
    parser.add_argument("--database-url", default=None, help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    ok = True
    where = "PostgreSQL" if args.database_url else "SQLite"
    print(f"on {where}")
    with tempfile.TemporaryDirectory(prefix="verbatim-hardening-") as tmp:
        if parts & {"bad", "load"}:
            with fresh_database(Path(tmp), args.database_url) as url:
                import httpx

                server = Server(Path(tmp) / "var", url)
                print(f"server up in {server.start():.0f} s")
                try:
                    with httpx.Client(base_url=server.base, timeout=300) as client:
                        ids = seed(client)
                        if "bad" in parts:
                            bad = run_bad(client, ids)
                            ok &= not bad["failures"] and bad["unchanged"]
                    if "load" in parts:
                        load = run_load(server, ids, args.clients, args.seconds)
                        ok &= not load["failures"] and load["ingested"] == load["uploads"]
                        ok &= load["impressions"] == load["expected_impressions"]
                finally:
                    server.stop()
        if "crash" in parts:
            crash_dir = Path(tmp) / "crash"
            crash_dir.mkdir()
            with fresh_database(crash_dir, args.database_url) as url:
                crash = run_crash(crash_dir / "var", url)
                ok &= crash["statuses"] == {"done": 5} and crash["duplicates"] == 0 and crash["searchable"]
    print("all checks held" if ok else "SOME CHECKS FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
