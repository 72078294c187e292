"""The project search index: built from stored embeddings in speaking order, with context vectors, cached on disk."""

import numpy as np
import pytest

from app.db import session_scope
from app.services.index import IndexStore, encode_embedding
from models import Interview, Project, Speaker, Turn, Utterance
from pipelines.embedding import normalise
from tests.helpers import add_interview

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
        names = list(texts)
        turns = [names[:3], names[3:]]
        rows = add_interview(session, project_id=project.id, turns=turns, vectors=list(texts.values()))
        return project.id, {row.verbatim_text: row.id for row in rows}


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


def _add_interview(runtime, project_id: int, vectors: np.ndarray, roles: list[str]) -> dict:
    """Store one interview's utterances (two turns) and bump the index version, as ingest does; the change."""
    from app.services.projects import bump_index_version

    with session_scope(runtime.session_factory) as session:
        interview = Interview(project_id=project_id, title="more")
        session.add(interview)
        session.flush()
        speaker = Speaker(interview_id=interview.id, label="BO", role="customer")
        session.add(speaker)
        session.flush()
        turns = [Turn(interview_id=interview.id, speaker_id=speaker.id, position=p, text="t") for p in range(2)]
        session.add_all(turns)
        session.flush()
        rows = [
            Utterance(
                project_id=project_id,
                interview_id=interview.id,
                speaker_id=speaker.id,
                turn_id=turns[position % 2].id,
                role=role,
                verbatim_text=f"u{position}",
                display_text=f"u{position}",
                position=position,
                embedding=encode_embedding(vector),
            )
            for position, (vector, role) in enumerate(zip(vectors, roles, strict=True))
        ]
        session.add_all(rows)
        session.flush()
        version = bump_index_version(session=session, project_id=project_id)
        ordered = sorted(rows, key=lambda r: (r.turn_id, r.position))
        return {
            "project_id": project_id,
            "version": version,
            "removed": np.zeros(0, dtype=np.int64),
            "ids": np.array([r.id for r in ordered], dtype=np.int64),
            "turns": np.array([r.turn_id for r in ordered], dtype=np.int64),
            "vectors": np.vstack([np.frombuffer(r.embedding or b"", dtype=np.float32) for r in ordered]),
            "roles": np.array([r.role for r in ordered], dtype=object),
            "interviews": np.full(len(ordered), interview.id, dtype=np.int64),
        }


def test_an_interview_added_incrementally_searches_exactly_like_a_rebuilt_index(runtime, tmp_path) -> None:
    project_id, _ = _seed(runtime)
    store = IndexStore(tmp_path / "incremental", exact_threshold=100, context_window=1, context_weight=0.5)
    with session_scope(runtime.session_factory) as session:
        before = store.get(session=session, project_id=project_id)
        store.attributes(session=session, project_id=project_id)
    rng = np.random.default_rng(0)
    change = _add_interview(
        runtime, project_id, normalise(rng.normal(size=(6, 4))), ["customer", "interviewer", "customer"] * 2
    )
    assert store.apply(**change)
    with session_scope(runtime.session_factory) as session:
        incremental = store.get(session=session, project_id=project_id)  # no rebuild: already at this version
        attributes = store.attributes(session=session, project_id=project_id)
        rebuilt_store = IndexStore(tmp_path / "rebuilt", exact_threshold=100, context_window=1, context_weight=0.5)
        rebuilt = rebuilt_store.get(session=session, project_id=project_id)
        rebuilt_attributes = rebuilt_store.attributes(session=session, project_id=project_id)
    assert incremental is not None and rebuilt is not None and incremental is not before
    assert before is not None and len(before) == 5 and len(incremental) == len(rebuilt) == 11
    queries = normalise(rng.normal(size=(20, 4)))
    for got, want in zip(incremental.search(queries, 8), rebuilt.search(queries, 8), strict=True):
        assert [h.id for h in got] == [h.id for h in want]
        assert np.allclose([h.score for h in got], [h.score for h in want], atol=1e-6)
    assert attributes is not None and rebuilt_attributes is not None
    for role in ("customer", "interviewer"):
        applied, built = attributes.allowed(roles={role}), rebuilt_attributes.allowed(roles={role})
        assert applied is not None and built is not None and applied.tolist() == built.tolist() and len(applied)
    # The files on disk are the new version: a restarted process loads them instead of rebuilding.
    assert store._load(project_id, change["version"]) is not None
    # A store whose index is not at the version before the change leaves it to the next get() to rebuild.
    stale = IndexStore(tmp_path / "stale", exact_threshold=100, context_window=1, context_weight=0.5)
    assert not stale.apply(**{**change, "version": change["version"] + 1})
