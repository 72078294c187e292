"""Search-only representations of utterances: context vectors pooled from neighbouring sentences, and score fusion.

A customer's point often spans a run-on turn: the sentence that names the thing ("The API that pip uses is
completely accidental.") is next to the ones that explain it. Each utterance therefore gets a second, search-only
vector: the normalised sum of its own embedding and those of its neighbours in the same turn. It is computed from
the stored utterance embeddings (no extra model pass, nothing new stored), and a query is scored against both.
Measured in tests/benchmarks/search_paraphrase.py.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import numpy as np

from pipelines.embedding import normalise
from pipelines.index import DEFAULT_EXACT_THRESHOLD, IdFilter, VectorIndex
from pipelines.types import ROLES, SearchResult

DEFAULT_CONTEXT_WINDOW = 1  # sentences on each side, within the same turn
DEFAULT_CONTEXT_WEIGHT = 0.5  # share of the context similarity in the fused score
FILTERS_KEPT = 16  # per SearchAttributes (one project's index version): filters other than a role alone


def context_vectors(
    vectors: np.ndarray, groups: np.ndarray, *, window: int | None = DEFAULT_CONTEXT_WINDOW
) -> np.ndarray:
    """Per row: the normalised sum of the rows of the same group within `window` positions (None: the whole group).

    Rows of one group (a turn) must be consecutive, in speaking order.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    groups = np.asarray(groups).reshape(-1)
    if len(vectors) != len(groups):
        raise ValueError(f"{len(groups)} groups for {len(vectors)} vectors")
    if len(vectors) == 0:
        return vectors.reshape(0, vectors.shape[1] if vectors.ndim == 2 else 0)
    out = np.empty_like(vectors)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    ends = np.r_[starts[1:], len(groups)]
    for begin, end in zip(starts, ends, strict=True):
        block = vectors[begin:end]
        if window is None:
            out[begin:end] = block.sum(axis=0)
            continue
        cumulative = np.vstack([np.zeros((1, block.shape[1]), dtype=np.float32), np.cumsum(block, axis=0)])
        index = np.arange(end - begin)
        low = np.maximum(index - window, 0)
        high = np.minimum(index + window + 1, end - begin)
        out[begin:end] = cumulative[high] - cumulative[low]
    return normalise(out)


def fuse(
    utterance_scores: np.ndarray, context_scores: np.ndarray, *, weight: float = DEFAULT_CONTEXT_WEIGHT
) -> np.ndarray:
    """Blend an utterance's own similarity with its context's; the context only ever helps (never lowers a score)."""
    utterance_scores = np.asarray(utterance_scores, dtype=np.float32)
    context_scores = np.asarray(context_scores, dtype=np.float32)
    fused: np.ndarray = (1 - weight) * utterance_scores + weight * np.maximum(utterance_scores, context_scores)
    return fused


