"""Pages behind API keys: sign in with a key into an HttpOnly cookie; the pages apply the API's own checks."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.helpers import REPO, make_key, make_settings, page, sign_in, text

pytestmark = pytest.mark.db
HTML = {"accept": "text/html"}


@pytest.fixture
def secured(tmp_path, database_url):
    from app.db import migrate
    from app.main import create_app

    settings = make_settings(tmp_path / "var", database_url, auth="keys")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), follow_redirects=False) as client:
        admin = make_key(client, "admin")
        for name in ("Mine", "Theirs"):
            client.post("/api/projects", json={"name": name}, headers={"Authorization": f"Bearer {admin}"})
        yield client


def csrf(client) -> dict[str, str]:
    """The sign-in form's CSRF token (the cookie the login page sets, submitted back in the form)."""
    if not client.cookies.get("verbatim_csrf"):
        client.get("/login")
    return {"csrf_token": client.cookies.get("verbatim_csrf")}


def test_pages_ask_for_a_key_then_apply_its_scope(secured) -> None:
    answer = secured.get("/projects/1/jobs", headers=HTML)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=/projects/1/jobs"
    assert "Sign in with an API key" in page(secured, "/login?next=/projects/1/jobs")

    refused = secured.post("/login", data={"key": "vb_wrong", "next": "/projects/1/jobs", **csrf(secured)})
    assert refused.status_code == 401 and "not valid" in refused.text and "set-cookie" not in refused.headers

    key = make_key(secured, "projects:read", project_id=1)
    signed_in = secured.post("/login", data={"key": key, "next": "/projects/1/jobs", **csrf(secured)})
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/projects/1/jobs"
    cookie = signed_in.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()

    home = page(secured, "/")
    assert "Mine" in home and "Theirs" not in home, "a project key sees only its project"
    assert "Jobs to be done" in page(secured, "/projects/1/jobs")
    assert "limited to project 1" in page(secured, "/projects/2", status=403)
    refused = page(secured, "/projects/1/messaging", status=403)
    assert "This key lacks the “feed:read” scope" in refused and "`" not in refused

    out = secured.post("/logout", data=csrf(secured))
    assert out.status_code == 303 and secured.get("/", headers=HTML).status_code == 303


def test_login_never_redirects_off_site(secured) -> None:
    key = make_key(secured, "admin")
    for target in ("//evil.example/", "https://evil.example/"):
        assert secured.post("/login", data={"key": key, "next": target, **csrf(secured)}).headers["location"] == "/"


def test_open_server_needs_no_sign_in(client) -> None:
    assert client.get("/login?next=/projects/1", follow_redirects=False).headers["location"] == "/projects/1"
    assert client.get("/", headers=HTML).status_code == 200


def test_signed_in_pages_show_no_backticks(app_client) -> None:  # noqa: F811
    """Messages a person sees are prose: no code marks, and an account is not called a key."""
    headers = sign_in(app_client, "marketer")
    for path in ("/", "/projects/1", "/projects/1/search?q=month+end", "/projects/1/jobs", "/projects/1/messaging"):
        assert "`" not in text(page(app_client, path)), path
    # A person's refusal names the account, not a key; the page that shows it has no code marks.
    refused = app_client.post("/api/projects/1/collections", json={"name": "Mine"}, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["error"]["message"] == "Your account (marketer) lacks the `projects:write` scope."
    # The script shows the API's messages with quotation marks in place of code marks.
    script = (REPO / "app" / "ui" / "static" / "app.js").read_text()
    assert 'replace(/`([^`]*)`/g, "“$1”")' in script
