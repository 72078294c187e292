"""Where mining loses the reference's evidence: each evidence quote in no job, and the stage that left it out.

Run: `.venv/bin/python tests/benchmarks/evidence_losses.py` after `tests/benchmarks/jobs_quality.py` has built
var/bench/jobs-pypi/bench.db (this reads it and writes nothing).

Quotes are located as jobs_quality.py locates them. Mining is replayed in-process on the stored rows
(`hierarchy.build_tree`, with and without readmission) to say, per quote in no stored job, where it was lost
(`lost_where`). The classifier's job-talk probability of each of its sentences is printed, and each reference job's
spread over mined jobs. Last, a bound: the same mining with every evidence sentence marked job talk (the reference
used only to say what a perfect classifier would pass, nothing fitted), scored as jobs_quality.py scores recall.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.benchmarks.jobs_quality import DATA, WORK, _locate, _not_job_ids, _recall  # noqa: E402

SHORT_TURN = 3  # hierarchy.SHORT_TURN (checked in main), so the rule is tested without loading the pipelines


def lost_where(
    *,
    located: bool,
    in_stored_job: bool,
    clustered: Sequence[bool],
    talk: Sequence[bool],
    turn_sizes: Sequence[int],
    short_turn: int = SHORT_TURN,
) -> str | None:
    """The stage that left a quote out of every job, from its sentences' fates (None: it is in a job)."""
    if in_stored_job:
        return None
    if not located:
        return "not located"
    if any(clustered):
        return "dropped after clustering"
    if any(talk):
        return "clustered out"
    if all(size > short_turn for size in turn_sizes):
        return "not job talk, long turn"
    return "not job talk, short turn"


def _jobs(ids: Sequence[int], labels: np.ndarray) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    for uid, label in zip(ids, labels.tolist(), strict=True):
        if label >= 0:
            out.setdefault(label, set()).add(uid)
    return out


def main() -> None:
    """Replay mining on the stored rows and print, per evidence quote in no job, the stage that lost it."""
    from fastapi.testclient import TestClient
    from sqlalchemy import select

    from app.main import create_app
    from app.services import jobs as job_service
    from models import Job, JobUtterance
    from pipelines import hierarchy
    from pipelines.jobtalk import default_classifier
    from tests.helpers import make_settings

    assert hierarchy.SHORT_TURN == SHORT_TURN
    reference = json.loads((DATA / "reference-jobs.json").read_text(encoding="utf-8"))
    settings = make_settings(WORK / "var", f"sqlite:///{WORK / 'bench.db'}")
    app = create_app(settings, start_worker=False)
    with TestClient(app) as client:
        runtime = app.state.runtime
        project_id = client.get("/api/projects").json()["projects"][0]["id"]
        interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
        titles = {i["id"]: i["title"] for i in interviews}
        with runtime.session_factory() as session:
            mined = job_service.load_mining_input(session=session, project_id=project_id)
            detail = set(session.scalars(select(Job.id).where(Job.level == "detail", Job.status != "merged")))
            stored = {
                uid: job_id
                for job_id, uid in session.execute(select(JobUtterance.job_id, JobUtterance.utterance_id))
                if job_id in detail
            }
        scores = default_classifier(runtime.embedder).scores(mined.texts, mined.vectors)

    ids = [int(u) for u in mined.ids.tolist()]
    row_of = {u: i for i, u in enumerate(ids)}
    size = np.zeros(len(ids), np.int64)
    for start, end in hierarchy.passage_bounds(mined.passages):
        size[start:end] = end - start
    talk = hierarchy.whole_requests(mined.job_talk, mined.passages)
    conversations = [e.interview_id for e in mined.evidence]
    clustered = hierarchy.build_tree(
        mined.vectors, mined.passages, mined.job_talk, mined.requests, conversations=conversations, readmit=0.0
    )
    utterances = [
        {"id": u, "interview_id": e.interview_id, "text": t}
        for u, e, t in zip(ids, mined.evidence, mined.texts, strict=True)
    ]
    located = _locate(reference, utterances, titles)
    table: dict[str, int] = {}
    for job in reference["jobs"]:
        homes: dict[int, int] = {}
        for ev in job["evidence"]:
            rows = [row_of[u] for u in sorted(located[ev["quote"]]) if u in row_of]
            held = {stored[ids[r]] for r in rows if ids[r] in stored}
            for j in held:
                homes[j] = homes.get(j, 0) + 1
            why = lost_where(
                located=bool(rows),
                in_stored_job=bool(held),
                clustered=[clustered.detail[r] >= 0 for r in rows],
                talk=[bool(talk[r]) for r in rows],
                turn_sizes=[int(size[r]) for r in rows],
            )
            if why is None:
                continue
            table[why] = table.get(why, 0) + 1
            print(f"{job['id']:<4} {why:<26} {ev['quote'][:110]}")
            for r in rows:
                print(f"       p={scores[r]:.2f} turn of {size[r]} sentences: {mined.texts[r][:100]}")
        spread = ", ".join(f"{k}:{v}" for k, v in sorted(homes.items(), key=lambda kv: -kv[1]))
        print(f"  {job['id']} ({len(job['evidence'])} quotes) in jobs {spread or '-'}")
    print("\nwhere the quotes in no job were lost:", ", ".join(f"{k} {v}" for k, v in sorted(table.items())) or "-")

    ref_jobs = {j["id"]: [located[e["quote"]] for e in j["evidence"]] for j in reference["jobs"]}
    chit = _not_job_ids(reference, utterances)
    perfect = np.asarray(mined.job_talk, bool).copy()
    for quotes in ref_jobs.values():
        for quote in quotes:
            perfect[[row_of[u] for u in quote if u in row_of]] = True
    for name, flags in (("as stored", np.asarray(mined.job_talk, bool)), ("every evidence sentence talk", perfect)):
        tree = hierarchy.build_tree(
            mined.vectors, mined.passages, list(flags), mined.requests, conversations=conversations
        )
        jobs = _jobs(ids, tree.detail)
        inside = set().union(*jobs.values()) if jobs else set()
        found, which = _recall(ref_jobs, jobs)
        lost = sum(1 for quotes in ref_jobs.values() for q in quotes if not q & inside)
        chat = sum(1 for q in chit.values() if q & inside)
        print(
            f"replayed, job talk {name:<30} jobs {len(jobs)} found {found}/13 {sorted(which)}  evidence in no job "
            f"{lost}  chit-chat in jobs {chat}/{len(chit)}"
        )


if __name__ == "__main__":
    main()
