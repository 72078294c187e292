"""Job-talk classifier quality: precision, recall and F1 against two labelled sets, with simple peers.

Run: `.venv/bin/python tests/benchmarks/job_talk_quality.py [--no-ingest]` from the repository root.

Sets (positive = job talk):
1. held-out: the `heldout` sentences of pipelines/data/job_talk.jsonl (written for this project; never trained on).
2. reference: ../shared/data/interviews/pypi-infrastructure/reference-jobs.json: every evidence quote
   (jobs[].evidence[].quote) is job talk, every `not_jobs` entry is not. Each quote is classified whole, as one
   utterance (its display text, `pipelines.utterances.clean_display`), because that is how the reference annotator
   chose it; a second line ("sentences") splits each quote with the project's spaCy splitter and calls the quote
   job talk when any of its sentences is. The reference has 93 positives and 18 negatives, so precision there
   is dominated by the positives: the negatives' rejection rate (specificity) is printed too.

Classifier: `pipelines.jobtalk.default_classifier` (logistic regression over all-MiniLM-L6-v2 embeddings plus cue
counts, trained on the `train` sentences only). Peers in the same run:
- jtbd-signal: job talk when `pipelines.jtbd.extract_signals` finds any signal (situation, motivation, outcome,
  success, pain, force) in the text;
- length>=8: job talk when the text has at least 8 words;
- all: everything is job talk (precision = base rate).

Last, unless --no-ingest: the ten pypi interviews uploaded through the HTTP API (TestClient, SQLite in a temporary
directory, real models, the real ingest task) and the share of customer utterances stored with job_talk = true,
per interview and overall, plus the roles found and how many utterances were marked quoted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a plain script: the worktree's packages, not an installed copy

DATA = ROOT.parent / "shared" / "data"
INTERVIEWS = DATA / "interviews" / "pypi-infrastructure"


def prf(predicted: Sequence[bool], truth: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and t for p, t in zip(predicted, truth, strict=True))
    fp = sum(p and not t for p, t in zip(predicted, truth, strict=True))
    fn = sum(t and not p for p, t in zip(predicted, truth, strict=True))
    tn = sum(not p and not t for p, t in zip(predicted, truth, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    specificity = tn / (tn + fp) if tn + fp else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "specificity": specificity, "n": len(truth)}


def show(name: str, method: str, scores: dict[str, float]) -> None:
    print(
        f"  {name:<10} {method:<22} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
        f"F1 {scores['f1']:.3f}  neg-rejected {scores['specificity']:.3f}  (n={scores['n']})"
    )


def reference_set() -> tuple[list[str], list[bool]]:
    data = json.loads((INTERVIEWS / "reference-jobs.json").read_text(encoding="utf-8"))
    positives = [e["quote"] for job in data["jobs"] for e in job["evidence"]]
    negatives = list(data["not_jobs"])
    return positives + negatives, [True] * len(positives) + [False] * len(negatives)


def ingest_share() -> None:
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.main import create_app
    from models import Interview, Speaker, Utterance
    from tests.helpers import make_settings, run_tasks

    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp) / "var", f"sqlite:///{Path(tmp) / 'bench.db'}")
        from app.db import migrate

        migrate(settings)
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            project = client.post("/api/projects", json={"name": "pypi"}).json()
            for path in sorted(INTERVIEWS.glob("*.md")):
                files = {"file": (path.name, path.read_bytes())}
                client.post(f"/api/projects/{project['id']}/interviews", files=files).raise_for_status()
            started = time.perf_counter()
            run_tasks(client)
            elapsed = time.perf_counter() - started
            factory = app.state.runtime.session_factory
            with factory() as session:
                interviews = session.scalars(select(Interview).order_by(Interview.id)).all()
                print(f"\ningest: ten pypi interviews through the HTTP API and the ingest task ({elapsed:.0f} s)")
                total_yes = total = 0
                for interview in interviews:
                    roles = {
                        s.label: s.role
                        for s in session.scalars(select(Speaker).where(Speaker.interview_id == interview.id))
                    }
                    rows = session.scalars(
                        select(Utterance).where(Utterance.interview_id == interview.id).order_by(Utterance.position)
                    ).all()
                    customer = [u for u in rows if u.role == "customer" and not u.quoted]
                    yes = sum(bool(u.job_talk) for u in customer)
                    quoted = sum(u.quoted for u in rows)
                    total_yes += yes
                    total += len(customer)
                    share = yes / len(customer) if customer else 0.0
                    print(
                        f"  {interview.source_filename:<18} job talk {yes:>3}/{len(customer):<3} = {share:.2f}  "
                        f"quoted {quoted:>2}  roles {roles}"
                    )
                print(f"  overall: {total_yes}/{total} customer utterances are job talk = {total_yes / total:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-ingest", action="store_true", help="skip the ten-interview ingest")
    args = parser.parse_args()

    from pipelines.embedding import load_sentence_embedder
    from pipelines.jobtalk import default_classifier, load_examples
    from pipelines.jtbd import extract_signals
    from pipelines.utterances import SpacySplitter, clean_display

    embedder = load_sentence_embedder()
    started = time.perf_counter()
    classifier = default_classifier(embedder)
    print(f"classifier trained on {len(load_examples('train'))} sentences in {time.perf_counter() - started:.1f} s")

    def model(texts: Sequence[str]) -> list[bool]:
        return classifier.classify(texts, embedder.embed(texts))

    def signal_peer(texts: Sequence[str]) -> list[bool]:
        return [bool(s.signals) for s in extract_signals(list(texts))]

    peers: list[tuple[str, Callable[[Sequence[str]], list[bool]]]] = [
        ("logistic (ours)", model),
        ("jtbd-signal", signal_peer),
        ("length>=8", lambda texts: [len(t.split()) >= 8 for t in texts]),
        ("all", lambda texts: [True] * len(texts)),
    ]

    # Leakage check: the shipped sentences were written for this project, not copied from the reference.
    train_texts = [e.text for e in load_examples()]
    ref_all, _ = reference_set()
    similarity = embedder.embed(train_texts) @ embedder.embed(ref_all).T
    close = int((similarity.max(axis=1) >= 0.8).sum())
    print(f"shipped sentences with cosine >= 0.8 to a reference quote or not_job: {close} of {len(train_texts)}")
    print(f"  (highest: {similarity.max():.2f})")

    held = load_examples("heldout")
    held_texts, held_truth = [e.text for e in held], [e.job_talk for e in held]
    ref_raw, ref_truth = reference_set()
    ref_texts = [clean_display(t) for t in ref_raw]
    print("\nheld-out sentences (pipelines/data/job_talk.jsonl, split=heldout)")
    for name, fn in peers:
        show("held-out", name, prf(fn(held_texts), held_truth))
    print("\nreference-jobs.json (evidence quotes = job talk, not_jobs = not), each quote classified whole")
    for name, fn in peers:
        show("reference", name, prf(fn(ref_texts), ref_truth))

    splitter = SpacySplitter()
    spans = splitter.sentence_spans(ref_texts)
    sentences = [[t[b:e] for b, e in s] or [t] for t, s in zip(ref_texts, spans, strict=True)]
    flat = [s for group in sentences for s in group]
    print("reference, split into sentences by the spaCy splitter (a quote is job talk when any sentence is)")
    for name, fn in peers[:3]:
        flags = iter(fn(flat))
        predicted = [any([next(flags) for _ in group]) for group in sentences]
        show("reference", name + " (any sentence)", prf(predicted, ref_truth))

    missed = [t for t, p, y in zip(ref_texts, model(ref_texts), ref_truth, strict=True) if y and not p]
    wrong = [t for t, p, y in zip(ref_texts, model(ref_texts), ref_truth, strict=True) if p and not y]
    print(f"\nreference quotes missed ({len(missed)}), first 8:")
    for text in missed[:8]:
        print("   -", text[:140])
    print(f"not_jobs taken for job talk ({len(wrong)}):")
    for text in wrong:
        print("   -", text[:140])

    if not args.no_ingest:
        ingest_share()


if __name__ == "__main__":
    main()
