"""Ingestion and search benchmarks: end to end through the HTTP API, and the vector index alone at 1M vectors.

Run: `.venv/bin/python tests/benchmarks/ingest_search.py [--n 1000000] [--embeddings-cache FILE.npz]`.

ingest_benchmark: the ten pypi-infrastructure transcripts uploaded through the HTTP API (FastAPI TestClient,
SQLite in a temporary directory, the real models); utterances per second from the first upload until every
ingestion task is done (models loaded beforehand), then search latency through the HTTP API (one query per request,
k=10) over 200 queries taken from the banking77 test sentences, p50/p99.

How the n vectors are made (index_benchmark):
1. Real sentences: the `text` column of ../shared/data/intents/banking77/{train,test}.csv and every
   paragraph of ../shared/data/interviews/pypi-infrastructure/*.md (speaker prefix removed), de-duplicated
   (14,513 texts), embedded with `pipelines.embedding.load_sentence_embedder()` (all-MiniLM-L6-v2).
2. A seeded shuffle holds out `n_queries` (1000) real embeddings as queries: they are never indexed and no
   synthetic row is derived from them.
3. The index holds every other real embedding, then synthetic rows up to n, each
   normalise(lam * a + (1 - lam) * b + e) with a, b two real non-query embeddings drawn uniformly,
   lam ~ Uniform(0, 1) and e ~ Normal(0, (0.1 / sqrt(d))^2 I) (noise of norm ~0.1), renormalised.
4. Ground truth is the exact inner-product top-k (faiss.knn) of each query over all n indexed rows;
   recall@k = |approximate top-k ∩ exact top-k| / k, averaged over the queries.
Latency is index-only: `VectorIndex.search` with one query per call, k=10, over all queries after a warm-up,
repeated `runs` times; p50 and p99 are the medians over the runs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import resource
import time
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.embedding import normalise
from pipelines.index import VectorIndex

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
_SPEAKER = re.compile(r"^[A-Z][A-Za-z]+(?:, TYPING| \(typed\))?:\s*")


def real_texts(data: Path = DATA) -> list[str]:
    """The real sentences available: banking77 utterances and interview paragraphs, de-duplicated."""
    texts: list[str] = []
    for name in ("train", "test"):
        with open(data / "intents" / "banking77" / f"{name}.csv", newline="", encoding="utf-8") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    for path in sorted((data / "interviews" / "pypi-infrastructure").glob("*.md")):
        body = path.read_text(encoding="utf-8").split("# BEGIN TRANSCRIPT", 1)[-1]
        texts += [_SPEAKER.sub("", p.strip()) for p in body.split("\n\n") if p.strip()]
    return list(dict.fromkeys(t for t in texts if t.strip()))


def real_embeddings(texts: list[str], cache: Path | None = None) -> np.ndarray:
    """Embed texts with the default sentence embedder, reusing a cache file keyed by the texts' hash."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()
    if cache is not None and cache.exists():
        stored = np.load(cache)
        if str(stored["digest"]) == digest:
            return stored["vectors"]
    from pipelines.embedding import load_sentence_embedder

    vectors = load_sentence_embedder().embed(texts)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, vectors=vectors, digest=np.array(digest))
    return vectors


def synthesize(base: np.ndarray, n: int, *, seed: int = 0, noise: float = 0.1) -> np.ndarray:
    """Return n unit rows: base first, then random convex pairs of base rows plus noise (module doc)."""
    rng = np.random.default_rng(seed)
    d = base.shape[1]
    out = np.empty((n, d), dtype=np.float32)
    head = min(n, len(base))
    out[:head] = base[:head]
    for begin in range(head, n, 100_000):  # chunks keep the temporaries small
        end = min(n, begin + 100_000)
        a = base[rng.integers(0, len(base), end - begin)]
        b = base[rng.integers(0, len(base), end - begin)]
        lam = rng.random((end - begin, 1), dtype=np.float32)
        mixed = lam * a + (1 - lam) * b + rng.normal(0, noise / np.sqrt(d), a.shape).astype(np.float32)
        out[begin:end] = normalise(mixed)
    return out


