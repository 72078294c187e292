"""Helpers shared by test modules and benchmarks (fixtures live in conftest.py; no test module imports another)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"
INTERVIEWS = SHARED_DATA / "interviews" / "pypi-infrastructure"
ASR = SHARED_DATA / "asr"

# --------------------------------------------------------------------------- rows written straight to the database


def add_interview(
    session: Any, *, project_id: int, turns: list[list[str]], vectors: Any = None, title: str = "i"
) -> list[Any]:
    """An interview of one customer ("ANA") whose turns hold these utterance texts, with their embeddings when
    `vectors` (one row per text, in order) is given; flushed, its utterances returned in speaking order."""
    from app.services.index import encode_embedding
    from models import Interview, Speaker, Turn, Utterance

    interview = Interview(project_id=project_id, title=title)
    session.add(interview)
    session.flush()
    speaker = Speaker(interview_id=interview.id, label="ANA", role="customer")
    session.add(speaker)
    session.flush()
    rows = [Turn(interview_id=interview.id, speaker_id=speaker.id, position=p, text="t") for p in range(len(turns))]
    session.add_all(rows)
    session.flush()
    utterances: list[Any] = []
    for turn, texts in zip(rows, turns, strict=True):
        for text in texts:
            utterances.append(
                Utterance(
                    project_id=project_id,
                    interview_id=interview.id,
                    speaker_id=speaker.id,
                    turn_id=turn.id,
                    role="customer",
                    verbatim_text=text,
                    display_text=text,
                    position=len(utterances),
                    embedding=None if vectors is None else encode_embedding(vectors[len(utterances)]),
                )
            )
    session.add_all(utterances)
    session.flush()
    return utterances


# --------------------------------------------------------------------------- uploads and the error envelope

TRANSCRIPT = """\
Interviewer: Thanks for joining. How do you handle month-end reporting today?
Dana: Every month I export four spreadsheets and stitch them together by hand. It takes me two full days.
Interviewer: What would make that better?
Dana: I want the numbers to land in one place so I can send the report to my boss on the first morning.
Dana: Honestly the copying is what I hate most, because one typo breaks the whole thing.
Interviewer: Got it, thanks.
Dana: Yeah.
"""


def upload(client: Any, project_id: int, name: str, content: bytes, **data: Any) -> Any:
    return client.post(f"/api/projects/{project_id}/interviews", files={"file": (name, content)}, data=data)


def stored_state(client: Any, project_id: int) -> tuple[int, list[str]]:
    """How many interviews the project lists and which media files are on disk."""
    interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
    media = sorted(os.listdir(client.app.state.runtime.settings.media_dir))
    return len(interviews), media


def assert_envelope(response: Any, status: int, code: str) -> dict[str, Any]:
    """The response is the one error envelope with this status and code; returns the error."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) <= {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert "Traceback" not in response.text
    problem = undocumented_answer(response)
    assert problem is None, problem  # the OpenAPI schema documents this answer too
    error: dict[str, Any] = body["error"]
    return error


# --------------------------------------------------------------------------- what the OpenAPI schema documents


_SCHEMA: dict[str, Any] = {}


def api_schema() -> dict[str, Any]:
    """The app's OpenAPI schema (built once; it does not depend on settings)."""
    if not _SCHEMA:
        import tempfile

        from app.main import create_app
        from tests.helpers import make_settings

        data = Path(tempfile.mkdtemp(prefix="verbatim-openapi-"))
        settings = make_settings(data, f"sqlite:///{data / 'unused.db'}")
        _SCHEMA.update(create_app(settings, start_worker=False).openapi())
    return _SCHEMA


