"""Clustering stage: utterance embeddings in, job labels out (-1 = fits no job), plus helpers for stable jobs.

`GraphClusterer` (the `Clusterer` mining uses): each utterance is linked to its 10 most cosine-similar
utterances (exact BLAS search up to 10k rows, a k-means-partitioned search above), Leiden modularity finds
communities at resolutions 1..8, and the partition with the best cosine silhouette wins, so the number of jobs
comes from the data. Far-off members, loose grab-bag communities and communities under 5 rows are unassigned.

Chosen by measurement (tests/benchmarks/cluster_quality.py, Banking77 test.csv, k not given, -1 scored as its
own cluster): NMI 0.818 / ARI 0.563 with 2.8% unassigned in ~1.5 s, against BERTopic's UMAP+HDBSCAN defaults at
NMI ~0.80 / ARI ~0.40 with ~10% unassigned in ~20 s. Agglomerative (ward) needs an n-dependent threshold and HDBSCAN
on 384-d is slow; fixed-resolution Leiden shatters small corpora with few jobs, hence the silhouette choice
(resolutions above 8 start splitting Banking77 intents). 100k rows fit in ~12 s (quiet 2-core machine) with a
peak RSS of ~640 MiB.

Leiden comes from graspologic-native (MIT, a Rust wheel needing only numpy/scipy; ~3x faster than leidenalg,
~15x faster than networkx at 100k). Without it, networkx's pure-Python Louvain (installed with torch) is used:
same quality, but slower, and its labels differ from Leiden's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Literal, Protocol

import numpy as np

from pipelines.phrasing import stem
from pipelines.types import UNASSIGNED

Backend = Literal["auto", "leiden", "louvain"]

# Modularity resolutions tried by default; above 8 Banking77's intents start to shatter (see module doc).
DEFAULT_RESOLUTIONS: tuple[float, ...] = (1.0, 2.0, 3.0, 4.0, 6.0, 8.0)
# A consensus of runs is clustered at this share of the resolutions (see `GraphClusterer.fit`).
CONSENSUS_RESOLUTION = 0.5
# A partition competes only if it keeps at least this share of the rows that the partition keeping most keeps in
# groups of min_cluster_size or more (see `GraphClusterer._fit_graph`).
KEPT_OF_MOST = 0.5
# A member more than this many robust standard deviations below its job's median centroid similarity is far off.
FAR_Z = 3.0


class Clusterer(Protocol):
    """Turns embeddings into job labels without being told how many jobs there are."""

    def fit(self, vectors: np.ndarray) -> np.ndarray:
        """Return one int label per row of float32 L2-normalised vectors; -1 means unassigned."""
        ...


# --------------------------------------------------------------------------------------------------------------
# nearest neighbours


def knn(
    vectors: np.ndarray, n_neighbors: int, *, exact_limit: int = 10_000, seed: int = 0, asked: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return (similarities, indices), each (n, k), of every row's k most cosine-similar other rows, best first.
    `asked` (a mask): above `exact_limit` only those rows' neighbours are searched, each the same as in a search of
    every row (the others' rows hold the row itself at similarity 0)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    n = len(vectors)
    k = min(n_neighbors, n - 1)
    if k <= 0:
        return np.zeros((n, 0), np.float32), np.zeros((n, 0), np.int64)
    if n <= exact_limit:
        everyone = np.arange(n)
        return _knn_in_blocks(vectors, everyone, [everyone], k)
    return _knn_partitioned(vectors, k, seed=seed, asked=asked)


def _top_k(sim: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Column positions and values of each row's k largest entries, best first (ties by position)."""
    top = np.argpartition(-sim, k - 1, axis=1)[:, :k]
    values = np.take_along_axis(sim, top, 1)
    order = np.lexsort((top, -values), axis=1)
    return np.take_along_axis(top, order, 1), np.take_along_axis(values, order, 1)


