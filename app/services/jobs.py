"""Jobs: mine a project's customer utterances into recurring jobs with evidence-backed job statements.

Mining is stable: a job that persists across runs keeps its id (member overlap, Hungarian matching); researcher
edits survive (a user label or statement, approve/reject status, utterances moved by hand)."""

from __future__ import annotations

import builtins
import csv
import io
import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import case, delete, func, insert, literal, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.events import InterviewReady, subscribe
from app.services import messaging
from app.services import projects as project_service
from app.services.index import decode_embedding, encode_embedding
from models import Interview, Job, JobUtterance, Speaker, Task, Turn, Utterance, UtteranceSignal
from pipelines.phrasing import person_key
from pipelines.types import UNASSIGNED

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from pipelines.force_counting import CountRule
    from pipelines.job_keys import LevelKeys
    from pipelines.jtbd import Signals
    from pipelines.statements import EvidenceUtterance

log = logging.getLogger(__name__)

# Member overlap needed for a new cluster to continue an old job (Hungarian, one-to-one): measured on the pypi
# interviews, 0.1 keeps 14 of 15 job ids when two interviews are added, 0.3 only 13.
MATCH_MIN_OVERLAP = 0.1
ASSIGN_MIN_SIMILARITY = 0.55  # a new utterance joins an existing job only when it is this close to its centroid
LEVELS = ("core", "detail")


def customer_rows(*, session: Session, project_id: int):
    """The project's minable utterances: customers' own words (no quoted material), in interview order."""
    return session.execute(
        select(
            Utterance.id,
            Utterance.interview_id,
            Utterance.turn_id,
            Utterance.display_text,
            Utterance.embedding,
            Utterance.job_talk,
            Utterance.start,
            Speaker.name,
            Speaker.label,
            Turn.request_embedding,
        )
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .join(Turn, Turn.id == Utterance.turn_id)
        .where(
            Utterance.project_id == project_id,
            Utterance.role == "customer",
            Utterance.quoted.is_(False),
            Utterance.embedding.is_not(None),
        )
        .order_by(Utterance.id)
    ).all()


def _signals_for(session: Session, utterance_ids: builtins.list[int], texts: dict[int, str]):
    from pipelines.jtbd import Signal, Signals

    found: dict[int, builtins.list[Signal]] = defaultdict(builtins.list)
    for chunk in range(0, len(utterance_ids), 20_000):
        ids = utterance_ids[chunk : chunk + 20_000]
        # The columns a signal needs, not the whole row: loading each row as an object (with its clause's vector) was
        # a few seconds of a 100k-utterance project's mining.
        chosen = select(
            UtteranceSignal.utterance_id,
            UtteranceSignal.kind,
            UtteranceSignal.text,
            UtteranceSignal.start_char,
            UtteranceSignal.end_char,
        ).where(UtteranceSignal.utterance_id.in_(ids))
        for utterance_id, kind, text, start, end in session.execute(chosen):
            found[utterance_id].append(Signal(kind, text, start, end))  # type: ignore[arg-type]
    return [Signals(texts[u], tuple(sorted(found[u], key=lambda s: s.start_char))) for u in utterance_ids]


@dataclass(frozen=True, slots=True)
class MiningInput:
    """What one mining run reads, row by row in utterance order, plus the jobs it may keep or replace."""

    ids: np.ndarray  # utterance ids (int64)
    texts: builtins.list[str]
    vectors: np.ndarray  # float32 rows, L2-normalised
    evidence: builtins.list[EvidenceUtterance]
    signals: builtins.list[Signals]
    passages: builtins.list[int]  # turn id of each row: sentences of one turn give each other context
    requests: dict[int, np.ndarray]  # turn id -> the whole text's vector of a short turn (one request)
    job_talk: builtins.list[bool]
    jobs: dict[int, tuple[str, str, str, int, str]]  # id -> (title_source, statement_source, status, run, level)
    old: dict[str, dict[int, set[int]]]  # per level: job id -> member utterance ids
    pinned: dict[str, dict[int, int]]  # per level: utterance id -> job id, for utterances moved by hand


# How many turns back an answer may look for the question it answers, past an interviewer's aside ('Oh no.').
QUESTION_LOOKBACK = 4

# Who may say what a customer's turn answers: the interviewer asks, and a note-taker's aside ('Oh no.') is said
# between a question and its answer as the interviewer's is.
_ASKERS = frozenset({"interviewer", "observer"})


