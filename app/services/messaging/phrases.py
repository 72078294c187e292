"""The phrase registry: customers' clauses grouped into phrase families (one Phrase row each), and their statistics.

Phrases are registered by normalised text, so a phrase keeps its id however often its interviews are re-derived
or its jobs re-mined. Their statistics (support in distinct interviews, segments, job, a quote) are refreshed
when the project's utterances or jobs changed since the last refresh: in the worker, when an interview is ready
(in the ingest task) or, once jobs were mined, in a `phrases` task of its own (app/tasks/phrases.py), else lazily
on the feed's read. Mining does not wait for it: at 100k utterances the refresh costs as much as the mining."""

from __future__ import annotations

import builtins
from collections import Counter, defaultdict

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.events import InterviewReady, JobsMined, subscribe
from app.services import projects as project_service
from app.services import tasks as task_service
from models import (
    Interview,
    Job,
    JobUtterance,
    Phrase,
    PhraseMember,
    PhraseSegment,
    Project,
    Speaker,
    Task,
    Utterance,
    UtteranceSignal,
)
from models.base import utcnow
from pipelines.phrasing import LINE_KINDS, key_hash, phrase_key

PHRASES_TASK = "phrases"  # the task kind that refreshes a project's phrases (app/tasks/phrases.py)


