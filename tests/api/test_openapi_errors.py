"""Every status and error code the API answers with is documented in the OpenAPI schema (issue 12).

Three pins: every error code the source raises is in the table the schema is built from (app.errors.ERROR_CODES),
with the same status; every operation documents its error statuses with the envelope; and every error answer a test
asserts (tests.helpers.assert_envelope, used across the API tests) and every answer the fuzz test gets is
documented for its operation. The answers fuzzing rarely reaches (conflicts, 304, ranges) are reproduced here."""

from __future__ import annotations

import ast
import io
import json
import wave
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, TRANSCRIPT, api_schema, make_settings, undocumented_answer

# Exception classes that carry an error code as their first argument, and the status each gives by default
# (None: decided where it is caught).
CODE_CARRIERS: dict[str, int | None] = {
    "AppError": 400,
    "InvalidInput": 422,
    "Conflict": 409,
    "PayloadTooLarge": 413,
    "UnsupportedMedia": 415,
    "AudioError": None,  # uploads: 415 for unsupported_media / no_audio_stream, else 422
    "TranscriptError": 422,  # uploads re-raise it as InvalidInput
}
FIXED_CODE: dict[str, tuple[str, int]] = {
    "NotFound": ("not_found", 404),
    "Unauthorized": ("unauthorized", 401),
    "Forbidden": ("forbidden", 403),
}


# --- the source's codes against the table ---------------------------------------------------------------------


