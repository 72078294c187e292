"""Banking77 through the API: customer requests mined into jobs without being told k, against KMeans told k=77
and BERTopic on the same embeddings in the same run.

Run: `.venv/bin/python tests/benchmarks/banking77_api.py [--no-bertopic]` (BERTopic comes with `make bench`).
Tuning never looks at the test split: `--split train --dump var/train.npz` saves what mining clustered on the train
split (10,003 rows; ~28 min to ingest at load ~7), and `--offline var/train.npz --samples 3 [--reclassify]`
re-mines test-sized samples of it in seconds, as the mine task clusters (`build_tree`), optionally with the
job-talk classifier as it is now.

The 3,080 rows of ../shared/data/intents/banking77/test.csv (77 intents; PolyAI, CC BY 4.0), shuffled (the CSV is
sorted by intent; `--in-order` keeps its order), are uploaded as ten Verbatim JSON transcripts: an agent asks, the
customer answers with one row per turn. After ingest (spaCy utterances, embeddings, job-talk classification) the
project is mined (`POST /mine`) and the detail jobs are read back through
`GET /api/projects/{id}/jobs?level=detail` and `GET /api/jobs/{id}/utterances`. A row split into several sentences
counts in the job of its longest sentence; a row in no job (not job talk, or unassigned) is scored as
one more cluster ("unassigned"). KMeans (k=77, 5 seeds) and BERTopic (defaults) cluster the stored embedding of
each row's longest sentence, so all three see the same vectors.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.cluster_quality import print_row, read_banking77, scores  # noqa: E402

AGENT = "How can I help you today?"
PARTS = 10  # transcripts the rows are uploaded in


def _transcripts(texts: list[str], parts: int = PARTS) -> list[tuple[str, bytes, list[int]]]:
    """Ten Verbatim JSON transcripts: (file name, body, the row index of each customer turn in order)."""
    out = []
    for part in range(parts):
        rows = list(range(part, len(texts), parts))
        turns = []
        for row in rows:
            turns.append({"speaker_id": "agent", "role": "interviewer", "text": AGENT})
            turns.append({"speaker_id": "customer", "role": "customer", "text": texts[row]})
        document = {
            "speakers": [
                {"id": "agent", "label": "AGENT", "role": "interviewer"},
                {"id": "customer", "label": f"CUSTOMER {part + 1}", "role": "customer"},
            ],
            "turns": turns,
        }
        out.append((f"banking77-{part + 1}.json", json.dumps(document).encode(), rows))
    return out


def _dump(path: Path, session: object, project: int, found: list, rows_of: dict, truth: np.ndarray) -> None:
    """Save what mining clustered, with each utterance's Banking77 row and intent, to tune clustering offline."""
    from app.services import jobs as job_service

    mined = job_service.load_mining_input(session=session, project_id=project)  # type: ignore[arg-type]
    row_of = {uid: rows_of[interview_id][position // 2] for uid, interview_id, _, _, position in found}
    rows = np.array([row_of[int(u)] for u in mined.ids.tolist()], np.int64)
    turns = sorted(mined.requests)
    np.savez(
        path,
        vectors=mined.vectors,
        passages=np.asarray(mined.passages, np.int64),
        job_talk=np.asarray(mined.job_talk, bool),
        ids=mined.ids,
        texts=np.asarray(mined.texts, dtype=object),
        lengths=np.array([len(t) for t in mined.texts], np.int64),
        request_turns=np.asarray(turns, np.int64),
        request_vectors=np.stack([mined.requests[t] for t in turns]) if turns else np.zeros((0, 0), np.float32),
        rows=rows,
        truth=truth,
    )
    print(f"mining input saved to {path}")


def row_labels(labels: np.ndarray, rows: np.ndarray, lengths: np.ndarray, n_rows: int) -> np.ndarray:
    """Each Banking77 row's job: its longest sentence's label (-1 for a row without an utterance)."""
    out = np.full(n_rows, -1, np.int64)
    best = np.full(n_rows, -1, np.int64)
    for label, row, length in zip(labels.tolist(), rows.tolist(), lengths.tolist(), strict=True):
        if length > best[row]:
            best[row], out[row] = length, label
    return out


def offline(path: Path, *, samples: int, size: int, reclassify: bool, conversations: bool = True) -> None:
    """Re-mine a saved --dump as the mine task clusters it (`build_tree`) and score it; with samples, on that many
    random sets of `size` Banking77 rows (the train split has 10,003: a test-sized sample scores like the test).
    Each row is given the interview the API uploads it in; `conversations` False mines them as one (none centred)."""
    from pipelines.hierarchy import build_tree

    data = np.load(path, allow_pickle=True)
    vectors, passages, rows, lengths, truth = (data[k] for k in ("vectors", "passages", "rows", "lengths", "truth"))
    talk = data["job_talk"]
    if reclassify:  # the classifier as it is now, on the stored display texts and vectors
        from pipelines.embedding import SentenceTransformerEmbedder
        from pipelines.jobtalk import default_classifier

        talk = np.asarray(default_classifier(SentenceTransformerEmbedder()).classify(list(data["texts"]), vectors))
    requests = dict(zip(data["request_turns"].tolist(), data["request_vectors"], strict=True))
    rng = np.random.default_rng(0)
    results = []
    for _ in range(max(samples, 1)):
        chosen = np.sort(rng.choice(len(truth), size, replace=False)) if samples else np.arange(len(truth))
        keep = np.isin(rows, chosen)
        start = time.perf_counter()
        # The API's interviews: row r went to transcript r % PARTS (`_transcripts`).
        interviews = (rows[keep] % PARTS).tolist() if conversations else None
        tree = build_tree(
            vectors[keep], passages[keep].tolist(), talk[keep].tolist(), requests, conversations=interviews
        )
        seconds = time.perf_counter() - start
        position = np.full(len(truth), -1, np.int64)
        position[chosen] = np.arange(len(chosen))
        labels = row_labels(tree.detail, position[rows[keep]], lengths[keep], len(chosen))
        results.append(scores(truth[chosen], labels))
        print_row(f"offline, {len(chosen)} rows", results[-1], seconds)
    if len(results) > 1:
        mean = {k: type(results[0][k])(np.mean([r[k] for r in results])) for k in results[0]}
        print_row(f"mean of {len(results)} samples", mean, 0.0)


def main(argv: list[str] | None = None) -> None:
    """Upload, mine, score; then the peers on the same vectors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument(
        "--split", choices=("test", "train"), default="test", help="train: tune here, never on the test set"
    )
    parser.add_argument(
        "--dump", type=Path, help="save the mining input (.npz: vectors, passages, job talk, each row's intent)"
    )
    parser.add_argument("--offline", type=Path, help="re-mine a saved --dump without the API and score it")
    parser.add_argument("--samples", type=int, default=0, help="--offline: random samples of --size rows (0: all)")
    parser.add_argument("--size", type=int, default=3080, help="--offline: rows per sample")
    parser.add_argument(
        "--reclassify", action="store_true", help="--offline: decide job talk with the classifier as it is now"
    )
    parser.add_argument(
        "--one-conversation", action="store_true", help="--offline: mine without the interviews (none centred)"
    )
    parser.add_argument(
        "--in-order", action="store_true", help="upload the rows in the CSV's order (sorted by intent), not shuffled"
    )
    args = parser.parse_args(argv)
    if args.offline:
        offline(
            args.offline,
            samples=args.samples,
            size=args.size,
            reclassify=args.reclassify,
            conversations=not args.one_conversation,
        )
        return

    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.db import migrate
    from app.main import create_app
    from app.worker import Worker
    from models import Turn, Utterance
    from tests.helpers import make_settings

    texts, intents = read_banking77(args.split)
    if not args.in_order:
        # The CSV is sorted by intent: uploaded in its order, a transcript's turns share a few intents, which
        # anything that reads a conversation as a whole (per-interview centring, links between turns) could take
        # for one subject going on, a leak of the labels. A support queue's requests come in no such order.
        order = np.random.default_rng(0).permutation(len(texts))
        texts, intents = [texts[i] for i in order], [intents[i] for i in order]
    _, truth = np.unique(intents, return_inverse=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp) / "var", f"sqlite:///{tmp}/bench.db")
        migrate(settings)
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            project = client.post("/api/projects", json={"name": "Banking77"}).json()["id"]
            start = time.perf_counter()
            files = _transcripts(texts)
            for name, body, _ in files:
                response = client.post(
                    f"/api/projects/{project}/interviews", files={"file": (name, body, "application/json")}
                )
                assert response.status_code == 202, response.text
            # No time limit: the train split's 10,003 rows take longer to ingest than the tests' helper waits.
            Worker(app.state.runtime).run_until_idle()
            print(f"ingested {len(texts)} rows in {time.perf_counter() - start:.0f}s")
            start = time.perf_counter()
            assert client.post(f"/api/projects/{project}/mine").status_code == 202
            Worker(app.state.runtime).run_until_idle()
            mined = time.perf_counter() - start
            jobs = client.get(f"/api/projects/{project}/jobs", params={"level": "detail"}).json()["jobs"]
            core = client.get(f"/api/projects/{project}/jobs", params={"level": "core"}).json()["jobs"]
            job_of = {
                u["id"]: job["id"]
                for job in jobs
                for u in client.get(f"/api/jobs/{job['id']}/utterances").json()["utterances"]
            }
            # Each customer turn is a row; its longest sentence decides its job.
            interviews = client.get(f"/api/projects/{project}/interviews").json()["interviews"]
            rows_of = {
                i["id"]: next(r for n, _, r in files if n.removesuffix(".json") == i["title"]) for i in interviews
            }
            with app.state.runtime.session_factory() as session:
                found = session.execute(
                    select(
                        Utterance.id, Utterance.interview_id, Utterance.display_text, Utterance.embedding, Turn.position
                    )
                    .join(Turn, Turn.id == Utterance.turn_id)
                    .where(Utterance.project_id == project, Utterance.role == "customer")
                ).all()
                if args.dump:
                    _dump(args.dump, session, project, found, rows_of, truth)
    longest: dict[int, tuple[int, int, bytes]] = {}
    for uid, interview_id, text, embedding, position in found:
        row = rows_of[interview_id][position // 2]
        if row not in longest or len(text) > longest[row][0]:
            longest[row] = (len(text), uid, embedding)
    labels = np.array([job_of.get(longest[r][1], -1) if r in longest else -1 for r in range(len(texts))])
    print(
        f"mined in {mined:.1f}s: {len(jobs)} jobs in {len(core)} core jobs; rows without an utterance: "
        f"{len(texts) - len(longest)}"
    )
    print_row("ours (API, detail)", scores(truth, labels), mined)
    sizes = Counter(labels.tolist())
    print(f"{'':<22} largest jobs: {[n for _, n in sizes.most_common(5)]}")

    vectors = np.vstack([np.frombuffer(longest[r][2], dtype=np.float32) for r in range(len(texts))])
    from sklearn.cluster import KMeans

    runs = []
    start = time.perf_counter()
    for seed in range(5):
        runs.append(scores(truth, KMeans(77, n_init=1, random_state=seed).fit_predict(vectors)))
    mean = {k: type(runs[0][k])(np.mean([r[k] for r in runs])) for k in runs[0]}
    print_row("KMeans k=77 (5 seeds)", mean, (time.perf_counter() - start) / 5)
    if args.no_bertopic:
        return
    try:
        from bertopic import BERTopic
    except ImportError:
        print("bertopic not installed: skipped (make bench installs it)")
        return
    start = time.perf_counter()
    topics, _ = BERTopic(embedding_model=None).fit_transform(texts, vectors)
    print_row("BERTopic defaults", scores(truth, np.asarray(topics)), time.perf_counter() - start)


if __name__ == "__main__":
    main()
