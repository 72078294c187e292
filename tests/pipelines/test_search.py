"""Search-only context vectors, score fusion and the two-index search (synthetic vectors, no model)."""

from typing import Any

import numpy as np
import pytest

from pipelines import search as search_module
from pipelines.embedding import normalise
from pipelines.search import ContextIndex, context_vectors, fuse


def _unit(*rows: list[float]) -> np.ndarray:
    return normalise(np.array(rows, dtype=np.float32))


def test_context_vectors_pool_neighbours_within_a_turn_only() -> None:
    vectors = _unit([1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0])
    groups = np.array([7, 7, 7, 9])
    ctx = context_vectors(vectors, groups, window=1)
    np.testing.assert_allclose(ctx[0], normalise(vectors[0:2].sum(0, keepdims=True))[0], atol=1e-6)
    np.testing.assert_allclose(ctx[1], normalise(vectors[0:3].sum(0, keepdims=True))[0], atol=1e-6)
    np.testing.assert_allclose(ctx[2], normalise(vectors[1:3].sum(0, keepdims=True))[0], atol=1e-6)
    np.testing.assert_allclose(ctx[3], vectors[3], atol=1e-6)  # alone in its turn: nothing leaks across turns
    whole = context_vectors(vectors, groups, window=None)
    np.testing.assert_allclose(whole[0], whole[2], atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(whole, axis=1), 1.0, atol=1e-6)


def test_context_vectors_window_zero_is_the_utterance_and_shapes_are_checked() -> None:
    vectors = _unit([1, 2], [3, 1], [0, 1])
    np.testing.assert_allclose(context_vectors(vectors, np.array([1, 1, 1]), window=0), vectors, atol=1e-6)
    with pytest.raises(ValueError):
        context_vectors(vectors, np.array([1, 1]))


def test_fuse_only_ever_helps_and_keeps_the_utterance_ahead_of_a_neighbour() -> None:
    own = np.array([0.30, 0.50, 0.20])
    context = np.array([0.70, 0.40, 0.70])
    fused = fuse(own, context, weight=0.5)
    assert np.all(fused >= own - 1e-7)
    assert fused[1] == pytest.approx(0.5)  # context below the utterance: unchanged
    assert fused[0] > fused[2]  # same context score: the better sentence of the two wins
    np.testing.assert_allclose(fuse(own, context, weight=0.0), own)


def _corpus() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(3)
    vectors = normalise(rng.normal(size=(200, 16)).astype(np.float32))
    groups = np.repeat(np.arange(50), 4)
    ids = np.arange(1000, 1200, dtype=np.int64)
    return ids, vectors, groups


@pytest.mark.parametrize("threshold", [10_000, 50])  # exact and IVF
def test_context_index_matches_brute_force_fused_scores(threshold: int) -> None:
    ids, vectors, groups = _corpus()
    index = ContextIndex.build(ids, vectors, groups, window=1, weight=0.5, exact_threshold=threshold)
    queries = normalise(vectors[[5, 77]] + 0.3 * vectors[[6, 78]])
    expected = fuse(queries @ vectors.T, queries @ context_vectors(vectors, groups, window=1).T, weight=0.5)
    for allowed in (None, ids[::3]):
        found = index.search(queries, 5, candidates=200, allowed_ids=allowed)
        columns = np.arange(len(ids)) if allowed is None else np.arange(0, len(ids), 3)
        for row, hits in zip(expected[:, columns], found, strict=True):
            best = np.argsort(-row)[:5]
            assert [h.id for h in hits] == [int(ids[columns][i]) for i in best]
            np.testing.assert_allclose([h.score for h in hits], row[best], atol=1e-5)


def test_context_finds_a_sentence_through_its_neighbour_and_respects_filters() -> None:
    topic, other, noise = _unit([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0])
    # Utterance 11 says little on its own ("other"), but sits between two sentences on the query's topic.
    vectors = np.vstack([normalise(topic[None] + 0.2 * noise[None])[0], other, topic, noise, noise])
    groups = np.array([1, 1, 1, 2, 2])
    ids = np.array([10, 11, 12, 20, 21], dtype=np.int64)
    plain = ContextIndex.build(ids, vectors, groups, weight=0.0)
    with_context = ContextIndex.build(ids, vectors, groups, window=1, weight=0.5)
    assert plain.contexts is None
    query = topic[None]
    rank_plain = [h.id for h in plain.search(query, 5)[0]].index(11)
    rank_context = [h.id for h in with_context.search(query, 5)[0]].index(11)
    assert rank_context < rank_plain
    allowed = with_context.search(query, 5, allowed_ids=np.array([11, 20]))[0]
    assert {h.id for h in allowed} == {11, 20}
    assert with_context.search(query, 5, allowed_ids=np.array([], dtype=np.int64))[0] == []


def test_search_attributes_combine_role_interview_and_id_filters() -> None:
    from pipelines.search import SearchAttributes

    ids = np.array([30, 10, 20, 40, 50])
    roles = np.array(["customer", "customer", "interviewer", "unknown", "customer"], dtype=object)
    interviews = np.array([2, 1, 1, 2, 3])
    attributes = SearchAttributes(ids, roles, interviews)
    assert attributes.allowed() is None

    def allowed(**filters: Any) -> list[int]:
        found = attributes.allowed(**filters)
        assert found is not None
        return list(found.tolist())

    assert allowed(roles={"customer"}) == [10, 30, 50]
    assert allowed(roles={"customer", "unknown"}, interviews=np.array([2])) == [30, 40]
    assert allowed(ids=np.array([50, 10, 99, 5, 10])) == [10, 50]  # unknown ids ignored
    assert allowed(roles={"customer"}, ids=np.array([20, 30])) == [30]
    assert allowed(interviews=np.array([], dtype=np.int64)) == []
    assert allowed(roles={"observer"}) == []


def test_role_filters_are_built_once_and_others_kept_per_set_of_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipelines.search import SearchAttributes

    monkeypatch.setattr(search_module, "FILTERS_KEPT", 2)

    roles = np.array(["customer", "unknown", "customer"])
    attributes = SearchAttributes(np.array([1, 2, 3]), roles, np.array([7, 7, 8]))
    assert attributes.id_filter() is None
    first = attributes.id_filter(roles={"customer"})
    assert first is not None and first.ids.tolist() == [1, 3]
    assert attributes.id_filter(roles={"customer"}) is first
    narrowed = attributes.id_filter(roles={"customer"}, interviews=np.array([8]))
    assert narrowed is not None and narrowed.ids.tolist() == [3] and narrowed is not first
    # The same interviews in another order or repeated: the same set, the filter kept (its bitmap made once).
    assert attributes.id_filter(roles={"customer"}, interviews=np.array([8, 8])) is narrowed
    assert attributes.id_filter(interviews=np.array([7])) is not narrowed  # no role: another filter
    assert attributes.id_filter(interviews=np.array([7, 8])).ids.tolist() == [1, 2, 3]  # type: ignore[union-attr]
    # Two kept: the oldest (narrowed) has gone, a new one is made with the same ids.
    again = attributes.id_filter(roles={"customer"}, interviews=np.array([8]))
    assert again is not None and again is not narrowed and again.ids.tolist() == [3]
    nothing = attributes.allowed(interviews=np.array([99]))
    assert nothing is not None and nothing.tolist() == []
