"""`verbatim serve` warms the models and each project's search index in the background as it starts."""

import pytest

pytestmark = [pytest.mark.db, pytest.mark.slow]


def test_serving_app_warms_the_embedder_and_the_indexes_and_says_so(settings) -> None:
    from fastapi.testclient import TestClient

    from app.db import session_scope
    from app.main import create_app
    from app.services.interviews import store_transcript
    from app.services.projects import bump_index_version
    from models import Interview, Project
    from pipelines import types as pt

    plain_app = create_app(settings, start_worker=False)
    with TestClient(plain_app) as plain:
        assert plain.get("/healthz").json()["models"] == "off"  # tests and `--no-warm`: nothing loads at start
        runtime = plain_app.state.runtime
        with session_scope(runtime.session_factory) as session:
            project = Project(name="warm")
            session.add(project)
            session.flush()
            interview = Interview(project_id=project.id, title="i", source_kind="transcript")
            session.add(interview)
            session.flush()
            turns = (pt.Turn("ANA", "We moved our releases to a private mirror because the index kept timing out."),)
            stored = store_transcript(
                session=session,
                interview=interview,
                transcript=pt.Transcript(turns=turns, source_format="verbatim"),
                roles={"ANA": "customer"},
            )
            from app.services.interviews import derive_utterances

            derive_utterances(session=session, runtime=runtime, interview_id=interview.id, stored=stored)
            bump_index_version(session=session, project_id=project.id)  # the index on disk (if any) is stale now
            project_id = project.id

    app = create_app(settings, start_worker=False, warm=True)
    with TestClient(app) as client:
        warmup = app.state.warmup
        assert warmup.wait(timeout=600) and warmup.state == "ready", warmup.state
        assert client.get("/healthz").json()["models"] == "ready"
        store = app.state.runtime.index_store
        cached = store._cache.get(project_id)
        assert cached is not None and cached[1] is not None and len(cached[1]) == 1  # built during the warm-up
        assert project_id in store._attributes
        hits = client.get(f"/api/projects/{project_id}/search", params={"q": "private mirror"}).json()["hits"]
        assert hits and "mirror" in hits[0]["text"]