class ContextIndex:
    """Two vector indexes over the same ids, utterance vectors and context vectors, searched with fused scores.

    Each index proposes `candidates` ids; every proposed id is then scored exactly on both vectors (read back from
    the indexes), so the fused ranking is exact over the union of the two candidate lists.
    """

    def __init__(
        self,
        utterances: VectorIndex,
        contexts: VectorIndex | None,
        *,
        weight: float = DEFAULT_CONTEXT_WEIGHT,
        model: str | None = None,
    ):
        self.utterances = utterances
        self.contexts = contexts
        self.weight = weight
        self.model = model  # the embedding model of the vectors, when the caller records it (None: the default)
        if contexts is not None:  # fused scoring reads vectors back: prepare that now, before concurrent searches
            utterances.enable_vectors()
            contexts.enable_vectors()

    @property
    def dimension(self) -> int:
        return self.utterances.dimension

    def __len__(self) -> int:
        return len(self.utterances)

    @classmethod
    def build(
        cls,
        ids: np.ndarray,
        vectors: np.ndarray,
        groups: np.ndarray,
        *,
        window: int | None = DEFAULT_CONTEXT_WINDOW,
        weight: float = DEFAULT_CONTEXT_WEIGHT,
        exact_threshold: int = DEFAULT_EXACT_THRESHOLD,
    ) -> ContextIndex:
        """Rows in speaking order, grouped by turn (groups); weight 0 builds no context index at all."""
        utterances = VectorIndex.build(ids, vectors, exact_threshold=exact_threshold)
        contexts = None
        if weight > 0:
            contexts = VectorIndex.build(
                ids, context_vectors(vectors, groups, window=window), exact_threshold=exact_threshold
            )
        return cls(utterances, contexts, weight=weight)

    def changed(
        self,
        *,
        removed: np.ndarray,
        ids: np.ndarray,
        vectors: np.ndarray,
        groups: np.ndarray,
        window: int | None = DEFAULT_CONTEXT_WINDOW,
    ) -> ContextIndex:
        """A copy without the `removed` ids and with these rows added (rows in speaking order, grouped by turn as in
        build(); a turn's rows all come in one call, as an interview's do, so their context vectors are complete).

        The copy is changed while searches may still run on this one; the caller swaps it in."""
        utterances = self.utterances.copy()
        utterances.remove(removed)
        utterances.add(ids, vectors)
        contexts = None
        if self.contexts is not None:
            contexts = self.contexts.copy()
            contexts.remove(removed)
            contexts.add(ids, context_vectors(vectors, groups, window=window))
        return ContextIndex(utterances, contexts, weight=self.weight, model=self.model)

    def search(
        self, queries: np.ndarray, k: int, *, allowed_ids: np.ndarray | IdFilter | None = None, candidates: int = 50
    ) -> list[list[SearchResult]]:
        if self.contexts is None or self.weight <= 0:
            return self.utterances.search(queries, k, allowed_ids=allowed_ids)
        queries = normalise(np.asarray(queries, dtype=np.float32).reshape(-1, self.dimension))
        depth = max(k, candidates)
        allowed = None
        if allowed_ids is not None:  # one bitmap for both indexes
            allowed = allowed_ids if isinstance(allowed_ids, IdFilter) else IdFilter(allowed_ids)
            if len(allowed) == 0:
                return [[] for _ in range(len(queries))]
            allowed.selector()
        # One after the other on the caller's thread: a single query costs each index well under a millisecond (IVF
        # above 50k rows, a direct scan below); handing one to another thread cost more than it saved (at 100k: 0.64
        # ms of CPU and of wall time here, 0.71 ms of CPU and 1.0 ms wall with the hand-off; at 1M on busy shared
        # cores, a spare thread for the context index gave p50 ratios of 0.91-1.21 run to run), and concurrent
        # searches keep the cores busy anyway.
        first = self.utterances.top_ids(queries, depth, allowed_ids=allowed)
        second = self.contexts.top_ids(queries, depth, allowed_ids=allowed)
        out: list[list[SearchResult]] = []
        for query, a, b in zip(queries, first, second, strict=True):
            ids = np.union1d(a, b).astype(np.int64, copy=False)  # sorted, each id once
            if len(ids) == 0:
                out.append([])
                continue
            own = self.utterances.vectors(ids) @ query
            context = self.contexts.vectors(ids) @ query
            scores = fuse(own, context, weight=self.weight)
            order = np.argsort(-scores, kind="stable")[:k]
            out.append([SearchResult(id=int(ids[i]), score=float(scores[i])) for i in order])
        return out