def questions_answered(turns: Sequence[tuple[int, str, str]]) -> dict[int, str]:
    """Turn id -> the question it answers, over one interview's turns in order (id, speaker role, text): the
    interviewer's turn said right before it or, where that one (or a note-taker's) asks nothing ('Oh no.', 'That's
    not silly.'), the interviewer's last question a few turns back: an aside does not change what the person is
    answering. Not the question for the trigger: a story's event is told in the answer itself, what follows an aside
    is its aftermath."""
    from pipelines.slots import asks_trigger, is_aside

    found: dict[int, str] = {}
    for k in range(1, len(turns)):
        turn_id, role, _ = turns[k]
        _, before_role, before = turns[k - 1]
        if role in _ASKERS or before_role not in _ASKERS:
            continue
        # a note-taker's 'Oh no.' is an aside too; anything else they say asks the person nothing
        if before_role == "observer" and not is_aside(before):
            continue
        found[turn_id] = before
        if not is_aside(before):
            continue
        for _, earlier_role, earlier in reversed(turns[max(0, k - QUESTION_LOOKBACK) : k - 1]):
            if earlier_role == "interviewer" and "?" in earlier:
                if not asks_trigger(earlier):
                    found[turn_id] = earlier
                break
    return found


def _questions(session: Session, turn_ids: builtins.list[int]) -> dict[int, str]:
    """Turn id -> the question it answers (`questions_answered`), for turns that answer one."""
    wanted = set(turn_ids)
    found: dict[int, str] = {}
    interviews = sorted(
        {
            interview_id
            for chunk in range(0, len(turn_ids), 20_000)
            for interview_id in session.scalars(
                select(Turn.interview_id).where(Turn.id.in_(turn_ids[chunk : chunk + 20_000])).distinct()
            )
        }
    )
    for chunk in range(0, len(interviews), 500):
        rows = session.execute(
            # only an interviewer's or a note-taker's words are ever a question or an aside: the customers' turns
            # come without theirs
            select(Turn.interview_id, Turn.id, Speaker.role, case((Speaker.role.in_(_ASKERS), Turn.text), else_=""))
            .join(Speaker, Speaker.id == Turn.speaker_id)
            .where(Turn.interview_id.in_(interviews[chunk : chunk + 500]))
            .order_by(Turn.interview_id, Turn.position)
        ).all()
        by_interview: dict[int, builtins.list[tuple[int, str, str]]] = defaultdict(builtins.list)
        for interview_id, turn_id, role, text in rows:
            by_interview[interview_id].append((turn_id, role, text))
        for turns in by_interview.values():
            found.update({t: q for t, q in questions_answered(turns).items() if t in wanted})
    return found


def load_mining_input(*, session: Session, project_id: int) -> MiningInput:
    """The project's minable utterances with their vectors and signals, and its live jobs and memberships."""
    from pipelines.statements import EvidenceUtterance, answered_goals, goals_said

    project_service.get(session=session, project_id=project_id)
    rows = customer_rows(session=session, project_id=project_id)
    ids = np.array([r.id for r in rows], dtype=np.int64)
    texts = {r.id: r.display_text for r in rows}
    signals = _signals_for(session, ids.tolist(), texts)
    jobs = {
        j.id: (j.title_source, j.statement_source, j.status, j.mining_run, j.level)
        for j in session.scalars(select(Job).where(Job.project_id == project_id, Job.status != "merged"))
    }
    memberships = session.execute(
        select(JobUtterance.job_id, JobUtterance.utterance_id, JobUtterance.source).where(
            JobUtterance.job_id.in_(builtins.list(jobs))
        )
    ).all()
    old: dict[str, dict[int, set[int]]] = {level: defaultdict(set) for level in LEVELS}
    pinned: dict[str, dict[int, int]] = {level: {} for level in LEVELS}
    for job_id, utterance_id, source in memberships:
        level = jobs[job_id][4]
        old[level][job_id].add(utterance_id)
        if source == "user":
            pinned[level][utterance_id] = job_id
    vectors = np.vstack([decode_embedding(r.embedding) for r in rows]) if rows else np.zeros((0, 0), np.float32)
    questions = _questions(session, sorted({r.turn_id for r in rows}))
    evidence = [
        EvidenceUtterance(
            r.id,
            r.display_text,
            r.interview_id,
            r.start,
            speaker=person_key(r.name, r.label, r.interview_id),
            passage=r.turn_id,
            asked=questions.get(r.turn_id, ""),
        )
        for r in rows
    ]
    # an answer that names a goal is job talk by the question it answers, and a sentence that says one by what it
    # says, whatever the classifier read alone
    named = answered_goals(evidence)
    named |= goals_said(evidence, signals, [i for i, r in enumerate(rows) if not r.job_talk and i not in named])
    return MiningInput(
        ids=ids,
        texts=[texts[u] for u in ids.tolist()],
        vectors=vectors,
        evidence=evidence,
        signals=signals,
        passages=[r.turn_id for r in rows],
        requests={r.turn_id: decode_embedding(r.request_embedding) for r in rows if r.request_embedding is not None},
        job_talk=[bool(r.job_talk) or i in named for i, r in enumerate(rows)],
        jobs=jobs,
        old=old,
        pinned=pinned,
    )