def _knn_in_blocks(
    vectors: np.ndarray,
    queries: np.ndarray,
    candidate_lists: Sequence[np.ndarray],
    k: int,
    *,
    own: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Exact k-NN of `queries` among `candidate_lists` (each query at its place in them, `own`; by default the
    queries lead the first list), by BLAS blocks."""
    candidates = np.concatenate(candidate_lists)
    pool = vectors[candidates]
    k = min(k, len(candidates) - 1)
    sims = np.empty((len(queries), k), np.float32)
    ids = np.empty((len(queries), k), np.int64)
    if k <= 0:
        return sims, ids
    block = max(1, 4_000_000 // len(candidates))  # bounds the similarity block to ~16 MB
    for begin in range(0, len(queries), block):
        q = queries[begin : begin + block]
        sim = vectors[q] @ pool.T
        rows = np.arange(len(q))
        sim[rows, begin + rows if own is None else own[begin : begin + len(q)]] = -np.inf  # not its own neighbour
        top, values = _top_k(sim, k)
        ids[begin : begin + len(q)] = candidates[top]
        sims[begin : begin + len(q)] = values
    return sims, ids


def _knn_partitioned(
    vectors: np.ndarray, k: int, *, seed: int, n_probe: int = 8, asked: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Approximate k-NN: spherical k-means cells, each cell searched exactly against its n_probe nearest cells
    (only the `asked` rows' neighbours, when given: see `knn`)."""
    n, dim = vectors.shape
    n_cells = max(1, int(math.sqrt(n)))
    rng = np.random.default_rng(seed)
    # Training on a sample keeps k-means cheap; 40 points a cell is plenty for a coarse partition.
    sample = vectors[np.sort(rng.choice(n, min(n, 40 * n_cells), replace=False))]
    cells = _spherical_kmeans(sample, n_cells, seed=seed)
    assign = np.concatenate([np.argmax(vectors[b : b + 65_536] @ cells.T, axis=1) for b in range(0, n, 65_536)])
    order = np.argsort(assign, kind="stable")
    bounds = np.searchsorted(assign[order], np.arange(n_cells + 1))
    cell_sim = cells @ cells.T
    np.fill_diagonal(cell_sim, np.inf)  # a cell's own members come first in its candidate list
    near = np.argsort(-cell_sim, axis=1, kind="stable")[:, :n_probe]
    sims = np.full((n, k), -np.inf, np.float32)
    ids = np.zeros((n, k), np.int64)
    for cell in range(n_cells):
        queries = order[bounds[cell] : bounds[cell + 1]]
        if not len(queries):
            continue
        lists = [order[bounds[c] : bounds[c + 1]] for c in near[cell]]
        if asked is not None:
            wanted = np.flatnonzero(asked[queries])
            if not len(wanted):
                continue
            # One row's product (BLAS gemv) and the same row's among several (gemm) differ in the last bits: a lone
            # asked row is multiplied beside another of its cell, as when every row is searched.
            kept = wanted if len(wanted) > 1 or len(queries) == 1 else np.union1d(wanted, [0 if wanted[0] else 1])
            s, i = _knn_in_blocks(vectors, queries[kept], lists, k, own=kept)
            done = np.isin(kept, wanted)
            sims[queries[kept[done]], : s.shape[1]] = s[done]
            ids[queries[kept[done]], : s.shape[1]] = i[done]
            continue
        s, i = _knn_in_blocks(vectors, queries, lists, k)
        sims[queries, : s.shape[1]] = s
        ids[queries, : s.shape[1]] = i
    # With tiny cells a row may see fewer than k candidates: point those slots at itself with similarity 0.
    missing = ~np.isfinite(sims)
    ids[missing] = np.nonzero(missing)[0]
    sims[missing] = 0.0
    return sims, ids


def _spherical_kmeans(x: np.ndarray, k: int, *, seed: int, iterations: int = 10) -> np.ndarray:
    """Deterministic spherical k-means (unit centroids) on a sample; empty cells are re-seeded from far points."""
    from scipy import sparse

    rng = np.random.default_rng(seed)
    centroids = x[np.sort(rng.choice(len(x), k, replace=False))].copy()
    for _ in range(iterations):
        sim = x @ centroids.T
        assign = np.argmax(sim, axis=1)
        members = sparse.csr_matrix((np.ones(len(x), np.float32), (assign, np.arange(len(x)))), shape=(k, len(x)))
        sums = np.asarray(members @ x, dtype=np.float32)
        counts = np.bincount(assign, minlength=k)
        empty = np.flatnonzero(counts == 0)
        if len(empty):
            far = np.argsort(sim[np.arange(len(x)), assign], kind="stable")[: len(empty)]
            sums[empty] = x[far]
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        centroids = (sums / np.maximum(norms, 1e-12)).astype(np.float32)
    return centroids


# --------------------------------------------------------------------------------------------------------------
# community detection


def communities(
    rows: np.ndarray,
    cols: np.ndarray,
    weights: np.ndarray,
    n: int,
    *,
    resolutions: Sequence[float],
    seed: int = 0,
    backend: Backend = "auto",
    trials: int = 1,
) -> list[np.ndarray]:
    """Modularity communities of an undirected weighted graph (edges given once per pair), one per resolution;
    Leiden keeps the best of `trials` independent runs (Louvain runs once)."""
    if backend in ("auto", "leiden"):
        try:
            import graspologic_native
        except ImportError:
            if backend == "leiden":
                raise
        else:
            # The library takes string node ids; building the list once serves every resolution.
            edges = list(zip(map(str, rows.tolist()), map(str, cols.tolist()), weights.tolist(), strict=True))
            partitions = []
            for resolution in resolutions:
                labels = np.arange(n) + n  # rows without edges become singletons (later unassigned)
                if edges:
                    _, membership = graspologic_native.leiden(edges, resolution=resolution, seed=seed, trials=trials)
                    nodes = np.fromiter(membership.keys(), dtype=np.int64, count=len(membership))
                    labels[nodes] = np.fromiter(membership.values(), dtype=np.int64, count=len(membership))
                partitions.append(_canonical(labels))
            return partitions
    # networkx ships with torch; its Louvain is pure Python (about 5x slower) but scores the same here.
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(rows.tolist(), cols.tolist(), weights.tolist(), strict=True))
    partitions = []
    for resolution in resolutions:
        labels = np.empty(n, np.int64)
        for label, group in enumerate(nx.community.louvain_communities(graph, resolution=resolution, seed=seed)):
            labels[list(group)] = label
        partitions.append(_canonical(labels))
    return partitions


