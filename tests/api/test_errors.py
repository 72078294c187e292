"""The one error envelope, pinned: every API error is {"error": {"code", "message"[, "details"]}}."""

import pytest

from tests.helpers import assert_envelope


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "/api/projects/999"),
        ("get", "/api/interviews/999"),
        ("delete", "/api/interviews/999"),
        ("get", "/api/interviews/999/transcript"),
        ("get", "/api/tasks/999"),
        ("get", "/api/projects/999/interviews"),
        ("get", "/api/projects/999/search?q=hello"),
        ("patch", "/api/interviews/999/speakers/1"),
        ("get", "/no/such/endpoint"),
    ],
)
def test_unknown_ids_are_404_with_envelope(client, method: str, path: str) -> None:
    kwargs = {"json": {"role": "customer"}} if method == "patch" else {}
    assert_envelope(getattr(client, method)(path, **kwargs), 404, "not_found")


def test_validation_errors_use_envelope(client) -> None:
    error = assert_envelope(client.post("/api/projects", json={}), 422, "validation_error")
    assert error["details"][0]["field"] == "name"
    assert_envelope(client.get("/api/projects/abc"), 422, "validation_error")


def test_method_not_allowed_uses_envelope(client) -> None:
    assert_envelope(client.put("/api/projects"), 405, "method_not_allowed")


def test_unexpected_errors_are_500_without_internals(client, monkeypatch) -> None:
    from app.services import projects

    def boom(**_kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(projects, "list", boom)
    error = assert_envelope(client.get("/api/projects"), 500, "internal_error")
    assert "secret" not in error["message"]
