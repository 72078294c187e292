"""Tests for the FAISS vector index: exact and IVF kinds, filters, updates and crash-safe persistence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from pipelines.index import VectorIndex

DIM = 32
Data = tuple[np.ndarray, np.ndarray]


def _vectors(n: int, seed: int = 0, centres: int = 40) -> np.ndarray:
    """Clustered unit vectors (as real embeddings are), so IVF lists are meaningful."""
    rng = np.random.default_rng(seed)
    centre = rng.normal(size=(centres, DIM))
    x = centre[rng.integers(0, centres, n)] + 0.6 * rng.normal(size=(n, DIM))
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _exact_top(x: np.ndarray, ids: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    scores = queries @ x.T
    return ids[np.argsort(-scores, axis=1)[:, :k]]


@pytest.fixture(scope="module")
def data() -> Data:
    x = _vectors(4000)
    ids = np.arange(4000, dtype=np.int64) * 3 + 11  # ids unrelated to row numbers
    return ids, x


@pytest.fixture(scope="module")
def ivf(data: Data) -> VectorIndex:
    ids, x = data
    return VectorIndex.build(ids, x, exact_threshold=1000, seed=0)


def test_exact_top1_is_self(data: Data) -> None:
    ids, x = data
    index = VectorIndex.build(ids[:500], x[:500])
    assert index.kind == "exact" and len(index) == 500 and index.nprobe is None
    hits = index.search(x[:500], 3)
    assert [h[0].id for h in hits] == ids[:500].tolist()
    assert all(h[0].score == pytest.approx(1.0, abs=1e-5) for h in hits)
    assert all(h[0].score >= h[1].score >= h[2].score for h in hits)


def test_ivf_recall_against_exact(data: Data, ivf: VectorIndex) -> None:
    ids, x = data
    assert ivf.kind == "ivf" and len(ivf) == len(ids)
    queries = _vectors(200, seed=7)
    truth = _exact_top(x, ids, queries, 10)
    found = ivf.search(queries, 10)
    recall = np.mean([len({h.id for h in hits} & set(t.tolist())) / 10 for hits, t in zip(found, truth, strict=True)])
    assert recall >= 0.95


def test_single_query_vector_and_k_larger_than_index(data: Data) -> None:
    ids, x = data
    index = VectorIndex.build(ids[:5], x[:5])
    hits = index.search(x[0], 50)
    assert len(hits) == 1 and len(hits[0]) == 5 and hits[0][0].id == ids[0]
    empty = VectorIndex.build(np.zeros(0, dtype=np.int64), np.zeros((0, DIM), dtype=np.float32))
    assert len(empty) == 0 and empty.search(x[:2], 5) == [[], []]


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_allowed_ids_filter_is_exact(data: Data, ivf: VectorIndex, kind: str) -> None:
    ids, x = data
    index = ivf if kind == "ivf" else VectorIndex.build(ids, x)
    assert index.kind == kind
    rng = np.random.default_rng(3)
    queries = _vectors(20, seed=9)
    for size in (1, 7, 60, 400):  # tiny to 10% of the index
        allowed = rng.choice(ids, size, replace=False)
        rows = np.searchsorted(ids, np.sort(allowed))
        truth = _exact_top(x[rows], ids[rows], queries, min(10, size))
        found = index.search(queries, 10, allowed_ids=allowed)
        for hits, t in zip(found, truth, strict=True):
            assert {h.id for h in hits} <= set(allowed.tolist())
            if kind == "exact" or size <= 60:
                assert [h.id for h in hits] == t.tolist()
    assert index.search(queries[:2], 5, allowed_ids=np.array([], dtype=np.int64)) == [[], []]
    assert index.search(queries[:1], 5, allowed_ids=np.array([-5, 10**12]))[0] == []  # unknown ids


@pytest.mark.parametrize("threshold", [10_000, 1000])
def test_add_and_remove(data: Data, threshold: int) -> None:
    ids, x = data
    index = VectorIndex.build(ids[:3000], x[:3000], exact_threshold=threshold)
    index.add(ids[3000:], x[3000:])
    assert len(index) == 4000
    assert index.search(x[3500], 1)[0][0].id == ids[3500]

    removed = index.remove(np.array([ids[3500], ids[10], 999_999_999]))
    assert removed == 2 and len(index) == 3998
    assert ids[3500] not in {h.id for h in index.search(x[3500], 10)[0]}
    assert index.remove(np.array([ids[3500]])) == 0

    # Adding an existing id replaces its vector instead of duplicating it.
    index.add(np.array([ids[20]]), x[3500:3501])
    assert len(index) == 3998
    top = index.search(x[3500], 2)[0]
    assert top[0].id == ids[20] and top[0].score == pytest.approx(1.0, abs=1e-5)
    (old,) = index.search(x[20], 1, allowed_ids=np.array([ids[20]]))[0]
    assert old.score < 0.999  # the old vector is gone


def test_exact_index_upgrades_to_ivf_when_it_outgrows_threshold(data: Data) -> None:
    ids, x = data
    index = VectorIndex.build(ids[:900], x[:900], exact_threshold=1000)
    assert index.kind == "exact"
    index.add(ids[900:1200], x[900:1200])
    assert index.kind == "ivf" and len(index) == 1200
    assert index.search(x[1100], 1)[0][0].id == ids[1100]


def test_rejects_bad_input(data: Data) -> None:
    ids, x = data
    with pytest.raises(ValueError):
        VectorIndex.build(ids[:5], x[:4])
    with pytest.raises(ValueError):
        VectorIndex.build(np.array([1, 1]), x[:2])
    index = VectorIndex.build(ids[:5], x[:5])
    with pytest.raises(ValueError):
        index.search(np.zeros((1, DIM + 1), dtype=np.float32), 3)
    with pytest.raises(ValueError):
        index.save(Path("unused.faiss"), meta={"_index": 1})


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_save_load_roundtrip(tmp_path: Path, data: Data, ivf: VectorIndex, kind: str) -> None:
    ids, x = data
    index = ivf if kind == "ivf" else VectorIndex.build(ids, x)
    path = tmp_path / "sub" / "vectors.faiss"
    index.save(path, meta={"version": 7, "model": "all-MiniLM-L6-v2"})
    loaded = VectorIndex.load(path)
    assert loaded is not None
    again, meta = loaded
    assert meta == {"version": 7, "model": "all-MiniLM-L6-v2"}
    assert again.kind == kind and len(again) == len(index) and again.nprobe == index.nprobe
    queries = x[:50]
    assert again.search(queries, 5) == index.search(queries, 5)
    assert sorted(p.name for p in path.parent.iterdir()) == ["vectors.faiss", "vectors.faiss.meta.json"]


def test_save_overwrites_atomically_without_temp_files(tmp_path: Path, data: Data) -> None:
    ids, x = data
    path = tmp_path / "vectors.faiss"
    VectorIndex.build(ids[:10], x[:10]).save(path, meta={"version": 1})
    VectorIndex.build(ids[:20], x[:20]).save(path, meta={"version": 2})
    loaded = VectorIndex.load(path)
    assert loaded is not None and len(loaded[0]) == 20 and loaded[1] == {"version": 2}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_load_missing_or_corrupt_returns_none(tmp_path: Path, data: Data) -> None:
    ids, x = data
    path = tmp_path / "vectors.faiss"
    assert VectorIndex.load(path) is None
    VectorIndex.build(ids[:100], x[:100]).save(path, meta={"version": 1})
    sidecar = path.with_name("vectors.faiss.meta.json")
    good_index, good_meta = path.read_bytes(), sidecar.read_text()

    path.write_bytes(good_index[: len(good_index) // 2])  # truncated by a crash
    assert VectorIndex.load(path) is None

    path.write_bytes(b"\x00garbage" * (len(good_index) // 8) + b"\x00" * (len(good_index) % 8))  # same size
    assert VectorIndex.load(path) is None

    path.write_bytes(good_index)
    sidecar.write_text("{not json")
    assert VectorIndex.load(path) is None
    sidecar.unlink()
    assert VectorIndex.load(path) is None

    # An index and a sidecar from different saves (a crash between the two replaces) are not trusted.
    stale = json.loads(good_meta)
    stale["_index"]["count"] = 99
    sidecar.write_text(json.dumps(stale))
    assert VectorIndex.load(path) is None

    sidecar.write_text(good_meta)
    assert VectorIndex.load(path) is not None


@pytest.mark.parametrize("kind", ["exact", "ivf"])
def test_dense_filters_use_a_bitmap_and_find_what_a_hash_set_finds(data: Data, ivf: VectorIndex, kind: str) -> None:
    import faiss

    from pipelines.index import _id_selector

    ids, x = data
    index = ivf if kind == "ivf" else VectorIndex.build(ids, x)
    queries = _vectors(20, seed=11)
    allowed = ids[::2]  # half the index, ids up to ~12k: a bitmap of 1.5 kB
    sparse = np.append(allowed, 10**15)  # one far id makes a bitmap too big: a hash set
    assert type(_id_selector(faiss, allowed)).__name__ == "IDSelectorBitmap"
    assert type(_id_selector(faiss, sparse)).__name__ == "IDSelectorBatch"
    found = index.search(queries, 10, allowed_ids=allowed)
    assert found == index.search(queries, 10, allowed_ids=sparse)
    assert all({h.id for h in hits} <= set(allowed.tolist()) and len(hits) == 10 for hits in found)


def test_small_filters_on_ivf_are_scored_row_by_row_and_match_the_selector_path(data: Data, monkeypatch) -> None:
    import pipelines.index

    ids, x = data
    index = VectorIndex.build(ids, x, exact_threshold=1000, seed=0)
    index.enable_vectors()
    queries = _vectors(10, seed=13)
    allowed = ids[5:400:7]  # 57 ids: well under the rows one unfiltered query scans
    rows = np.searchsorted(ids, allowed)
    truth = _exact_top(x[rows], allowed, queries, 10)
    assert index._few_enough_to_score(len(allowed))
    scored = index.search(queries, 10, allowed_ids=allowed)
    assert [[h.id for h in hits] for hits in scored] == truth.tolist()
    monkeypatch.setattr(pipelines.index, "_SCORE_ROWS_FRACTION", 10**9)  # force the selector path
    assert not index._few_enough_to_score(len(allowed))
    assert [[h.id for h in hits] for hits in index.search(queries, 10, allowed_ids=allowed)] == truth.tolist()
    monkeypatch.undo()
    # An allowed id the index does not hold: the selector path answers (no error, only indexed ids).
    with_unknown = np.append(allowed, 999_999)
    assert [[h.id for h in hits] for hits in index.search(queries, 10, allowed_ids=with_unknown)] == truth.tolist()


def test_probes_follow_the_lists_and_a_loaded_index_takes_the_rule_not_its_saved_count(tmp_path: Path) -> None:
    # nprobe = nlist/128, at least 16 (1M: 31 of 4000 lists); the rule, not the count FAISS saved in the file, holds
    # when it loads, so an index built under another rule needs no rebuild.
    from pipelines import index as index_module

    x = _vectors(20_000, seed=4)
    ids = np.arange(len(x), dtype=np.int64)
    index = VectorIndex.build(ids, x, exact_threshold=1000, seed=0)
    nlist = index_module._nlist_for(len(x))
    assert index.kind == "ivf" and index.nprobe == min(nlist, max(16, round(nlist / 128)))
    assert index_module._nprobe_for(4000) == 31 and index_module._nprobe_for(500) == 16
    path = tmp_path / "vectors.faiss"
    index.nprobe = 99  # FAISS writes the probe count into the file; the rule wins at load
    index.save(path, meta={})
    loaded = VectorIndex.load(path)
    assert loaded is not None and loaded[0].nprobe == index_module._nprobe_for(nlist)
