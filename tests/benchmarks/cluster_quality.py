"""Clustering benchmark: our GraphClusterer against BERTopic's defaults on Banking77, and a 100k scale run.

Run: `.venv/bin/python tests/benchmarks/cluster_quality.py [--no-bertopic] [--peer-torch] [--scale 100000]`.

Quality: the 3,080 utterances of ../shared/data/intents/banking77/test.csv (77 intents; PolyAI, CC BY 4.0) are
embedded with `pipelines.embedding.load_sentence_embedder()` (all-MiniLM-L6-v2 on ONNX Runtime, the CPU default;
`--peer-torch`: on PyTorch as well, clustered the same way; cached under var/cache/, keyed by the texts' hash and
the backend) and clustered WITHOUT being told k. NMI and ARI count unassigned rows (-1) as one more cluster, so
outliers cost score; the "assigned" pair scores only the rows a method assigned. BERTopic runs as
`BERTopic(embedding_model=None).fit_transform(texts, embeddings)` (default UMAP + HDBSCAN) on the same embeddings
in the same process; its time includes its c-TF-IDF topic words, ours `label_clusters`.

Scale (--scale N): both job levels as mining builds them (`pipelines.hierarchy.build_tree`).
Banking77 train+test (13,083 real embeddings) are mixed into N synthetic rows:
normalise(t * a + (1 - t) * b + e) with a a random real row, b a random real row of the same intent,
t ~ Uniform(0.2, 0.8) and e ~ Normal(0, 0.02^2 I) (noise norm ~0.39 before renormalising); 5% of rows take b
from any intent instead (ambiguous, scored as "no intent"). The clusterer runs in a fresh subprocess that only
loads those vectors; it reports wall time of `fit` and peak resident memory (VmHWM from /proc/self/status,
which counts C/BLAS allocations, unlike tracemalloc), plus VmHWM right after loading the data.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a plain script from anywhere
    sys.path.insert(0, str(ROOT))

from pipelines.clustering import label_clusters  # noqa: E402

BANKING77 = ROOT.parent / "shared" / "data" / "intents" / "banking77"
CACHE = ROOT / "var" / "cache" / "embeddings"


def read_banking77(split: str) -> tuple[list[str], list[str]]:
    """Texts and intent names of one Banking77 split."""
    with open(BANKING77 / f"{split}.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [r["text"] for r in rows], [r["category"] for r in rows]


def embed_cached(texts: list[str], cache_dir: Path = CACHE, *, torch: bool = False) -> np.ndarray:
    """Embed texts with the default embedder (ONNX Runtime on CPU; `torch`: the PyTorch model), reusing a .npy
    cached under a hash of the texts and the backend."""
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    path = cache_dir / f"minilm-{'torch' if torch else 'default'}-{digest}.npy"
    if path.exists():
        return np.load(path)
    from pipelines.embedding import SentenceTransformerEmbedder, load_sentence_embedder

    vectors = (SentenceTransformerEmbedder() if torch else load_sentence_embedder()).embed(texts)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def scores(truth: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    """NMI/ARI with -1 as its own cluster, the same on assigned rows only, unassigned share and cluster count."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    assigned = labels >= 0
    return {
        "nmi": normalized_mutual_info_score(truth, labels),
        "ari": adjusted_rand_score(truth, labels),
        "nmi_assigned": normalized_mutual_info_score(truth[assigned], labels[assigned]),
        "ari_assigned": adjusted_rand_score(truth[assigned], labels[assigned]),
        "unassigned": float(1 - assigned.mean()),
        "clusters": len(set(labels[assigned].tolist())),
    }


def print_row(name: str, result: dict[str, float], seconds: float) -> None:
    print(
        f"{name:<22} NMI {result['nmi']:.3f}  ARI {result['ari']:.3f}  "
        f"(assigned: NMI {result['nmi_assigned']:.3f} ARI {result['ari_assigned']:.3f})  "
        f"unassigned {result['unassigned']:6.1%}  clusters {result['clusters']:4d}  time {seconds:6.1f}s",
        flush=True,
    )