def _insert_ignoring_duplicates(session: Session, table, keys: builtins.list[str]):
    """INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)


def _state(project: Project) -> str:
    return f"{project.index_version}.{project.jobs_version}"


def _eligible(query):
    """Only what a customer said in their own voice counts: not interviewers, observers or quoted passages."""
    return query.where(Utterance.role == "customer", Utterance.quoted.is_(False))


def _link_signals(session: Session, project_id: int) -> None:
    """Give every eligible, quotable signal not yet linked the id of its phrase family.

    Stability: a linked signal never changes family, so refreshing, re-mining or adding interviews keeps every
    family id. New clauses are taken in a fixed order (interview, utterance position, offset, kind) and placed by
    pipelines.phrasing.assign_families: the family with their exact key, else the family of their kind whose
    centroid is at least FAMILY_SIMILARITY alike and one of whose members they pair with (similarity and the
    words each claims), else a new family under their own key. Vectors are the clause's
    own (stored at ingest), else its utterance's. Re-derived utterances (a role change) get new signals that rejoin
    by the same rule."""
    from pipelines.phrasing import Clause, FamilyMember, assign_families, claim_words, quotable_flags

    vector = func.coalesce(UtteranceSignal.embedding, Utterance.embedding)
    unlinked = session.execute(
        _eligible(
            select(UtteranceSignal.id, UtteranceSignal.kind, UtteranceSignal.text, vector).join(
                Utterance, Utterance.id == UtteranceSignal.utterance_id
            )
        )
        .where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_(None))
        .order_by(Utterance.interview_id, Utterance.position, UtteranceSignal.start_char, UtteranceSignal.kind)
    ).all()
    if not unlinked:
        return
    flags = quotable_flags([text for _, _, text, _ in unlinked], kinds=[kind for _, kind, _, _ in unlinked])
    unlinked = [row for row, ok in zip(unlinked, flags, strict=True) if ok]
    if not unlinked:
        return
    known = {
        (kind, key): pid
        for pid, kind, key in session.execute(
            select(Phrase.id, Phrase.kind, Phrase.key).where(Phrase.project_id == project_id)
        ).all()
    }
    # Clauses that joined a family before (their keys hashed) rejoin it: the same words keep their family.
    joined = {
        (kind, digest): pid
        for pid, kind, digest in session.execute(
            select(PhraseMember.phrase_id, PhraseMember.kind, PhraseMember.key_hash).where(
                PhraseMember.project_id == project_id
            )
        ).all()
    }
    for _, kind, text, _ in unlinked:
        key = phrase_key(text)
        if (kind, key) not in known and (kind, key_hash(key)) in joined:
            known[(kind, key)] = joined[(kind, key_hash(key))]
    placed = [
        row
        for row in session.execute(
            _eligible(
                select(UtteranceSignal.phrase_id, UtteranceSignal.kind, vector, UtteranceSignal.text).join(
                    Utterance, Utterance.id == UtteranceSignal.utterance_id
                )
            )
            .where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_not(None))
            .order_by(UtteranceSignal.phrase_id, UtteranceSignal.id)
        ).all()
        if row[2] is not None
    ]
    # A clause joins a family only when it pairs with one of its members, and what each claims decides the pair
    # (pipelines.phrasing): the members' claims are parsed for the families some new clause could join at all.
    vectors = [np.frombuffer(blob, dtype=np.float32) for _, _, blob, _ in placed]
    candidates = _candidate_families(placed, vectors, unlinked)
    todo = [i for i, (pid, _, _, _) in enumerate(placed) if pid in candidates]
    claimed = dict(zip(todo, claim_words([placed[i][3] for i in todo]), strict=True))
    members = [
        FamilyMember(family=pid, kind=kind, vector=vector, claim=claimed.get(i))
        for i, ((pid, kind, _, _), vector) in enumerate(zip(placed, vectors, strict=True))
    ]
    claims = claim_words([text for _, _, text, _ in unlinked])
    clauses = [
        Clause(
            kind=kind,
            key=phrase_key(text),
            vector=np.frombuffer(blob, dtype=np.float32) if blob else None,
            claim=claim,
        )
        for (_, kind, text, blob), claim in zip(unlinked, claims, strict=True)
    ]
    families = assign_families(clauses, members, known)
    founded: dict[tuple[str, str], str] = {}  # new family key -> founding text
    for (_, _, text, _), family in zip(unlinked, families, strict=True):
        if isinstance(family, tuple):
            founded.setdefault(family, text)
    if founded:
        statement = _insert_ignoring_duplicates(session, Phrase.__table__, ["project_id", "kind", "key"])
        session.execute(
            statement,
            [
                {"project_id": project_id, "kind": kind, "key": key, "text": text, "created_at": utcnow()}
                for (kind, key), text in founded.items()
            ],
        )
        known = {
            (kind, key): pid
            for pid, kind, key in session.execute(
                select(Phrase.id, Phrase.kind, Phrase.key).where(Phrase.project_id == project_id)
            ).all()
        }
    linked = [
        (sid, kind, phrase_key(text), known[family] if isinstance(family, tuple) else family)
        for (sid, kind, text, _), family in zip(unlinked, families, strict=True)
    ]
    session.execute(update(UtteranceSignal), [{"id": sid, "phrase_id": pid} for sid, _, _, pid in linked])
    new_members = {(kind, key_hash(key)): pid for _, kind, key, pid in linked if (kind, key_hash(key)) not in joined}
    if new_members:
        statement = _insert_ignoring_duplicates(session, PhraseMember.__table__, ["project_id", "kind", "key_hash"])
        session.execute(
            statement,
            [
                {"project_id": project_id, "kind": kind, "key_hash": digest, "phrase_id": pid}
                for (kind, digest), pid in new_members.items()
            ],
        )


def _candidate_families(placed: builtins.list, vectors: builtins.list[np.ndarray], unlinked: builtins.list) -> set[int]:
    """The families whose centroid is near enough (pipelines.phrasing.join_floor, less a margin for centroids that
    move as clauses join) to some new clause of their kind for assign_families to test its members."""
    from pipelines.phrasing import join_floor

    sums: dict[tuple[str, int], np.ndarray] = {}
    for (pid, kind, _, _), vector in zip(placed, vectors, strict=True):
        key = (kind, pid)
        sums[key] = sums[key] + vector if key in sums else vector.astype(np.float64)
    out: set[int] = set()
    for kind in {kind for _, kind, _, _ in unlinked}:
        names = [key for key in sums if key[0] == kind]
        new = [np.frombuffer(blob, dtype=np.float32) for _, k, _, blob in unlinked if k == kind and blob]
        if not names or not new:
            continue
        centroids = np.stack([sums[key] for key in names])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        near = (np.stack(new) @ centroids.T).max(axis=0) >= join_floor(kind) - 0.1
        out.update(pid for (_, pid), ok in zip(names, near, strict=True) if ok)
    return out


def _wording_and_quote(
    voicings: builtins.list[tuple[str, int, int, float | None, bytes | None]],
    claims: dict[str, frozenset[str]],
    *,
    lines: bool,
    liftable: dict[str, bool],
    said_by: dict[str, set[str]],
) -> dict:
    """The liftable wording the most people and customers use, then the one that pairs with most of its family,
    then the family's most typical readable one (pipelines.phrasing.choose_wording), and its first voicing as the
    quote."""
    from pipelines.phrasing import choose_wording

    if not voicings:
        return {"quote_utterance_id": None, "quote_interview_id": None, "quote_start": None}
    vectors = [np.frombuffer(blob, dtype=np.float32) if blob else None for *_, blob in voicings]
    texts = [v[0] for v in voicings]
    said = [claims.get(text) for text in texts] if all(text in claims for text in texts) else None
    lift = [liftable.get(text, True) for text in texts]
    people = [len(said_by.get(text, ())) for text in texts]
    text = voicings[choose_wording(texts, vectors, said, lines=lines, liftable=lift, people=people)][0]
    _, utterance_id, interview_id, start = min(v[:4] for v in voicings if v[0] == text)
    return {"text": text, "quote_utterance_id": utterance_id, "quote_interview_id": interview_id, "quote_start": start}


def _liftable_wordings(voicings: dict[int, builtins.list[tuple[str, int, int, float | None, bytes | None]]]) -> dict:
    """Whether each line of a family with a choice of wordings can be lifted as it stands
    (pipelines.phrasing.liftable_flags); a family of one wording shows it whatever it is, so it is not parsed."""
    from pipelines.phrasing import liftable_flags

    texts = sorted({v[0] for said in voicings.values() if len({v[0] for v in said}) >= 2 for v in said})
    return dict(zip(texts, liftable_flags(texts), strict=True))


def _claims_of_shown_families(
    voicings: dict[int, builtins.list[tuple[str, int, int, float | None, bytes | None]]],
    people: dict[int, set[str]],
) -> dict[str, frozenset[str]]:
    """What each line claims (pipelines.phrasing.claim_words), for the families whose wording depends on it: two
    or more people (what the feed shows by default) and three or more wordings. Parsing every family's lines
    would cost the refresh seconds for wordings nobody reads first."""
    from pipelines.phrasing import claim_words

    texts = sorted(
        {
            v[0]
            for pid, said in voicings.items()
            if len(people.get(pid, ())) >= 2 and len({v[0] for v in said}) >= 3
            for v in said
        }
    )
    return dict(zip(texts, claim_words(texts), strict=True))


def stale(*, session: Session, project_id: int) -> bool:
    """True when the project's utterances or jobs changed since its phrase statistics were last refreshed."""
    project = project_service.get(session=session, project_id=project_id)
    return project.phrases_state != _state(project)


