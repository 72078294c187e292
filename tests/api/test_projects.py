def test_healthz(client) -> None:
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and health["database"] == "ok"
    assert health["broker"] == {"status": "none"} and health["tasks"] == "embedded"


def test_create_list_get_project(client) -> None:
    created = client.post("/api/projects", json={"name": "Onboarding study"})
    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "Onboarding study" and body["interview_count"] == 0 and isinstance(body["id"], int)
    assert [p["id"] for p in client.get("/api/projects").json()["projects"]] == [body["id"]]
    assert client.get(f"/api/projects/{body['id']}").json()["name"] == "Onboarding study"


def test_project_name_is_required(client) -> None:
    response = client.post("/api/projects", json={"name": ""})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_openapi_docs_are_served(client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/projects/{project_id}/search" in paths
