"""Jobs a researcher keeps: the ten pypi interviews mined through the API, scored against a researcher's reading.

Run: `.venv/bin/python tests/benchmarks/jobs_quality.py [--reuse] [--show]`.

The ten transcripts of ../shared/data/interviews/pypi-infrastructure are uploaded and ingested through the HTTP
API (FastAPI TestClient, in-process worker), mined (`POST /api/projects/{id}/mine`), and both job levels are read
back (`GET /api/projects/{id}/jobs?level=core|detail`). `--reuse` keeps the ingested database under
var/bench/jobs-pypi between runs (only mining is repeated). Against `reference-jobs.json` (5 core jobs, 13 jobs,
93 evidence quotes, 18 chit-chat quotes; a careful reading, not the only right answer):

- recall: a reference job is found when one mined job holds >= 30% (and >= 2) of its evidence quotes, matched one
  to one (Hungarian on the counts); core jobs likewise, with the evidence of their jobs; "by splitting jobs at
  most": the reference jobs that some mined job already holds enough of, the most any rule that only splits jobs
  could find (a split never gathers quotes);
- chit-chat: the share of the reference's not-job quotes inside any job;
- a quote is located as the utterances of that speaker's interview whose text overlaps it (>= 60% of the
  quote's words, or the utterance lies inside the quote);
- titles: share whose first word is a verb (spaCy, in "I want to <title>");
- title fit, per level: the share of a job's members (job_utterances) whose nearest title (the title embedded by the
  product's sentence model, cosine to the member's stored vector) among that level's titles is their own job's,
  and the mean cosine of a title to its own job's members against its mean to the other jobs' members (the
  summary pools the members; --show prints each job's);
- statements, over jobs of both levels voiced in >= 2 interviews: full (all three slots), grammatical
  (`statement_problems` finds nothing), grounded (>= 80% of each slot's content words in its own quotes).
`ceiling` shows how separable the reference jobs are for the embedding model at all: its own quotes, clustered
with k given, and how often a quote's nearest quote belongs to its job.
The peer in the same run is the previous mining: one flat level over every customer utterance at one fixed
resolution, scored on the same reference.

`--seeds N` (with `--reuse`) re-mines the saved database N times, Leiden seeded 0..N-1 (a consensus of k runs takes
the seeds k*s .. k*s+k-1), and prints each run's figures, their mean/min/max, and the pairwise adjusted Rand index
of the runs' jobs of each level (over the customer utterances in a job in either run; -1 is a label): how much the
figures we report depend on one seed.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pipelines.clustering import GraphClusterer

ROOT = Path(__file__).resolve().parents[1].parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "interviews" / "pypi-infrastructure"
WORK = ROOT / "var" / "bench" / "jobs-pypi"
_WORD = re.compile(r"[a-z0-9']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _ingest(client) -> int:
    from tests.helpers import run_tasks

    project = client.post("/api/projects", json={"name": "PyPI infrastructure"}).json()
    for path in sorted(DATA.glob("*.md")):
        with path.open("rb") as fh:
            response = client.post(
                f"/api/projects/{project['id']}/interviews", files={"file": (path.name, fh, "text/markdown")}
            )
        assert response.status_code == 202, response.text
    run_tasks(client)
    return int(project["id"])


def _locate(reference: dict, utterances: list[dict], titles: dict[int, str]) -> dict[str, set[int]]:
    """Each reference quote -> the ids of the utterances (of its speaker's interview) that say it."""
    by_interview: dict[str, list[tuple[int, set[str], list[str]]]] = {}
    for u in utterances:
        words = _words(u["text"])
        by_interview.setdefault(titles[u["interview_id"]], []).append((u["id"], set(words), words))
    located: dict[str, set[int]] = {}

    def find(file: str, quote: str) -> set[int]:
        q = _words(quote)
        qs = set(q)
        found = set()
        for uid, ws, wl in by_interview.get(Path(file).stem, []):
            if not wl:
                continue
            inside = len(ws & qs) / len(ws) >= 0.9 and len(wl) >= 3
            covers = len(ws & qs) / max(1, len(qs)) >= 0.6
            if inside or covers:
                found.add(uid)
        return found

    for job in reference["jobs"]:
        for ev in job["evidence"]:
            located[ev["quote"]] = find(ev["file"], ev["quote"])
    return located


def _not_job_ids(reference: dict, utterances: list[dict]) -> dict[str, set[int]]:
    """Each chit-chat quote -> the utterances that say it: one lies inside the other, word for word.

    (Overlap of word sets, as for evidence, put short quotes like "That was kind of before my time" into
    unrelated utterances that happen to use the same common words.)"""
    out = {}
    for quote in reference["not_jobs"]:
        q = " ".join(_words(quote))
        out[quote] = {
            u["id"] for u in utterances if (t := " ".join(_words(u["text"]))) and len(t) >= 12 and (t in q or q in t)
        }
    return out


def _held(groups: dict[str, list[set[int]]], mined: dict[int, set[int]]) -> np.ndarray:
    """Per reference group and mined job, the group's quotes the job holds where that is enough to find the group
    there (>= 30% and >= 2 quotes), else 0."""
    counts = np.zeros((len(groups), len(mined)))
    for r, quotes in enumerate(groups.values()):
        located = [q for q in quotes if q]
        for c, members in enumerate(mined.values()):
            held = sum(1 for q in located if q & members)
            if held >= 2 and held / len(quotes) >= 0.3:
                counts[r, c] = held
    return counts


def _split_bound(groups: dict[str, list[set[int]]], mined: dict[int, set[int]]) -> int:
    """How many reference groups any splitting of the mined jobs could find at most: splitting a job never gathers
    quotes, so only a group that one mined job already holds enough of can be found, each in a part of its own."""
    return int(np.sum(_held(groups, mined).any(axis=1))) if groups and mined else 0


def _recall(groups: dict[str, list[set[int]]], mined: dict[int, set[int]]) -> tuple[int, list[str]]:
    """Reference groups (quote id sets) found one to one in mined member sets (>= 30% and >= 2 quotes)."""
    from scipy.optimize import linear_sum_assignment

    names = list(groups)
    if not names or not mined:
        return 0, []
    counts = _held(groups, mined)
    rows, cols = linear_sum_assignment(-counts)
    found = [names[r] for r, c in zip(rows, cols, strict=True) if counts[r, c] > 0]
    return len(found), found


def _mine(client, project_id: int) -> float:
    """Mine the project through the API; the seconds it took (a failed task fails the run: else the last mining's
    jobs would be scored again)."""
    from tests.helpers import run_tasks

    start = time.perf_counter()
    response = client.post(f"/api/projects/{project_id}/mine")
    assert response.status_code == 202, response.text
    run_tasks(client)
    task = client.get(f"/api/tasks/{response.json()['task']['id']}").json()
    assert task["status"] == "done", task
    return time.perf_counter() - start


def _customer_utterances(client, project_id: int) -> list[dict]:
    """Every customer utterance of the project (id, interview, text, embedding), read from the database."""
    from sqlalchemy import select

    from models import Utterance

    with client.app.state.runtime.session_factory() as session:
        rows = session.execute(
            select(Utterance.id, Utterance.interview_id, Utterance.display_text, Utterance.embedding)
            .where(Utterance.project_id == project_id, Utterance.role == "customer")
            .order_by(Utterance.id)
        ).all()
    return [{"id": r[0], "interview_id": r[1], "text": r[2], "embedding": r[3]} for r in rows]


def _signal_kinds(client, utterance_ids: list[int]) -> dict[int, set[str]]:
    """The JTBD signal kinds found in each of these utterances (situation, motivation, ..., a force)."""
    from sqlalchemy import select

    from models import UtteranceSignal

    found: dict[int, set[str]] = {}
    with client.app.state.runtime.session_factory() as session:
        rows = session.execute(
            select(UtteranceSignal.utterance_id, UtteranceSignal.kind).where(
                UtteranceSignal.utterance_id.in_(set(utterance_ids))
            )
        ).all()
    for uid, kind in rows:
        found.setdefault(uid, set()).add(kind)
    return found


def _peer(client, project_id: int, reference: dict) -> None:
    """The previous mining in the same run: one flat level, every customer utterance, one fixed resolution."""
    from pipelines.clustering import GraphClusterer

    interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
    titles = {i["id"]: i["title"] for i in interviews}
    utterances = _customer_utterances(client, project_id)
    vectors = np.vstack([np.frombuffer(u["embedding"], dtype=np.float32) for u in utterances])
    labels = GraphClusterer(resolutions=(1.0,)).fit(vectors)
    mined: dict[int, set[int]] = {}
    for u, label in zip(utterances, labels.tolist(), strict=True):
        if label >= 0:
            mined.setdefault(label, set()).add(u["id"])
    located = _locate(reference, utterances, titles)
    ref_jobs = {j["id"]: [located[e["quote"]] for e in j["evidence"]] for j in reference["jobs"]}
    found, which = _recall(ref_jobs, mined)
    in_jobs = set().union(*mined.values())
    chit = _not_job_ids(reference, utterances)
    chit_in = sum(1 for ids in chit.values() if ids & in_jobs)
    print(
        f"{'peer (flat, all)':<18} jobs {len(mined)} (found {found}/13 {sorted(which)})  chit-chat in jobs "
        f"{chit_in / max(1, len(chit)):.0%}  clustered {len(in_jobs) / len(utterances):.0%}"
    )


def _title_fit(client, jobs: list[dict], members: dict[int, set[int]], vectors: dict[int, np.ndarray]) -> dict:
    """For one level's jobs: each job's (share of its members nearest its title, cosine of its title to its own
    members, mean cosine to the other jobs' members), and the same pooled over the level's members."""
    jobs = [j for j in jobs if members[j["id"]]]
    if not jobs:
        return {"jobs": {}, "nearest": 0.0, "own": 0.0, "other": 0.0}
    titles = [j["title"] for j in jobs]
    embedded = np.asarray(client.app.state.runtime.embedder.embed(titles), dtype=np.float32)
    per_job: dict[int, tuple[float, float, float]] = {}
    hits = total = 0
    own_sum = other_sum = 0.0
    other_n = 0
    for k, job in enumerate(jobs):
        rows = np.vstack([vectors[u] for u in sorted(members[job["id"]]) if u in vectors])
        similarity = rows @ embedded.T
        # Two jobs titled alike are one title: a member nearest either is nearest its own.
        nearest = np.array([titles[t] == titles[k] for t in similarity.argmax(axis=1).tolist()])
        others = [u for j in jobs if j["id"] != job["id"] for u in members[j["id"]] - members[job["id"]]]
        other = np.vstack([vectors[u] for u in others if u in vectors]) @ embedded[k] if others else np.zeros(1)
        per_job[job["id"]] = (float(nearest.mean()), float(similarity[:, k].mean()), float(other.mean()))
        hits += int(nearest.sum())
        total += len(nearest)
        own_sum += float(similarity[:, k].sum())
        other_sum += float(other.sum())
        other_n += len(other)
    return {
        "jobs": per_job,
        "nearest": hits / max(1, total),
        "own": own_sum / max(1, total),
        "other": other_sum / max(1, other_n),
    }


def _score(client, project_id: int, reference: dict, label: str, show: bool, print_quotes: bool = False) -> dict:
    from pipelines.statements import statement_problems

    core = client.get(f"/api/projects/{project_id}/jobs", params={"level": "core"}).json()["jobs"]
    detail = client.get(f"/api/projects/{project_id}/jobs", params={"level": "detail"}).json()["jobs"]
    interviews = client.get(f"/api/projects/{project_id}/interviews").json()["interviews"]
    titles = {i["id"]: i["title"] for i in interviews}
    utterances = _customer_utterances(client, project_id)
    members = {
        j["id"]: {u["id"] for u in client.get(f"/api/jobs/{j['id']}/utterances").json()["utterances"]}
        for j in core + detail
    }
    located = _locate(reference, utterances, titles)
    ref_jobs = {j["id"]: [located[e["quote"]] for e in j["evidence"]] for j in reference["jobs"]}
    ref_core = {
        c["id"]: [q for j in reference["jobs"] if j["core"] == c["id"] for q in ref_jobs[j["id"]]]
        for c in reference["core_jobs"]
    }
    found_jobs, which = _recall(ref_jobs, {j["id"]: members[j["id"]] for j in detail})
    found_core, which_core = _recall(ref_core, {j["id"]: members[j["id"]] for j in core})
    split_bound = _split_bound(ref_jobs, {j["id"]: members[j["id"]] for j in detail})
    in_jobs = set().union(*(members[j["id"]] for j in detail)) if detail else set()
    chit = _not_job_ids(reference, utterances)
    chit_in = sum(1 for ids in chit.values() if ids & in_jobs)
    unlocated = sum(1 for ids in located.values() if not ids)

    everything = core + detail
    # A title is capitalised for display; read as the phrase it was made from ("to communicate with ..."), since
    # spaCy tags a capitalised imperative ("Communicate with people") as a proper noun.
    verb_led = sum(1 for j in everything if not statement_problems(want=j["title"][:1].lower() + j["title"][1:]))
    voiced = [j for j in everything if j["support"]["interviews"] >= 2]
    full = grammatical = grounded = 0
    faults: list[str] = []  # what fails a check, so a run that scores lower says which job and why
    for j in everything:
        if statement_problems(want=j["title"][:1].lower() + j["title"][1:]):
            faults.append(f"title not verb-led: {j['title']!r}")
    for j in voiced:
        st = j["statement"] or {}
        if st and not st.get("missing"):
            full += 1
        problems = statement_problems(when=st.get("when", ""), want=st.get("want", ""), so=st.get("so", ""))
        if st and not problems:
            grammatical += 1
        elif st:
            faults.append(f"not grammatical {problems}: {st.get('text')!r}")
        if st and st.get("grounded", False):
            grounded += 1
        elif st:
            faults.append(f"not grounded: {st.get('text')!r}")
    result = {
        "core": len(core),
        "detail": len(detail),
        "core_found": found_core,
        "jobs_found": found_jobs,
        "split_bound": split_bound,
        "chit_chat_in_jobs": chit_in / max(1, len(chit)),
        "verb_led_titles": verb_led / max(1, len(everything)),
        "voiced_2plus": len(voiced),
        "full": full / max(1, len(voiced)),
        "grammatical": grammatical / max(1, len(voiced)),
        "grounded": grounded / max(1, len(voiced)),
        "clustered_share": len(in_jobs) / max(1, len(utterances)),
    }
    # The quotes each job shows: how many a researcher chose as evidence of some job, how many as chit-chat.
    evidence_ids = set().union(*located.values()) if located else set()
    chit_ids = set().union(*chit.values()) if chit else set()
    shown = [q["utterance_id"] for j in everything for q in j["quotes"]]
    result["quotes_evidence"] = sum(1 for q in shown if q in evidence_ids) / max(1, len(shown))
    result["quotes_chit_chat"] = sum(1 for q in shown if q in chit_ids) / max(1, len(shown))
    kinds = _signal_kinds(client, shown)
    result["quotes_signal"] = sum(1 for q in shown if kinds.get(q)) / max(1, len(shown))
    result["quotes_job_signal"] = sum(1 for q in shown if kinds.get(q, set()) - {"situation"}) / max(1, len(shown))
    # People heard per job: a quote's speaker, else its interview (one unnamed voice).
    voices = [len({(q["speaker"] or "", q["interview_id"]) for q in j["quotes"]}) for j in everything if j["quotes"]]
    result["quotes_voices"] = float(np.mean(voices)) if voices else 0.0
    print(
        f"{label:<18} core {result['core']} (found {found_core}/5 {sorted(which_core)})  detail {result['detail']} "
        f"(found {found_jobs}/13 {sorted(which)}; by splitting jobs at most {split_bound})  "
        f"chit-chat in jobs {result['chit_chat_in_jobs']:.0%}  "
        f"clustered {result['clustered_share']:.0%} of {len(utterances)} customer utterances; "
        f"quotes not located {unlocated}/{len(located)}"
    )
    print(
        f"{'':<18} titles verb-led {result['verb_led_titles']:.0%}; of {len(voiced)} jobs voiced in >= 2 "
        f"interviews: full {result['full']:.0%}, grammatical {result['grammatical']:.0%}, "
        f"grounded {result['grounded']:.0%}"
    )
    for fault in faults:
        print(f"{'':<18} {fault}")
    print(
        f"{'':<18} quotes shown ({len(shown)}): reference evidence {result['quotes_evidence']:.0%}, reference "
        f"chit-chat {result['quotes_chit_chat']:.0%} (evidence is {len(evidence_ids)} of {len(utterances)} utterances)"
    )
    print(
        f"{'':<18} shown quotes with a JTBD signal {result['quotes_signal']:.0%} (a goal, outcome, success, pain or "
        f"force: {result['quotes_job_signal']:.0%}); people per job's shown quotes {result['quotes_voices']:.2f}"
    )
    vectors = {u["id"]: np.frombuffer(u["embedding"], dtype=np.float32) for u in utterances if u["embedding"]}
    fit = {"core": _title_fit(client, core, members, vectors), "detail": _title_fit(client, detail, members, vectors)}
    for level, found in fit.items():
        result[f"title_fit_{level}"] = found["nearest"]
    print(
        f"{'':<18} title fit (members nearest their own job's title; title-member cosine own vs others): "
        + "; ".join(
            f"{level} {found['nearest']:.0%} ({found['own']:.2f} vs {found['other']:.2f})"
            for level, found in fit.items()
        )
    )
    per_job = {**fit["core"]["jobs"], **fit["detail"]["jobs"]}

    def fit_of(job_id: int) -> str:
        share, own, other = per_job.get(job_id, (0.0, 0.0, 0.0))
        return f"fit {share:.0%} ({own:.2f} vs {other:.2f})"

    if show:
        print("\nwhere each reference job's quotes sit (mined job: quotes; '-': in no job)")
        for name, quotes in ref_jobs.items():
            spread: dict[str, int] = {}
            for q in quotes:
                homes = [str(j["id"]) for j in detail if q & members[j["id"]]] or ["-"]
                for h in homes:
                    spread[h] = spread.get(h, 0) + 1
            print(f"  {name} ({len(quotes)}): " + ", ".join(f"{k}:{v}" for k, v in sorted(spread.items())))
        children: dict[int | None, list[dict]] = {}
        for j in detail:
            children.setdefault(j["parent_id"], []).append(j)
        for c in core + [{"id": None, "title": "(no core job)", "statement": None, "support": {}, "keywords": []}]:
            if c["id"] is None and None not in children:
                continue
            print(f"\nCORE {c['id']}: {c['title']}  {c['support']}  {fit_of(c['id']) if c['id'] else ''}")
            print(f"     {(c['statement'] or {}).get('text', '-')}")
            for j in children.get(c["id"], []):
                st = j["statement"] or {}
                flag = "" if st and not st.get("missing") else f"  [partial: {st.get('missing') if st else 'none'}]"
                print(
                    f"  - {j['id']}: {j['title']}  ({j['support']['interviews']} interviews, "
                    f"{j['support']['people']} people) kw={j['keywords'][:4]} {fit_of(j['id'])}"
                )
                print(f"      {st.get('text', '-')}{flag}")
    if print_quotes:
        _print_quotes(everything, ref_jobs, kinds)
    return result


def _print_quotes(jobs: list[dict], ref_jobs: dict[str, list[set[int]]], kinds: dict[int, set[str]]) -> None:
    """Each job's title, statement and shown quotes, a quote marked with the reference jobs it is evidence of and
    its JTBD signal kinds."""
    evidence_of: dict[int, set[str]] = {}
    for name, quotes in ref_jobs.items():
        for ids in quotes:
            for uid in ids:
                evidence_of.setdefault(uid, set()).add(name)
    print("\nquotes shown per job ([J..]: reference evidence of that job)")
    for j in jobs:
        st = (j["statement"] or {}).get("text", "-")
        print(f"\n{j['level'].upper()} {j['id']}: {j['title']}\n    {st}")
        for q in j["quotes"]:
            mark = ",".join(sorted(evidence_of.get(q["utterance_id"], ()))) or "-"
            said = ",".join(sorted(kinds.get(q["utterance_id"], ()))) or "-"
            print(f"    [{mark}] {{{said}}} {q['speaker']} ({q['interview']}): {q['text']}")


def _ceiling(client, reference: dict) -> None:
    """How far embeddings alone can take clustering here: the reference's own 93 quotes, embedded by the service's
    model, clustered by KMeans told k=13, and each quote's nearest other quote."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    quotes = [(e["quote"], j["id"]) for j in reference["jobs"] for e in j["evidence"]]
    vectors = client.app.state.runtime.embedder.embed([q for q, _ in quotes])
    labels = np.array([job for _, job in quotes])
    similarity = vectors @ vectors.T
    np.fill_diagonal(similarity, -1.0)
    nearest = float(np.mean(labels[similarity.argmax(axis=1)] == labels))
    found = KMeans(len(reference["jobs"]), n_init=10, random_state=0).fit_predict(vectors)
    print(
        f"{'ceiling':<18} the reference's own {len(quotes)} quotes: nearest quote in the same job {nearest:.0%}, "
        f"KMeans k={len(reference['jobs'])} NMI {normalized_mutual_info_score(labels, found):.2f}"
    )


@contextmanager
def _leiden_seed(seed: int) -> Iterator[None]:
    """Mining's detail clusterer seeded `seed` (a consensus of k runs takes seeds k*seed .. k*seed+k-1)."""
    from pipelines import hierarchy

    original = hierarchy.detail_clusterer

    def seeded(n_units: int = 0) -> GraphClusterer:
        clusterer = original(n_units)
        clusterer.seed = seed * clusterer.consensus
        return clusterer

    hierarchy.detail_clusterer = seeded
    try:
        yield
    finally:
        hierarchy.detail_clusterer = original


def _job_labels(client, project_id: int, utterance_ids: list[int], level: str) -> np.ndarray:
    """The job of the level that holds each customer utterance (-1: in none)."""
    jobs = client.get(f"/api/projects/{project_id}/jobs", params={"level": level}).json()["jobs"]
    job_of: dict[int, int] = {}
    for j in jobs:
        for u in client.get(f"/api/jobs/{j['id']}/utterances").json()["utterances"]:
            job_of[u["id"]] = int(j["id"])
    return np.array([job_of.get(uid, -1) for uid in utterance_ids], np.int64)


def _seeds(client, project_id: int, reference: dict, n: int) -> None:
    """Re-mine with Leiden seeds 0..n-1: each run's figures, their mean/min/max, and the runs' pairwise ARI."""
    from itertools import combinations

    from sklearn.metrics import adjusted_rand_score

    keys = [
        "core_found",
        "jobs_found",
        "split_bound",
        "detail",
        "chit_chat_in_jobs",
        "full",
        "grammatical",
        "grounded",
        "verb_led_titles",
        "title_fit_core",
        "title_fit_detail",
    ]
    runs: list[dict] = []
    partitions: dict[str, list[np.ndarray]] = {"detail": [], "core": []}
    ids = [u["id"] for u in _customer_utterances(client, project_id)]
    for seed in range(n):
        with _leiden_seed(seed):
            seconds = _mine(client, project_id)
        result = _score(client, project_id, reference, f"seed {seed} ({seconds:.0f}s)", show=False)
        result["mine_s"] = seconds
        runs.append(result)
        for level, found in partitions.items():
            found.append(_job_labels(client, project_id, ids, level))
    print(f"\nover {n} seeds (mean [min, max]):")
    for key in [*keys, "mine_s"]:
        values = np.array([r[key] for r in runs], float)
        print(f"  {key:<18} {values.mean():.3f} [{values.min():.3f}, {values.max():.3f}]")
    for level, found in partitions.items():
        aris = []
        for a, b in combinations(found, 2):
            either = (a >= 0) | (b >= 0)
            aris.append(adjusted_rand_score(a[either], b[either]))
        if aris:
            print(
                f"  pairwise ARI of the runs' {level} jobs: mean {np.mean(aris):.3f} [{np.min(aris):.3f}, "
                f"{np.max(aris):.3f}] over {len(aris)} pairs"
            )


def main(argv: list[str] | None = None) -> None:
    """Ingest (or reuse), mine with and without the job-talk filter, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="reuse the ingested database under var/bench")
    parser.add_argument("--show", action="store_true", help="print every title and statement")
    parser.add_argument("--quotes", action="store_true", help="print every job's shown quotes")
    parser.add_argument("--no-peer", action="store_true", help="skip the run without the job-talk filter")
    parser.add_argument("--seeds", type=int, default=0, help="re-mine with Leiden seeds 0..N-1 and print the spread")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app
    from tests.helpers import make_settings

    reference = json.loads((DATA / "reference-jobs.json").read_text(encoding="utf-8"))
    db = WORK / "bench.db"
    if not args.reuse and WORK.exists():
        shutil.rmtree(WORK)
    WORK.mkdir(parents=True, exist_ok=True)
    fresh = not db.exists()
    settings = make_settings(WORK / "var", f"sqlite:///{db}")
    migrate(settings)
    with TestClient(create_app(settings, start_worker=False)) as client:
        if fresh:
            start = time.perf_counter()
            project_id = _ingest(client)
            print(f"ingested 10 interviews in {time.perf_counter() - start:.1f}s")
        else:
            project_id = client.get("/api/projects").json()["projects"][0]["id"]
        if args.seeds:
            _seeds(client, project_id, reference, args.seeds)
            return
        print(f"mined in {_mine(client, project_id):.1f}s")
        _score(client, project_id, reference, "ours", show=args.show, print_quotes=args.quotes)
        _ceiling(client, reference)
        if not args.no_peer:
            _peer(client, project_id, reference)


if __name__ == "__main__":
    main()
