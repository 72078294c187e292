"""Every status and error code the API answers with is documented in the OpenAPI schema (issue 12).

Three pins: every error code the source raises is in the table the schema is built from (app.errors.ERROR_CODES),
with the same status; every operation documents its error statuses with the envelope; and every error answer a test
asserts (tests.api.test_errors.assert_envelope, used across the API tests) and every answer the fuzz test gets is
documented for its operation. The answers fuzzing rarely reaches (conflicts, 304, ranges) are reproduced here."""

from __future__ import annotations

import ast
import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, make_settings

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


@lru_cache(maxsize=1)
def api_schema() -> dict[str, Any]:
    from app.main import create_app

    data = Path(tempfile.mkdtemp(prefix="verbatim-openapi-"))
    return create_app(make_settings(data, f"sqlite:///{data / 'unused.db'}"), start_worker=False).openapi()


def undocumented(operation: dict, status: int, body: bytes) -> str | None:
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


def operation_for(method: str, path: str) -> tuple[str, dict] | None:
    """The documented operation a request went to (the template with the most literal segments), if any."""
    matches = []
    for template, operations in api_schema()["paths"].items():
        pattern = "^" + re.sub(r"\\{[^/]+?\\}", "[^/]+", re.escape(template)) + "$"
        if method.lower() in operations and re.match(pattern, path):
            matches.append((template.count("{"), template, operations[method.lower()]))
    return min(matches)[1:] if matches else None


def undocumented_answer(response) -> str | None:  # type: ignore[no-untyped-def]
    """For a test client response: why its status or error code is not documented for its operation, else None.
    Requests to no documented operation (unknown paths, other methods) and 500s (never documented: a bug) pass."""
    found = operation_for(response.request.method, response.request.url.path)
    if found is None or response.status_code == 500:
        return None
    template, operation = found
    problem = undocumented(operation, response.status_code, response.content)
    return f"{response.request.method} {template}: {problem}" if problem else None


# --- the source's codes against the table ---------------------------------------------------------------------


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
                literal = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
                if name in FIXED_CODE:
                    found.append((*FIXED_CODE[name], where))
                elif name in CODE_CARRIERS and node.args and isinstance(node.args[0], ast.Constant):
                    status = CODE_CARRIERS[name]
                    for keyword in node.keywords:
                        if keyword.arg == "status_code" and isinstance(keyword.value, ast.Constant):
                            status = keyword.value.value
                    found.append((node.args[0].value, status, where))
                elif name == "envelope" and literal:
                    found.append((literal[0], None, where))
                elif name == "_reject" and len(node.args) >= 3 and isinstance(node.args[1], ast.Constant):
                    found.append((node.args[2].value, node.args[1].value, where))  # type: ignore[union-attr]
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


def assert_documented(response, status: int) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert undocumented_answer(response) is None, undocumented_answer(response)


@pytest.fixture
def project(client):  # type: ignore[no-untyped-def]
    return client.post("/api/projects", json={"name": "Docs"}).json()


def test_conflicts_and_not_modified_are_documented(client, project) -> None:  # type: ignore[no-untyped-def]
    from app.db import session_scope
    from models import Task
    from tests.api.test_uploads import TRANSCRIPT

    pid = project["id"]
    task = client.post(f"/api/projects/{pid}/interviews", files={"file": ("a.txt", TRANSCRIPT.encode())}).json()["task"]
    assert_documented(client.post(f"/api/tasks/{task['id']}/cancel"), 200)
    with session_scope(client.app.state.runtime.session_factory) as session:
        session.get(Task, task["id"]).status = "done"  # as if it had finished before the cancel came
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


def test_uploads_and_ranges_are_documented(tmp_path, database_url) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.api.test_security import wav_with_script

    settings = make_settings(tmp_path / "var", database_url, max_upload_mb=0.5)
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), raise_server_exceptions=False) as client:
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
        recording = client.post(url, files={"file": ("call.wav", wav_with_script())}).json()["interview"]["id"]
        media = f"/api/interviews/{recording}/media"
        assert_documented(client.get(media), 200)
        assert_documented(client.get(media, headers={"Range": "bytes=0-99"}), 206)
        assert_documented(client.get(media, headers={"Range": "bytes=99999999-"}), 416)
        whole = client.get(media).content
        for malformed in ("bytes=abc", "bytes=5-1", "lines=1-2", "bytes=", "bytes=-"):  # ignored, as RFC 9110 asks
            answer = client.get(media, headers={"Range": malformed})
            assert_documented(answer, 200)
            assert answer.content == whole, malformed
        assert_documented(client.get("/api/projects", headers={"Host": "evil.example"}), 400)
        assert_documented(
            client.post("/api/projects", json={"name": "x"}, headers={"Origin": "http://evil.example"}), 403
        )
