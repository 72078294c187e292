"""Forces per job on the ten pypi interviews: how many jobs show each force, and how often the quote shown is right.

Run: `.venv/bin/python tests/benchmarks/jobs_quality.py --no-peer` (builds var/bench/jobs-pypi/bench.db), then
`.venv/bin/python tests/benchmarks/job_forces.py [--show]`.

Reads the mined jobs of that database through `app.services.jobs.forces`, the function the API and the report read,
twice in one run: as shipped (a person counts for a force only where the classifier is confident of it,
`pipelines.forces.COUNT_MIN_CONFIDENCE`) and as before (every stored force counts, `min_confidence` 0). The quote
shown per job and force is the most confident one in both. Each shown quote is looked up, by its text, in the pypi
development set `pipelines/data/forces_dev_pypi.jsonl` (hand labels; 210 of its 320 sentences were drawn from the 284
the classifier gives a force, so most shown quotes are labelled): precision is the share of labelled shown quotes
whose label is the force shown. The test set (../shared/data/jtbd/forces.jsonl) is not read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DB = ROOT / "var" / "bench" / "jobs-pypi" / "bench.db"
DEV_PYPI = ROOT / "pipelines" / "data" / "forces_dev_pypi.jsonl"


def _labels() -> dict[str, str]:
    rows = [json.loads(line) for line in DEV_PYPI.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["text"]: row["force"] for row in rows}


def _score(session, jobs, labels: dict[str, str], name: str, min_confidence: float | None, show: bool) -> None:
    from sqlalchemy import select

    from app.services import jobs as job_service
    from models import Utterance
    from pipelines.jtbd import FORCE_KINDS

    found = job_service.forces(session=session, job_ids=[j.id for j in jobs], min_confidence=min_confidence)
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
                f"{texts[force.best_utterance_id][:100]}"
            )
    people = Counter(len(f.people) for _, _, f in shown)
    print(
        f"{name}: {len(shown)} forces shown over {len(jobs)} jobs; jobs showing push {per_force['push']}, pull "
        f"{per_force['pull']}, anxiety {per_force['anxiety']}, habit {per_force['habit']}; people per shown force "
        f"{dict(sorted(people.items()))}"
    )
    per = ", ".join(f"{k} {right_per[k]}/{labelled_per[k]}" for k in FORCE_KINDS)
    print(f"  shown quotes labelled {labelled}, right {right} (precision {right / max(labelled, 1):.2f}; {per})")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print each job's shown force quotes with their labels")
    args = parser.parse_args(argv)

    from sqlalchemy import create_engine, select
    from sqlalchemy.orm import Session

    from models import Job

    if not DB.exists():
        sys.exit(f"{DB} is missing: run tests/benchmarks/jobs_quality.py --no-peer first")
    labels = _labels()
    with Session(create_engine(f"sqlite:///{DB}")) as session:
        jobs = list(session.scalars(select(Job).where(Job.status != "merged").order_by(Job.level, Job.id)))
        _score(session, jobs, labels, "before (every stored force)", 0.0, args.show)
        _score(session, jobs, labels, "shipped (confident forces)", None, args.show)


if __name__ == "__main__":
    main()
