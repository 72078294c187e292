"""Search-only vectors from a second model: adopted at a fresh project's first ingest, switched by the reembed task."""

import zlib

import numpy as np
import pytest
from sqlalchemy import select

import app.runtime as runtime_module
from app.db import session_scope
from app.services import search as search_service
from app.services import search_vectors
from app.services import tasks as task_service
from app.services.index import decode_embedding
from app.worker import Worker
from models import Interview, Project, Task, Utterance
from pipelines.embedding import normalise
from tests.helpers import add_interview

pytestmark = pytest.mark.db


class FakeEmbedder:
    """A stable random unit vector per text; the model name picks the dimension and the seed."""

    def __init__(self, model: str):
        self.model = model
        self.dimension = 6 if model == "fake-search" else 8
        self.calls = 0

    def embed(self, texts, progress=None):
        self.calls += 1
        salt = zlib.crc32(self.model.encode())
        rows = [np.random.default_rng(zlib.crc32(t.encode()) ^ salt).normal(size=self.dimension) for t in texts]
        if progress:
            progress(1.0)
        return normalise(np.array(rows, dtype=np.float32))


@pytest.fixture
def fakes(monkeypatch):
    made: dict[str, FakeEmbedder] = {}

    def load(model: str, cache_dir: str | None = None) -> FakeEmbedder:
        return made.setdefault(model, FakeEmbedder(model))

    monkeypatch.setattr(runtime_module, "load_embedder", load)
    return made


def _seed(runtime, *, search_vectors_of: str | None = None) -> tuple[int, int]:
    shared = runtime.embedder
    with session_scope(runtime.session_factory) as session:
        project = Project(name="p", index_version=1)
        session.add(project)
        session.flush()
        texts = [f"sentence number {i}" for i in range(300)]
        utterances = add_interview(session, project_id=project.id, turns=[texts], vectors=shared.embed(texts))
        return project.id, utterances[0].interview_id


def _reembed(runtime, project_id: int) -> Task:
    with session_scope(runtime.session_factory) as session:
        task_id = task_service.create(session=session, kind="reembed", project_id=project_id).id
    Worker(runtime).run_until_idle(timeout=60)
    with session_scope(runtime.session_factory) as session:
        task = task_service.get(session=session, task_id=task_id)
        session.expunge(task)
    return task


def test_reembed_switches_a_project_to_search_vectors_and_back_keeping_the_shared_ones(runtime, fakes) -> None:
    project_id, _ = _seed(runtime)
    with session_scope(runtime.session_factory) as session:
        before = dict(session.execute(select(Utterance.id, Utterance.embedding)).all())

    runtime.settings.search_model = "fake-search"
    task = _reembed(runtime, project_id)
    assert task.status == "done" and task.progress == 1.0, task.error
    with session_scope(runtime.session_factory) as session:
        assert session.get_one(Project, project_id).search_model == "fake-search"
        rows = session.execute(select(Utterance.id, Utterance.embedding, Utterance.search_embedding)).all()
        assert all(decode_embedding(r[2]).shape == (6,) for r in rows)
        assert {r[0]: r[1] for r in rows} == before  # the shared vectors (clustering, classifiers) are untouched
        index = runtime.index_store.get(session=session, project_id=project_id)
        assert index.dimension == 6 and index.model == "fake-search" and len(index) == 300
        calls = fakes["fake-search"].calls
        hits = search_service.search(session=session, runtime=runtime, project_id=project_id, query="sentence 7")
        assert fakes["fake-search"].calls == calls + 1 and len(hits.hits) == 10  # the query used the search model

    runtime.settings.search_model = ""
    task = _reembed(runtime, project_id)
    assert task.status == "done", task.error
    with session_scope(runtime.session_factory) as session:
        assert session.get_one(Project, project_id).search_model is None
        assert session.scalars(select(Utterance.search_embedding)).all() == [None] * 300
        index = runtime.index_store.get(session=session, project_id=project_id)
        assert index.dimension == 8 and index.model is None


def test_reembed_redoes_the_shared_vectors_only_when_the_embedding_model_changed(runtime, fakes) -> None:
    project_id, _ = _seed(runtime)
    runtime.settings.embedding_model = "another-model"  # stored vectors came from the default model
    task = _reembed(runtime, project_id)
    assert task.status == "done", task.error
    with session_scope(runtime.session_factory) as session:
        text, blob = session.execute(select(Utterance.display_text, Utterance.embedding).limit(1)).one()
        np.testing.assert_allclose(decode_embedding(blob), fakes["another-model"].embed([text])[0], atol=1e-6)


def test_a_fresh_project_adopts_the_search_model_at_ingest_an_existing_one_waits_for_reembed(runtime, fakes) -> None:
    project_id, interview_id = _seed(runtime)
    runtime.settings.search_model = "fake-search"
    with session_scope(runtime.session_factory) as session:
        assert search_vectors.embed_interview(session=session, runtime=runtime, interview_id=interview_id) == 300
        assert session.get_one(Project, project_id).search_model == "fake-search"
    with session_scope(runtime.session_factory) as session:  # a second interview in the same project
        (new,) = add_interview(session, project_id=project_id, turns=[["new one"]], title="j")
        assert search_vectors.embed_interview(session=session, runtime=runtime, interview_id=new.interview_id) == 1
    runtime.settings.search_model = ""
    with session_scope(runtime.session_factory) as session:  # a project that never had one does not adopt it late
        project = Project(name="q", index_version=1)
        session.add(project)
        session.flush()
        other_id = project.id
    runtime.settings.search_model = "fake-search"
    other_project, other_interview = _seed(runtime)
    with session_scope(runtime.session_factory) as session:
        interview = Interview(project_id=other_project, title="late")
        session.add(interview)
        session.flush()
        assert search_vectors.embed_interview(session=session, runtime=runtime, interview_id=interview.id) == 0
        assert session.get_one(Project, other_project).search_model is None
        assert session.get_one(Project, other_id).search_model is None
