"""The search API: filters answered from memory, hits read with a bounded number of queries, timings reported."""

import pytest
from sqlalchemy import event

from tests.helpers import TRANSCRIPT, assert_envelope, run_tasks, upload

QUERY = {"q": "putting the monthly numbers together by hand", "k": 50}


def _search(client, project_id: int, **params):
    response = client.get(f"/api/projects/{project_id}/search", params={**QUERY, **params})
    assert response.status_code == 200, response.text
    return response


@pytest.mark.slow  # ingests with the real models
def test_filters_timings_and_a_bounded_number_of_queries(client) -> None:
    project = client.post("/api/projects", json={"name": "Finance teams"}).json()["id"]
    dana = upload(client, project, "dana.txt", TRANSCRIPT.encode(), segment="smb").json()["interview"]["id"]
    other = TRANSCRIPT.replace("Dana", "Lee").replace("spreadsheets", "invoices")
    lee = upload(client, project, "lee.txt", other.encode(), segment="enterprise").json()["interview"]["id"]
    run_tasks(client)

    everything = _search(client, project)
    hits = everything.json()["hits"]
    assert {h["interview_id"] for h in hits} == {dana, lee} and len(hits) >= 6
    stages = dict(part.split(";dur=") for part in everything.headers["Server-Timing"].split(", "))
    assert {"embed", "filter", "index", "db", "json"} <= set(stages) and all(float(v) >= 0 for v in stages.values())

    assert {h["interview_id"] for h in _search(client, project, interview_id=lee).json()["hits"]} == {lee}
    assert {h["interview_id"] for h in _search(client, project, segment="smb").json()["hits"]} == {dana}
    assert _search(client, project, role="interviewer").json()["hits"] == []  # interviewers are not utterances
    assert len(_search(client, project, role="customer").json()["hits"]) == len(hits)
    assert _search(client, project, segment="smb", interview_id=lee).json()["hits"] == []

    # Segments are edited on the interview: the next search sees the change (no stale cache).
    assert client.patch(f"/api/interviews/{lee}", json={"segment": "smb"}).status_code == 200
    assert {h["interview_id"] for h in _search(client, project, segment="smb").json()["hits"]} == {dana, lee}

    # Every hit's speaker, interview and context comes from a fixed number of statements, whatever k is.
    statements: list[str] = []
    engine = client.app.state.runtime.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        for k in (1, 50):
            statements.clear()
            found = _search(client, project, k=k, role="customer").json()["hits"]
            assert len(found) == min(k, len(hits)) and all(h["speaker"] in {"Dana", "Lee"} for h in found)
            assert len(statements) <= 6, statements
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    first = next(h for h in hits if h["text"].startswith("Every month"))
    assert first["context_before"].startswith("Interviewer: Thanks for joining")
    assert first["context_after"].startswith("It takes me two full days")


def test_search_of_a_missing_project_or_empty_query_is_a_clear_error(client) -> None:
    assert_envelope(client.get("/api/projects/999/search", params={"q": "x"}), 404, "not_found")
    project = client.post("/api/projects", json={"name": "Empty"}).json()["id"]
    assert_envelope(client.get(f"/api/projects/{project}/search", params={"q": "   "}), 422, "empty_query")
    assert client.get(f"/api/projects/{project}/search", params={"q": "x", "role": "customer"}).json()["hits"] == []
