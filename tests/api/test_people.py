"""People with roles: each role's access through the pages' session, session expiry and sign-out, the audit log."""

from datetime import timedelta

import pytest

from tests.helpers import HTML, PASSWORD, TRANSCRIPT, sign_in, text

pytestmark = pytest.mark.db


def test_passwords_are_argon2_hashes_and_wrong_ones_fail(app_client) -> None:
    from sqlalchemy import select

    from app.db import session_scope
    from models import User

    with session_scope(app_client.app.state.runtime.session_factory) as session:
        stored = session.scalars(select(User.password_hash)).all()
    assert all(h.startswith("$argon2id$") and PASSWORD not in h for h in stored)
    app_client.get("/login")
    wrong = app_client.post(
        "/login",
        data={"email": "viewer@example.com", "password": "nope", "csrf_token": app_client.cookies.get("verbatim_csrf")},
    )
    assert wrong.status_code == 401 and "Wrong email or password" in wrong.text and "set-cookie" not in wrong.headers


@pytest.mark.parametrize(
    ("role", "upload", "mine", "feed", "copy_test", "new_project", "audit"),
    [
        ("admin", 202, 202, 200, 201, 201, 200),
        ("researcher", 202, 202, 200, 403, 403, 403),
        ("marketer", 403, 403, 200, 201, 403, 403),
        ("viewer", 403, 403, 200, 403, 403, 403),
    ],
)
def test_each_role_can_do_what_it_should(app_client, role, upload, mine, feed, copy_test, new_project, audit) -> None:
    headers = sign_in(app_client, role)
    assert app_client.get("/api/projects/1/search", params={"q": "reports"}).status_code in (200, 409)
    assert app_client.get("/api/projects/1/jobs").status_code == 200
    sent = app_client.post(
        "/api/projects/1/interviews", files={"file": ("dana.txt", TRANSCRIPT.encode())}, headers=headers
    )
    assert sent.status_code == upload
    assert app_client.post("/api/projects/1/mine", headers=headers).status_code == mine
    assert app_client.get("/api/projects/1/feed").status_code == feed
    body = {"name": "T", "variants": [{"text": "A"}, {"text": "B"}]}
    assert app_client.post("/api/projects/1/copy-tests", json=body, headers=headers).status_code == copy_test
    assert app_client.post("/api/projects", json={"name": "X"}, headers=headers).status_code == new_project
    assert app_client.get("/api/audit").status_code == audit
    assert app_client.get("/api/me").json()["user"]["role"] == role


def test_pages_show_who_is_signed_in_and_hide_write_controls(app_client) -> None:
    sign_in(app_client, "viewer")
    home = app_client.get("/", headers=HTML).text
    assert "Signed in as viewer@example.com (viewer)" in text(home)
    assert "New project" not in home
    project = app_client.get("/projects/1", headers=HTML).text
    assert 'id="upload-form"' not in project
    assert 'id="mine"' not in app_client.get("/projects/1/jobs", headers=HTML).text

    sign_in(app_client, "researcher")
    assert 'id="upload-form"' in app_client.get("/projects/1", headers=HTML).text
    assert 'id="mine"' in app_client.get("/projects/1/jobs", headers=HTML).text
    assert "New project" not in app_client.get("/", headers=HTML).text
    sign_in(app_client, "admin")
    assert "New project" in app_client.get("/", headers=HTML).text


def test_sign_out_ends_the_session_on_the_server(app_client) -> None:
    sign_in(app_client, "viewer")
    token = app_client.cookies.get("verbatim_session")
    out = app_client.post("/logout", data={"csrf_token": app_client.cookies.get("verbatim_csrf")})
    assert out.status_code == 303
    app_client.cookies.clear()
    app_client.cookies.set("verbatim_session", token)  # a copied cookie is worth nothing after sign-out
    assert app_client.get("/api/projects").status_code == 401
    assert app_client.get("/", headers=HTML).status_code == 303


def test_sessions_expire(app_client) -> None:
    from sqlalchemy import update

    from app.db import session_scope
    from models import UserSession
    from models.base import utcnow

    sign_in(app_client, "viewer")
    assert app_client.get("/api/projects").status_code == 200
    with session_scope(app_client.app.state.runtime.session_factory) as session:
        session.execute(update(UserSession).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = app_client.get("/api/projects")
    assert expired.status_code == 401 and "session has ended" in expired.json()["error"]["message"]


def test_disabling_a_user_ends_their_sessions(app_client) -> None:
    sign_in(app_client, "viewer")
    viewer_session = app_client.cookies.get("verbatim_session")
    headers = sign_in(app_client, "admin")
    users = app_client.get("/api/users").json()["users"]
    viewer = next(u for u in users if u["role"] == "viewer")
    assert app_client.patch(f"/api/users/{viewer['id']}", json={"disabled": True}, headers=headers).status_code == 200
    app_client.cookies.clear()
    app_client.cookies.set("verbatim_session", viewer_session)
    assert app_client.get("/api/projects").status_code == 401


def test_audit_log_records_who_changed_what(app_client) -> None:
    headers = sign_in(app_client, "marketer")
    body = {"name": "Headline", "variants": [{"text": "A"}, {"text": "B"}]}
    test = app_client.post("/api/projects/1/copy-tests", json=body, headers=headers).json()
    headers = sign_in(app_client, "admin")
    app_client.post(
        "/api/users", json={"email": "new@example.com", "password": PASSWORD, "role": "viewer"}, headers=headers
    )
    entries = app_client.get("/api/audit").json()["entries"]
    made = next(e for e in entries if e["action"] == "create_copy_test")
    assert made["actor"] == "user:marketer@example.com" and made["project_id"] == 1
    assert (made["target"], made["target_id"]) == ("copy-test", test["id"])
    assert made["details"]["changes"]["name"] == "Headline" and made["details"]["result_id"] == test["id"]
    user = next(e for e in entries if e["action"] == "create_user")
    assert user["actor"] == "user:admin@example.com" and user["details"]["changes"]["password"] == "***"
    assert any(e["action"] == "sign_in" for e in entries)
    assert all(PASSWORD not in str(e) for e in entries)
    only_users = app_client.get("/api/audit", params={"target": "user"}).json()["entries"]
    assert all(e["target"] == "user" for e in only_users)