def one_voice(mined: MiningInput) -> bool:
    """Whether all the job talk mined is one person's (one interview, or one person's several)."""
    voices = {e.speaker or str(e.interview_id) for e, talk in zip(mined.evidence, mined.job_talk, strict=True) if talk}
    return len(voices) <= 1


def untouched(job: tuple[str, str, str, int, str]) -> bool:
    """Whether a stored job (a `MiningInput.jobs` row) is as mining left it: not edited, approved or rejected."""
    title_source, statement_source, status, _, _ = job
    return title_source == "auto" and statement_source == "auto" and status == "proposed"


def save_mined(
    *, session: Session, project_id: int, mined: MiningInput, keys: LevelKeys, described: dict[str, dict[int, dict]]
) -> None:
    """Store one mining run: both levels' jobs (ids kept, researcher edits kept) and their automatic memberships."""
    jobs = mined.jobs
    run = max((j[3] for j in jobs.values()), default=0) + 1
    session.execute(
        delete(JobUtterance).where(JobUtterance.job_id.in_(builtins.list(jobs)), JobUtterance.source == "auto")
    )
    for job_id, job in jobs.items():
        # Jobs the researcher touched stay even when the data no longer forms them; the others go.
        if job_id not in described[job[4]] and untouched(job):
            session.execute(delete(Job).where(Job.id == job_id))
    saved: dict[tuple[str, int], Job] = {}
    for level in LEVELS:
        for key, result in described[level].items():
            saved[(level, key)] = _save_job(session, project_id, key, level, result, run, pinned=mined.pinned[level])
    for key in described["detail"]:
        parent = saved.get(("core", keys.parent_of.get(key, UNASSIGNED)))
        saved[("detail", key)].parent_id = parent.id if parent is not None else None
    project_service.bump_jobs_version(session=session, project_id=project_id)
    session.flush()


def unclassified_job_talk(*, session: Session, project_id: int):
    """Customer utterances stored before the job-talk classifier existed (job_talk is NULL)."""
    return [r for r in customer_rows(session=session, project_id=project_id) if r.job_talk is None]


def mark_job_talk(*, session: Session, flags: dict[int, bool]) -> None:
    """Store whether each utterance (by id) is job talk."""
    for flag in (True, False):
        ids = [uid for uid, f in flags.items() if bool(f) == flag]
        for chunk in range(0, len(ids), 10_000):
            session.execute(
                sql_update(Utterance).where(Utterance.id.in_(ids[chunk : chunk + 10_000])).values(job_talk=flag)
            )
    session.flush()


def _save_job(
    session: Session, project_id: int, key: int, level: str, result: dict, run: int, *, pinned: dict[int, int]
) -> Job:
    """Create or update one mined job and its automatic memberships."""
    from pipelines.titles import NO_GOAL

    job = session.get(Job, key) if key > 0 else None
    if job is None:
        job = Job(project_id=project_id, title="", status="proposed", title_source="auto", statement_source="auto")
        session.add(job)
        session.flush()
    job.level = level
    job.mining_run = run
    job.centroid = encode_embedding(result["centroid"])
    job.keywords = result["keywords"]
    if job.title_source == "auto":
        # Talk in which nothing names a goal is titled by what it is about (its keywords said as nouns, else its
        # keywords), saying plainly that it names no job.
        about = result["topics"] or result["keywords"][:3]
        job.title = result["title"] or (f"{NO_GOAL}talk about " + ", ".join(about) if about else "Untitled job")
    job.quote_ids = result["quotes"]
    job.candidates = result["candidates"]
    if job.statement_source == "auto":
        job.statement = result["candidates"][0] if result["candidates"] else None
    # One executemany, not an ORM object per member: a core job of a large project has tens of thousands.
    rows = [
        {"job_id": job.id, "utterance_id": uid, "source": "auto", "similarity": similarity}
        for uid, similarity in result["members"]
        if uid not in pinned
    ]
    if rows:
        session.execute(insert(JobUtterance), rows)
    return job


