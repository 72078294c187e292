"""Defects an outside tester found (issue 12): each test reproduces one and checks its fix."""

from __future__ import annotations

import asyncio
import io
import re
import struct
import threading
import time
import wave

import pytest
from fastapi.testclient import TestClient

from app.ui.templating import TEMPLATES_DIR
from tests.helpers import TRANSCRIPT, assert_envelope, make_settings, upload

pytestmark = pytest.mark.db
BIG = 2**63
COPY_TEST = {"name": "Headline", "variants": [{"text": "Close the month in a day"}, {"text": "No more stitching"}]}


@pytest.fixture
def project(client) -> dict:
    return client.post("/api/projects", json={"name": "Security"}).json()


def wav_with_script() -> bytes:
    """A valid half-second WAV whose LIST chunk carries HTML with a script."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(b"\x00\x00" * 8000)
    data = out.getvalue()
    payload = b"INFOICMT" + struct.pack("<I", 40) + b"<html><script>alert(1)</script></html>\x00\x00"
    chunk = b"LIST" + struct.pack("<I", len(payload)) + payload
    body = data[12:] + chunk
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WAVE" + body


# --------------------------------------------------------------------------- 1. stored XSS through recordings


def test_media_is_served_as_what_its_bytes_are_never_as_uploaded(client, project) -> None:
    files = {"file": ("call.html", wav_with_script(), "text/html")}
    created = client.post(f"/api/projects/{project['id']}/interviews", files=files)
    assert created.status_code == 202, created.text
    media = client.get(f"/api/interviews/{created.json()['interview']['id']}/media")
    assert media.status_code == 200
    assert media.headers["content-type"] == "audio/wav"
    assert media.headers["x-content-type-options"] == "nosniff"
    assert media.headers["content-disposition"].startswith("inline")
    assert "sandbox" in media.headers["content-security-policy"]
    saved = client.get(f"/api/interviews/{created.json()['interview']['id']}/media?download=true")
    assert (
        saved.headers["content-disposition"].startswith("attachment")
        and "call.html" in saved.headers["content-disposition"]
    )


def test_every_page_has_a_csp_without_inline_script(client, project) -> None:
    for path in ("/", f"/projects/{project['id']}", f"/projects/{project['id']}/messaging", "/nowhere", "/docs"):
        response = client.get(path, headers={"accept": "text/html"})
        assert response.headers["content-type"].startswith("text/html"), path
        policy = response.headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]*)", policy).group(1)  # type: ignore[union-attr]
        assert "'unsafe-inline'" not in script_src and "frame-ancestors 'none'" in policy, path
        assert response.headers["x-content-type-options"] == "nosniff"
    for template in TEMPLATES_DIR.glob("*.html"):
        html = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"inline script in {template.name}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {template.name}"


# --------------------------------------------------------------------------- 3. chunked uploads


def test_a_chunked_upload_stops_being_read_at_the_limit(tmp_path, database_url) -> None:
    from app.db import migrate
    from app.main import create_app

    settings = make_settings(tmp_path / "var", database_url, max_upload_mb=0.05)
    migrate(settings)
    chunk, pulled = 64 * 1024, [0]
    head = (
        b'--XX\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n'
    )

    async def receive():
        pulled[0] += 1
        body = head if pulled[0] == 1 else b"word " * (chunk // 5)
        return {"type": "http.request", "body": body, "more_body": pulled[0] < 2000}  # ~128 MB if read to the end

    sent: list[dict] = []

    async def send(message) -> None:
        sent.append(message)

    app = create_app(settings, start_worker=False)
    with TestClient(app) as client:
        project = client.post("/api/projects", json={"name": "p"}).json()
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": f"/api/projects/{project['id']}/interviews",
            "raw_path": f"/api/projects/{project['id']}/interviews".encode(),
            "query_string": b"",
            "root_path": "",
            "headers": [
                (b"host", b"testserver"),
                (b"content-type", b"multipart/form-data; boundary=XX"),
                (b"transfer-encoding", b"chunked"),
            ],
            "client": ("127.0.0.1", 1),
            "server": ("testserver", 80),
            "state": {},
        }
        asyncio.run(app(scope, receive, send))
        assert sent[0]["status"] == 413
        limit = settings.max_upload_bytes + 64 * 1024
        assert pulled[0] * chunk <= limit + 2 * chunk, f"read {pulled[0]} chunks past a {limit}-byte limit"
        assert client.get(f"/api/projects/{project['id']}/interviews").json()["interviews"] == []


# --------------------------------------------------------------------------- 4. copy tests with absurd plans


def test_copy_test_plans_are_checked_and_a_stored_bad_one_never_breaks_lists(client, project) -> None:
    url = f"/api/projects/{project['id']}/copy-tests"
    assert_envelope(client.post(url, json={**COPY_TEST, "minimum_detectable_effect": 1e-20}), 422, "validation_error")
    assert_envelope(client.post(url, json={**COPY_TEST, "baseline_rate": 5e-324}), 422, "validation_error")
    assert client.get(url).json()["copy_tests"] == [], "a refused test is not stored"

    created = client.post(url, json=COPY_TEST)
    assert created.status_code == 201, created.text
    # A test stored before the ranges were checked (or edited in the database) still lists and renders.
    from sqlalchemy import update

    from app.db import session_scope
    from models import CopyTest

    with session_scope(client.app.state.runtime.session_factory) as session:
        session.execute(update(CopyTest).values(minimum_detectable_effect=1e-20, baseline_rate=5e-324))
    listed = client.get(url)
    assert listed.status_code == 200, listed.text
    assert any("defaults were used" in w for w in listed.json()["copy_tests"][0]["warnings"])
    assert client.get(f"/api/copy-tests/{created.json()['id']}").status_code == 200
    assert client.get(f"/projects/{project['id']}/messaging", headers={"accept": "text/html"}).status_code == 200


def test_sample_size_of_a_vanishing_effect_is_a_value_error_not_zero_division() -> None:
    from pipelines.abtest import sample_size_per_variant

    for baseline, effect in ((0.05, 1e-20), (5e-324, 0.2)):
        with pytest.raises(ValueError):
            sample_size_per_variant(baseline, effect)
    assert sample_size_per_variant(1e-6, 0.001) > 0  # the smallest plan the API accepts still has a size


# --------------------------------------------------------------------------- 5. CSRF with the session cookie


@pytest.fixture
def secured(tmp_path, database_url):
    from app.db import migrate
    from app.main import create_app
    from tests.helpers import make_key

    settings = make_settings(tmp_path / "var", database_url, auth="keys")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), follow_redirects=False) as client:
        client.admin = make_key(client, "admin")  # type: ignore[attr-defined]  # the fixture's key, beside its client
        yield client


def sign_in(client, key: str, **headers: str):
    client.get("/login")
    token = client.cookies.get("verbatim_csrf")
    return client.post("/login", data={"key": key, "csrf_token": token}, headers=headers)


def test_cookie_sessions_need_the_csrf_token_and_same_origin(secured) -> None:
    # Sign-in itself: without the form's token, or from another site, it is refused.
    secured.get("/login")
    assert secured.post("/login", data={"key": secured.admin}).status_code == 403
    assert sign_in(secured, secured.admin, origin="https://evil.example").status_code == 403
    assert sign_in(secured, secured.admin).status_code == 303
    token = secured.cookies.get("verbatim_csrf")

    assert_envelope(secured.post("/api/projects", json={"name": "forged"}), 403, "csrf_failed")
    assert_envelope(
        secured.post("/api/projects", json={"name": "forged"}, headers={"X-CSRF-Token": "guess"}), 403, "csrf_failed"
    )
    evil = {"X-CSRF-Token": token, "Origin": "https://evil.example"}
    assert_envelope(secured.post("/api/projects", json={"name": "x"}, headers=evil), 403, "csrf_failed")
    referer = {"X-CSRF-Token": token, "Referer": "https://evil.example/page"}
    assert_envelope(secured.post("/api/projects", json={"name": "x"}, headers=referer), 403, "csrf_failed")
    same = {"X-CSRF-Token": token, "Origin": "http://testserver"}
    assert secured.post("/api/projects", json={"name": "mine"}, headers=same).status_code == 201
    # The page carries the token for app.js; a key in the Authorization header needs none.
    assert f'content="{token}"' in secured.get("/", headers={"accept": "text/html"}).text
    secured.cookies.clear()
    bearer = {"Authorization": f"Bearer {secured.admin}"}
    assert secured.post("/api/projects", json={"name": "api"}, headers=bearer).status_code == 201
    assert secured.get("/api/projects", headers=bearer).json()["projects"][0]["name"] in {"mine", "api"}


def test_open_server_refuses_cross_site_writes(client) -> None:
    cross = {"Origin": "http://evil.example"}
    assert_envelope(client.post("/api/projects", json={"name": "x"}, headers=cross), 403, "csrf_failed")
    assert client.post("/api/projects", json={"name": "x"}).status_code == 201  # curl, scripts: no Origin


# --------------------------------------------------------------------------- 6. DNS rebinding


def test_only_configured_host_names_are_answered(client) -> None:
    assert_envelope(client.get("/api/projects", headers={"Host": "rebind.evil.example"}), 400, "invalid_host")
    assert client.get("/api/projects", headers={"Host": "127.0.0.1:8000"}).status_code == 200
    from app.config import Settings

    assert set(Settings(host="127.0.0.1").effective_allowed_hosts) == {"127.0.0.1", "localhost", "::1"}
    assert Settings(host="0.0.0.0", auth="keys").effective_allowed_hosts == ["*"]
    assert Settings(allowed_hosts="verbatim.example, localhost").effective_allowed_hosts == [
        "verbatim.example",
        "localhost",
    ]


# --------------------------------------------------------------------------- 7. what fuzzing found


def test_huge_ids_and_nul_bytes_are_client_errors(client, project) -> None:
    pid = project["id"]
    for path in (f"/api/interviews/{BIG}", f"/api/projects/{2**31}/interviews", f"/api/copy-tests/{BIG}/events"):
        assert client.get(path).status_code in (404, 405), path
    assert_envelope(client.get(f"/api/projects/{pid}/feed?job_id={BIG}"), 422, "validation_error")
    assert_envelope(client.get(f"/api/projects/{pid}/feed?min_support={BIG}"), 422, "validation_error")
    assert_envelope(client.get(f"/api/projects/{pid}/search?q=x&interview_id={BIG}"), 422, "validation_error")
    body = {**COPY_TEST, "variants": [{"text": "a", "phrase_ids": [BIG]}, {"text": "b"}]}
    assert_envelope(client.post(f"/api/projects/{pid}/copy-tests", json=body), 422, "validation_error")
    assert_envelope(client.get(f"/api/projects/{pid}/feed?segment=a%00b"), 422, "validation_error")
    # PostgreSQL cannot store NUL in text; SQLite could, but is made to refuse it the same way: 422 on both.
    assert_envelope(client.post("/api/projects", json={"name": "nul\x00name"}), 422, "invalid_value")
    assert all("\x00" not in p["name"] for p in client.get("/api/projects").json()["projects"])
    response = upload(client, pid, "call\x00.txt", TRANSCRIPT.encode())
    assert response.status_code == 202, response.text
    assert "\x00" not in response.json()["interview"]["source_filename"]


def test_null_in_an_interview_edit_never_breaks_the_interview(client, project) -> None:
    # Found by schemathesis: `{"tags": null}` was stored, and from then on every read of the interview was a 500.
    interview = upload(client, project["id"], "call.txt", TRANSCRIPT.encode()).json()["interview"]
    url = f"/api/interviews/{interview['id']}"
    assert client.patch(url, json={"tags": ["a"]}).json()["tags"] == ["a"]
    assert client.patch(url, json={"tags": None}).json()["tags"] == []
    assert_envelope(client.patch(url, json={"title": None}), 422, "validation_error")
    assert client.get(url).status_code == 200 and client.get(url).json()["title"] == "call"


def test_feed_cursor_belongs_to_its_project(client, project) -> None:
    other = client.post("/api/projects", json={"name": "Other"}).json()
    assert_envelope(
        client.get(f"/api/projects/{other['id']}/feed?cursor={project['id']}.eyJyIjoic3VwcG9ydCJ9"),
        422,
        "invalid_cursor",
    )
    assert client.get(f"/api/projects/{project['id']}/feed").json()["next_cursor"] is None


def test_events_dated_far_away_are_refused(client, project) -> None:
    test = client.post(f"/api/projects/{project['id']}/copy-tests", json=COPY_TEST).json()
    variant = test["variants"][0]["id"]
    for at in ("9999-12-31T00:00:00Z", "1970-01-01T00:00:00Z"):
        event = {"id": f"e-{at}", "variant_id": variant, "type": "impression", "at": at}
        assert_envelope(
            client.post(f"/api/copy-tests/{test['id']}/events", json={"events": [event]}), 422, "invalid_events"
        )
    ok = {"id": "now", "variant_id": variant, "type": "impression", "at": "2026-01-02T03:04:05"}
    assert client.post(f"/api/copy-tests/{test['id']}/events", json={"events": [ok]}).status_code == 200


def test_api_datetimes_are_utc_with_z_on_every_read(client, project) -> None:
    assert project["created_at"].endswith("Z")
    assert client.get("/api/projects").json()["projects"][0]["created_at"].endswith("Z")
    created = upload(client, project["id"], "call.txt", TRANSCRIPT.encode()).json()
    again = client.get(f"/api/interviews/{created['interview']['id']}").json()
    assert created["interview"]["created_at"].endswith("Z") and again["created_at"].endswith("Z")
    assert client.get(f"/api/tasks/{created['task']['id']}").json()["created_at"].endswith("Z")
    test = client.post(f"/api/projects/{project['id']}/copy-tests", json=COPY_TEST).json()
    assert test["created_at"].endswith("Z")
    assert client.get(f"/api/copy-tests/{test['id']}").json()["created_at"].endswith("Z")


def test_a_500_says_connection_close(client) -> None:
    @client.app.get("/api/test-boom")
    def boom() -> None:
        raise RuntimeError("boom")

    response = client.get("/api/test-boom")
    assert_envelope(response, 500, "internal_error")
    assert response.headers["connection"] == "close"


# --------------------------------------------------------------------------- 8. small leaks


def test_errors_name_no_server_paths(client, project, tmp_path) -> None:
    response = upload(client, project["id"], "broken.mp3", b"ID3" + b"\x00garbage" * 200)
    assert 400 <= response.status_code < 500, response.text
    assert str(tmp_path) not in response.text and "/media/" not in response.text


def test_a_title_from_a_long_filename_is_cut_to_the_limit(client, project) -> None:
    response = upload(client, project["id"], "x" * 400 + ".txt", TRANSCRIPT.encode())
    assert response.status_code == 202, response.text
    assert len(response.json()["interview"]["title"]) == 300


@pytest.mark.parametrize(
    ("encoding", "text"),
    [("utf-16", TRANSCRIPT + "Dana: Ça coûte cher.\n"), ("latin-1", TRANSCRIPT + "Dana: Ça coûte très cher, café.\n")],
)
def test_windows_encodings_are_decoded(client, project, encoding: str, text: str) -> None:
    response = upload(client, project["id"], "export.txt", text.encode(encoding))
    assert response.status_code == 202, response.text
    assert response.json()["interview"]["source_kind"] == "transcript"
    stored = client.app.state.runtime.settings.data_dir
    media = [p for p in (stored / "media").iterdir()]
    assert any("Ça coûte" in p.read_text("utf-8") for p in media), "stored as UTF-8 for ingestion"


# --------------------------------------------------------------------------- 9. worker heartbeat


def test_heartbeat_survives_a_locked_database(runtime, monkeypatch) -> None:
    from sqlalchemy.exc import OperationalError

    from app.db import session_scope
    from app.services import tasks as task_service
    from app.worker import Worker

    with session_scope(runtime.session_factory) as session:
        task_service.create(session=session, kind="slow")
    real, calls = task_service.report, {"failed": 0, "ok": 0}
    lock = threading.Lock()

    def flaky(**kwargs) -> None:
        with lock:
            if calls["failed"] < 2:
                calls["failed"] += 1
                raise OperationalError("UPDATE tasks", {}, Exception("database is locked"))
            calls["ok"] += 1
        real(**kwargs)

    monkeypatch.setattr(task_service, "report", flaky)
    worker = Worker(runtime, handlers={"slow": lambda *_: time.sleep(1.5)}, heartbeat_interval=0.1)
    assert worker.run_once()
    assert calls["failed"] == 2 and calls["ok"] >= 2, calls


def test_api_docs_render_offline_from_the_packaged_swagger_ui(client) -> None:
    page = client.get("/docs", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "cdn." not in page.text and "https://" not in page.text.split("<body>")[0]
    policy = page.headers["content-security-policy"]
    assert "jsdelivr" not in policy and "https:" not in policy
    for asset in re.findall(r'(?:src|href)="(/static/docs/[^"]+)"', page.text):
        answer = client.get(asset)
        assert answer.status_code == 200 and len(answer.content) > 100, asset
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200
    assert client.get("/redoc", follow_redirects=False).headers["location"] == "/docs"