def undocumented(operation: dict[str, Any], status: int, body: bytes) -> str | None:
    """Why an answer is not what the schema documents for the operation, or None when it is."""
    response = operation["responses"].get(str(status))
    if response is None:
        return f"status {status} is not documented (documented: {', '.join(operation['responses'])})"
    if status < 400 or "x-error-codes" not in response:
        return None
    try:
        code = json.loads(body)["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return f"status {status} without the error envelope: {body[:200]!r}"
    if code not in response["x-error-codes"]:
        return f"error code {code!r} is not documented under {status} (documented: {response['x-error-codes']})"
    return None


def operation_for(method: str, path: str) -> tuple[str, dict[str, Any]] | None:
    """The documented operation a request went to (the template with the most literal segments), if any."""
    matches = []
    for template, operations in api_schema()["paths"].items():
        pattern = "^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$"
        if method.lower() in operations and re.match(pattern, path):
            matches.append((template.count("{"), template, operations[method.lower()]))
    if not matches:
        return None
    _, template, operation = min(matches, key=lambda match: (match[0], match[1]))
    return template, operation


def undocumented_answer(response: Any) -> str | None:
    """For a test client response: why its status or error code is not documented for its operation, else None.
    Requests to no documented operation (unknown paths, other methods) and 500s (never documented: a bug) pass."""
    found = operation_for(response.request.method, response.request.url.path)
    if found is None or response.status_code == 500:
        return None
    template, operation = found
    problem = undocumented(operation, response.status_code, response.content)
    return f"{response.request.method} {template}: {problem}" if problem else None


# --------------------------------------------------------------------------- keys, accounts, pages

PASSWORD = "correct horse battery"
HTML = {"accept": "text/html"}


def make_key(client: Any, scopes: str, project_id: int | None = None) -> str:
    from app.db import session_scope
    from app.services import keys as key_service

    with session_scope(client.app.state.runtime.session_factory) as session:
        key: str = key_service.create(session=session, name="test", scopes=scopes, project_id=project_id)[1]
        return key


def sign_in(client: Any, role: str) -> dict[str, str]:
    """Sign in as ROLE (an account the `app_client` fixture made); returns the headers a page's script sends."""
    client.cookies.clear()
    client.get("/login")
    token = client.cookies.get("verbatim_csrf")
    answer = client.post("/login", data={"email": f"{role}@example.com", "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 303, answer.text
    cookie = answer.headers["set-cookie"]
    assert "verbatim_session=" in cookie and "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    return {"X-CSRF-Token": client.cookies.get("verbatim_csrf")}


def page(client: Any, path: str, status: int = 200) -> str:
    """A page's HTML, checked: the status, HTML, no traceback, no accessibility problems."""
    from tests.ui.a11y import problems

    response = client.get(path, headers=HTML)
    assert response.status_code == status, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    html: str = response.text
    assert "Traceback" not in html and 'File "' not in html
    assert problems(html) == [], (path, problems(html))
    return html


def text(html: str) -> str:
    """The visible words of a page, roughly: tags dropped, whitespace folded."""
    without = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", without).replace("&#39;", "'").replace("&amp;", "&").split())


# --------------------------------------------------------------------------- servers on localhost


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve_in_thread(settings: Any, *, start_worker: bool = False) -> Iterator[str]:
    """The real app under uvicorn on a free localhost port (with its in-process worker if asked); yields its URL."""
    import uvicorn

    from app.main import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(settings, start_worker=start_worker), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True, name="uvicorn-tests")
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class FakeLLM(BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint: answers /v1/chat/completions with whatever `reply` says; records requests."""

    reply: ClassVar[dict[str, Any]] = {}
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        reply = type(self).reply
        if reply.get("sleep"):
            time.sleep(reply["sleep"])
        status = reply.get("status", 200)
        payload = {"choices": [{"message": {"role": "assistant", "content": reply.get("content", "")}}]}
        data = json.dumps(payload if status == 200 else {"error": "boom"}).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and left

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def fake_llm_server() -> Iterator[str]:
    """FakeLLM on a free localhost port; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeLLM)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- a database copied from another


def copy_database(source_url: str, target_url: str) -> None:
    """Copy every row of a migrated database into another, migrated and empty (SQLite or PostgreSQL)."""
    from sqlalchemy import Integer, create_engine, insert, select, text

    from models import Base

    source, target = create_engine(source_url), create_engine(target_url)
    try:
        with source.connect() as read, target.begin() as write:
            for table in Base.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in read.execute(select(table))]
                if rows:
                    write.execute(insert(table), rows)
                if write.dialect.name == "postgresql":  # ids were copied: move each sequence past them
                    for column in table.primary_key.columns:
                        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto"):
                            write.execute(
                                text(
                                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                                    f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1, false)"
                                )
                            )
    finally:
        source.dispose()
        target.dispose()


def copy_data_dir(source: Path, target: Path) -> None:
    """Media and indexes of a data directory (the database is copied on its own)."""
    shutil.copytree(source, target, dirs_exist_ok=True)


# --------------------------------------------------------------------------- scale-out (Celery workers)