@subscribe(InterviewReady)
def on_interview_ready(*, session: Session, event: InterviewReady) -> None:
    """A project that was mined already: the new interview joins existing jobs without re-clustering."""
    assign_interview(session=session, project_id=event.project_id, interview_id=event.interview_id)


def assign_interview(*, session: Session, project_id: int, interview_id: int) -> int:
    """Put one new interview's job talk into existing jobs (and so their core jobs) without re-clustering."""
    from pipelines.clustering import assign_to_clusters

    jobs = session.execute(
        select(Job.id, Job.centroid, Job.parent_id).where(
            Job.project_id == project_id,
            Job.level == "detail",
            Job.status.in_(["proposed", "approved"]),
            Job.centroid.is_not(None),
        )
    ).all()
    if not jobs:
        return 0
    rows = session.execute(
        select(Utterance.id, Utterance.embedding, Turn.request_embedding)
        .join(Turn, Turn.id == Utterance.turn_id)
        .where(
            Utterance.interview_id == interview_id,
            Utterance.role == "customer",
            Utterance.quoted.is_(False),
            Utterance.job_talk.is_(True),
            Utterance.embedding.is_not(None),
        )
    ).all()
    if not rows:
        return 0
    # A short turn is one request: its sentences join the job its whole text is closest to, as in mining.
    vectors = np.vstack([decode_embedding(r.request_embedding or r.embedding) for r in rows])
    centroids = {j.id: decode_embedding(j.centroid) for j in jobs}
    parents = {j.id: j.parent_id for j in jobs}
    assigned = assign_to_clusters(vectors, centroids, min_similarity=ASSIGN_MIN_SIMILARITY)
    for i, (r, job_id) in enumerate(zip(rows, assigned.tolist(), strict=True)):
        if job_id < 0:
            continue
        similarity = float(vectors[i] @ centroids[int(job_id)])
        session.add(JobUtterance(job_id=int(job_id), utterance_id=r.id, source="auto", similarity=similarity))
        if parents[int(job_id)] is not None:
            session.add(
                JobUtterance(job_id=parents[int(job_id)], utterance_id=r.id, source="auto", similarity=similarity)
            )
    project_service.bump_jobs_version(session=session, project_id=project_id)
    session.flush()
    return int((assigned >= 0).sum())


# --------------------------------------------------------------------------- reading and editing


def get(*, session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("job", job_id)
    return job


def _members(session: Session, job_ids: builtins.list[int]):
    """Per job, one row per speaker who voices it, with that interview's slices and how many utterances.

    Grouped in the database: a project of 100 interviews has tens of thousands of member rows but a few thousand
    (job, speaker) pairs, and reading every member row into Python cost about a second a page."""
    voice = (
        JobUtterance.job_id,
        Utterance.interview_id,
        Utterance.speaker_id,
        Speaker.name,
        Speaker.label,
        Interview.segment,
        Interview.industry,
        Interview.participant_role,
    )
    return session.execute(
        select(*voice, func.count().label("utterances"))
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Interview, Interview.id == Utterance.interview_id)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .where(JobUtterance.job_id.in_(job_ids))
        .group_by(*voice)
    ).all()


@dataclass(frozen=True, slots=True)
class JobForce:
    """One force of progress in one job: the people who voice it confidently and its most confident utterance."""

    people: frozenset[str]
    best_utterance_id: int


def forces(
    *,
    session: Session,
    job_ids: builtins.list[int],
    rule: CountRule | None = None,
    anchors: Mapping[int, np.ndarray] | None = None,
) -> dict[int, dict[str, JobForce]]:
    """Per job, each force of progress that counts in it (`pipelines.force_counting.SHIPPED`, or `rule`): who voices
    it, and the utterance to show for it, the most confident (then the first said), or with `anchors` (a unit vector
    per job) the one nearest its job's anchor. On real talk most forces are false and every person of a big job voices
    each by chance: counting only confident forces, each with a cue of its force where one is needed, each backed by a
    quote a reader can check, makes a count worth reading."""
    from pipelines.force_counting import SHIPPED
    from pipelines.jtbd import FORCE_KINDS

    rule = SHIPPED if rule is None else rule
    rows = session.execute(
        select(
            JobUtterance.job_id,
            UtteranceSignal.kind,
            UtteranceSignal.confidence,
            UtteranceSignal.text,
            Utterance.id,
            Utterance.interview_id,
            # the stored vectors are read only to choose a quote near an anchor
            (Utterance.embedding if anchors is not None else literal(None)).label("embedding"),
            Speaker.name,
            Speaker.label,
        )
        .join(UtteranceSignal, UtteranceSignal.utterance_id == JobUtterance.utterance_id)
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .where(JobUtterance.job_id.in_(job_ids), UtteranceSignal.kind.in_(FORCE_KINDS))
    ).all()
    people: dict[tuple[int, str], set[str]] = defaultdict(set)
    best: dict[tuple[int, str], tuple[float, float, int]] = {}
    for row in rows:
        if not rule.counts(kind=row.kind, confidence=row.confidence, text=row.text):
            continue
        key = (row.job_id, row.kind)
        people[key].add(person_key(row.name, row.label, row.interview_id))
        anchor = None if anchors is None else anchors.get(row.job_id)
        near = (
            float(decode_embedding(row.embedding) @ anchor) if anchor is not None and row.embedding is not None else 0.0
        )
        # Nearest the anchor (when given), then most confident, then the earliest stored: the same quote whatever
        # order the rows come in.
        mine = (near, float(row.confidence or 0.0), -row.id)
        if key not in best or mine > best[key]:
            best[key] = mine
    out: dict[int, dict[str, JobForce]] = defaultdict(dict)
    for (job_id, kind), voices in people.items():
        out[job_id][kind] = JobForce(people=frozenset(voices), best_utterance_id=-best[(job_id, kind)][2])
    return out