def _canonical(labels: np.ndarray) -> np.ndarray:
    """Renumber labels 0.. by decreasing size, ties by first row, so equal partitions get equal labels."""
    labels = np.asarray(labels)
    keep = labels >= 0
    uniq, first, inverse, counts = np.unique(labels[keep], return_index=True, return_inverse=True, return_counts=True)
    rank = np.empty(len(uniq), np.int64)
    rank[np.lexsort((first, -counts))] = np.arange(len(uniq))
    out = np.full(len(labels), UNASSIGNED, np.int64)
    out[keep] = rank[inverse]
    return out


class GraphClusterer:
    """k-NN cosine graph + Leiden modularity communities; tiny groups and far-off members stay unassigned (-1).

    resolutions: modularity's gamma (higher: more, smaller jobs); with several, each is tried and the partition with the
    best cosine silhouette wins, which is how the number of jobs is chosen (among the partitions that keep at least
    KEPT_OF_MOST of the rows the partition keeping most keeps in groups of min_cluster_size or more). outlier_z: a
    member whose similarity to its job's centroid lies more than z robust standard deviations below the job's median is
    left unassigned (None keeps everyone). min_relative_cohesion: a community whose median member-to-centroid similarity
    is below this share of the typical community's is a grab-bag of leftovers, not a job, and is unassigned (Banking77's
    loosest intent sits at 0.8). min_cluster_size: smaller communities are unassigned.
    min_structure: when the coarsest partition's silhouette stays below it, the data has no clusters finer than
    topics (diffuse interview talk, where the silhouette then creeps up with every split) and the coarsest wins.
    trials: Leiden's independent runs per resolution, the best modularity kept (see `hierarchy.detail_clusterer`).
    finer_within: when > 0, the finest partition whose silhouette is within this share of the best one's wins
    (0 keeps the best; see `hierarchy.FINER_WITHIN`).
    consensus: with k > 1, k runs (seeds seed .. seed+k-1) vote: each k-NN edge is weighed by the share of runs in
    which its two ends share a job, and one more run on that graph (at CONSENSUS_RESOLUTION of the resolutions)
    gives the jobs, which then depend much less on the seed (see `hierarchy.detail_clusterer`).
    After fit, `resolution_` holds the resolution that was chosen and `silhouette_` its score.
    """

    def __init__(
        self,
        *,
        n_neighbors: int = 10,
        resolutions: Sequence[float] = DEFAULT_RESOLUTIONS,
        min_cluster_size: int = 5,
        outlier_z: float | None = FAR_Z,
        min_relative_cohesion: float = 0.6,
        seed: int = 0,
        exact_limit: int = 10_000,
        silhouette_sample: int = 4000,
        backend: Backend = "auto",
        min_structure: float = 0.0,
        trials: int = 1,
        finer_within: float = 0.0,
        consensus: int = 1,
    ):
        if not resolutions:
            raise ValueError("resolutions must name at least one value")
        self.n_neighbors = n_neighbors
        self.resolutions = tuple(sorted(float(r) for r in resolutions))
        self.min_cluster_size = min_cluster_size
        self.outlier_z = outlier_z
        self.min_relative_cohesion = min_relative_cohesion
        self.seed = seed
        self.exact_limit = exact_limit
        self.silhouette_sample = silhouette_sample
        self.backend: Backend = backend
        self.min_structure = min_structure
        self.trials = trials
        self.finer_within = finer_within
        self.consensus = max(1, consensus)
        self.resolution_: float | None = None
        self.silhouette_: float | None = None

    def fit(self, vectors: np.ndarray, *, keep: np.ndarray | None = None) -> np.ndarray:
        """Return one label per row (0.. by decreasing size); -1 for rows that fit no job. A community holding a row
        of `keep` (a mask) is not unassigned for being smaller than min_cluster_size."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n = len(vectors)
        if n < max(2, self.min_cluster_size):
            return np.full(n, UNASSIGNED, np.int64)
        sims, ids = knn(vectors, self.n_neighbors, exact_limit=self.exact_limit, seed=self.seed)
        rows, cols, weights = _symmetric_edges(sims, ids)
        self.silhouette_, self.resolution_, labels = self._fit_graph(
            vectors, rows, cols, weights, seed=self.seed, keep=keep
        )
        if self.consensus > 1:
            runs = [labels] + [
                self._fit_graph(vectors, rows, cols, weights, seed=self.seed + r, keep=keep)[2]
                for r in range(1, self.consensus)
            ]
            # One run's jobs depend on its seed (pypi, seeds 0..5: pairwise ARI 0.65); the edges the runs agree on
            # do much less (0.77). The co-association takes weight off every edge the runs disagree on, so at the
            # same resolutions modularity splits more (pypi: 12.7 -> 13.8 jobs, full statements 54% -> 49%); at
            # half of them the consensus has the runs' granularity (12 jobs).
            share = _co_association(runs, rows, cols)
            kept = share > 0
            self.silhouette_, self.resolution_, labels = self._fit_graph(
                vectors,
                rows[kept],
                cols[kept],
                share[kept],
                seed=self.seed,
                resolutions=tuple(CONSENSUS_RESOLUTION * r for r in self.resolutions),
                keep=keep,
            )
        return labels

    def _fit_graph(
        self,
        vectors: np.ndarray,
        rows: np.ndarray,
        cols: np.ndarray,
        weights: np.ndarray,
        *,
        seed: int,
        resolutions: Sequence[float] | None = None,
        keep: np.ndarray | None = None,
    ) -> tuple[float, float, np.ndarray]:
        """(silhouette, resolution, labels): Leiden on the graph at each resolution (default: the clusterer's), the
        partition chosen as `fit` describes, far members and loose or tiny groups unassigned."""
        resolutions = tuple(resolutions or self.resolutions)
        n = len(vectors)
        sample = np.random.default_rng(self.seed).permutation(n)[: self.silhouette_sample]
        partitions = communities(
            rows,
            cols,
            weights,
            n,
            resolutions=resolutions,
            seed=seed,
            backend=self.backend,
            trials=self.trials,
        )
        best: tuple[float, float, np.ndarray] | None = None
        coarsest: tuple[float, float, np.ndarray] | None = None
        scores: dict[float, float] = {}
        # A partition that leaves most rows in groups too small to be jobs is no reading of them into jobs, however
        # tight its crumbs: on three short interviews (37 passages) the silhouette preferred groups of 2-3 (0.22)
        # to five groups of 4-10, and mining found nothing. Such partitions only compete when every one does.
        kept = [self._kept_share(labels) for labels in partitions]
        floor_kept = KEPT_OF_MOST * max(kept)
        # Every partition is scored on the same sample: its distances are computed once, not once per resolution.
        distances = _cosine_distances(vectors[sample]) if len(partitions) > 1 else None
        for resolution, labels, share in zip(resolutions, partitions, kept, strict=True):
            if share < floor_kept:
                continue
            score = _silhouette(distances, labels[sample]) if distances is not None else 0.0
            scores[resolution] = score
            coarsest = coarsest or (score, resolution, labels)
            if best is None or score > best[0]:  # ties keep the smaller resolution (fewer, broader jobs)
                best = (score, resolution, labels)
        assert best is not None and coarsest is not None
        if self.finer_within > 0:  # the finest partition whose silhouette is within finer_within of the best
            floor = best[0] - self.finer_within * abs(best[0])
            # ... that leaves no more rows out as tiny groups: on a small corpus (one interview's 138 sentences) the
            # finest partitions are mostly groups too small to be jobs, and their few tight ones score as well.
            least = self._kept_share(best[2]) - self.finer_within
            for resolution, labels, share in zip(resolutions, partitions, kept, strict=True):
                if resolution > best[1] and resolution in scores and scores[resolution] >= floor and share >= least:
                    best = (scores[resolution], resolution, labels)
        if coarsest[0] < self.min_structure:
            best = coarsest
        silhouette, resolution, labels = best
        labels = labels.copy()
        if self.outlier_z is not None:
            labels[_far_members(vectors, labels, self.outlier_z)] = UNASSIGNED
        if self.min_relative_cohesion > 0:
            loose = _loose_clusters(vectors, labels, self.min_relative_cohesion, min_size=self.min_cluster_size)
            labels[loose] = UNASSIGNED
        sizes = np.bincount(labels[labels >= 0], minlength=1)
        small = (labels >= 0) & (sizes[np.maximum(labels, 0)] < self.min_cluster_size)
        if keep is not None:
            small &= ~np.isin(labels, labels[np.asarray(keep, bool) & (labels >= 0)])
        labels[small] = UNASSIGNED
        return silhouette, resolution, _canonical(labels)

    def _kept_share(self, labels: np.ndarray) -> float:
        """The share of rows in communities of at least min_cluster_size."""
        sizes = np.bincount(labels[labels >= 0], minlength=1)
        return float(np.mean((labels >= 0) & (sizes[np.maximum(labels, 0)] >= self.min_cluster_size)))


def _co_association(partitions: Sequence[np.ndarray], rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Per edge, the share of partitions in which both ends sit in one community (not -1)."""
    together = np.zeros(len(rows), np.float64)
    for labels in partitions:
        together += (labels[rows] == labels[cols]) & (labels[rows] >= 0)
    out: np.ndarray = together / max(1, len(partitions))
    return out


def _loose_clusters(vectors: np.ndarray, labels: np.ndarray, share: float, *, min_size: int = 1) -> np.ndarray:
    """Mask of rows in clusters whose median centroid similarity is below share x the median cluster's, the median
    taken over clusters of at least `min_size` rows (if any): a crumb of one row is perfectly "cohesive", and a few
    of them beside four real groups set a bar the real groups fail (three short interviews lost their two
    largest jobs that way)."""
    cents = centroids(vectors, labels)
    if not cents:
        return np.zeros(len(labels), bool)
    cohesion = {label: float(np.median(vectors[labels == label] @ c)) for label, c in cents.items()}
    sizes = np.bincount(labels[labels >= 0])
    typical = [value for label, value in cohesion.items() if sizes[label] >= min_size] or list(cohesion.values())
    floor = share * float(np.median(typical))
    loose = [label for label, value in cohesion.items() if value < floor]
    return np.isin(labels, loose)


def _cosine_distances(vectors: np.ndarray) -> np.ndarray:
    """The cosine distances between rows, computed as `silhouette_score(vectors, labels, metric="cosine")` computes
    them (the same chunks), so a silhouette on them is that score to the last bit."""
    from sklearn.metrics import pairwise_distances_chunked

    return np.vstack(list(pairwise_distances_chunked(vectors, metric="cosine")))


def _silhouette(distances: np.ndarray, labels: np.ndarray) -> float:
    """Mean cosine silhouette of a labelling from its rows' `_cosine_distances`; -1 when it is undefined (one
    cluster, or all singletons)."""
    from sklearn.metrics import silhouette_score

    if not 1 < len(np.unique(labels)) < len(labels):
        return -1.0
    return float(silhouette_score(distances, labels, metric="precomputed"))


def member_floors(vectors: np.ndarray, labels: np.ndarray, z: float) -> dict[int, tuple[np.ndarray, float]]:
    """Per cluster (label >= 0): its centroid and the centroid similarity below which a row is a far member,
    more than z robust standard deviations below the members' median."""
    out: dict[int, tuple[np.ndarray, float]] = {}
    for label, centroid in centroids(vectors, labels).items():
        sims = vectors[labels == label] @ centroid
        median = float(np.median(sims))
        # 1.4826 * MAD estimates the std; the floor stops a very tight cluster from shedding ordinary members.
        spread = max(1.4826 * float(np.median(np.abs(sims - median))), 0.02)
        out[label] = (centroid, median - z * spread)
    return out


def _far_members(vectors: np.ndarray, labels: np.ndarray, z: float) -> np.ndarray:
    """Mask of rows whose centroid similarity is more than z robust std below their cluster's median."""
    far = np.zeros(len(labels), bool)
    for label, (centroid, floor) in member_floors(vectors, labels, z).items():
        members = np.flatnonzero(labels == label)
        far[members[vectors[members] @ centroid < floor]] = True
    return far


def _symmetric_edges(sims: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Undirected edge list (i < j, weight = cosine, kept when positive) from a k-NN table."""
    from scipy import sparse

    n, k = ids.shape
    rows = np.repeat(np.arange(n), k)
    cols = ids.ravel()
    weights = np.maximum(sims.ravel(), 0.0)
    keep = (rows != cols) & (weights > 0)
    graph = sparse.coo_matrix((weights[keep], (rows[keep], cols[keep])), shape=(n, n)).tocsr()
    graph = sparse.triu(graph.maximum(graph.T), k=1).tocoo()
    return graph.row.astype(np.int64), graph.col.astype(np.int64), graph.data.astype(np.float64)


# --------------------------------------------------------------------------------------------------------------
# stable jobs


def centroids(vectors: np.ndarray, labels: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean vector of each cluster (label >= 0), keyed by label."""
    vectors = np.asarray(vectors, dtype=np.float32)
    labels = np.asarray(labels)
    out: dict[int, np.ndarray] = {}
    for label in np.unique(labels[labels >= 0]).tolist():
        mean = vectors[labels == label].mean(axis=0)
        out[int(label)] = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return out


def assign_to_clusters(
    vectors: np.ndarray, centroids: Mapping[int, np.ndarray], *, min_similarity: float
) -> np.ndarray:
    """Label each row with its most cosine-similar centroid's key, or -1 when none reaches min_similarity."""
    vectors = np.asarray(vectors, dtype=np.float32)
    if not len(centroids) or not len(vectors):
        return np.full(len(vectors), UNASSIGNED, np.int64)
    keys = np.array(sorted(centroids), dtype=np.int64)
    table = np.stack([np.asarray(centroids[int(k)], dtype=np.float32) for k in keys])
    sims = vectors @ table.T
    best = np.argmax(sims, axis=1)  # ties go to the smallest key
    labels: np.ndarray = keys[best]
    labels[sims[np.arange(len(vectors)), best] < min_similarity] = UNASSIGNED
    return labels


def members(labels: np.ndarray, ids: Sequence[int] | np.ndarray | None = None) -> dict[int, set[int]]:
    """Member ids of each cluster (label >= 0), keyed by label; ids default to row numbers."""
    labels = np.asarray(labels)
    ids = np.arange(len(labels)) if ids is None else np.asarray(ids)
    out: dict[int, set[int]] = {}
    for label, member in zip(labels.tolist(), ids.tolist(), strict=True):
        if label >= 0:
            out.setdefault(int(label), set()).add(int(member))
    return out


def match_clusters(
    old: Mapping[int, set[int]] | Mapping[int, np.ndarray],
    new: Mapping[int, set[int]] | Mapping[int, np.ndarray],
    *,
    min_score: float | None = None,
) -> dict[int, int]:
    """Map new cluster labels to the old job ids they continue, one-to-one (Hungarian), best total score first.

    Pass member sets on both sides (job id -> stable utterance ids, see `members`): the score is their Jaccard
    overlap and min_score defaults to 0.3. Or pass unit centroids on both sides: the score is cosine similarity
    and min_score defaults to 0.85. New clusters left out of the result are new jobs; old ids left out ended.
    """
    from scipy.optimize import linear_sum_assignment

    old_keys, new_keys = sorted(old), sorted(new)
    if not old_keys or not new_keys:
        return {}
    if isinstance(old[old_keys[0]], np.ndarray) != isinstance(new[new_keys[0]], np.ndarray):
        raise TypeError("match_clusters needs member sets on both sides or centroids on both sides")
    if isinstance(old[old_keys[0]], np.ndarray):
        threshold = 0.85 if min_score is None else min_score
        a = np.stack([np.asarray(old[k], dtype=np.float32) for k in old_keys])
        b = np.stack([np.asarray(new[k], dtype=np.float32) for k in new_keys])
        score = b @ a.T
    else:
        threshold = 0.3 if min_score is None else min_score
        score = _jaccard(
            [set(old[k]) for k in old_keys],
            [set(new[k]) for k in new_keys],
        )
    rows, cols = linear_sum_assignment(score, maximize=True)
    return {
        new_keys[r]: old_keys[c] for r, c in zip(rows.tolist(), cols.tolist(), strict=True) if score[r, c] >= threshold
    }


def _jaccard(old: Sequence[set[int]], new: Sequence[set[int]]) -> np.ndarray:
    """Jaccard overlap matrix (new x old) of member sets, counted through one id -> old-cluster lookup."""
    owner = {member: j for j, group in enumerate(old) for member in group}
    score = np.zeros((len(new), len(old)))
    for i, group in enumerate(new):
        shared = Counter(owner[m] for m in group if m in owner)
        for j, count in shared.items():
            score[i, j] = count / (len(group) + len(old[j]) - count)
    return score


# --------------------------------------------------------------------------------------------------------------
# describing jobs

# Conversational fillers and contraction stubs that English stop-word lists miss but interviews are full of.
FILLERS = frozenset(
    """yeah yes yep yup no nope okay ok oh uh um uhm umm hmm mm mhm ah er like know think really just kind sort
    thing things stuff lot lots actually basically literally maybe pretty probably right sure well gonna wanna
    gotta got get getting go going want mean guess said say says saying tell told something anything everything
    don doesn didn isn aren wasn weren haven hasn won wouldn shouldn couldn ve ll re im ive id dont cant thats
    also still even bit way time times one ones good great does did doing try trying tried hi hello thanks
    thank wondering wonder let lets""".split()
    # The bound halves of hyphenated words ("non-FOSS", "pre-release") say nothing alone.
    + "non pre anti semi multi".split()
)
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def _stop_words() -> frozenset[str]:
    """English stop words (scikit-learn's list) plus conversational fillers."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | FILLERS


def _phrases(text: str, stop: frozenset[str]) -> list[str]:
    """Unigrams and adjacent-word bigrams of content words, so every bigram appears verbatim in the text."""
    words: list[str | None] = []
    for token in _TOKEN.findall(text.lower()):
        if token.endswith("'s"):
            token = token[:-2]  # possessive: "customer's" counts as "customer"
        # Other contractions ("don't", "i'm") are function words; a None keeps bigrams from bridging the gap.
        keep = "'" not in token and len(token) > 1 and not token.isdigit() and token not in stop
        words.append(token if keep else None)
    out = [w for w in words if w]
    out += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a and b and a != b]
    return out


def text_phrases(texts: Sequence[str]) -> list[list[str]]:
    """Each text's phrases as `label_clusters` counts them: read once for both job levels (each phrase stored once)."""
    stop = _stop_words()
    seen: dict[str, str] = {}
    return [[seen.setdefault(p, p) for p in _phrases(text, stop)] for text in texts]


def label_clusters(
    texts: Sequence[str], labels: np.ndarray, *, top_n: int = 5, phrases: Sequence[Sequence[str]] | None = None
) -> dict[int, list[str]]:
    """Top keyphrases per cluster (label >= 0) by class-based TF-IDF over unigrams and bigrams, deduplicated.

    c-TF-IDF as in BERTopic: a term's frequency in a cluster (L1-normalised) times log(1 + A / f), where A is
    the average number of words per cluster and f the term's frequency across all clusters (unassigned rows
    count as one more cluster there, so noise words are damped). Near-duplicates (same crude stems), phrases
    inside a better one and bigrams half of whose words are already shown are dropped; a bigram replaces a
    chosen unigram it contains when it scores at least half as well. `phrases`: the texts' `text_phrases`, if read.
    """
    labels = np.asarray(labels)
    if len(texts) != len(labels) or phrases is not None and len(phrases) != len(texts):
        raise ValueError("texts, labels and phrases must have the same length")
    read = text_phrases(texts) if phrases is None else phrases
    classes = sorted(set(labels.tolist()))
    counts: dict[int, Counter[str]] = {c: Counter() for c in classes}
    for found, label in zip(read, labels.tolist(), strict=True):
        counts[label].update(found)
    vocab = sorted(set().union(*counts.values())) if counts else []
    out: dict[int, list[str]] = {c: [] for c in classes if c >= 0}
    if not vocab:
        return out
    column = {term: j for j, term in enumerate(vocab)}
    tf = np.zeros((len(classes), len(vocab)))
    for i, c in enumerate(classes):
        for term, count in counts[c].items():
            tf[i, column[term]] = count
    words_per_class = tf.sum(axis=1)
    idf = np.log(1.0 + words_per_class.mean() / tf.sum(axis=0))
    scores = tf / np.maximum(words_per_class, 1.0)[:, None] * idf[None, :]
    for i, c in enumerate(classes):
        if c < 0:
            continue
        # Ties break alphabetically so the labels are deterministic.
        ranked = sorted((j for j in np.flatnonzero(scores[i] > 0)), key=lambda j: (-scores[i, j], vocab[j]))
        out[c] = _dedupe([(vocab[j], float(scores[i, j])) for j in ranked], top_n)
    return out


def _dedupe(ranked: Sequence[tuple[str, float]], top_n: int) -> list[str]:
    """Pick top_n phrases from a best-first list, dropping near-duplicates and sub-phrases (see label_clusters)."""
    chosen: list[tuple[str, frozenset[str], float]] = []
    for phrase, score in ranked:
        keys = frozenset(stem(w) for w in phrase.split())
        if any(keys <= k for _, k, _ in chosen):
            continue  # said already, perhaps inside a chosen bigram
        inside = [i for i, (_, k, _) in enumerate(chosen) if k < keys]
        if inside:
            if score >= 0.5 * max(chosen[i][2] for i in inside):
                # The bigram says the chosen word with its context ("card" -> "card arrive"): it takes its place.
                chosen[inside[0]] = (phrase, keys, chosen[inside[0]][2])
                for i in reversed(inside[1:]):
                    del chosen[i]
            continue
        covered = frozenset().union(*(k for _, k, _ in chosen)) if chosen else frozenset()
        if len(keys & covered) * 2 >= len(keys):
            continue  # "debit payment" adds little after "direct debit"
        if len(chosen) == top_n:
            break
        chosen.append((phrase, keys, score))
    return [phrase for phrase, _, _ in chosen]


QUOTE_POOL = 2000


# A quote says what a job claims when this close to the claim (the reading of `statements.COHERENT`: one person
# saying something close in meaning); another person's quote further away only sits near the job's talk.
SAYS_IT = 0.5
NEAR_REPEAT = 0.9  # a quote this close to one already chosen repeats it


def representative_indices(
    vectors: np.ndarray,
    labels: np.ndarray,
    label: int,
    *,
    groups: Sequence[str] | None = None,
    n: int = 3,
    prior: np.ndarray | None = None,
    centre: np.ndarray | None = None,
    lead: int | None = None,
) -> list[int]:
    """Row indices of n quotes for a cluster: `lead` first (a row, e.g. the sentence a job's title says) where it
    may be quoted, then those closest to what `centre` claims (a vector, e.g. what a job's statement says; default
    the centroid). With groups (e.g. people), a new group's quote that says it (cosine >= SAYS_IT) comes first, then
    any that says it, then the closest; never one that repeats a chosen quote. Only the more central 3/4 of members
    are quoted; `prior` (one value per row) is added to a row's closeness when quotes are ranked, and only where
    negative when a quote is judged to say the claim. A positive prior marks a quote that carries the job (a
    struggle, a goal, a force): within each of those steps it is chosen before one that does not."""
    vectors = np.asarray(vectors, dtype=np.float32)
    rows = np.flatnonzero(np.asarray(labels) == label)
    if not len(rows) or n <= 0:
        return []
    centroid = vectors[rows].mean(axis=0) if centre is None else np.asarray(centre, dtype=np.float32)
    closeness = vectors[rows] @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))
    # Only the more central three quarters may be quoted: the oddest members never are. A job of a large project
    # draws from its QUOTE_POOL most central.
    order = np.lexsort((rows, -closeness))
    pool = order[: min(max(n, math.ceil(0.75 * len(rows))), max(n, QUOTE_POOL))]
    rows, closeness = rows[pool], closeness[pool]
    lift = np.asarray(prior, dtype=np.float32)[rows] if prior is not None else np.zeros(len(rows), np.float32)
    rank = closeness + lift
    says = closeness + np.minimum(lift, 0.0) >= SAYS_IT  # a fragment must be closer to say it; a bonus never helps
    carries = lift > 0
    group = [groups[r] for r in rows.tolist()] if groups is not None else [str(r) for r in rows.tolist()]
    chosen: list[int] = [] if lead is None else np.flatnonzero(rows == lead)[:1].tolist()
    while len(chosen) < min(n, len(rows)):
        free = np.ones(len(rows), dtype=bool)
        if chosen:
            free &= (vectors[rows] @ vectors[rows[chosen]].T).max(axis=1) < NEAR_REPEAT
            free[chosen] = False
        heard = {group[i] for i in chosen}
        fresh = np.array([g not in heard for g in group])
        # Different people saying the job back it; someone else's talk that only sits near it does not. Among quotes
        # alike in that, one that carries the job (a positive prior: a struggle, a goal, a force) is read first.
        says_new = free & fresh & says
        tiers = (says_new & carries, says_new, free & says & carries, free & says, free & carries, free)
        tier = next((t for t in tiers if t.any()), None)
        if tier is None:
            break
        candidates = np.flatnonzero(tier)
        chosen.append(int(candidates[np.argmax(rank[candidates])]))  # ties: the more central (earlier) row
    return [int(rows[i]) for i in chosen]