def quality(run_bertopic: bool, peer_torch: bool = False) -> None:
    """Ours vs BERTopic defaults on Banking77 test.csv, k not given (`peer_torch`: ours on PyTorch's vectors too)."""
    texts, intents = read_banking77("test")
    _, truth = np.unique(intents, return_inverse=True)
    vectors = embed_cached(texts)
    print(f"Banking77 test.csv: {len(texts)} utterances, {truth.max() + 1} intents, embeddings {vectors.shape}")

    from pipelines.hierarchy import detail_clusterer

    if peer_torch:
        reference = embed_cached(texts, torch=True)
        cosines = (vectors * reference).sum(axis=1)
        print(f"{'':<22} cosine to PyTorch's vectors: mean {cosines.mean():.5f}, min {cosines.min():.5f}")
        start = time.perf_counter()
        peer_clusterer = detail_clusterer()
        print_row("ours, PyTorch vectors", scores(truth, peer_clusterer.fit(reference)), time.perf_counter() - start)
    start = time.perf_counter()
    clusterer = detail_clusterer()  # what mining uses for the detail level
    labels = clusterer.fit(vectors)
    fit_seconds = time.perf_counter() - start
    phrases = label_clusters(texts, labels)
    total = time.perf_counter() - start
    print_row("ours (fit)", scores(truth, labels), fit_seconds)
    print(f"{'':<22} + label_clusters: {total:.1f}s in all; chosen resolution {clusterer.resolution_}")
    for label in range(3):
        print(f"{'':<22} job {label}: {', '.join(phrases[label])}")

    if not run_bertopic:
        return
    try:
        from bertopic import BERTopic
    except ImportError:
        print("bertopic not installed: skipped (pip install bertopic)")
        return
    start = time.perf_counter()
    topics, _ = BERTopic(embedding_model=None).fit_transform(texts, vectors)
    print_row("BERTopic defaults", scores(truth, np.asarray(topics)), time.perf_counter() - start)


def synthetic(n: int, seed: int = 0, noise: float = 0.02, cross: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """N rows mixed from real Banking77 train+test embeddings (see module doc) and their intent (-1: mixed)."""
    texts, intents = read_banking77("test")
    more_texts, more_intents = read_banking77("train")
    real = embed_cached(texts + more_texts)
    _, intent = np.unique(intents + more_intents, return_inverse=True)
    rng = np.random.default_rng(seed)
    a = rng.integers(0, len(real), n)
    # b: a random row of a's intent, drawn through the rows sorted by intent.
    by_intent = np.argsort(intent, kind="stable")
    first = np.searchsorted(intent[by_intent], intent[a])
    count = np.bincount(intent)[intent[a]]
    b = by_intent[first + (rng.random(n) * count).astype(np.int64)]
    mixed = rng.random(n) < cross
    b[mixed] = rng.integers(0, len(real), int(mixed.sum()))
    t = rng.uniform(0.2, 0.8, (n, 1)).astype(np.float32)
    rows = t * real[a] + (1 - t) * real[b] + rng.normal(0, noise, (n, real.shape[1])).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    truth = np.where(mixed & (intent[a] != intent[b]), -1, intent[a])
    return rows.astype(np.float32), truth


def vm_hwm_mib() -> float:
    """Peak resident set size of this process so far (MiB), including C allocations."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def fit_only(path: Path) -> None:
    """Subprocess body: load vectors, build both job levels as mining does (passages of 1-12 sentences, detail
    clustering, core grouping), print time and memory as JSON (detail labels saved beside the input)."""
    from pipelines.hierarchy import build_tree

    vectors = np.load(path)
    passages = np.cumsum(np.random.default_rng(0).random(len(vectors)) < 0.2)  # turns of ~5 sentences
    loaded = vm_hwm_mib()
    start = time.perf_counter()
    tree = build_tree(vectors, passages.tolist())
    labels = tree.detail
    seconds = time.perf_counter() - start
    np.save(path.with_suffix(".labels.npy"), labels)
    print(json.dumps({"seconds": seconds, "peak_mib": vm_hwm_mib(), "after_load_mib": loaded}))


def scale(n: int) -> None:
    """Time and peak memory of clustering n synthetic rows, in a clean subprocess."""
    vectors, truth = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vectors.npy"
        np.save(path, vectors)
        done = subprocess.run(
            [sys.executable, __file__, "--fit-only", str(path)], check=True, capture_output=True, text=True
        )
        result = json.loads(done.stdout.strip().splitlines()[-1])
        labels = np.load(path.with_suffix(".labels.npy"))
    known = truth >= 0
    found = scores(truth[known], labels[known])
    print(
        f"scale {n:,} x {vectors.shape[1]} (both levels): fit {result['seconds']:.1f}s, "
        f"peak RSS {result['peak_mib']:.0f} MiB "
        f"(data loaded: {result['after_load_mib']:.0f} MiB); unassigned {np.mean(labels < 0):.1%}, "
        f"clusters {found['clusters']}, NMI {found['nmi']:.3f} ARI {found['ari']:.3f} vs source intents"
    )


def main(argv: list[str] | None = None) -> None:
    """Parse arguments and run the quality comparison, the scale run, or the subprocess body."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bertopic", action="store_true", help="skip the BERTopic baseline")
    parser.add_argument("--scale", type=int, metavar="N", help="cluster N synthetic rows instead (time, memory)")
    parser.add_argument("--fit-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--peer-torch", action="store_true", help="also cluster the PyTorch model's vectors")
    args = parser.parse_args(argv)
    if args.fit_only:
        fit_only(args.fit_only)
    elif args.scale:
        scale(args.scale)
    else:
        quality(run_bertopic=not args.no_bertopic, peer_torch=args.peer_torch)


if __name__ == "__main__":
    main()