def statement_anchors(*, session: Session, jobs: Iterable[Job]) -> dict[int, np.ndarray]:
    """Per job, the unit mean of its statement's quotes' stored vectors: what the job says in its own words."""
    quotes = {j.id: _evidence_ids(j) for j in jobs}
    wanted = set().union(*quotes.values()) if quotes else set()
    stored = dict(
        session.execute(
            select(Utterance.id, Utterance.embedding).where(Utterance.id.in_(wanted), Utterance.embedding.is_not(None))
        ).all()
    )
    out: dict[int, np.ndarray] = {}
    for job_id, ids in quotes.items():
        vectors = [decode_embedding(stored[i]) for i in sorted(ids) if i in stored]
        if vectors:
            mean = np.mean(vectors, axis=0)
            out[job_id] = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
    return out


def _breakdown(members: Iterable[Any], attribute: str) -> dict[str, int]:
    """How many of the job's interviews have each value of `attribute` (an interview's segment, industry, role)."""
    seen = {(getattr(m, attribute) or "unknown", m.interview_id) for m in members}
    # Most interviews first, then by name: a set of strings iterates in an order each process hashes anew.
    return dict(sorted(Counter(value for value, _ in seen).items(), key=lambda kv: (-kv[1], kv[0])))


def _evidence_ids(job: Job) -> set[int]:
    statements = [job.statement or {}, *(job.candidates or [])]
    return {
        e["utterance_id"]
        for st in statements
        for evidence in (st.get("evidence") or {}).values()
        for e in evidence
        if isinstance(e, dict) and isinstance(e.get("utterance_id"), int)
    }


def _sources(session: Session, utterance_ids: set[int]) -> dict[int, dict]:
    """Who said each utterance, in which interview and when: what every quote leaving the product carries."""
    if not utterance_ids:
        return {}
    rows = session.execute(
        select(Utterance.id, Speaker.name, Speaker.label, Interview.title, Utterance.start, Utterance.end)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .join(Interview, Interview.id == Utterance.interview_id)
        .where(Utterance.id.in_(utterance_ids))
    ).all()
    return {
        uid: {"speaker": name or label, "interview": title, "start": start, "end": end}
        for uid, name, label, title, start, end in rows
    }


def _cited_statement(statement: dict | None, sources: dict[int, dict]) -> dict | None:
    """A stored statement with each evidence quote's speaker, interview title and times added (a copy)."""
    if not statement:
        return statement
    evidence = {
        slot: [{**e, **sources.get(int(e.get("utterance_id") or 0), {})} if isinstance(e, dict) else e for e in quotes]
        for slot, quotes in (statement.get("evidence") or {}).items()
    }
    return {**statement, "evidence": evidence} if "evidence" in statement else dict(statement)


def cite(quote: dict) -> str:
    """A quote as it leaves the product in text: “words” — speaker, interview, m:ss."""
    start = quote.get("start")
    when = ""
    if start is not None:
        total = int(max(0.0, float(start)))
        hours, rest = divmod(total, 3600)
        minutes, secs = divmod(rest, 60)
        when = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    interview = quote.get("interview") or f"interview {quote.get('interview_id')}"
    source = ", ".join(part for part in (quote.get("speaker"), interview, when) if part)
    return f"“{quote['text']}” — {source}"


