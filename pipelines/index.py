"""FAISS vector index over L2-normalised float32 rows (inner product = cosine): exact, or IVF when large."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.embedding import normalise
from pipelines.types import SearchResult

DEFAULT_EXACT_THRESHOLD = 50_000
# IVF-Flat was chosen by measurement (tests/benchmarks/ingest_search.py, 2 shared cores): at 1M real-derived
# 384-d vectors, nprobe 62 of 4000 lists gave recall@10 0.998 at 3.2 ms p50 / 4.3 ms p99 per single query and
# built in 130 s. HNSW32 matched the latency but built 2.6x slower (106 s vs 40 s at 200k) and cannot remove
# ids in place, which the index needs when interviews are deleted.
_LISTS_PER_SQRT_N = 4  # nlist = 4 * sqrt(n)
_MIN_POINTS_PER_LIST = 39  # faiss's k-means wants >= 39 training points per centroid
_TRAIN_POINTS_PER_LIST = 40
_KMEANS_ITERATIONS = 10  # faiss's default is 25; 10 already gave the recall above and keeps training short
# nprobe = nlist/128 (at least 16): at 1M (tests/benchmarks/ingest_search.py), 16 probes gave recall@10 0.991, 32:
# 0.997, 64: 0.998, 128: 0.999; on search_latency.py's 1M project, fused with the context index, 31 probes gave the
# same top 10 as 62 for 1,197 of 1,200 queries, for half the lists read (README "Measured", issue 16).
# The rule is applied when an index is loaded too, so changing it needs no rebuild.
_PROBE_FRACTION = 1 / 128
_MIN_NPROBE = 16
_FORMAT = 1
_RESERVED_META_KEY = "_index"

_SMALL_BATCH = 16  # queries; below this a search runs on one thread (see _faiss)
# A filter's ids become a bitmap (one bit per id up to the largest) when that costs at most 8 bytes per allowed id,
# else a hash set: at 1M rows with 900k allowed, a search with the hash set cost 0.8 s of CPU, with the bitmap 4 ms.
_BITMAP_BITS_PER_ID = 64
# Filters of at most (rows an unfiltered query scans) / this many ids are scored row by row (see _few_enough_to_score).
_SCORE_ROWS_FRACTION = 4
_threads = 0  # threads for builds and large batches; 0 until _faiss() first runs


def _faiss(threads: int | None = None, *, queries: int | None = None) -> Any:
    """Import faiss lazily, apply its settings and set the calling thread's OpenMP thread count."""
    global _threads
    import faiss

    if not _threads or threads is not None:
        # faiss's own BLAS threshold is left alone: faiss >= 1.15 compares it with queries x dimension (128000), and
        # the 20 once set here sent every single query through BLAS, 8x the CPU of the direct scan (2.5 vs 0.3 ms
        # at 10k x 384; see README "Measured", search latency).
        if threads is None:
            affinity = getattr(os, "sched_getaffinity", None)
            threads = len(affinity(0)) if affinity else os.cpu_count() or 1
        _threads = max(1, threads)
    # The OpenMP thread count is per calling thread, so it is set on every call (server threads start with the
    # default). A single query gains nothing from threads but, on a busy machine, waits for a second one to be
    # scheduled: measured 10x slower p50 (0.6 ms -> 7 ms at 100k vectors on 2 shared cores).
    faiss.omp_set_num_threads(1 if queries is not None and queries < _SMALL_BATCH else _threads)
    return faiss


def _lib() -> Any:
    """The faiss module, leaving the thread settings alone."""
    import faiss

    return faiss


def _as_ids(ids: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.asarray(ids, dtype=np.int64).reshape(-1))


def _as_vectors(vectors: np.ndarray, dimension: int | None = None) -> np.ndarray:
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 1:
        array = array.reshape(1, -1)
    if array.ndim != 2 or (dimension is not None and array.shape[1] != dimension):
        raise ValueError(f"expected vectors of shape (n, {dimension or 'd'}), got {array.shape}")
    return normalise(array)


def _id_selector(faiss: Any, allowed: np.ndarray) -> Any:
    """A FAISS selector of these ids (unique, ascending): a bitmap when they are dense enough, else a hash set."""
    top = int(allowed[-1]) if len(allowed) else -1
    if len(allowed) and allowed[0] >= 0 and top < _BITMAP_BITS_PER_ID * len(allowed) + 65_536:
        bits = np.zeros(top + 1, dtype=bool)
        bits[allowed] = True
        packed = np.packbits(bits, bitorder="little")  # bit i % 8 of byte i // 8, as faiss reads it
        selector = faiss.IDSelectorBitmap(len(packed), faiss.swig_ptr(packed))
        selector.referenced_objects = [packed]  # faiss reads the array during the search: keep it alive
        return selector
    return faiss.IDSelectorBatch(allowed)


