"""Forces per job on the ten pypi interviews: how many jobs show each force, and how often the quote shown is right.

Run: `.venv/bin/python tests/benchmarks/jobs_quality.py --no-peer` (builds var/bench/jobs-pypi/bench.db), then
`.venv/bin/python tests/benchmarks/job_forces.py [--show] [--pick] [--dev]`.

Reads the mined jobs of that database through `app.services.jobs.forces`, the function the API and the report read,
once per counting rule in one run (`pipelines.force_counting`): every stored force; one gate 0.5 for every force (as
shipped before per-force gates); per-force gates alone; the anxiety/habit cues at one gate 0.5; the rule before the
push cue (push gate 0.5, no push cue); the push cue at push gate 0.5; the shipped rule (per-force gates, cues for
push, anxiety and habit, rejections counted as push); and the shipped rule counting only first-person sentences
(measured, not shipped). The quote shown per job and force is the most confident one that counts; `--pick` compares it
with the quote nearest the job's centroid, nearest its title and statement (embedded with the product's model) and
nearest its statement's quotes (stored vectors), measured and not shipped. Each shown quote is looked up, by its
text, in the pypi development set `pipelines/data/forces_dev_pypi.jsonl` (hand labels; 210 of its 320 sentences were
drawn from the 284 the classifier gives a force, so most shown quotes are labelled): precision is the share of
labelled shown quotes whose label is the force shown. `--show` prints the shipped rule's shown quotes per job (with
`--pick`, also each quote another way changes).

`--dev` (trains the force classifier, about a minute) scores the same rules per sentence on the development sets:
a force counts where the rule counts it. The pypi set is split in two by a hash of the text (CRC-32, even: the
choosing half); the gates were chosen on the choosing half with forces_dev, forces_dev_talk and forces_heldout_talk
(per force, the gate of the best F0.5 averaged over those four sets, printed here), and are reported on the other
half. The test set (../shared/data/jtbd/forces.jsonl) is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DB = ROOT / "var" / "bench" / "jobs-pypi" / "bench.db"
DEV_PYPI = ROOT / "pipelines" / "data" / "forces_dev_pypi.jsonl"


# Per-force gates chosen the same way as the shipped ones (`--dev`) but with the anxiety/habit cues off: a peer that
# shows what the gates alone do.
GATES_WITHOUT_CUES = {"push": 0.50, "pull": 0.55, "anxiety": 0.45, "habit": 0.65}
# The gates shipped before the push cue (tests/benchmarks/job_forces.py at main 52840a0): a peer in the same run.
BEFORE_PUSH_CUE = {"push": 0.50, "pull": 0.55, "anxiety": 0.40, "habit": 0.30}
WIDTH = 100
GATE_GRID = (0.0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
CHOOSING = ("dev", "dev_talk", "heldout_talk", "dev_pypi:choose")


def _rules() -> dict[str, object]:
    from pipelines.force_counting import COUNT_GATES, SHIPPED, CountRule, one_gate

    return {
        "every stored force": one_gate(0.0),
        "one gate 0.5 (before)": one_gate(0.5),
        "per-force gates, no cues": CountRule(gates=GATES_WITHOUT_CUES, kind_cues=False, push_cue=False),
        "cues at one gate 0.5": CountRule(gates=dict(one_gate(0.5).gates), kind_cues=True, push_cue=False),
        "forces branch (push 0.5, no push cue)": CountRule(gates=BEFORE_PUSH_CUE, push_cue=False),
        "push cue at push gate 0.5": CountRule(gates={**COUNT_GATES, "push": 0.5}),
        "shipped (gates + cues)": SHIPPED,
        "shipped + first person": CountRule(first_person=True),
    }


def _labels() -> dict[str, str]:
    rows = [json.loads(line) for line in DEV_PYPI.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["text"]: row["force"] for row in rows}


def _score(session, jobs, labels: dict[str, str], name: str, rule, show: bool) -> None:
    from sqlalchemy import select

    from app.services import jobs as job_service
    from models import Utterance
    from pipelines.jtbd import FORCE_KINDS

    found = job_service.forces(session=session, job_ids=[j.id for j in jobs], rule=rule)
    shown = [(job, kind, f) for job in jobs for kind in FORCE_KINDS if (f := found.get(job.id, {}).get(kind))]
    ids = {f.best_utterance_id for _, _, f in shown}
    texts = dict(session.execute(select(Utterance.id, Utterance.display_text).where(Utterance.id.in_(ids))).all())
    per_force = Counter(kind for _, kind, _ in shown)
    labelled = right = 0
    right_per: Counter[str] = Counter()
    labelled_per: Counter[str] = Counter()
    for job, kind, force in shown:
        label = labels.get(texts[force.best_utterance_id])
        if label is not None:
            labelled += 1
            labelled_per[kind] += 1
            right += label == kind
            right_per[kind] += label == kind
        if show:
            print(
                f"  {job.level:6} {job.title[:38]:38} {kind:7} {len(force.people)} [{label or '?':7}] "
                f"{texts[force.best_utterance_id][:WIDTH]}"
            )
    people = Counter(len(f.people) for _, _, f in shown)
    print(
        f"{name}: {len(shown)} forces shown over {len(jobs)} jobs; jobs showing push {per_force['push']}, pull "
        f"{per_force['pull']}, anxiety {per_force['anxiety']}, habit {per_force['habit']}; people per shown force "
        f"{dict(sorted(people.items()))}"
    )
    per = ", ".join(f"{k} {right_per[k]}/{labelled_per[k]}" for k in FORCE_KINDS)
    print(f"  shown quotes labelled {labelled}, right {right} (precision {right / max(labelled, 1):.2f}; {per})")


def _anchors(session, jobs) -> dict[str, dict[int, Any] | None]:
    """Per way of choosing the shown quote, the unit vector per job it is chosen nearest (None: the surest quote)."""
    import numpy as np

    from app.services.index import decode_embedding
    from pipelines.embedding import load_sentence_embedder, normalise

    words = [f"{j.title}. {(j.statement or {}).get('text') or ''}".strip() for j in jobs]
    said = normalise(np.asarray(load_sentence_embedder().embed(words), dtype=np.float32))
    from app.services.jobs import statement_anchors

    return {
        "surest (shipped)": None,
        "nearest the job's centroid": {j.id: decode_embedding(j.centroid) for j in jobs if j.centroid is not None},
        "nearest the job's title and statement": {j.id: said[i] for i, j in enumerate(jobs)},
        "nearest the statement's quotes": statement_anchors(session=session, jobs=jobs),
    }


def pick(session, jobs, labels: dict[str, str], show: bool) -> None:
    """The shipped rule's forces with the quote shown chosen each way: precision where labelled, and how near the
    quote is to its job's own words (title and statement, embedded) and to its job's members (the centroid)."""
    import numpy as np
    from sqlalchemy import select

    from app.services import jobs as job_service
    from app.services.index import decode_embedding
    from models import Utterance
    from pipelines.jtbd import FORCE_KINDS

    ways = _anchors(session, jobs)
    said, centroid = ways["nearest the job's title and statement"], ways["nearest the job's centroid"]
    assert said is not None and centroid is not None
    print("\nquote shown per job and force (shipped rule), chosen each way:")
    first: dict[tuple[int, str], int] = {}
    surest_texts: dict[int, str] = {}
    for name, anchors in ways.items():
        found = job_service.forces(session=session, job_ids=[j.id for j in jobs], anchors=anchors)
        shown = [
            (job, kind, f.best_utterance_id) for job in jobs for kind in FORCE_KINDS if (f := found[job.id].get(kind))
        ]
        rows = session.execute(
            select(Utterance.id, Utterance.display_text, Utterance.embedding).where(
                Utterance.id.in_({u for _, _, u in shown})
            )
        ).all()
        texts = {r.id: r.display_text for r in rows}
        surest_texts.update(texts if anchors is None else {})
        vectors = {r.id: decode_embedding(r.embedding) for r in rows}
        right = labelled = 0
        for _, kind, uid in shown:
            if (label := labels.get(texts[uid])) is not None:
                labelled += 1
                right += label == kind
        to_words = np.mean([float(vectors[u] @ said[job.id]) for job, _, u in shown])
        to_members = np.mean([float(vectors[u] @ centroid[job.id]) for job, _, u in shown if job.id in centroid])
        changed = [(job, kind, u) for job, kind, u in shown if first.setdefault((job.id, kind), u) != u]
        print(
            f"  {name}: labelled {labelled}, right {right} (precision {right / max(labelled, 1):.2f}); mean cosine "
            f"to the job's title and statement {to_words:.3f}, to its centroid {to_members:.3f}; "
            f"{len(changed)} of {len(shown)} quotes differ from the surest"
        )
        if show:
            for job, kind, uid in changed:
                was = surest_texts[first[(job.id, kind)]]
                print(f"    {job.level:6} {job.title[:38]:38} {kind:7} [{labels.get(was) or '?':7}] {was[:WIDTH]}")
                print(f"    {'':6} {'':38} {'':7} [{labels.get(texts[uid]) or '?':7}] -> {texts[uid][:WIDTH]}")


def _dev_sets() -> dict[str, list[tuple[str, str, str, float]]]:
    """Per development set (the pypi one in its two halves): (text, truth, label, confidence) per sentence."""
    import zlib

    from pipelines.forces import force_classifier, load_examples

    classifier = force_classifier()
    out: dict[str, list[tuple[str, str, str, float]]] = {}
    for split in ("dev", "dev_talk", "heldout_talk", "dev_pypi"):
        examples = load_examples(split)
        decisions = classifier.classify([e.text for e in examples])
        for example, decision in zip(examples, decisions, strict=True):
            # a fixed hash of the text, so the halves never depend on the file's order
            name = (
                split
                if split != "dev_pypi"
                else f"dev_pypi:{'choose' if zlib.crc32(example.text.encode()) % 2 == 0 else 'report'}"
            )
            out.setdefault(name, []).append((example.text, example.force, decision.label, decision.confidence))
    return out


def _counted(rows, rule, kind: str) -> tuple[int, int, int]:
    """(right, counted, true) for one force over one set's sentences under a counting rule."""
    counted = [
        t for text, t, label, conf in rows if label == kind and rule.counts(kind=kind, confidence=conf, text=text)
    ]
    return sum(t == kind for t in counted), len(counted), sum(t == kind for _, t, _, _ in rows)