def exact_top_k(vectors: np.ndarray, queries: np.ndarray, k: int) -> np.ndarray:
    """Row numbers of the exact top-k inner products of each query."""
    import faiss

    _, found = faiss.knn(queries, vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
    return found


def recall_at_k(found: list[list[Any]], truth: np.ndarray, k: int) -> float:
    """Mean |found ∩ truth| / k over queries (found: SearchResult lists; truth: id rows)."""
    return float(
        np.mean([len({h.id for h in hits[:k]} & set(t[:k].tolist())) / k for hits, t in zip(found, truth, strict=True)])
    )


def single_query_latency(
    index: VectorIndex, queries: np.ndarray, *, k: int = 10, runs: int = 3, allowed: np.ndarray | None = None
) -> dict[str, float]:
    """p50/p99 ms of one-query searches (wall and thread CPU), medians over runs, after a warm-up."""
    for q in queries[:50]:
        index.search(q[None, :], k, allowed_ids=allowed)
    stats: dict[str, list[float]] = {"p50_ms": [], "p99_ms": [], "cpu_p50_ms": [], "cpu_p99_ms": []}
    for _ in range(runs):
        wall, cpu = np.empty(len(queries)), np.empty(len(queries))
        for i, q in enumerate(queries):
            start, start_cpu = time.perf_counter(), time.thread_time()
            index.search(q[None, :], k, allowed_ids=allowed)
            wall[i], cpu[i] = time.perf_counter() - start, time.thread_time() - start_cpu
        # Thread CPU time is what the search costs; wall time adds waiting for a core on a busy machine.
        for name, values in (("", wall), ("cpu_", cpu)):
            stats[f"{name}p50_ms"].append(float(np.percentile(values, 50)) * 1000)
            stats[f"{name}p99_ms"].append(float(np.percentile(values, 99)) * 1000)
    return {name: round(float(np.median(values)), 3) for name, values in stats.items()}


def _rss_bytes() -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def index_benchmark(
    n: int = 1_000_000,
    *,
    n_queries: int = 1000,
    k: int = 10,
    runs: int = 3,
    seed: int = 0,
    cache: Path | None = None,
    sweep: tuple[int, ...] = (16, 32, 64, 128),
    filtered_fraction: float = 0.01,
) -> dict[str, Any]:
    """Build a VectorIndex over n real-derived vectors; measure build time, memory, latency, recall@k."""
    started = time.perf_counter()
    real = real_embeddings(real_texts(), cache)
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(real))
    queries = np.ascontiguousarray(real[order[:n_queries]])
    base = real[order[n_queries:]]
    vectors = synthesize(base, n, seed=seed + 1)
    ids = np.arange(n, dtype=np.int64)
    prepared = time.perf_counter() - started

    truth = exact_top_k(vectors, queries, k)  # ids equal row numbers

    rss_before = _rss_bytes()
    wall, cpu = time.perf_counter(), time.process_time()
    index = VectorIndex.build(ids, vectors, seed=seed)
    build_s, build_cpu_s = time.perf_counter() - wall, time.process_time() - cpu
    del vectors
    result: dict[str, Any] = {
        "n": n,
        "dimension": index.dimension,
        "real_embeddings": len(real),
        "queries": n_queries,
        "kind": index.kind,
        "nprobe": index.nprobe,
        "prepare_s": round(prepared, 1),
        "build_s": round(build_s, 1),
        "build_cpu_s": round(build_cpu_s, 1),
        "index_bytes_estimate": len(index) * (index.dimension * 4 + 8),
        "rss_delta_bytes": _rss_bytes() - rss_before,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }
    result[f"recall@{k}"] = round(recall_at_k(index.search(queries, k), truth, k), 4)
    result.update(single_query_latency(index, queries, k=k, runs=runs))

    if filtered_fraction > 0:
        allowed = rng.choice(n, max(1, int(n * filtered_fraction)), replace=False)
        timing = single_query_latency(index, queries[:200], k=k, runs=1, allowed=allowed)
        result["filtered"] = {"allowed": len(allowed), **timing}

    if index.kind == "ivf" and sweep:
        chosen = index.nprobe
        assert chosen is not None
        rows = []
        for nprobe in sweep:
            index.nprobe = nprobe
            recall = recall_at_k(index.search(queries, k), truth, k)
            rows.append(
                {
                    "nprobe": nprobe,
                    f"recall@{k}": round(recall, 4),
                    **single_query_latency(index, queries, runs=1),
                }
            )
        index.nprobe = chosen
        result["sweep"] = rows
    return result


def ingest_benchmark(n_queries: int = 200) -> dict[str, Any]:
    """Ingest the ten real transcripts through the API and time search requests at that size."""
    import tempfile

    from fastapi.testclient import TestClient

    from app.config import Settings
    from app.db import migrate
    from app.main import create_app
    from app.runtime import load_embedder, load_splitter
    from app.worker import Worker
    from pipelines.nlp import load_nlp

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), workers=0)
        migrate(settings)
        load_embedder(settings.embedding_model), load_splitter(settings.spacy_model), load_nlp()  # warm
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
            started = time.perf_counter()
            for path in sorted((DATA / "interviews" / "pypi-infrastructure").glob("*.md")):
                with path.open("rb") as fh:
                    response = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)})
                    response.raise_for_status()
            Worker(app.state.runtime).run_until_idle()
            elapsed = time.perf_counter() - started
            utterances = client.get(f"/api/projects/{project}").json()["utterance_count"]
            with (DATA / "intents" / "banking77" / "test.csv").open() as fh:
                queries = [row["text"] for row in csv.DictReader(fh)][:n_queries]
            client.get(f"/api/projects/{project}/search", params={"q": "warm up"})
            times = []
            for query in queries:
                t0 = time.perf_counter()
                client.get(f"/api/projects/{project}/search", params={"q": query, "k": 10}).raise_for_status()
                times.append(time.perf_counter() - t0)
    ms = np.array(times) * 1000
    return {
        "interviews": 10,
        "utterances": utterances,
        "ingest_seconds": round(elapsed, 2),
        "utterances_per_second": round(utterances / elapsed, 1),
        "api_search_p50_ms": round(float(np.percentile(ms, 50)), 2),
        "api_search_p99_ms": round(float(np.percentile(ms, 99)), 2),
        "queries": len(queries),
    }


def main(argv: list[str] | None = None) -> None:
    """Command line: run the index benchmark and print its numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="indexed vectors (default 1M)")
    parser.add_argument("--queries", type=int, default=1000, help="held-out real queries (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="latency runs; the median is reported")
    parser.add_argument("--embeddings-cache", type=Path, default=None, help="npz cache of the real embeddings")
    parser.add_argument("--no-sweep", action="store_true", help="skip the nprobe sweep")
    parser.add_argument("--skip-index", action="store_true", help="only the end-to-end ingest/search part")
    args = parser.parse_args(argv)
    print(json.dumps({"ingest_search_api": ingest_benchmark()}, indent=2), flush=True)
    if args.skip_index:
        return
    result = index_benchmark(
        args.n,
        n_queries=args.queries,
        runs=args.runs,
        cache=args.embeddings_cache,
        sweep=() if args.no_sweep else (16, 32, 64, 128),
    )
    print(json.dumps({"index": result}, indent=2))


if __name__ == "__main__":
    main()