def _constant(node: ast.expr | None) -> str | int | None:
    """A string or integer literal, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str | int) and not isinstance(node.value, bool):
        return node.value
    return None


def raised_codes() -> list[tuple[str, int | None, str]]:
    """(code, status if the source fixes it, where) for every literal error code in app/ and pipelines/."""
    from app import errors

    found: list[tuple[str, int | None, str]] = [
        (code, status, "app/errors.py") for status, code in errors._HTTP_CODES.items()
    ]
    for package in ("app", "pipelines"):
        for path in sorted((REPO / package).rglob("*.py")):
            where = str(path.relative_to(REPO))
            for node in ast.walk(ast.parse(path.read_text())):
                if not isinstance(node, ast.Call):
                    continue
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
                args = [_constant(arg) for arg in node.args] + [None, None, None]
                if name in FIXED_CODE:
                    found.append((*FIXED_CODE[name], where))
                elif name in CODE_CARRIERS and isinstance(args[0], str):
                    status = CODE_CARRIERS[name]
                    for keyword in node.keywords:
                        given = _constant(keyword.value)
                        if keyword.arg == "status_code" and isinstance(given, int):
                            status = given
                    found.append((args[0], status, where))
                elif name == "envelope" and isinstance(args[0], str):
                    found.append((args[0], None, where))
                elif name == "_reject" and isinstance(args[1], int) and isinstance(args[2], str):
                    found.append((args[2], args[1], where))
    return found


def test_every_error_code_in_the_source_is_in_the_table_with_its_status() -> None:
    from app.errors import ERROR_CODES

    found = raised_codes()
    assert len(found) > 40, "the scan found too few codes: has the way errors are raised changed?"
    missing = sorted({f"{code} ({where})" for code, _, where in found if code not in ERROR_CODES})
    assert missing == [], f"add these codes to app.errors.ERROR_CODES: {missing}"
    wrong = sorted(
        {
            f"{code}: {status} in {where}, {ERROR_CODES[code][0]} in the table"
            for code, status, where in found
            if status is not None and ERROR_CODES[code][0] != status
        }
    )
    assert wrong == [], wrong
    unused = sorted(set(ERROR_CODES) - {code for code, _, _ in found})
    assert unused == [], f"codes in the table that nothing raises: {unused}"


def test_every_operation_documents_its_errors_with_the_envelope() -> None:
    from app.errors import ERROR_CODES

    schema = api_schema()
    assert "ErrorEnvelope" in schema["components"]["schemas"]
    assert "HTTPValidationError" not in json.dumps(schema), "FastAPI's 422 shape is not what the API sends"
    operations = [(p, m, o) for p, ops in schema["paths"].items() for m, o in ops.items()]
    assert len(operations) > 40
    for path, method, operation in operations:
        label = f"{method.upper()} {path}"
        responses = operation["responses"]
        assert {"400", "422"} <= set(responses), label
        if "{" in path:
            assert "not_found" in responses["404"]["x-error-codes"], label
        if path.startswith("/api/") and path != "/api/me":
            assert {"401", "403", "503"} <= set(responses), label
        if method in ("post", "patch", "delete"):
            assert "csrf_failed" in responses["403"]["x-error-codes"], label
        for status, response in responses.items():
            if "x-error-codes" not in response:
                continue
            assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorEnvelope"}
            for code in response["x-error-codes"]:
                assert ERROR_CODES[code][0] == int(status), f"{label}: {code} under {status}"
                assert f"`{code}`" in response["description"], label


# --- answers generated requests rarely reach, each documented --------------------------------------------------


def tone_wav(seconds: float = 1.0, rate: int = 16000) -> bytes:
    """A short mono WAV of a 440 Hz tone."""
    import numpy as np

    samples = (0.3 * np.sin(2 * np.pi * 440 * np.arange(int(seconds * rate)) / rate) * 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def assert_documented(response: Any, status: int) -> None:
    assert response.status_code == status, response.text
    assert undocumented_answer(response) is None, undocumented_answer(response)


@pytest.fixture
def project(client: Any) -> dict[str, Any]:
    return client.post("/api/projects", json={"name": "Docs"}).json()


def test_conflicts_and_not_modified_are_documented(client: Any, project: dict[str, Any]) -> None:
    from app.db import session_scope
    from models import Task

    pid = project["id"]
    task = client.post(f"/api/projects/{pid}/interviews", files={"file": ("a.txt", TRANSCRIPT.encode())}).json()["task"]
    assert_documented(client.post(f"/api/tasks/{task['id']}/cancel"), 200)
    with session_scope(client.app.state.runtime.session_factory) as session:
        row = session.get(Task, task["id"])
        assert row is not None
        row.status = "done"  # as if it had finished before the cancel came
        session.commit()
    assert_documented(client.post(f"/api/tasks/{task['id']}/cancel"), 409)

    feed = client.get(f"/api/projects/{pid}/feed")
    assert_documented(feed, 200)
    assert_documented(client.get(f"/api/projects/{pid}/feed", headers={"If-None-Match": feed.headers["etag"]}), 304)

    body = {"name": "t", "variants": [{"text": "a"}, {"text": "b"}]}
    test = client.post(f"/api/projects/{pid}/copy-tests", json=body).json()
    assert_documented(client.patch(f"/api/copy-tests/{test['id']}", json={"status": "stopped"}), 200)
    event = {"client_id": "e1", "variant_id": test["variants"][0]["id"], "type": "impression"}
    assert_documented(client.post(f"/api/copy-tests/{test['id']}/events", json={"events": [event]}), 409)

    person = {"email": "ana@example.com", "password": "a long passphrase", "role": "viewer"}
    assert_documented(client.post("/api/users", json=person), 201)
    assert_documented(client.post("/api/users", json=person), 409)
    assert_documented(client.post("/api/users", json={**person, "email": "no-at-sign"}), 422)
    assert_documented(client.get(f"/api/projects/{pid}/search", params={"q": "   "}), 422)


def test_uploads_and_ranges_are_documented(tmp_path: Path, database_url: str) -> None:
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    settings = make_settings(tmp_path / "var", database_url, max_upload_mb=0.5)
    migrate(settings)
    app = create_app(settings, start_worker=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        pid = client.post("/api/projects", json={"name": "Uploads"}).json()["id"]
        url = f"/api/projects/{pid}/interviews"
        assert_documented(client.post(url, files={"file": ("a.txt", b"")}), 422)
        assert_documented(client.post(url, files={"file": ("a.bin", bytes(range(256)) * 8)}), 415)
        assert_documented(client.post(url, files={"file": ("a.txt", b"x" * 2_000_000)}), 413)
        assert_documented(client.post(url, files={"file": ("a.json", b'{"nothing": 1}')}), 422)
        assert_documented(
            client.post(url, data={"min_speakers": "3", "max_speakers": "2"}, files={"file": ("a.txt", b"hi")}), 422
        )
        assert_documented(
            client.post(url, content=b"--x\r\nbroken", headers={"content-type": "multipart/form-data"}), 400
        )
        recording = client.post(url, files={"file": ("call.wav", tone_wav())}).json()["interview"]["id"]
        media = f"/api/interviews/{recording}/media"
        assert_documented(client.get(media), 200)
        assert_documented(client.get(media, headers={"Range": "bytes=0-99"}), 206)
        past = client.get(media, headers={"Range": "bytes=99999999-"})
        assert_documented(past, 416)
        size = len(client.get(media).content)
        assert past.json()["error"]["code"] == "range_not_satisfiable"
        assert (
            past.headers["content-range"] == f"bytes */{size}" and past.headers["x-content-type-options"] == "nosniff"
        )
        assert_documented(client.get(media, headers={"Range": "bytes=-0"}), 416)  # a suffix of no bytes
        whole = client.get(media).content
        for malformed in ("bytes=abc", "bytes=5-1", "lines=1-2", "bytes=", "bytes=-"):  # ignored, as RFC 9110 asks
            answer = client.get(media, headers={"Range": malformed})
            assert_documented(answer, 200)
            assert answer.content == whole, malformed
        # A recording whose file is empty (cut short on disk): any Range is past its end, in the envelope too.
        from app.db import session_scope
        from models import Interview

        with session_scope(app.state.runtime.session_factory) as session:
            stored = session.get(Interview, recording)
            assert stored is not None and stored.media_path
            (settings.data_dir / stored.media_path).write_bytes(b"")
        for spec in ("bytes=0-", "bytes=0-10", "bytes=-5"):
            empty = client.get(media, headers={"Range": spec})
            assert_documented(empty, 416)
            assert empty.json()["error"]["code"] == "range_not_satisfiable", spec
            assert empty.headers["content-range"] == "bytes */0", spec
        assert_documented(client.get("/api/projects", headers={"Host": "evil.example"}), 400)
        assert_documented(
            client.post("/api/projects", json={"name": "x"}, headers={"Origin": "http://evil.example"}), 403
        )