def _f05(right: int, counted: int, true: int) -> float:
    precision, recall = right / max(counted, 1), right / max(true, 1)
    return 1.25 * precision * recall / (0.25 * precision + recall) if precision + recall else 0.0


def dev(rules: dict[str, object]) -> None:
    """Per rule, per force and set: right/counted sentences; then the gate sweep the shipped gates were chosen from."""
    from pipelines.force_counting import CountRule
    from pipelines.jtbd import FORCE_KINDS

    sets = _dev_sets()
    names = [*CHOOSING, "dev_pypi:report"]
    print("\nper sentence, right/counted (true) per set; choosing sets first, the pypi report half last")
    for name, rule in rules.items():
        print(f"{name}:")
        for kind in FORCE_KINDS:
            cells = []
            for set_name in names:
                right, counted, true = _counted(sets[set_name], rule, kind)
                cells.append(f"{set_name} {right}/{counted} ({true})")
            print(f"  {kind:8} " + "  ".join(cells))
    for cues in (True, False):
        print(f"\ngate sweep, cues {'on' if cues else 'off'}: mean F0.5 over {', '.join(CHOOSING)}")
        for kind in FORCE_KINDS:
            scores = []
            for gate in GATE_GRID:
                rule = CountRule(gates={kind: gate}, kind_cues=cues, push_cue=cues)
                scores.append(sum(_f05(*_counted(sets[s], rule, kind)) for s in CHOOSING) / len(CHOOSING))
            best = max(range(len(GATE_GRID)), key=lambda i: (round(scores[i], 6), GATE_GRID[i]))
            line = " ".join(f"{g:.2f}:{f:.3f}" for g, f in zip(GATE_GRID, scores, strict=True))
            print(f"  {kind:8} {line}  -> {GATE_GRID[best]:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each job's shown force quotes (shipped rule)")
    parser.add_argument("--pick", action="store_true", help="compare ways of choosing each shown quote")
    parser.add_argument("--dev", action="store_true", help="also score the rules per sentence on the development sets")
    args = parser.parse_args(argv)

    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from models import Job

    if not DB.exists():
        sys.exit(f"{DB} is missing: run tests/benchmarks/jobs_quality.py --no-peer first")
    labels = _labels()
    rules = _rules()
    with Session(create_engine(f"sqlite:///{DB}")) as session:
        jobs = list(session.scalars(select(Job).where(Job.status != "merged").order_by(Job.level, Job.id)))
        for name, rule in rules.items():
            _score(session, jobs, labels, name, rule, args.show and name.startswith("shipped ("))
        if args.pick:
            pick(session, jobs, labels, args.show)
    if args.dev:
        dev(rules)


if __name__ == "__main__":
    main()