def _quote(utterance: Utterance, sources: dict[int, dict]) -> dict:
    """An utterance as a job's quote: its words as shown and verbatim, who said it, in which interview and when."""
    return {
        "utterance_id": utterance.id,
        "text": utterance.display_text,
        "verbatim": utterance.verbatim_text,
        "interview_id": utterance.interview_id,
        **sources.get(utterance.id, {}),
    }


def read(*, session: Session, jobs: builtins.list[Job]) -> builtins.list[dict]:
    """Jobs as API bodies: support counted distinct, breakdowns, statement, candidates and quotes."""
    from pipelines.jtbd import FORCE_KINDS

    rows = _members(session, [j.id for j in jobs])
    voiced = forces(session=session, job_ids=[j.id for j in jobs])
    by_job = defaultdict(builtins.list)
    for row in rows:
        by_job[row.job_id].append(row)
    force_ids = {f.best_utterance_id for per_job in voiced.values() for f in per_job.values()}
    quote_ids = {q for j in jobs for q in (j.quote_ids or [])} | force_ids
    quotes = {u.id: u for u in session.scalars(select(Utterance).where(Utterance.id.in_(quote_ids)))}
    sources = _sources(session, quote_ids | {e for j in jobs for e in _evidence_ids(j)})
    learned = {}
    for project_id in {j.project_id for j in jobs}:
        learned.update(messaging.job_performance(session=session, project_id=project_id))
    out = []
    for job in jobs:
        members = by_job[job.id]
        interviews = {m.interview_id for m in members}

        out.append(
            {
                "id": job.id,
                "title": job.title,
                "level": job.level,
                "parent_id": job.parent_id,
                "status": job.status,
                "keywords": job.keywords or [],
                "support": {
                    "interviews": len(interviews),
                    "customers": len({(m.interview_id, m.speaker_id) for m in members}),
                    "people": len({person_key(m.name, m.label, m.interview_id) for m in members}),
                    "utterances": sum(m.utterances for m in members),
                },
                "forces": {
                    kind: len(voiced[job.id][kind].people) if kind in voiced.get(job.id, {}) else 0
                    for kind in FORCE_KINDS
                },
                "force_quotes": {
                    kind: _quote(quotes[force.best_utterance_id], sources)
                    for kind in FORCE_KINDS
                    if (force := voiced.get(job.id, {}).get(kind)) is not None and force.best_utterance_id in quotes
                },
                "breakdown": {
                    "segment": _breakdown(members, "segment"),
                    "industry": _breakdown(members, "industry"),
                    "role": _breakdown(members, "participant_role"),
                },
                "statement": _cited_statement(job.statement, sources),
                "candidates": [_cited_statement(c, sources) for c in job.candidates or []],
                "quotes": [_quote(quotes[q], sources) for q in job.quote_ids or [] if q in quotes],
                "merged_into_id": job.merged_into_id,
                "performance": learned.get(job.id, {"tests_run": 0, "wins": 0, "mean_lift": None}),
            }
        )
    return out


def list(
    *, session: Session, project_id: int, include_rejected: bool = True, level: str | None = None
) -> builtins.list[dict]:
    """The project's jobs, most voiced first; one level ('core' or 'detail') or both."""
    project_service.get(session=session, project_id=project_id)
    query = select(Job).where(Job.project_id == project_id, Job.status != "merged")
    if level is not None:
        query = query.where(Job.level == level)
    if not include_rejected:
        query = query.where(Job.status != "rejected")
    jobs = read(session=session, jobs=builtins.list(session.scalars(query.order_by(Job.id))))
    return sorted(jobs, key=lambda j: (-j["support"]["interviews"], -j["support"]["utterances"], j["id"]))


def why_no_jobs(*, session: Session, project_id: int) -> str:
    """A plain reason a project has no jobs yet."""

    counts = dict(
        session.execute(
            select(Utterance.job_talk, func.count())
            .where(Utterance.project_id == project_id, Utterance.role == "customer", Utterance.quoted.is_(False))
            .group_by(Utterance.job_talk)
        ).all()
    )
    if not sum(counts.values()):
        return "No customer talk to mine: upload interviews, or mark which speakers are customers."
    if not session.scalar(select(Job.id).where(Job.project_id == project_id).limit(1)) and not session.scalar(
        select(Task.id).where(Task.project_id == project_id, Task.kind == "mine", Task.status == "done").limit(1)
    ):
        return "Not mined yet: start mining to find jobs."
    talk = counts.get(True, 0) + counts.get(None, 0)
    return (
        f"Too little evidence for a job: {talk} of {sum(counts.values())} customer sentences talk about a job, "
        "and a job needs at least five that say the same thing. Add interviews and mine again."
    )