PG_URL = os.environ.get("VERBATIM_TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS = ("127.0.0.1", 6379)


def start_worker(state: dict[str, Any], queues: str) -> subprocess.Popen[bytes]:
    """A `verbatim worker` process on the broker queues, logging to a file under state["logs"]."""
    log = (state["logs"] / f"worker-{queues}-{len(state['workers'])}.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "worker", "--queues", queues, "--concurrency", "1"],
        cwd=REPO,
        env=state["env"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: SIGKILL takes all of it, like a lost machine
    )
    process.log_path = log.name  # type: ignore[attr-defined]
    state["workers"].append(process)
    return process


def worker_log(process: subprocess.Popen[bytes]) -> str:
    return Path(process.log_path).read_text()  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- a command run in a terminal

# A log record as app.logs writes it in text format: it must start a line of the screen, never sit inside one.
LOG_RECORD = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) ")
_TERMINAL_CODE = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\r|\n|.", re.S)


def run_in_terminal(argv: list[str], *, columns: int = 160, timeout: float = 600) -> str:
    """Everything a command writes (stdout and stderr alike) when both are a terminal `columns` wide, as rich and
    logging see it in a shell: progress bars animate, and rich redirects sys.stderr while one is drawn."""
    import fcntl
    import pty
    import struct
    import termios

    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR")}
    env["TERM"] = "xterm-256color"
    process = subprocess.Popen(argv, cwd=REPO, env=env, stdin=child, stdout=child, stderr=child, close_fds=True)
    os.close(child)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            try:
                chunk = os.read(main, 65536)
            except OSError:  # EIO: the command ended and the terminal closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if process.poll() is None:
            process.kill()
        os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def screen(output: str, *, columns: int = 160) -> list[str]:
    """The lines a terminal shows (scrollback included) after `output`: carriage returns, line feeds, lines wrapped
    at `columns`, cursor up (ESC[nA) and line erase (ESC[2K, ESC[K]); colours and other codes change no text."""
    lines: list[list[str]] = [[]]
    row = col = 0
    for match in _TERMINAL_CODE.finditer(output):
        char = match.group(0)
        if match.group(2):
            argument, command = match.group(1), match.group(2)
            if command == "A":
                row = max(0, row - int(argument or 1))
            elif command == "K":
                lines[row] = [] if argument == "2" else lines[row][:col]
            continue
        if char == "\r":
            col = 0
            continue
        if char == "\n" or col >= columns:
            row += 1
            if row == len(lines):
                lines.append([])
            if char == "\n":
                continue
            col = 0
        line = lines[row]
        line.extend(" " * (col - len(line)))
        if col < len(line):
            line[col] = char
        else:
            line.append(char)
        col += 1
    return ["".join(line).rstrip() for line in lines]


# ---------------------------------------------------------- databases, settings, tasks, the pypi interviews


@contextmanager
def fresh_database(tmp_dir: Path, server: str | None = None) -> Iterator[str]:
    """Yield a URL to an empty database: a SQLite file, or a throwaway schema on a PostgreSQL server (`server`, else
    the test server VERBATIM_TEST_DATABASE_URL names)."""
    base = server or os.environ.get("VERBATIM_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_dir / 'test.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def make_settings(data_dir: Path, url: str, **overrides):
    from app.config import Settings

    # The test client calls itself `testserver`; the browser tests' server is on 127.0.0.1.
    hosts = ["testserver", "127.0.0.1", "localhost"]
    values = {
        "data_dir": data_dir,
        "database_url": url,
        "workers": 0,
        "task_stale_seconds": 5.0,
        "allowed_hosts": hosts,
        **overrides,
    }
    return Settings(**values)


def run_tasks(client) -> None:
    """Run every queued task to completion in this thread (deterministic stand-in for the background worker)."""
    from app.worker import Worker

    Worker(client.app.state.runtime).run_until_idle(timeout=600)


# Upload metadata: the narrators who maintain PyPI are one segment, the users another; interview dates span 2023's
# first three quarters (the matrix and trend tests slice by them).
PYPI_DATES = {
    "donald-1-full.md": "2023-02-10",
    "jackie-2-full.md": "2023-03-15",
    "ernest-1-full.md": "2023-05-03",
    "jackie-1-full.md": "2023-05-20",
    "ernest-2-full.md": "2023-06-01",
    "ernest-3-full.md": "2023-07-12",
    "nick-1-full.md": "2023-08-14",
    "nick-2-full.md": "2023-08-28",
    "jackie-3-full.md": "2023-09-05",
    "nick-3-full.md": "2023-09-20",
}


def pypi_metadata(name: str) -> dict[str, str]:
    segment = "maintainer" if name.startswith(("donald", "ernest")) else "user"
    return {"segment": segment, "industry": "open source", "interviewed_at": PYPI_DATES[name]}


@dataclass(frozen=True)
class IngestedProject:
    """A database holding one project's ingested interviews (never changed: tests work on copies)."""

    url: str
    data_dir: Path
    project_id: int
    uploads: dict[str, Any]  # file name -> the upload's answer (interview and task)


@contextmanager
def copy_of(ingested: IngestedProject, tmp_dir: Path):
    """A test client on a copy of an ingested project's database and data directory, for a test module to change."""
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    with fresh_database(tmp_dir) as url:
        settings = make_settings(tmp_dir / "var", url)
        migrate(settings)
        copy_database(ingested.url, url)
        copy_data_dir(ingested.data_dir, settings.data_dir)
        with TestClient(create_app(settings, start_worker=False)) as client:
            yield client


def module_at(commit: str, path: str, name: str) -> Any:
    """A module of this repository as it was at `commit` (a peer in a benchmark), imported under `name`."""
    import importlib.util
    import tempfile

    source = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as handle:
        handle.write(source)
    spec = importlib.util.spec_from_file_location(name, handle.name)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module