def link_phrases(*, session: Session, project_id: int) -> None:
    """Place every clause not yet in a phrase family (the first, heavier half of a refresh; see refresh_phrases)."""
    _link_signals(session, project_id)


def refresh_phrases(*, session: Session, project_id: int, force: bool = False) -> bool:
    """Recompute phrase families' statistics if the project's utterances or jobs changed since the last time.

    Support counts what customers said in their own voice: `people` distinct people (pipelines.phrasing.person_key:
    a named speaker is one person across interviews, an unnamed label one per interview), `support` distinct
    interviews."""
    from pipelines.phrasing import person_key

    project = project_service.get(session=session, project_id=project_id)
    state = _state(project)
    if project.phrases_state == state and not force:
        return False
    _link_signals(session, project_id)
    # A phrase belongs to a (detail) job; core jobs hold the same utterances again and are not counted.
    excluded_jobs = set(
        session.scalars(
            select(Job.id).where(
                Job.project_id == project_id, or_(Job.status.in_(("rejected", "merged")), Job.level == "core")
            )
        ).all()
    )
    rows = session.execute(
        _eligible(
            select(
                UtteranceSignal.phrase_id,
                UtteranceSignal.text,
                Utterance.id,
                Utterance.interview_id,
                Utterance.start,
                Interview.segment,
                JobUtterance.job_id,
                Speaker.name,
                Speaker.label,
                func.coalesce(UtteranceSignal.embedding, Utterance.embedding),
            )
            .join(Utterance, Utterance.id == UtteranceSignal.utterance_id)
            .join(Interview, Interview.id == Utterance.interview_id)
            .join(Speaker, Speaker.id == Utterance.speaker_id)
            .outerjoin(JobUtterance, JobUtterance.utterance_id == Utterance.id)
        ).where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_not(None))
    ).all()
    interviews: dict[int, set[int]] = defaultdict(set)
    people: dict[int, set[str]] = defaultdict(set)
    said_by: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # family -> wording -> people
    utterances: dict[int, set[int]] = defaultdict(set)
    segments: dict[int, set[str]] = defaultdict(set)
    jobs: dict[int, Counter[int]] = defaultdict(Counter)
    voicings: dict[int, builtins.list[tuple[str, int, int, float | None, bytes | None]]] = defaultdict(builtins.list)
    for phrase_id, text, utterance_id, interview_id, start, segment, job_id, name, label, blob in rows:
        if utterance_id not in utterances[phrase_id]:
            voicings[phrase_id].append((text, utterance_id, interview_id, start, blob))
        interviews[phrase_id].add(interview_id)
        people[phrase_id].add(person_key(name, label, interview_id))
        said_by[phrase_id][text].add(person_key(name, label, interview_id))
        utterances[phrase_id].add(utterance_id)
        if segment:
            segments[phrase_id].add(segment)
        if job_id is not None and job_id not in excluded_jobs:
            jobs[phrase_id][job_id] += 1
    kinds = dict(session.execute(select(Phrase.id, Phrase.kind).where(Phrase.project_id == project_id)).all())
    ids = builtins.list(kinds)
    claims = _claims_of_shown_families(voicings, people)
    liftable = _liftable_wordings(voicings)
    if ids:
        session.execute(
            update(Phrase),
            [
                {
                    "id": pid,
                    "support": len(interviews.get(pid, ())),
                    "people": len(people.get(pid, ())),
                    "utterance_count": len(utterances.get(pid, ())),
                    # The job most of its utterances belong to; ties go to the lower id, so it is deterministic.
                    "job_id": min(jobs[pid].items(), key=lambda kv: (-kv[1], kv[0]))[0] if jobs.get(pid) else None,
                    **_wording_and_quote(
                        voicings.get(pid, []),
                        claims,
                        lines=kinds[pid] in LINE_KINDS,
                        liftable=liftable,
                        said_by=said_by.get(pid, {}),
                    ),
                }
                for pid in ids
            ],
        )
    session.execute(
        delete(PhraseSegment).where(
            PhraseSegment.phrase_id.in_(select(Phrase.id).where(Phrase.project_id == project_id))
        )
    )
    pairs = [{"phrase_id": pid, "segment": seg} for pid, segs in segments.items() for seg in sorted(segs)]
    if pairs:
        session.execute(insert(PhraseSegment), pairs)
    project.phrases_state = state
    session.flush()
    return True


@subscribe(InterviewReady)
def on_talk_changed(*, session: Session, event: InterviewReady) -> None:
    """Refresh phrase statistics in the worker, so the feed's next read does not pay for it."""
    refresh_phrases(session=session, project_id=event.project_id)


@subscribe(JobsMined)
def on_jobs_mined(*, session: Session, event: JobsMined) -> None:
    """Queue the phrase refresh as a task of its own: mining stays a function of the stored rows and ends when
    its jobs are saved (the refresh took 32 of the mine task's 108 s at 30k utterances). One queued refresh per
    project is enough: it reads the project as it is when it runs."""
    queued = session.scalar(
        select(Task.id)
        .where(Task.project_id == event.project_id, Task.kind == PHRASES_TASK, Task.status == "queued")
        .limit(1)
    )
    if queued is None:
        task_service.create(session=session, kind=PHRASES_TASK, project_id=event.project_id)
