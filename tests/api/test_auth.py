"""API keys: 401 without a valid key, 403 outside its project or scopes, and keys never in logs or responses."""

import logging

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from tests.helpers import TRANSCRIPT, assert_envelope, make_key, make_settings

pytestmark = pytest.mark.db


@pytest.fixture
def secured(tmp_path, database_url):
    from app.db import migrate
    from app.main import create_app

    settings = make_settings(tmp_path / "var", database_url, auth="keys")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False), raise_server_exceptions=False) as client:
        yield client


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def projects(secured):
    admin = make_key(secured, "admin")
    ids = [secured.post("/api/projects", json={"name": n}, headers=auth(admin)).json()["id"] for n in ("A", "B")]
    return admin, ids


def test_no_key_or_a_bad_key_is_401(secured, projects) -> None:
    _, (a, _) = projects
    missing = secured.get(f"/api/projects/{a}/feed")
    assert_envelope(missing, 401, "unauthorized")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert_envelope(secured.get(f"/api/projects/{a}/feed", headers=auth("vb_nope_nope")), 401, "unauthorized")
    assert_envelope(secured.get(f"/api/projects/{a}/feed", headers={"Authorization": "Basic abc"}), 401, "unauthorized")
    assert secured.get("/healthz").status_code == 200, "health checks need no key"


def test_scoped_key_works_on_its_project_and_nowhere_else(secured, projects) -> None:
    _, (a, b) = projects
    feed_key = make_key(secured, "feed:read,events:write", project_id=a)
    assert secured.get(f"/api/projects/{a}/feed", headers=auth(feed_key)).status_code == 200
    assert_envelope(secured.get(f"/api/projects/{b}/feed", headers=auth(feed_key)), 403, "forbidden")
    upload = secured.post(
        f"/api/projects/{a}/interviews", files={"file": ("dana.txt", TRANSCRIPT.encode())}, headers=auth(feed_key)
    )
    assert_envelope(upload, 403, "forbidden")
    assert_envelope(secured.post("/api/projects", json={"name": "C"}, headers=auth(feed_key)), 403, "forbidden")
    assert_envelope(secured.get(f"/api/projects/{a}/interviews", headers=auth(feed_key)), 403, "forbidden")


def test_ids_inside_another_project_are_403(secured, projects) -> None:
    admin, (a, b) = projects
    body = {"name": "T", "variants": [{"text": "A"}, {"text": "B"}]}
    other = secured.post(f"/api/projects/{b}/copy-tests", json=body, headers=auth(admin)).json()
    mine = secured.post(f"/api/projects/{a}/copy-tests", json=body, headers=auth(admin)).json()
    key = make_key(secured, "tests:write,events:write", project_id=a)
    event = {"events": [{"id": "1", "variant_id": mine["variants"][0]["id"], "type": "impression"}]}
    assert secured.post(f"/api/copy-tests/{mine['id']}/events", json=event, headers=auth(key)).status_code == 200
    assert secured.get(f"/api/copy-tests/{mine['id']}", headers=auth(key)).status_code == 200, "write implies read"
    assert_envelope(secured.get(f"/api/copy-tests/{other['id']}", headers=auth(key)), 403, "forbidden")
    assert_envelope(
        secured.post(f"/api/copy-tests/{other['id']}/events", json=event, headers=auth(key)), 403, "forbidden"
    )
    listed = secured.get("/api/projects", headers=auth(make_key(secured, "projects:read", project_id=a))).json()
    assert [p["id"] for p in listed["projects"]] == [a]


def test_admin_key_uploads_and_revoked_key_is_401(secured, projects) -> None:
    from app.db import session_scope
    from app.services import keys as key_service

    admin, (a, _) = projects
    writer = make_key(secured, "projects:write", project_id=a)
    upload = secured.post(
        f"/api/projects/{a}/interviews", files={"file": ("dana.txt", TRANSCRIPT.encode())}, headers=auth(writer)
    )
    assert upload.status_code == 202, upload.text
    with session_scope(secured.app.state.runtime.session_factory) as session:
        row = key_service.list(session=session)[-1]
        assert row.last_used_at is not None
        key_service.revoke(session=session, key_id=row.id)
    assert_envelope(secured.get(f"/api/projects/{a}", headers=auth(writer)), 401, "unauthorized")
    assert secured.get(f"/api/projects/{a}", headers=auth(admin)).status_code == 200


def test_browser_cookie_goes_through_the_same_checks(secured, projects) -> None:
    _, (a, b) = projects
    secured.cookies.set("verbatim_key", make_key(secured, "projects:read", project_id=a))
    assert secured.get(f"/api/projects/{a}").status_code == 200
    assert_envelope(secured.get(f"/api/projects/{b}"), 403, "forbidden")
    secured.cookies.clear()


def test_keys_never_appear_in_logs_or_responses(secured, projects, caplog) -> None:
    from app.db import session_scope
    from app.services import keys as key_service

    _, (a, _) = projects
    caplog.set_level(logging.DEBUG)
    key = make_key(secured, "feed:read", project_id=a)
    responses = [
        secured.get(f"/api/projects/{a}/feed", headers=auth(key)),
        secured.get(f"/api/projects/{a}/interviews", headers=auth(key)),
        secured.get(f"/api/projects/{a}/feed", headers=auth(key + "x")),
        secured.get(f"/api/projects/{a}/feed", headers=auth(key[:-3])),
    ]
    assert [r.status_code for r in responses] == [200, 403, 401, 401]
    secret = key.split("_", 2)[2]  # vb_<prefix>_<secret>; the secret may itself hold "_"
    assert secret not in caplog.text and all(secret[:12] not in r.text for r in responses)
    with session_scope(secured.app.state.runtime.session_factory) as session:
        rows = key_service.list(session=session)
        assert all(secret not in str(vars(row)) for row in rows), "only a hash and a prefix are stored"


def test_every_api_route_declares_a_scope(secured) -> None:
    from fastapi.routing import APIRoute

    from app.api.deps import Require

    unguarded = [
        route.path
        for route in secured.app.routes
        if isinstance(route, APIRoute)
        and route.path.startswith("/api")
        and not any(isinstance(d.call, Require) for d in route.dependant.dependencies)
    ]
    assert unguarded == []


@pytest.mark.parametrize(
    "auth_setting,host,required",
    [("auto", "127.0.0.1", False), ("auto", "0.0.0.0", True), ("none", "0.0.0.0", False), ("keys", "127.0.0.1", True)],
)
def test_auth_defaults_to_keys_off_loopback(auth_setting, host, required) -> None:
    assert Settings(auth=auth_setting, host=host).auth_required is required


def test_open_server_needs_no_key(client) -> None:
    assert client.post("/api/projects", json={"name": "Open"}).status_code == 201