def thin_evidence(*, jobs: builtins.list[dict]) -> str | None:
    """A plain note when every job is one person's talk (one interview, or one person's several), else None."""
    if not jobs or max(j["support"]["people"] for j in jobs) > 1:
        return None
    return (
        "Every job here comes from one person's talk: read them as that person's jobs, not yet shared ones. "
        "Add interviews with other customers and mine again to see which jobs they share."
    )


def update(*, session: Session, job_id: int, changes: dict) -> Job:
    job = get(session=session, job_id=job_id)
    if changes.get("title"):
        job.title, job.title_source = changes["title"].strip(), "user"
    if changes.get("status") and changes["status"] != job.status:
        job.status = changes["status"]
        project_service.bump_jobs_version(session=session, project_id=job.project_id)
    if changes.get("candidate") is not None:
        index = changes["candidate"]
        if not 0 <= index < len(job.candidates or []):
            raise InvalidInput("invalid_candidate", f"Job {job_id} has no candidate {index}.")
        job.statement, job.statement_source = job.candidates[index], "user"
    if changes.get("statement_text"):
        statement = dict(job.statement or {"when": "", "want": "", "so": "", "evidence": {}, "missing": []})
        statement["text"] = changes["statement_text"].strip()
        job.statement, job.statement_source = statement, "user"
    session.flush()
    return job


def _pin(session: Session, job: Job, utterance_id: int, similarity: float = 0.0) -> None:
    """Put an utterance in a job by hand (re-mining keeps it there) and in that job's core job."""
    levels = [job.level] + (["core"] if job.level == "detail" else [])
    session.execute(
        delete(JobUtterance).where(
            JobUtterance.utterance_id == utterance_id,
            JobUtterance.job_id.in_(select(Job.id).where(Job.project_id == job.project_id, Job.level.in_(levels))),
        )
    )
    session.add(JobUtterance(job_id=job.id, utterance_id=utterance_id, source="user", similarity=similarity))
    if job.level == "detail" and job.parent_id is not None:
        session.add(JobUtterance(job_id=job.parent_id, utterance_id=utterance_id, source="auto", similarity=similarity))
    session.flush()


def merge(*, session: Session, job_id: int, other_ids: builtins.list[int]) -> Job:
    """Merge other jobs of the same level into this one: their utterances (and, for core jobs, their jobs) move
    here and stay on re-mining; the others are marked merged."""
    target = get(session=session, job_id=job_id)
    for other_id in other_ids:
        other = get(session=session, job_id=other_id)
        if other.project_id != target.project_id or other.id == target.id or other.level != target.level:
            raise InvalidInput(
                "invalid_merge",
                f"Job {other_id} cannot be merged into job {job_id}: merge jobs of one project and one level.",
            )
        for membership in session.scalars(select(JobUtterance).where(JobUtterance.job_id == other_id)).all():
            _pin(session, target, membership.utterance_id, membership.similarity)
        for child in session.scalars(select(Job).where(Job.parent_id == other.id)).all():
            child.parent_id = target.id
        other.status, other.merged_into_id = "merged", target.id
    project_service.bump_jobs_version(session=session, project_id=target.project_id)
    session.flush()
    return target


def move_utterance(*, session: Session, job_id: int, utterance_id: int) -> None:
    """Move an utterance into this job by hand; re-mining keeps it there."""
    job = get(session=session, job_id=job_id)
    utterance = session.get(Utterance, utterance_id)
    if utterance is None or utterance.project_id != job.project_id:
        raise NotFound("utterance", utterance_id)
    _pin(session, job, utterance_id)
    project_service.bump_jobs_version(session=session, project_id=job.project_id)
    session.flush()


def utterances(*, session: Session, job_id: int) -> builtins.list[dict]:
    get(session=session, job_id=job_id)
    rows = session.execute(
        select(Utterance, JobUtterance.similarity)
        .join(JobUtterance, JobUtterance.utterance_id == Utterance.id)
        .where(JobUtterance.job_id == job_id)
        .order_by(JobUtterance.similarity.desc(), Utterance.id)
    ).all()
    return [
        {
            "id": u.id,
            "text": u.display_text,
            "verbatim": u.verbatim_text,
            "interview_id": u.interview_id,
            "speaker": u.speaker.name or u.speaker.label,
            "start": u.start,
            "similarity": round(sim, 4),
        }
        for u, sim in rows
    ]


