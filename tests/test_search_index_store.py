"""The project search index: built from stored embeddings in speaking order, with context vectors, cached on disk."""

import numpy as np
import pytest

from app.db import session_scope
from app.services.index import IndexStore, encode_embedding
from models import Interview, Project, Speaker, Turn, Utterance
from pipelines.embedding import normalise

pytestmark = pytest.mark.db


def _seed(runtime) -> tuple[int, dict[str, int]]:
    topic, other, noise = np.eye(4, dtype=np.float32)[:3]
    texts = {
        "topic-a": normalise((topic + 0.2 * noise)[None])[0],
        "between": other,
        "topic-b": topic,
        "far-1": noise,
        "far-2": normalise((noise + 0.1 * other)[None])[0],
    }
    with session_scope(runtime.session_factory) as session:
        project = Project(name="p", index_version=1)
        session.add(project)
        session.flush()
        interview = Interview(project_id=project.id, title="i")
        session.add(interview)
        session.flush()
        speaker = Speaker(interview_id=interview.id, label="ANA", role="customer")
        session.add(speaker)
        session.flush()
        turns = [Turn(interview_id=interview.id, speaker_id=speaker.id, position=p, text="t") for p in range(2)]
        session.add_all(turns)
        session.flush()
        ids = {}
        for position, (text, vector) in enumerate(texts.items()):
            turn = turns[0] if position < 3 else turns[1]
            row = Utterance(
                project_id=project.id,
                interview_id=interview.id,
                speaker_id=speaker.id,
                turn_id=turn.id,
                role="customer",
                verbatim_text=text,
                display_text=text,
                position=position,
                embedding=encode_embedding(vector),
            )
            session.add(row)
            session.flush()
            ids[text] = row.id
        return project.id, ids


def test_context_index_lifts_a_sentence_between_two_on_topic_and_survives_a_restart(runtime, tmp_path) -> None:
    project_id, ids = _seed(runtime)
    query = np.eye(4, dtype=np.float32)[:1]
    ranks = {}
    for weight in (0.0, 0.5):
        store = IndexStore(tmp_path / f"w{weight}", exact_threshold=100, context_window=1, context_weight=weight)
        with session_scope(runtime.session_factory) as session:
            index = store.get(session=session, project_id=project_id)
        assert index is not None and len(index) == 5
        assert (index.contexts is None) == (weight == 0)
        order = [hit.id for hit in index.search(query, 5)[0]]
        ranks[weight] = order.index(ids["between"])
        # A new store (a restarted process) loads the files written by the first instead of rebuilding.
        again = IndexStore(tmp_path / f"w{weight}", exact_threshold=100, context_window=1, context_weight=weight)
        with session_scope(runtime.session_factory) as session:
            reloaded = again.get(session=session, project_id=project_id)
        assert reloaded is not None and [hit.id for hit in reloaded.search(query, 5)[0]] == order
    assert ranks[0.5] < ranks[0.0]


def test_index_built_with_other_context_settings_or_a_missing_context_file_is_rebuilt(runtime, tmp_path) -> None:
    project_id, _ = _seed(runtime)
    store = IndexStore(tmp_path, exact_threshold=100, context_window=1, context_weight=0.5)
    with session_scope(runtime.session_factory) as session:
        store.get(session=session, project_id=project_id)
    assert store.path(project_id).exists() and store.context_path(project_id).exists()
    assert store._load(project_id, 1) is not None
    other = IndexStore(tmp_path, exact_threshold=100, context_window=2, context_weight=0.5)
    assert other._load(project_id, 1) is None
    store.context_path(project_id).unlink()
    assert store._load(project_id, 1) is None
    with session_scope(runtime.session_factory) as session:
        assert store.rebuild(session=session, project_id=project_id) == 5
    assert store.context_path(project_id).exists()
    store.drop(project_id)
    assert not store.path(project_id).exists() and not store.context_path(project_id).exists()
