"""Quotable phrases on the ten PyPI interviews: the top success and pain phrases, and reference-phrase recall.

Run: `.venv/bin/python tests/benchmarks/phrase_quality.py [--no-peer]` (about 3 minutes on 2 shared cores).

The ten transcripts in ../shared/data/interviews/pypi-infrastructure are ingested through the HTTP API (FastAPI
TestClient, SQLite in a temporary directory, the worker run in this thread), which refreshes the phrase families.
Then, per kind, the top 10 of `/api/projects/{id}/phrases?kind=...` (the feed's ranking and its default rule:
one-person phrases hidden, since the project has ten interviews) are printed with people and interview support.

Quotable (checked here, independently of the extraction code): >= 4 words, a verb (spaCy POS), not hedged
(maybe, perhaps, probably, might, would, could, if, I guess, I suppose) and, for success, not negated (not, n't,
never, no); every quote comes from a speaker whose role in that interview is customer.

Recall: each success and pain phrase of reference-jobs.json counts as found when some phrase family of the
project (any kind, all families with min_support=1) has a quote whose text contains it (lowercased, apostrophes
straightened, punctuation dropped). Also shown: same-kind recall and recall among the families the feed shows;
`--missing` prints each reference phrase in no family with the customer sentence that says it and its signals.

Liftable (the rule a family's shown line is chosen by, pipelines.phrasing.liftable_flags): a line a copywriter can
lift as it stands has (1) 4 to 18 words; (2) makes the speaker's own claim: no question, no "if"/"unless"
condition, no quotation marks; (3) is a whole clause: a finite verb of its own and a main verb with its own subject
("making it easier to maintain" has none); (4) points at nothing said before it: no subject "it", "that", "this",
"they", "he", ... (an "it" standing for a later clause, "it's hard to find maintainers", is fine), no "the new one" or
"all of that" in the subject, no "this thing" / "that stuff" or object "those" anywhere; (5) has a concrete word,
not only judgements ("that was great"). The share of liftable shown
lines in the top 10 success and pain (default and min_support=1) is printed for this checkout and for the wording
choice of WORDING_BASE (pipelines.phrasing.choose_wording as it was there, same families, same run), with every
shown line that differs.

Peer (--no-peer skips it): the extraction and registry before this change (pipelines/jtbd.py at the base commit
f8f9b8d, one phrase per key, ranked by interviews then registration order, i.e. transcript order) run over the
same stored customer utterances, scored by the same checks.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.helpers import INTERVIEWS, make_settings, module_at, run_tasks  # noqa: E402

BASE_COMMIT = "f8f9b8d"
WORDING_BASE = "15ff7f6"  # main before the shown wording was chosen by liftable_flags
HEDGES = {"maybe", "perhaps", "probably", "might", "would", "could", "if", "'d"}
HEDGE_PAIRS = {("i", "guess"), ("i", "suppose")}
NEGATIONS = {"not", "n't", "never", "no"}


def norm(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(re.findall(r"[a-z0-9']+", text))


def quotable(text: str, kind: str, nlp) -> tuple[bool, str]:
    """The independent check: (ok, why not)."""
    doc = nlp(text)
    words = [t for t in doc if t.is_alpha or t.like_num]
    lower = [t.lower_ for t in doc]
    if len(words) < 4:
        return False, "<4 words"
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc):
        return False, "no verb"
    if HEDGES & set(lower) or any(pair in HEDGE_PAIRS for pair in zip(lower, lower[1:], strict=False)):
        return False, "hedged"
    if kind == "success" and NEGATIONS & set(lower):
        return False, "negated"
    return True, ""


def ingest(tmp: Path):
    from fastapi.testclient import TestClient

    from app.db import migrate
    from app.main import create_app

    reuse = (tmp / "bench.db").is_file()
    settings = make_settings(tmp / "var", f"sqlite:///{tmp / 'bench.db'}")
    migrate(settings)
    client = TestClient(create_app(settings, start_worker=False))
    client.__enter__()
    if reuse:
        started = time.perf_counter()
        project = client.get("/api/projects").json()["projects"][0]["id"]
        reextract(client, project)
        return client, project, time.perf_counter() - started
    project = client.post("/api/projects", json={"name": "PyPI infrastructure"}).json()["id"]
    for path in sorted(INTERVIEWS.glob("*.md")):
        with path.open("rb") as fh:
            response = client.post(f"/api/projects/{project}/interviews", files={"file": (path.name, fh)})
        assert response.status_code == 202, response.text
    started = time.perf_counter()
    run_tasks(client)
    return client, project, time.perf_counter() - started


def reextract(client, project: int) -> None:
    """A kept database: extract every utterance's signals again with this checkout's code and relink the phrase
    families from scratch (what a fresh ingest would store, without transcribing and embedding again)."""
    import numpy as np
    from sqlalchemy import delete, select

    from app.db import session_scope
    from app.services.interviews import _add_signals, clause_vectors, find_signals
    from models import Phrase, Utterance, UtteranceSignal

    runtime = client.app.state.runtime
    with session_scope(runtime.session_factory) as session:
        rows = session.scalars(
            select(Utterance)
            .where(Utterance.project_id == project)
            .order_by(Utterance.interview_id, Utterance.position)
        ).all()
        known = {u.display_text: u.embedding for u in rows if u.embedding is not None}
        matrix = np.stack([np.frombuffer(known[u.display_text], dtype=np.float32) for u in rows])
        texts = [u.display_text for u in rows]
        found = find_signals(texts, embedder=runtime.embedder, vectors=matrix)
        session.execute(delete(UtteranceSignal).where(UtteranceSignal.project_id == project))
        session.execute(delete(Phrase).where(Phrase.project_id == project))
        blobs = known | clause_vectors(embedder=runtime.embedder, texts=texts, found=found, known=known)
        _add_signals(session=session, utterances=list(rows), found=found, vectors=blobs)


def customer_speakers(client, project: int) -> dict[int, dict[str, str]]:
    roles: dict[int, dict[str, str]] = {}
    for interview in client.get(f"/api/projects/{project}/interviews").json()["interviews"]:
        transcript = client.get(f"/api/interviews/{interview['id']}/transcript").json()
        roles[interview["id"]] = {s["name"] or s["label"]: s["role"] for s in transcript["speakers"]}
    return roles


SHOW_QUOTES = False  # --quotes: print every quote of a family under it, with its speaker (to read them one by one)


def report_top(title: str, phrases: list[dict], roles, nlp) -> tuple[int, int]:
    print(f"\n{title}")
    good = shared = 0
    for rank, p in enumerate(phrases[:10], 1):
        ok, why = quotable(p["text"], p["kind"], nlp)
        customer = all(roles.get(q["interview_id"], {}).get(q["speaker"]) == "customer" for q in p["quotes"])
        if not customer:
            ok, why = False, "not a customer"
        good += ok
        shared += p["people"] >= 2
        who = ", ".join(sorted({q["speaker"] for q in p["quotes"]}))
        mark = "ok " if ok else f"NO ({why})"
        support = f"people={p['people']} interviews={p['interviews']} quotes={len(p['quotes'])}"
        print(f"{rank:2d}. [{mark}] {support} ({who})")
        print(f"      {p['text'][:150]}")
        if SHOW_QUOTES:
            for q in p["quotes"]:
                print(f"         - {q['speaker']}: {q['text'][:140]}")
    print(f"   quotable {good}/10, voiced by >= 2 people {shared}/10")
    return good, shared


def missing(client, project: int, families: list[dict], references: list[tuple[str, str]]) -> None:
    """Each reference phrase in no family: the customer sentence that says it and the signals stored on it."""
    from sqlalchemy import select

    from app.db import session_scope
    from models import Utterance, UtteranceSignal

    texts = [norm(q["text"]) for f in families for q in f["quotes"]]
    with session_scope(client.app.state.runtime.session_factory) as session:
        rows = session.scalars(select(Utterance).where(Utterance.project_id == project, Utterance.role == "customer"))
        said = [(u.id, u.display_text) for u in rows]
        for kind, ref in references:
            if any(norm(ref) in t for t in texts):
                continue
            where = [(uid, text) for uid, text in said if norm(ref) in norm(text)]
            print(f"   missing {kind}: {ref!r}")
            for uid, text in where[:2]:
                found = session.scalars(select(UtteranceSignal).where(UtteranceSignal.utterance_id == uid)).all()
                print(f"      [{uid}] {text[:160]}")
                print(f"         signals: {[(s.kind, s.text) for s in found]}")


def recall(families: list[dict], references: list[tuple[str, str]], label: str) -> None:
    texts_any = [norm(q["text"]) for f in families for q in f["quotes"]]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for f in families:
        by_kind[f["kind"]].extend(norm(q["text"]) for q in f["quotes"])
    hit_any = [ref for ref in references if any(norm(ref[1]) in t for t in texts_any)]
    hit_kind = [ref for ref in references if any(norm(ref[1]) in t for t in by_kind[ref[0]])]
    n = len(references)
    print(
        f"   {label}: any kind {len(hit_any)}/{n} = {len(hit_any) / n:.0%}; "
        f"same kind {len(hit_kind)}/{n} = {len(hit_kind) / n:.0%} "
        f"(success {sum(k == 'success' for k, _ in hit_any)}/{sum(k == 'success' for k, _ in references)}, "
        f"pain {sum(k == 'pain' for k, _ in hit_any)}/{sum(k == 'pain' for k, _ in references)} any kind)"
    )


def peer(client, project: int, references, roles, nlp) -> None:
    """The extraction before this change, one phrase per key, ranked by interviews then transcript order."""
    from sqlalchemy import select

    from app.db import session_scope
    from models import Speaker, Utterance
    from pipelines.phrasing import person_key, phrase_key

    old = module_at(BASE_COMMIT, "pipelines/jtbd.py", "old_jtbd")
    with session_scope(client.app.state.runtime.session_factory) as session:
        rows = session.execute(
            select(Utterance.id, Utterance.interview_id, Utterance.display_text, Speaker.name, Speaker.label)
            .join(Speaker, Speaker.id == Utterance.speaker_id)
            .where(Utterance.project_id == project, Utterance.role == "customer")
            .order_by(Utterance.interview_id, Utterance.position)
        ).all()
    started = time.perf_counter()
    found = old.extract_signals([r.display_text for r in rows])
    print(f"\n=== PEER: extraction at {BASE_COMMIT} ({time.perf_counter() - started:.1f} s for {len(rows)} utterances)")
    families: dict[tuple[str, str], dict] = {}
    for row, signals in zip(rows, found, strict=True):
        for s in signals:
            family = families.setdefault(
                (s.kind, phrase_key(s.text)),
                {"kind": s.kind, "text": s.text, "quotes": [], "order": len(families), "ivs": set(), "who": set()},
            )
            speaker = row.name or row.label
            family["quotes"].append({"text": s.text, "interview_id": row.interview_id, "speaker": speaker})
            family["ivs"].add(row.interview_id)
            family["who"].add(person_key(row.name, row.label, row.interview_id))
    for f in families.values():
        f["interviews"], f["people"] = len(f["ivs"]), len(f["who"])
    for kind in ("success", "pain"):
        of_kind = [f for f in families.values() if f["kind"] == kind]
        ranked = sorted(of_kind, key=lambda f: (-f["interviews"], f["order"]))
        report_top(f"PEER top 10 {kind} (by interviews, then transcript order)", ranked, roles, nlp)
    print("\nPEER reference recall")
    recall(list(families.values()), references, "all phrases")


def top_lists(client, project: int) -> dict[tuple[str, int], list[dict]]:
    """The feed's top 10 of each kind, by default (people >= 2) and with min_support=1; under ("all", 2) every
    family the feed shows by default, of any kind."""
    path = f"/api/projects/{project}/phrases"
    lists = {
        (kind, support): client.get(path, params={"kind": kind, "limit": 10, "min_support": support}).json()["phrases"]
        for kind in ("success", "pain")
        for support in (2, 1)
    }
    lists[("all", 2)] = client.get(path, params={"limit": 1000}).json()["phrases"]
    return lists


def wording_peer(client, project: int) -> None:
    """Shown lines of the top 10s chosen as at WORDING_BASE and as in this checkout, and their liftable share."""
    import pipelines.phrasing as phrasing
    from app.db import session_scope
    from app.services.messaging import refresh_phrases

    old = module_at(WORDING_BASE, "pipelines/phrasing.py", "old_phrasing")
    current, flags_of = phrasing.choose_wording, phrasing.liftable_flags
    seconds: list[float] = []

    def refreshed() -> dict[tuple[str, int], list[dict]]:
        with session_scope(client.app.state.runtime.session_factory) as session:
            started = time.perf_counter()
            refresh_phrases(session=session, project_id=project, force=True)
            seconds.append(time.perf_counter() - started)
        return top_lists(client, project)

    # The peer chooses as main did and parses no line for liftability.
    phrasing.choose_wording = lambda *a, liftable=None, people=None, **k: old.choose_wording(*a, **k)
    phrasing.liftable_flags = lambda texts: [True] * len(texts)
    try:
        before = refreshed()
    finally:
        phrasing.choose_wording, phrasing.liftable_flags = current, flags_of
    after = refreshed()
    print(f"\nshown lines: liftable share of the top 10s (peer: choose_wording at {WORDING_BASE}, same families)")
    print(f"   forced refresh {seconds[1]:.2f} s (peer, just before: {seconds[0]:.2f} s)")
    for (kind, support), shown in after.items():
        was = {p["id"]: p["text"] for p in before[(kind, support)]}
        flags = phrasing.liftable_flags([p["text"] for p in shown])
        old_flags = phrasing.liftable_flags([p["text"] for p in before[(kind, support)]])
        print(
            f"   {kind} min_support={support}: liftable {sum(flags)}/{len(shown)} "
            f"(peer {sum(old_flags)}/{len(old_flags)})"
        )
        for p, ok in zip(shown, flags, strict=True):
            if was.get(p["id"]) != p["text"]:
                print(f"      family {p['id']}: {was.get(p['id'])!r}\n         -> {p['text']!r} (liftable {ok})")
    for (kind, support), shown in before.items():
        gone = [p for p in shown if p["id"] not in {q["id"] for q in after[(kind, support)]}]
        for p in gone:
            print(f"   peer {kind} min_support={support} family {p['id']} left the top 10: {p['text']!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--quotes", action="store_true", help="print each top family's quotes and speakers")
    parser.add_argument(
        "--keep",
        type=Path,
        help="keep the database in this folder; a second run reuses it, extracting signals and families afresh",
    )
    parser.add_argument("--missing", action="store_true", help="print each reference phrase in no family")
    args = parser.parse_args()
    global SHOW_QUOTES
    SHOW_QUOTES = args.quotes
    from pipelines.nlp import load_nlp

    nlp = load_nlp()
    reference = json.loads((INTERVIEWS / "reference-jobs.json").read_text())
    references = [(k, p) for j in reference["jobs"] for k in ("success", "pain") for p in j.get(f"{k}_phrases", [])]
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        reused = (folder / "bench.db").is_file()
        client, project, seconds = ingest(folder)
        if reused:
            print(f"reused {folder / 'bench.db'}: signals extracted and families relinked in {seconds:.1f} s")
        else:
            print(f"ingested 10 interviews through the API in {seconds:.1f} s (tasks, incl. phrase refresh)")
        from app.db import session_scope
        from app.services.messaging import refresh_phrases

        with session_scope(client.app.state.runtime.session_factory) as session:
            started = time.perf_counter()
            refresh_phrases(session=session, project_id=project, force=True)
            print(f"a forced phrase refresh (families already linked) takes {time.perf_counter() - started:.2f} s")
        roles = customer_speakers(client, project)
        print("\n=== NEW: this branch")
        for kind in ("success", "pain"):
            top = client.get(f"/api/projects/{project}/phrases", params={"kind": kind, "limit": 10}).json()["phrases"]
            report_top(f"top 10 {kind} (feed default: people >= 2 in a 10-interview project)", top, roles, nlp)
            # What a marketer sees asking for every phrase (min_support=1): two-person families first, then the
            # most specific lines one person said.
            params = {"kind": kind, "limit": 10, "min_support": 1}
            top = client.get(f"/api/projects/{project}/phrases", params=params).json()["phrases"]
            report_top(f"top 10 {kind} with min_support=1 (one-person phrases shown too)", top, roles, nlp)
        path = f"/api/projects/{project}/phrases"
        every = client.get(path, params={"min_support": 1, "limit": 1000}).json()["phrases"]
        shown = client.get(path, params={"limit": 1000}).json()["phrases"]
        print(f"\nfamilies: {len(every)} with a customer voicing, {len(shown)} shown by default (people >= 2)")
        print("reference recall")
        recall(every, references, "all phrase families")
        recall(shown, references, "families the feed shows by default")
        if args.missing:
            missing(client, project, every, references)
        wording_peer(client, project)
        if not args.no_peer:
            peer(client, project, references, roles, nlp)
        client.__exit__(None, None, None)


if __name__ == "__main__":
    main()