class IdFilter:
    """Allowed ids prepared once for FAISS (a bitmap or a hash set), for several indexes or searches to share."""

    def __init__(self, ids: np.ndarray):
        ids = _as_ids(ids)
        # Filters usually arrive sorted and unique (SearchAttributes.allowed): checking is far cheaper than np.unique.
        self.ids = ids if len(ids) < 2 or bool(np.all(ids[1:] > ids[:-1])) else np.unique(ids)
        self._selector: Any = None

    def __len__(self) -> int:
        return len(self.ids)

    def selector(self) -> Any:
        if self._selector is None:
            self._selector = _id_selector(_lib(), self.ids)
        return self._selector


def _nlist_for(n: int) -> int:
    return max(1, min(int(_LISTS_PER_SQRT_N * math.sqrt(n)), n // _MIN_POINTS_PER_LIST))


def _nprobe_for(nlist: int) -> int:
    return min(nlist, max(_MIN_NPROBE, round(nlist * _PROBE_FRACTION)))


def _fsync_path(path: str | Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return  # some filesystems refuse to open directories; durability is best effort there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _temp_path(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(name)


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".meta.json")


class VectorIndex:
    """Cosine nearest-neighbour index: exact `IndexIDMap2(IndexFlatIP)` below a threshold, IVF-Flat above."""

    # Concurrent searches are safe; add/remove/save must not run alongside them (the caller holds a lock).

    def __init__(self, index: Any, *, kind: str, dimension: int, exact_threshold: int, seed: int = 0):
        self._index = index
        self._kind = kind
        self.dimension = dimension
        self.exact_threshold = exact_threshold
        self.seed = seed

    # --- construction ---

    @classmethod
    def build(
        cls,
        ids: np.ndarray,
        vectors: np.ndarray,
        *,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
        seed: int = 0,
        threads: int | None = None,
    ) -> VectorIndex:
        """Build an index of the rows (ids int64, vectors float32 n x d): exact below exact_threshold rows."""
        faiss = _faiss(threads)
        ids = _as_ids(ids)
        vectors = _as_vectors(vectors)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if len(np.unique(ids)) != len(ids):
            raise ValueError("ids must be unique")
        dimension = int(vectors.shape[1])
        # Below ~39 rows k-means has nothing to learn from, so such an index is exact whatever the threshold.
        if len(ids) < max(exact_threshold, _MIN_POINTS_PER_LIST):
            index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
            if len(ids):
                index.add_with_ids(vectors, ids)
            return cls(index, kind="exact", dimension=dimension, exact_threshold=exact_threshold, seed=seed)
        index = cls._build_ivf(faiss, ids, vectors, seed=seed)
        return cls(index, kind="ivf", dimension=dimension, exact_threshold=exact_threshold, seed=seed)

    @staticmethod
    def _build_ivf(faiss: Any, ids: np.ndarray, vectors: np.ndarray, *, seed: int) -> Any:
        n, dimension = vectors.shape
        nlist = _nlist_for(n)
        index = faiss.index_factory(dimension, f"IVF{nlist},Flat", faiss.METRIC_INNER_PRODUCT)
        ivf = faiss.extract_index_ivf(index)
        ivf.cp.niter = _KMEANS_ITERATIONS
        ivf.cp.seed = seed
        # k-means on a sample: 40 points per list give centroids as good as all n do, far faster.
        rng = np.random.default_rng(seed)
        sample_size = min(n, _TRAIN_POINTS_PER_LIST * nlist)
        sample = vectors if sample_size == n else vectors[np.sort(rng.choice(n, sample_size, replace=False))]
        index.train(np.ascontiguousarray(sample))
        index.add_with_ids(vectors, ids)
        ivf.nprobe = _nprobe_for(nlist)
        return index

    # --- properties ---

    @property
    def kind(self) -> str:
        """Index type: "exact" (brute force) or "ivf" (IVF-Flat, approximate)."""
        return self._kind

    @property
    def nprobe(self) -> int | None:
        """Inverted lists visited per query (None for the exact index)."""
        if self._kind != "ivf":
            return None
        return int(_lib().extract_index_ivf(self._index).nprobe)

    @nprobe.setter
    def nprobe(self, value: int) -> None:
        if self._kind != "ivf":
            raise ValueError("nprobe applies to the IVF index only")
        ivf = _lib().extract_index_ivf(self._index)
        ivf.nprobe = max(1, min(int(value), int(ivf.nlist)))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    # --- search ---

    def search(
        self, queries: np.ndarray, k: int, *, allowed_ids: np.ndarray | IdFilter | None = None
    ) -> list[list[SearchResult]]:
        """Return the k best hits per query row, best first; allowed_ids restricts hits to those ids."""
        return [
            [SearchResult(id=int(i), score=float(s)) for i, s in zip(ids, scores, strict=True)]
            for ids, scores in self._top(queries, k, allowed_ids)
        ]

    def top_ids(
        self, queries: np.ndarray, k: int, *, allowed_ids: np.ndarray | IdFilter | None = None
    ) -> list[np.ndarray]:
        """The ids of search()'s hits per query row, best first, without an object per hit (for callers that score
        the candidates themselves: ContextIndex)."""
        return [ids for ids, _ in self._top(queries, k, allowed_ids)]

    def _top(
        self, queries: np.ndarray, k: int, allowed_ids: np.ndarray | IdFilter | None
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per query row: (ids, scores) of the k best hits, best first."""
        queries = _as_vectors(queries, self.dimension)
        faiss = _faiss(queries=len(queries))
        nothing = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)) for _ in range(len(queries))]
        if k <= 0 or len(self) == 0 or len(queries) == 0:
            return nothing
        k = min(k, len(self))
        params = None
        if allowed_ids is not None:
            allowed = allowed_ids if isinstance(allowed_ids, IdFilter) else IdFilter(allowed_ids)
            if len(allowed) == 0:
                return nothing
            if self._few_enough_to_score(len(allowed)):
                found_rows = self._score_rows(queries, k, allowed.ids)
                if found_rows is not None:
                    return found_rows
            selector = allowed.selector()
            if self._kind == "ivf":
                params = faiss.SearchParametersIVF(sel=selector, nprobe=self._filtered_nprobe(len(allowed)))
            else:
                params = faiss.SearchParameters(sel=selector)
        scores, found = self._index.search(queries, k, params=params)
        return [(ids[ids >= 0], row[ids >= 0]) for ids, row in zip(found, scores, strict=True)]

    def _few_enough_to_score(self, allowed: int) -> bool:
        # A filtered IVF search walks every id of the probed lists, and a small filter probes them all (1M ids for
        # one interview of 270 utterances); scoring the allowed rows themselves is then far cheaper. Only where the
        # id -> row map already exists: building it must not happen during concurrent searches.
        if self._kind != "ivf" or _lib().extract_index_ivf(self._index).direct_map.type != _lib().DirectMap.Hashtable:
            return False
        ivf = _lib().extract_index_ivf(self._index)
        return bool(allowed <= len(self) * ivf.nprobe / ivf.nlist / _SCORE_ROWS_FRACTION)

    def _score_rows(self, queries: np.ndarray, k: int, ids: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]] | None:
        """Exact top k among these ids, scored from their stored rows, as _top() gives them; None when some id is not
        in the index."""
        try:
            rows = self.vectors(ids)
        except RuntimeError:  # an allowed id without a vector here: the selector path handles it
            return None
        scores = queries @ rows.T
        out = []
        for row in scores:
            best = np.argsort(-row, kind="stable")[:k]
            out.append((ids[best], row[best]))
        return out

    def _filtered_nprobe(self, allowed: int) -> int:
        # Only allowed rows cost a distance, so probing nprobe/fraction lists costs about what an unfiltered
        # search does; small allowed sets thus probe every list, which makes the filtered search exact.
        ivf = _lib().extract_index_ivf(self._index)
        fraction = min(1.0, allowed / max(1, len(self)))
        return int(min(ivf.nlist, math.ceil(ivf.nprobe / fraction)))

    def enable_vectors(self) -> None:
        """Make vectors() work on an IVF index (an id -> slot hashtable); call before searches run concurrently."""
        if self._kind == "ivf":
            faiss = _lib()
            ivf = faiss.extract_index_ivf(self._index)
            if ivf.direct_map.type != faiss.DirectMap.Hashtable:
                ivf.set_direct_map_type(faiss.DirectMap.Hashtable)

    def vectors(self, ids: np.ndarray) -> np.ndarray:
        """The stored (normalised) rows of these ids, in order; every id must be in the index."""
        ids = _as_ids(ids)
        self.enable_vectors()  # a no-op once enabled
        return np.asarray(self._index.reconstruct_batch(ids), dtype=np.float32).reshape(len(ids), self.dimension)

    # --- updates ---

    def copy(self) -> VectorIndex:
        """An independent copy (to change while searches go on in the original, then swap in)."""
        clone = _lib().clone_index(self._index)
        return VectorIndex(
            clone, kind=self._kind, dimension=self.dimension, exact_threshold=self.exact_threshold, seed=self.seed
        )

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add rows, replacing ids already present; an exact index that outgrows its threshold becomes IVF."""
        ids = _as_ids(ids)
        vectors = _as_vectors(vectors, self.dimension)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if len(ids) == 0:
            return
        if len(np.unique(ids)) != len(ids):
            raise ValueError("ids must be unique")
        self.remove(ids)
        self._index.add_with_ids(vectors, ids)
        if self._kind == "exact" and len(self) >= self.exact_threshold:
            self._upgrade_to_ivf()

    def remove(self, ids: np.ndarray) -> int:
        """Remove the rows with these ids (missing ids are ignored); return how many were removed."""
        ids = np.unique(_as_ids(ids))
        if len(ids) == 0 or len(self) == 0:
            return 0
        faiss = _faiss()
        if self._kind == "ivf" and faiss.extract_index_ivf(self._index).direct_map.type == faiss.DirectMap.Hashtable:
            return int(self._index.remove_ids(faiss.IDSelectorArray(ids)))  # the hashtable map needs an array
        return int(self._index.remove_ids(faiss.IDSelectorBatch(ids)))

    def _upgrade_to_ivf(self) -> None:
        faiss = _faiss()
        flat = faiss.downcast_index(self._index.index)
        vectors = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * self.dimension).reshape(-1, self.dimension)
        ids = faiss.vector_to_array(self._index.id_map).astype(np.int64)
        self._index = self._build_ivf(faiss, ids, np.array(vectors, copy=True), seed=self.seed)
        self._kind = "ivf"

    # --- persistence ---

    def save(self, path: Path, *, meta: dict[str, Any]) -> None:
        """Write the index and a JSON meta sidecar, each atomically (same-directory temp + os.replace)."""
        faiss = _faiss()
        if _RESERVED_META_KEY in meta:
            raise ValueError(f"meta key {_RESERVED_META_KEY!r} is reserved")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _temp_path(path)
        try:
            faiss.write_index(self._index, str(tmp))
            _fsync_path(tmp)
            size = tmp.stat().st_size
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
        # The sidecar records size and row count, so an index file and a sidecar from different saves (a crash
        # between the two replaces) are detected at load and the index is rebuilt rather than trusted.
        sidecar = dict(meta)
        sidecar[_RESERVED_META_KEY] = {
            "format": _FORMAT,
            "kind": self._kind,
            "dimension": self.dimension,
            "count": len(self),
            "bytes": size,
            "exact_threshold": self.exact_threshold,
            "seed": self.seed,
        }
        meta_path = _meta_path(path)
        tmp = _temp_path(meta_path)
        try:
            tmp.write_text(json.dumps(sidecar, indent=2, sort_keys=True), encoding="utf-8")
            _fsync_path(tmp)
            os.replace(tmp, meta_path)
        finally:
            tmp.unlink(missing_ok=True)
        _fsync_path(path.parent, directory=True)

    @classmethod
    def load(cls, path: Path, *, threads: int | None = None) -> tuple[VectorIndex, dict[str, Any]] | None:
        """Read an index written by save(); None if it or its sidecar is missing, corrupt or inconsistent."""
        path = Path(path)
        try:
            sidecar = json.loads(_meta_path(path).read_text(encoding="utf-8"))
            info = sidecar.pop(_RESERVED_META_KEY)
            if info.get("format") != _FORMAT or path.stat().st_size != info["bytes"]:
                return None
            faiss = _faiss(threads)
            index = faiss.read_index(str(path))
            kind, dimension = info["kind"], int(info["dimension"])
            if int(index.d) != dimension or int(index.ntotal) != int(info["count"]):
                return None
            loaded = cls(
                index,
                kind=kind,
                dimension=dimension,
                exact_threshold=int(info["exact_threshold"]),
                seed=int(info.get("seed", 0)),
            )
            if kind == "ivf":
                loaded.nprobe = _nprobe_for(int(faiss.extract_index_ivf(index).nlist))
            elif kind != "exact":
                return None
        except Exception:  # a cache: any damage means "rebuild from the database", never a crash
            return None
        return loaded, sidecar