def report_markdown(jobs: builtins.list[dict], project_name: str, won: builtins.list[dict] | None = None) -> str:
    lines = [f"# Jobs to be done: {project_name}", ""]
    if won:
        lines += ["## Customer words that won", ""]
        for w in won:
            lift = f"{w['lift']:+.0%} over the control" if w["lift"] is not None else "the control held"
            words = "; ".join(
                f"{cite(p['quote']) if p.get('quote') else '“' + p['text'] + '”'} ({p['kind']})" for p in w["phrases"]
            )
            lines.append(
                f"- **{w['text']}**: {lift} in “{w['test']}”" + (f"; customer words: {words}" if words else "")
            )
        lines.append("")
    live = [j for j in jobs if j["status"] != "rejected"]
    cores = [j for j in live if j["level"] == "core"]
    children = {c["id"]: [j for j in live if j["parent_id"] == c["id"]] for c in cores}
    loose = [j for j in live if j["level"] == "detail" and j["parent_id"] not in children]
    for core in cores:
        lines += _report_job(core, "##", "Core job")
        for job in children[core["id"]]:
            lines += _report_job(job, "###", "Job", core=core)
    for job in loose:
        lines += _report_job(job, "##", "Job")
    return "\n".join(lines)


def _report_job(job: dict, heading: str, kind: str, core: dict | None = None) -> builtins.list[str]:
    """One job of the markdown report: title, support, forces, statement with its evidence, quotes; what a job
    shares with its core job (often its statement, when the core job is named after it) is not printed twice."""
    support = job["support"]
    forces = ", ".join(f"{kind_} {n}" for kind_, n in job["forces"].items() if n)
    lines = [
        f"{heading} {job['title']} ({kind.lower()}, {job['status']})",
        "",
        f"Support: {support['people']} people, {support['interviews']} interviews, {support['utterances']} utterances."
        + (f" Forces (people voicing each): {forces}." if forces else ""),
        "",
    ]
    statement = job["statement"]
    if statement and core and core["statement"] and _same_statement(statement, core["statement"]):
        lines += ["The same statement as its core job, with the same evidence.", ""]
    elif statement:
        lines += [f"**{statement['text']}**", ""]
        lines += _evidence_lines(statement["evidence"])
        if statement.get("missing"):
            lines.append(f"- no evidence for: {', '.join(statement['missing'])}")
        lines.append("")
    else:
        lines += ["No coherent statement: no customer said a goal for this job in their own words.", ""]
    if job["quotes"] and core and _said(job["quotes"]) == _said(core["quotes"]):
        lines += ["The same quotes as its core job.", ""]
    elif job["quotes"]:
        lines.append("Quotes:")
        lines += [f"> {cite(q)}" for q in job["quotes"]]
        lines.append("")
    backed = [(kind_, quote) for kind_, quote in (job.get("force_quotes") or {}).items() if job["forces"].get(kind_)]
    if backed:
        lines.append("Forces, each with the quote the classifier is surest of:")
        lines += [f"- *{kind_}* ({_people(job['forces'][kind_])}): {cite(quote)}" for kind_, quote in backed]
        lines.append("")
    return lines


def _same_statement(one: dict, other: dict) -> bool:
    return one["text"] == other["text"] and _evidence_lines(one["evidence"]) == _evidence_lines(other["evidence"])


def _said(quotes: builtins.list[dict]) -> builtins.list[tuple]:
    return [(q.get("utterance_id"), q["text"]) for q in quotes]


def _evidence_lines(evidence: dict) -> builtins.list[str]:
    """One line per quote, naming every slot it backs ("*when*, *want* and *so*"), in slot order."""
    slots: dict[tuple, builtins.list[str]] = {}
    quotes: dict[tuple, dict] = {}
    for slot in ("when", "want", "so"):
        for ev in evidence.get(slot, []):
            key = (ev.get("utterance_id"), ev["text"])
            slots.setdefault(key, []).append(f"*{slot}*")
            quotes.setdefault(key, ev)
    lines = []
    for key, names in slots.items():
        named = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
        lines.append(f"- {named}: {cite(quotes[key])}")
    return lines


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def report_csv(jobs: builtins.list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            "job_id",
            "level",
            "parent_id",
            "title",
            "status",
            "interviews",
            "customers",
            "utterances",
            "statement",
            "quote_1",
            "quote_2",
            "quote_3",
        ]
    )
    for job in jobs:
        quotes = [cite(q) for q in job["quotes"]][:3]
        writer.writerow(
            [
                job["id"],
                job["level"],
                job["parent_id"] or "",
                job["title"],
                job["status"],
                job["support"]["interviews"],
                job["support"]["customers"],
                job["support"]["utterances"],
                (job["statement"] or {}).get("text", ""),
                *quotes,
                *[""] * (3 - len(quotes)),
            ]
        )
    return buffer.getvalue()
