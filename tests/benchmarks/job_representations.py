"""Which sentence representation separates the reference jobs: the ceiling of jobs_quality.py, for several.

Run: `.venv/bin/python tests/benchmarks/job_representations.py [--mpnet] [--spread [NAME ...]]` after one
`jobs_quality.py` run (it reads that run's database, var/bench/jobs-pypi/bench.db, and ingests the ten pypi
interviews when there is none).

Each of the reference's 93 evidence quotes is the mean of the customer utterances that say it (located as in
jobs_quality.py), each representation built from the stored rows; everything a representation fits (a mean, the
principal components, a whitening) is fitted on the project's customer utterances alone, never on the reference's
labels. For each: how often a quote's nearest other quote belongs to its job; KMeans told k=13 (jobs) and k=5 (core
jobs): NMI against the reference and the reference jobs found (jobs_quality.py's rule: >= 30% and >= 2 of a job's
quotes in one cluster, one to one), the mean over five seeds. One quote is 1.1 points of `nearest`; `--spread`
prints how far each representation's lead over `centred` (production) stands above chance.

- `quote text`: the quotes' own text embedded (the `ceiling` line of jobs_quality.py);
- `sentences`: the stored vectors of the utterances (what mining reads, before passages and centring);
- `centred`: less what their interview says throughout (`hierarchy.centre_conversations`, in production);
- `passages centred`: each sentence read in its turn, then centred (as mining reads it, short turns aside);
- `abtt-D`: all-but-the-top, the corpus mean and its top D principal components taken away (Mu & Viswanath 2018);
- `whitened`, `whitened-128`: PCA whitening of the corpus (every component, or the first 128, scaled to unit
  variance; Su et al. 2021);
- `signals`: the utterance's goal, struggle and outcome clauses (utterance_signals), averaged with the sentence
  (`+ signals`) or instead of it where it has any (`signals only`);
- `+ question w`: the interviewer's turn before the answer added with weight w;
- `mpnet`: all-mpnet-base-v2 (`--mpnet`; its vectors of every customer utterance are kept under var/bench);
- `tfidf`: TF-IDF over the utterance's content lemmas (nouns, proper nouns, verbs, adjectives, no stop words;
  spaCy), sublinear counts, idf fitted on every customer utterance; `lsa-D`: its first D latent components
  (truncated SVD fitted on every customer utterance, not only the quotes), unit rows; `lsa-t`: fitted on the
  customer turns as documents instead, applied to each sentence;
- `... turn`: the speaker's whole turn pooled (every sentence of it), `... +-2`: the sentence and the two either
  side of it in the same turn pooled; for the lexical forms the lemma counts are pooled, for the embeddings the
  vectors (then centred per interview);
- `centred + lsa w` (`+ tfidf`, `+ lsa-t`, `c turn + lsa turn`, ...): the two unit vectors side by side, the
  lexical one weighted w, so their cosine is the two cosines summed with weights 1 and w^2; `passages (c + lsa w)`:
  each sentence's joined vector read in its passage and centred, as mining would read it. The few weights are a
  choice among variants, not fitted on the quotes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.jobs_quality import DATA, WORK, _ingest, _locate, _recall  # noqa: E402

# The clauses that say a job: what the person sets out to do, what stands in the way, what it is for.
SIGNAL_KINDS = ("motivation", "pain", "outcome", "success")
SEEDS = 5


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float64)
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)


def abtt(corpus: np.ndarray, drop: int) -> Callable[[np.ndarray], np.ndarray]:
    """All-but-the-top fitted on the corpus: a vector less the corpus mean and its first `drop` components."""
    mean = corpus.mean(axis=0)
    _, _, vt = np.linalg.svd(corpus - mean, full_matrices=False)
    top = vt[:drop]

    def apply(vectors: np.ndarray) -> np.ndarray:
        centred = vectors - mean
        return _unit(centred - (centred @ top.T) @ top)

    return apply


def whitening(corpus: np.ndarray, keep: int | None = None) -> Callable[[np.ndarray], np.ndarray]:
    """PCA whitening fitted on the corpus: its first `keep` (all) principal components scaled to unit variance."""
    mean = corpus.mean(axis=0)
    _, s, vt = np.linalg.svd(corpus - mean, full_matrices=False)
    s, vt = s[:keep], vt[:keep]
    scale = np.sqrt(len(corpus) - 1) / np.maximum(s, 1e-6 * s[0])

    def apply(vectors: np.ndarray) -> np.ndarray:
        return _unit(((vectors - mean) @ vt.T) * scale)

    return apply


def separation(vectors: np.ndarray, jobs: np.ndarray, cores: np.ndarray, same_turn: np.ndarray) -> dict[str, float]:
    """Nearest other quote in the same job, among all quotes and among those said in other turns (`same_turn`:
    quote pairs sharing a turn, which a turn's pooled vector joins whatever they say); KMeans at the jobs' k (NMI,
    reference jobs found by jobs_quality.py's rule) and at the core jobs' k (NMI, core jobs found); each KMeans
    figure the mean over SEEDS seeds."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    vectors = _unit(vectors)
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -np.inf)
    out = {"nearest": float(np.mean(jobs[similarity.argmax(axis=1)] == jobs))}
    similarity[same_turn] = -np.inf
    out["nearest other turn"] = float(np.mean(jobs[similarity.argmax(axis=1)] == jobs))
    for name, labels in (("jobs", jobs), ("cores", cores)):
        k = len(set(labels.tolist()))
        groups = {str(g): [{i} for i in np.flatnonzero(labels == g).tolist()] for g in set(labels.tolist())}
        nmi, found = [], []
        for seed in range(SEEDS):
            clusters = KMeans(k, n_init=10, random_state=seed).fit_predict(vectors)
            nmi.append(normalized_mutual_info_score(labels, clusters))
            mined = {int(c): set(np.flatnonzero(clusters == c).tolist()) for c in set(clusters.tolist())}
            found.append(_recall(groups, mined)[0])
        out[f"nmi {name}"] = float(np.mean(nmi))
        out[f"found {name}"] = float(np.mean(found))
    return out


def spread(vectors: np.ndarray, base: np.ndarray, jobs: np.ndarray, draws: int = 100) -> tuple[float, ...]:
    """How far a representation's lead over `base` stands above chance: over `draws` paired draws of 80% of the
    quotes, the 5th and 95th percentiles of the difference in nearest-same-job and in KMeans NMI (k=13)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    def hits(v: np.ndarray) -> np.ndarray:
        v = _unit(v)
        similarity = v @ v.T
        np.fill_diagonal(similarity, -np.inf)
        return jobs[similarity.argmax(axis=1)] == jobs

    lead = hits(vectors).astype(float) - hits(base)
    rng = np.random.default_rng(0)
    k = len(set(jobs.tolist()))
    nearest, nmi = [], []
    for draw in range(draws):
        chosen = rng.choice(len(jobs), int(0.8 * len(jobs)), replace=False)
        nearest.append(lead[rng.integers(0, len(jobs), len(jobs))].mean())
        scores = [
            normalized_mutual_info_score(jobs[chosen], KMeans(k, n_init=10, random_state=draw).fit_predict(v[chosen]))
            for v in (_unit(vectors), _unit(base))
        ]
        nmi.append(scores[0] - scores[1])
    return (*np.percentile(nearest, [5, 95]).tolist(), *np.percentile(nmi, [5, 95]).tolist())


def _rows(client, project_id: int) -> dict:
    """Customer utterances (ids, interview, turn, text, vector), each turn's preceding interviewer turn, signals."""
    from sqlalchemy import select

    from app.services.index import decode_embedding
    from models import Speaker, Turn, Utterance, UtteranceSignal

    with client.app.state.runtime.session_factory() as session:
        rows = session.execute(
            select(Utterance.id, Utterance.interview_id, Utterance.turn_id, Utterance.display_text, Utterance.embedding)
            .where(Utterance.project_id == project_id, Utterance.role == "customer", Utterance.quoted.is_(False))
            .order_by(Utterance.interview_id, Utterance.position)
        ).all()
        turns = session.execute(
            select(Turn.id, Turn.interview_id, Turn.position, Turn.text, Speaker.role)
            .join(Speaker, Speaker.id == Turn.speaker_id)
            .order_by(Turn.interview_id, Turn.position)
        ).all()
        signals = session.execute(
            select(UtteranceSignal.utterance_id, UtteranceSignal.kind, UtteranceSignal.embedding).where(
                UtteranceSignal.project_id == project_id, UtteranceSignal.kind.in_(SIGNAL_KINDS)
            )
        ).all()
    question: dict[int, str] = {}
    last: dict[int, str] = {}
    for turn_id, interview_id, _, text, role in turns:
        if role == "interviewer":
            last[interview_id] = text
        elif role == "customer" and interview_id in last:
            question[turn_id] = last[interview_id]
    clauses: dict[int, list[np.ndarray | None]] = {}
    for utterance_id, _, blob in signals:
        clauses.setdefault(utterance_id, []).append(None if blob is None else decode_embedding(blob))
    return {
        "ids": [r[0] for r in rows],
        "interviews": np.array([r[1] for r in rows]),
        "turns": [r[2] for r in rows],
        "texts": [r[3] for r in rows],
        "vectors": np.vstack([decode_embedding(r[4]) for r in rows]).astype(np.float64),
        "question": question,
        "clauses": clauses,
    }


def lemma_counts(texts: list[str]) -> list[dict[str, int]]:
    """Each text's content lemmas (nouns, proper nouns, verbs, adjectives; no stop words, no short tokens)."""
    from pipelines.nlp import load_nlp

    content = {"NOUN", "PROPN", "VERB", "ADJ"}
    out = []
    for doc in load_nlp().pipe(texts, batch_size=256):
        counts: dict[str, int] = {}
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ in content and not token.is_stop and len(lemma) > 2 and lemma.isalpha():
                counts[lemma] = counts.get(lemma, 0) + 1
        out.append(counts)
    return out


def _window(turns: list[int], i: int, reach: int | None) -> tuple[int, int]:
    """The first and last index of utterance i's turn, or of the `reach` sentences either side of it in that turn."""
    low, high = i, i
    while low > 0 and turns[low - 1] == turns[i] and (reach is None or i - low < reach):
        low -= 1
    while high + 1 < len(turns) and turns[high + 1] == turns[i] and (reach is None or high - i < reach):
        high += 1
    return low, high


def pooled(counts: list[dict[str, int]], turns: list[int], reach: int | None) -> list[dict[str, int]]:
    """Each utterance's lemma counts pooled over its turn (`reach` None) or the `reach` sentences either side of
    it in the same turn."""
    out = []
    for i in range(len(turns)):
        low, high = _window(turns, i, reach)
        total: dict[str, int] = {}
        for j in range(low, high + 1):
            for lemma, n in counts[j].items():
                total[lemma] = total.get(lemma, 0) + n
        out.append(total)
    return out


def pooled_vectors(vectors: np.ndarray, turns: list[int], reach: int | None) -> np.ndarray:
    """Each utterance's (unit) vector pooled like `pooled`: its turn, or the `reach` sentences either side."""
    out = np.empty_like(vectors)
    for i in range(len(turns)):
        low, high = _window(turns, i, reach)
        out[i] = vectors[low : high + 1].mean(axis=0)
    return _unit(out)


def lexical(corpus: list[dict[str, int]]) -> Callable[[list[dict[str, int]], int | None], np.ndarray]:
    """TF-IDF (sublinear counts, smoothed idf) fitted on the corpus' lemma counts; with a dimension, the truncated
    SVD (LSA) of the corpus' TF-IDF, fitted on the corpus, applied to the rows given."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer

    vectorizer = DictVectorizer()
    tfidf = TfidfTransformer(sublinear_tf=True).fit(vectorizer.fit_transform(corpus))
    fitted = tfidf.transform(vectorizer.transform(corpus))
    svds: dict[int, TruncatedSVD] = {}

    def apply(rows: list[dict[str, int]], dims: int | None) -> np.ndarray:
        matrix = tfidf.transform(vectorizer.transform(rows))
        if dims is None:
            return _unit(matrix.toarray())
        if dims not in svds:
            svds[dims] = TruncatedSVD(dims, random_state=0).fit(fitted)
        return _unit(svds[dims].transform(matrix))

    return apply


def _mpnet(client, texts: list[str], quotes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """all-mpnet-base-v2 vectors of every customer utterance (computed once, kept under var/bench) and of the
    quotes' own text."""
    from pipelines.embedding import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder(
        "all-mpnet-base-v2", cache_dir=client.app.state.runtime.settings.index_dir.parent / "models"
    )
    cache = WORK / "mpnet.npy"
    kept = np.load(cache) if cache.exists() else None
    if kept is None or len(kept) != len(texts):
        kept = np.asarray(embedder.embed(texts), np.float32)
        np.save(cache, kept)
    return np.asarray(kept, np.float64), np.asarray(embedder.embed(quotes), np.float64)


def main(argv: list[str] | None = None) -> None:
    """Locate the reference quotes, build each representation, print its separation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mpnet", action="store_true", help="add all-mpnet-base-v2 (embeds every utterance once)")
    parser.add_argument(
        "--spread", nargs="*", metavar="NAME", help="90%% intervals of the lead over `centred` (of NAMEs; no NAME: all)"
    )
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from pipelines.hierarchy import centre_conversations, passage_vectors
    from tests.helpers import make_settings

    reference = json.loads((DATA / "reference-jobs.json").read_text(encoding="utf-8"))
    db = WORK / "bench.db"
    WORK.mkdir(parents=True, exist_ok=True)
    fresh = not db.exists()
    settings = make_settings(WORK / "var", f"sqlite:///{db}")
    migrate(settings)
    app = create_app(settings, start_worker=False)
    with TestClient(app) as client:
        project_id = _ingest(client) if fresh else client.get("/api/projects").json()["projects"][0]["id"]
        embedder = app.state.runtime.embedder
        data = _rows(client, project_id)
        interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
        titles = {i["id"]: i["title"] for i in interviews}
        utterances = [
            {"id": u, "interview_id": i, "text": t}
            for u, i, t in zip(data["ids"], data["interviews"].tolist(), data["texts"], strict=True)
        ]
        located = _locate(reference, utterances, titles)
        quotes = [(e["quote"], j["id"], j["core"]) for j in reference["jobs"] for e in j["evidence"]]
        row_of = {u: r for r, u in enumerate(data["ids"])}
        members = [[row_of[u] for u in sorted(located[q]) if u in row_of] for q, _, _ in quotes]
        kept = [i for i, m in enumerate(members) if m]
        jobs = np.array([quotes[i][1] for i in kept])
        cores = np.array([quotes[i][2] for i in kept])
        quote_turns = [{data["turns"][r] for r in members[i]} for i in kept]
        same_turn = np.array([[bool(a & b) for b in quote_turns] for a in quote_turns])
        pairs = np.triu(same_turn, 1)
        print(
            f"{int(pairs.sum())} quote pairs share a turn, {int((pairs & (jobs[:, None] == jobs[None, :])).sum())} "
            "of them in the same job"
        )
        print(f"{len(kept)} of {len(quotes)} reference quotes located among {len(data['ids'])} customer utterances")

        def per_quote(rows: np.ndarray) -> np.ndarray:
            return np.vstack([_unit(_unit(rows[members[i]]).mean(axis=0)) for i in kept])

        table: list[tuple[str, np.ndarray]] = []
        text_vectors = np.asarray(embedder.embed([quotes[i][0] for i in kept]), np.float64)
        table.append(("quote text", text_vectors))
        sentences = _unit(data["vectors"])
        table.append(("sentences", per_quote(sentences)))
        centred = _unit(centre_conversations(sentences.astype(np.float32), data["interviews"]))
        table.append(("centred", per_quote(centred)))
        read = _unit(passage_vectors(sentences.astype(np.float32), data["turns"]))
        table.append(("passages centred", per_quote(_unit(centre_conversations(read, data["interviews"])))))
        for drop in (1, 2, 3):
            table.append((f"abtt-{drop}", per_quote(abtt(sentences, drop)(sentences))))
            table.append((f"centred abtt-{drop}", per_quote(abtt(centred, drop)(centred))))
        table.append(("whitened", per_quote(whitening(sentences)(sentences))))
        table.append(("whitened-128", per_quote(whitening(sentences, 128)(sentences))))

        clause_mean = np.vstack(
            [
                _unit(np.mean([c if c is not None else v for c in data["clauses"][u]], axis=0))
                if u in data["clauses"]
                else v
                for u, v in zip(data["ids"], sentences, strict=True)
            ]
        )
        with_clauses = sum(1 for u in data["ids"] if u in data["clauses"])
        print(f"{with_clauses} of {len(data['ids'])} customer utterances have a goal/struggle/outcome clause")
        table.append(("+ signals", per_quote(_unit(sentences + clause_mean))))
        table.append(("signals only", per_quote(clause_mean)))

        asked = sorted({t for t in data["turns"] if t in data["question"]})
        question_vectors = dict(
            zip(asked, np.asarray(embedder.embed([data["question"][t] for t in asked]), np.float64), strict=True)
        )
        none = np.zeros(sentences.shape[1])
        questions = np.vstack([question_vectors.get(t, none) for t in data["turns"]])
        for weight in (0.3, 0.5):
            table.append((f"+ question {weight}", per_quote(_unit(sentences + weight * questions))))

        counts = lemma_counts(data["texts"])
        fit = lexical(counts)
        turn_counts = pooled(counts, data["turns"], None)
        near_counts = pooled(counts, data["turns"], 2)
        table.append(("tfidf", per_quote(fit(counts, None))))
        table.append(("tfidf turn", per_quote(fit(turn_counts, None))))
        table.append(("tfidf +-2", per_quote(fit(near_counts, None))))
        lsa = {}
        for dims in (50, 100, 200):
            lsa[dims] = fit(counts, dims)
            table.append((f"lsa-{dims}", per_quote(lsa[dims])))
        lsa_turn = fit(turn_counts, 100)
        lsa_near = fit(near_counts, 100)
        table.append(("lsa-100 turn", per_quote(lsa_turn)))
        table.append(("lsa-100 +-2", per_quote(lsa_near)))
        table.append(("lsa-100 centred", per_quote(_unit(centre_conversations(lsa[100], data["interviews"])))))
        # The latent topics learnt from whole turns (documents long enough for words to co-occur), read per sentence.
        turn_docs = list({t: c for t, c in zip(data["turns"], turn_counts, strict=True)}.values())
        by_turns = lexical(turn_docs)
        lsa_by_turns = by_turns(counts, 100)
        table.append(("lsa-100 fit on turns", per_quote(lsa_by_turns)))
        for weight in (0.7, 1.0):
            table.append((f"centred + lsa-t {weight}", per_quote(np.hstack([centred, weight * lsa_by_turns]))))
        emb_turn = _unit(centre_conversations(pooled_vectors(sentences, data["turns"], None), data["interviews"]))
        emb_near = _unit(centre_conversations(pooled_vectors(sentences, data["turns"], 2), data["interviews"]))
        table.append(("centred turn", per_quote(emb_turn)))
        table.append(("centred +-2", per_quote(emb_near)))
        for weight in (0.5, 0.7, 1.0):
            table.append((f"centred + lsa-100 {weight}", per_quote(np.hstack([centred, weight * lsa[100]]))))
            table.append((f"centred + tfidf {weight}", per_quote(np.hstack([centred, weight * fit(counts, None)]))))
        for weight in (0.5, 1.0):
            table.append((f"centred + lsa +-2 {weight}", per_quote(np.hstack([centred, weight * lsa_near]))))
            table.append((f"c+-2 + lsa +-2 {weight}", per_quote(np.hstack([emb_near, weight * lsa_near]))))
            table.append((f"c turn + lsa turn {weight}", per_quote(np.hstack([emb_turn, weight * lsa_turn]))))
        # As mining would read a joined vector: each sentence's embedding and LSA joined, read in its passage
        # (hierarchy.passage_vectors), then centred per interview.
        for weight in (0.7, 1.0):
            joined = _unit(np.hstack([sentences, weight * lsa[100]])).astype(np.float32)
            read = _unit(centre_conversations(passage_vectors(joined, data["turns"]), data["interviews"]))
            table.append((f"passages (c + lsa {weight})", per_quote(read)))

        if args.mpnet:
            mpnet, mpnet_quotes = _mpnet(client, data["texts"], [quotes[i][0] for i in kept])
            mpnet = _unit(mpnet)
            table.append(("mpnet quote text", mpnet_quotes))
            table.append(("mpnet", per_quote(mpnet)))
            mpnet_centred = _unit(centre_conversations(mpnet.astype(np.float32), data["interviews"]))
            table.append(("mpnet centred", per_quote(mpnet_centred)))
            table.append(("mpnet abtt-1", per_quote(abtt(mpnet, 1)(mpnet))))

        heads = ("nearest", "x-turn", "NMI k=13", "found/13", "NMI k=5", "found/5")
        print(f"{'representation':<26} " + " ".join(f"{h:>9}" for h in heads))
        for name, vectors in table:
            got = separation(vectors, jobs, cores, same_turn)
            print(
                f"{name:<26} {got['nearest']:>9.0%} {got['nearest other turn']:>9.0%} {got['nmi jobs']:>9.3f} "
                f"{got['found jobs']:>9.1f} {got['nmi cores']:>9.3f} {got['found cores']:>9.1f}"
            )
        if args.spread is not None:
            base = dict(table)["centred"]
            print("lead over `centred`, 90% of 100 paired draws: nearest (bootstrap), NMI k=13 (80% of the quotes)")
            for name, vectors in table:
                if args.spread and name not in args.spread:
                    continue
                low, high, nmi_low, nmi_high = spread(vectors, base, jobs)
                print(f"{name:<26} {low:>+6.0%} .. {high:<+6.0%} {nmi_low:>+7.3f} .. {nmi_high:+.3f}")


if __name__ == "__main__":
    main()