class SearchAttributes:
    """What search filters on, per indexed utterance, held in memory: id (ascending), speaker role and interview.

    A filter becomes a boolean mask over these arrays (about a millisecond at 1M rows) instead of a database query
    that returns every allowed id: at 1M utterances that query alone took longer than the whole search may.
    """

    def __init__(self, ids: np.ndarray, roles: np.ndarray, interviews: np.ndarray):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        order = np.argsort(ids, kind="stable")
        self.ids = np.ascontiguousarray(ids[order])
        codes: dict[str, int] = {role: i for i, role in enumerate(ROLES)}
        self.roles = np.fromiter((codes.get(str(r), 255) for r in np.asarray(roles)[order]), np.uint8, len(ids))
        self.interviews = np.ascontiguousarray(np.asarray(interviews, dtype=np.int64).reshape(-1)[order])
        if not len(self.ids) == len(self.roles) == len(self.interviews):
            raise ValueError("ids, roles and interviews differ in length")
        self._role_filters: dict[frozenset[str], IdFilter] = {}
        self._filters: OrderedDict[tuple[Any, ...], IdFilter] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.ids)

    def changed(
        self, *, removed: np.ndarray, ids: np.ndarray, roles: np.ndarray, interviews: np.ndarray
    ) -> SearchAttributes:
        """A copy without the `removed` ids and with these rows added."""
        keep = ~np.isin(self.ids, np.asarray(removed, dtype=np.int64).reshape(-1))
        names = np.array(ROLES + ("",), dtype=object)  # code 255 (a role not in ROLES) maps to no role
        kept_roles = names[np.minimum(self.roles[keep], len(ROLES))]
        return SearchAttributes(
            np.concatenate([self.ids[keep], np.asarray(ids, dtype=np.int64).reshape(-1)]),
            np.concatenate([kept_roles, np.asarray(roles, dtype=object).reshape(-1)]),
            np.concatenate([self.interviews[keep], np.asarray(interviews, dtype=np.int64).reshape(-1)]),
        )

    def allowed(
        self,
        *,
        roles: set[str] | None = None,
        interviews: np.ndarray | None = None,
        ids: np.ndarray | None = None,
    ) -> np.ndarray | None:
        """Ids (ascending) passing every filter given (None where none is given: everything passes)."""
        if roles is None and interviews is None and ids is None:
            return None
        mask = np.ones(len(self.ids), dtype=bool)
        if roles is not None:
            wanted_roles = np.zeros(len(self.ids), dtype=bool)
            for code in (i for i, role in enumerate(ROLES) if role in roles):
                wanted_roles |= self.roles == code
            mask &= wanted_roles
        if interviews is not None:
            chosen = np.asarray(interviews, dtype=np.int64).reshape(-1)
            # A lookup table over the interview ids (thousands): linear, where a sort-based isin took ~20 ms at 1M.
            mask &= np.isin(self.interviews, chosen, kind="table") if len(chosen) else False
        if ids is not None:
            wanted = np.unique(np.asarray(ids, dtype=np.int64).reshape(-1))
            slots = np.searchsorted(self.ids, wanted)
            inside = slots < len(self.ids)
            slots, wanted = slots[inside], wanted[inside]
            listed = np.zeros(len(self.ids), dtype=bool)
            listed[slots[self.ids[slots] == wanted]] = True
            mask &= listed
        return self.ids[mask]

    def id_filter(self, *, roles: set[str] | None = None, **others: np.ndarray | None) -> IdFilter | None:
        """allowed() ready for the index. A filter on roles alone (the common one) is built once and kept; others
        (interviews of a segment, a job's quotes) are kept for their last FILTERS_KEPT values: at 1M rows, a segment's
        250k ids cost ~5 ms to mask and turn into the index's bitmap on every search."""
        if all(value is None for value in others.values()) and roles is not None:
            key = frozenset(roles)
            cached = self._role_filters.get(key)
            if cached is None:
                allowed = self.allowed(roles=roles)
                assert allowed is not None  # a role filter was given
                cached = self._role_filters[key] = IdFilter(allowed)
            return cached
        # Each filter is a set of ids: sorted and unique, equal sets give one key.
        arrays = {name: None if v is None else np.unique(np.asarray(v, dtype=np.int64)) for name, v in others.items()}
        other_key = tuple(sorted((name, None if v is None else v.tobytes()) for name, v in arrays.items()))
        key2 = (None if roles is None else frozenset(roles), other_key)
        with self._lock:
            kept = self._filters.get(key2)
            if kept is not None:
                self._filters.move_to_end(key2)
                return kept
        allowed = self.allowed(roles=roles, **arrays)
        if allowed is None:
            return None
        made = IdFilter(allowed)
        made.selector()  # the bitmap too, once
        with self._lock:
            self._filters[key2] = made
            while len(self._filters) > FILTERS_KEPT:
                self._filters.popitem(last=False)
        return made
