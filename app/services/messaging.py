"""Messaging: the phrase feed for programs, copy tests with idempotent events, and what tests teach.

Phrases are registered by normalised text, so a phrase keeps its id however often its interviews are re-derived
or its jobs re-mined. Their statistics (support in distinct interviews, segments, job, a quote) are refreshed
lazily, when the project's utterances or jobs changed since the last refresh. Copy-test results flow back when a
test ends: every phrase and job accumulates tests run, wins and mean lift, and the feed can rank by them."""

from __future__ import annotations

import base64
import builtins
import json
import math
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from app.db import changed_rows
from app.errors import Conflict, InvalidInput, NotFound
from app.schemas import utc_z
from app.schemas.messaging import CopyTestCreate, CopyTestUpdate
from app.services import projects as project_service
from models import (
    CopyEvent,
    CopyTest,
    CopyVariant,
    CopyVariantPhrase,
    Interview,
    Job,
    JobUtterance,
    Phrase,
    PhraseSegment,
    Project,
    Speaker,
    Utterance,
    UtteranceSignal,
)
from models.base import utcnow
from pipelines.phrasing import phrase_key

EVENT_TYPES = {"impression": "impressions", "click": "clicks", "conversion": "conversions"}
EARLIEST_EVENT = datetime(2000, 1, 1, tzinfo=UTC)
EVENT_CLOCK_SKEW = timedelta(days=1)  # a client's clock may run a little ahead
NO_LIFT = -1e9  # a tested phrase with no lift yet (only ever a control) sorts after those with one


def _insert_ignoring_duplicates(session: Session, table, keys: builtins.list[str]):
    """INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table).on_conflict_do_nothing(index_elements=keys)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing(index_elements=keys)


# --------------------------------------------------------------------------- phrase registry and statistics


def _state(project: Project) -> str:
    return f"{project.index_version}.{project.jobs_version}"


# Paraphrases of one idea form one family (one Phrase row). Two clauses of a kind are one idea when their
# sentences' stored embeddings (all-MiniLM-L6-v2 by default) are at least this similar to a member of the family.
# Measured on the ten PyPI interviews (success and pain, greedy): 0.65 gave 4 + 3 families voiced by two or more
# people, 0.55 gave 7 + 11, 0.5 gave 10 + 13 (largest family 11 voicings). Pairs at 0.5-0.6 are the same idea in
# other words ("regular outages" / "experiencing outages") more often than not, with some topic neighbours.
# Using the stored utterance vectors costs no embedding at refresh time.
FAMILY_SIMILARITY = 0.5
# The feed hides phrases voiced by one person once a project has this many interviews (unless min_support says).
FEW_INTERVIEWS = 5


def _eligible(query):
    """Only what a customer said in their own voice counts: not interviewers, observers or quoted passages."""
    return query.where(Utterance.role == "customer", Utterance.quoted.is_(False))


def _link_signals(session: Session, project_id: int) -> None:
    """Give every eligible, quotable signal not yet linked the id of its phrase family.

    Stability: a linked signal never changes family, so refreshing, re-mining or adding interviews keeps every
    family id. New clauses are taken in a fixed order (interview, utterance position, offset, kind); each joins
    the family with its exact key, else the nearest family of its kind whose members' sentence vectors are at
    least FAMILY_SIMILARITY alike, else it founds a new family under its own key. Re-derived utterances (a role
    change) get new signals that rejoin by the same rule."""
    from pipelines.phrasing import quotable_flags

    unlinked = session.execute(
        _eligible(
            select(UtteranceSignal.id, UtteranceSignal.kind, UtteranceSignal.text, Utterance.embedding).join(
                Utterance, Utterance.id == UtteranceSignal.utterance_id
            )
        )
        .where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_(None))
        .order_by(Utterance.interview_id, Utterance.position, UtteranceSignal.start_char, UtteranceSignal.kind)
    ).all()
    if not unlinked:
        return
    flags = quotable_flags([text for _, _, text, _ in unlinked])
    unlinked = [row for row, ok in zip(unlinked, flags, strict=True) if ok]
    if not unlinked:
        return
    known = {
        (kind, key): pid
        for pid, kind, key in session.execute(
            select(Phrase.id, Phrase.kind, Phrase.key).where(Phrase.project_id == project_id)
        ).all()
    }
    # Members of existing families, by kind: (family, sentence vector).
    members: dict[str, builtins.list[tuple[object, np.ndarray]]] = defaultdict(builtins.list)
    for pid, kind, blob in session.execute(
        _eligible(
            select(UtteranceSignal.phrase_id, UtteranceSignal.kind, Utterance.embedding).join(
                Utterance, Utterance.id == UtteranceSignal.utterance_id
            )
        )
        .where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_not(None))
        .order_by(UtteranceSignal.phrase_id, UtteranceSignal.id)
    ).all():
        if blob is not None:
            members[kind].append((pid, np.frombuffer(blob, dtype=np.float32)))
    founded: dict[tuple[str, str], str] = {}  # new family key -> founding text
    assigned: builtins.list[tuple[int, object]] = []  # (signal id, family: a Phrase id or a new (kind, key))
    for sid, kind, text, blob in unlinked:
        key = phrase_key(text)
        family: object = known.get((kind, key))
        if family is None and (kind, key) in founded:
            family = (kind, key)
        vector = np.frombuffer(blob, dtype=np.float32) if blob is not None else None
        if family is None and vector is not None and members[kind]:
            sims = np.stack([v for _, v in members[kind]]) @ vector
            best = int(np.argmax(sims))  # the first of equals: deterministic
            if sims[best] >= FAMILY_SIMILARITY:
                family = members[kind][best][0]
        if family is None:
            family = (kind, key)
            founded[(kind, key)] = text
        if vector is not None:
            members[kind].append((family, vector))
        assigned.append((sid, family))
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
    session.execute(
        update(UtteranceSignal),
        [{"id": sid, "phrase_id": known[family] if isinstance(family, tuple) else family} for sid, family in assigned],
    )


def _wording_and_quote(voicings: builtins.list[tuple[str, int, int, float | None]]) -> dict:
    """The wording customers use most (then the most specific) and its first voicing as the quote."""
    from pipelines.phrasing import specificity

    if not voicings:
        return {"quote_utterance_id": None, "quote_interview_id": None, "quote_start": None}
    counts = Counter(text for text, *_ in voicings)
    text = min(counts, key=lambda t: (-counts[t], -specificity(t), len(t), t))
    _, utterance_id, interview_id, start = min(v for v in voicings if v[0] == text)
    return {"text": text, "quote_utterance_id": utterance_id, "quote_interview_id": interview_id, "quote_start": start}


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
            )
            .join(Utterance, Utterance.id == UtteranceSignal.utterance_id)
            .join(Interview, Interview.id == Utterance.interview_id)
            .join(Speaker, Speaker.id == Utterance.speaker_id)
            .outerjoin(JobUtterance, JobUtterance.utterance_id == Utterance.id)
        ).where(UtteranceSignal.project_id == project_id, UtteranceSignal.phrase_id.is_not(None))
    ).all()
    interviews: dict[int, set[int]] = defaultdict(set)
    people: dict[int, set[str]] = defaultdict(set)
    utterances: dict[int, set[int]] = defaultdict(set)
    segments: dict[int, set[str]] = defaultdict(set)
    jobs: dict[int, Counter[int]] = defaultdict(Counter)
    voicings: dict[int, builtins.list[tuple[str, int, int, float | None]]] = defaultdict(builtins.list)
    for phrase_id, text, utterance_id, interview_id, start, segment, job_id, name, label in rows:
        if utterance_id not in utterances[phrase_id]:
            voicings[phrase_id].append((text, utterance_id, interview_id, start))
        interviews[phrase_id].add(interview_id)
        people[phrase_id].add(person_key(name, label, interview_id))
        utterances[phrase_id].add(utterance_id)
        if segment:
            segments[phrase_id].add(segment)
        if job_id is not None and job_id not in excluded_jobs:
            jobs[phrase_id][job_id] += 1
    ids = session.scalars(select(Phrase.id).where(Phrase.project_id == project_id)).all()
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
                    **_wording_and_quote(voicings.get(pid, [])),
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


# --------------------------------------------------------------------------- the feed


def _rank_key(rank: str, row) -> builtins.list:
    """Sort key (ascending) of a phrase: distinct people, specificity, then tested performance, support, id.

    rank="performance" puts phrases copy tests used first (wins, then mean lift), then the rest as above."""
    from pipelines.phrasing import specificity

    lift = row.mean_lift if row.mean_lift is not None else NO_LIFT
    base = [-row.people, -specificity(row.text), -row.wins, -lift, -row.support, row.id]
    if rank == "performance":
        return [0 if row.tests_run > 0 else 1, -row.wins, -lift, *base]
    return base


def _encode_cursor(rank: str, values: builtins.list) -> str:
    return base64.urlsafe_b64encode(json.dumps({"r": rank, "k": values}).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str, rank: str, width: int) -> builtins.list:
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        values = data["k"]
        if data["r"] != rank or not isinstance(values, builtins.list) or len(values) != width:
            raise ValueError
        if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            raise ValueError
        return values
    except (ValueError, KeyError, TypeError, json.JSONDecodeError):
        raise InvalidInput(
            "invalid_cursor", "The cursor is not one this feed returned for these parameters; start without one."
        ) from None


def _performance(tests_run: int, wins: int, mean_lift: float | None) -> dict:
    return {"tests_run": tests_run, "wins": wins, "mean_lift": None if mean_lift is None else round(mean_lift, 4)}


def default_min_people(*, session: Session, project_id: int) -> int:
    """One-person phrases are hidden once a project has FEW_INTERVIEWS interviews: by then a line only one person
    said is an anecdote, not a pattern."""
    count = session.scalar(select(func.count(Interview.id)).where(Interview.project_id == project_id)) or 0
    return 2 if count >= FEW_INTERVIEWS else 1


def quotes_for(*, session: Session, phrase_ids: builtins.list[int]) -> dict[int, builtins.list[dict]]:
    """Every voicing of each phrase: the customer's own words, who said them, in which interview, when."""
    found: dict[int, builtins.list[dict]] = defaultdict(builtins.list)
    if not phrase_ids:
        return found
    seen: set[tuple[int, int]] = set()
    for phrase_id, text, utterance_id, interview_id, title, start, end, speaker_id, name, label in session.execute(
        _eligible(
            select(
                UtteranceSignal.phrase_id,
                UtteranceSignal.text,
                Utterance.id,
                Utterance.interview_id,
                Interview.title,
                Utterance.start,
                Utterance.end,
                Speaker.id,
                Speaker.name,
                Speaker.label,
            )
            .join(Utterance, Utterance.id == UtteranceSignal.utterance_id)
            .join(Interview, Interview.id == Utterance.interview_id)
            .join(Speaker, Speaker.id == Utterance.speaker_id)
        )
        .where(UtteranceSignal.phrase_id.in_(phrase_ids))
        .order_by(Utterance.interview_id, Utterance.position, UtteranceSignal.start_char)
    ).all():
        if (phrase_id, utterance_id) in seen:
            continue
        seen.add((phrase_id, utterance_id))
        found[phrase_id].append(
            {
                "text": text,
                "utterance_id": utterance_id,
                "interview_id": interview_id,
                "interview": title,
                "speaker_id": speaker_id,
                "speaker": name or label,
                "start": start,
                "end": end,
            }
        )
    return found


_FEED_COLUMNS = (
    Phrase.id,
    Phrase.text,
    Phrase.kind,
    Phrase.job_id,
    Phrase.support,
    Phrase.people,
    Phrase.tests_run,
    Phrase.wins,
    Phrase.mean_lift,
)


def feed(
    *,
    session: Session,
    project_id: int,
    job_id: int | None = None,
    kind: str | None = None,
    segment: str | None = None,
    min_support: int | None = None,
    limit: int = 50,
    cursor: str | None = None,
    rank: str = "support",
) -> dict:
    """Approved job statements and customer phrases, ranked by distinct people, specificity, then copy-test results.

    `min_support` is the least number of distinct people who voiced a phrase; by default 2 in a project with
    FEW_INTERVIEWS or more interviews, else 1. `rank="performance"` puts phrases that copy tests used first."""
    refresh_phrases(session=session, project_id=project_id)
    min_people = min_support if min_support is not None else default_min_people(session=session, project_id=project_id)
    query = select(*_FEED_COLUMNS).where(
        Phrase.project_id == project_id, Phrase.people >= max(min_people, 1), Phrase.support >= 1
    )
    if kind:
        query = query.where(Phrase.kind == kind)
    if job_id is not None:
        query = query.where(Phrase.job_id == job_id)
    if segment:
        query = query.where(
            select(PhraseSegment.phrase_id)
            .where(PhraseSegment.phrase_id == Phrase.id, PhraseSegment.segment == segment)
            .exists()
        )
    # Specificity is computed from the text (no column holds it), so ranking happens here over the matching
    # rows' few columns, and the cursor is the last row's sort key.
    ranked = sorted(((_rank_key(rank, row), row) for row in session.execute(query).all()), key=lambda kr: kr[0])
    if cursor:
        after = _decode_cursor(cursor, rank, len(ranked[0][0]) if ranked else len(_rank_key(rank, _EMPTY_ROW)))
        ranked = [kr for kr in ranked if kr[0] > after]
    more = len(ranked) > limit
    page = ranked[:limit]
    next_cursor = _encode_cursor(rank, page[-1][0]) if more else None
    rows = [row for _, row in page]
    segments: dict[int, builtins.list[str]] = defaultdict(builtins.list)
    for pid, seg in session.execute(
        select(PhraseSegment.phrase_id, PhraseSegment.segment)
        .where(PhraseSegment.phrase_id.in_([p.id for p in rows]))
        .order_by(PhraseSegment.segment)
    ).all():
        segments[pid].append(seg)
    quotes = quotes_for(session=session, phrase_ids=[p.id for p in rows])
    phrases = [
        {
            "id": p.id,
            "text": p.text,
            "kind": p.kind,
            "job_id": p.job_id,
            "support": p.support,
            "people": p.people,
            "interviews": p.support,
            "segments": segments[p.id],
            # The family's shown wording, as first said; then every voicing of the family.
            "quote": next((q for q in quotes[p.id] if q["text"] == p.text), quotes[p.id][0] if quotes[p.id] else None),
            "quotes": quotes[p.id],
            "performance": _performance(p.tests_run, p.wins, p.mean_lift),
        }
        for p in rows
    ]
    # Statements are few: they come with the first page only, so paging never repeats them.
    statements = [] if cursor else statements_for(session=session, project_id=project_id, job_id=job_id)
    return {
        "statements": [s for s in statements if s["support"] >= (min_support or 1)],
        "phrases": phrases,
        "next_cursor": next_cursor,
    }


class _EmptyRow:
    id = support = people = tests_run = wins = 0
    mean_lift = None
    text = ""


_EMPTY_ROW = _EmptyRow()


def phrases(
    *,
    session: Session,
    project_id: int,
    kind: str | None = None,
    job_id: int | None = None,
    segment: str | None = None,
    min_support: int | None = None,
    limit: int = 100,
) -> builtins.list[dict]:
    """The feed's phrases (same ids, ranking and min_support rule), each with all its quotes."""
    found = feed(
        session=session,
        project_id=project_id,
        job_id=job_id,
        kind=kind,
        segment=segment,
        min_support=min_support,
        limit=limit,
    )
    return found["phrases"]


def statements_for(*, session: Session, project_id: int, job_id: int | None = None) -> builtins.list[dict]:
    """Approved jobs' statements with their support in distinct interviews and copy-test performance."""
    query = select(Job).where(Job.project_id == project_id, Job.status == "approved", Job.statement.is_not(None))
    if job_id is not None:
        query = query.where(Job.id == job_id)
    jobs = builtins.list(session.scalars(query.order_by(Job.id)))
    support = dict(
        session.execute(
            select(JobUtterance.job_id, func.count(func.distinct(Utterance.interview_id)))
            .join(Utterance, Utterance.id == JobUtterance.utterance_id)
            .where(JobUtterance.job_id.in_([j.id for j in jobs]))
            .group_by(JobUtterance.job_id)
        ).all()
    )
    learned = job_performance(session=session, project_id=project_id)
    out = [
        {
            "id": job.id,
            "job_id": job.id,
            "title": job.title,
            "text": job.statement["text"],
            "when": job.statement.get("when", ""),
            "want": job.statement.get("want", ""),
            "so": job.statement.get("so", ""),
            "support": support.get(job.id, 0),
            "evidence": job.statement.get("evidence", {}),
            "performance": learned.get(job.id, _performance(0, 0, None)),
        }
        for job in jobs
        if job.statement and job.statement.get("text")
    ]
    return sorted(out, key=lambda s: (-s["support"], s["id"]))


# --------------------------------------------------------------------------- copy tests


def get_test(*, session: Session, copy_test_id: int) -> CopyTest:
    test = session.get(CopyTest, copy_test_id)
    if test is None:
        raise NotFound("copy test", copy_test_id)
    return test


def create_test(*, session: Session, project_id: int, test_in: CopyTestCreate) -> CopyTest:
    project_service.get(session=session, project_id=project_id)
    if test_in.job_id is not None:
        job = session.get(Job, test_in.job_id)
        if job is None or job.project_id != project_id:
            raise InvalidInput("invalid_job", f"Job {test_in.job_id} is not a job of project {project_id}.")
    phrase_ids = {pid for v in test_in.variants for pid in v.phrase_ids}
    known = set(session.scalars(select(Phrase.id).where(Phrase.project_id == project_id, Phrase.id.in_(phrase_ids))))
    if phrase_ids - known:
        raise InvalidInput(
            "invalid_phrases",
            f"Phrases {sorted(phrase_ids - known)} are not phrases of project {project_id} (see its feed).",
            details={"phrase_ids": sorted(phrase_ids - known)},
        )
    for v in test_in.variants:
        if v.statement_id is not None:
            job = session.get(Job, v.statement_id)
            if job is None or job.project_id != project_id or not job.statement:
                raise InvalidInput(
                    "invalid_statement", f"Statement {v.statement_id} is not a job statement of project {project_id}."
                )
    texts = [" ".join(v.text.split()) for v in test_in.variants]
    if len(set(texts)) < len(texts):
        raise InvalidInput("duplicate_variants", "Two variants have the same text; each variant must differ.")
    test = CopyTest(
        project_id=project_id,
        job_id=test_in.job_id,
        name=test_in.name.strip(),
        channel=test_in.channel,
        metric=test_in.metric,
        minimum_detectable_effect=test_in.minimum_detectable_effect,
        baseline_rate=test_in.baseline_rate,
    )
    for position, v in enumerate(test_in.variants):
        test.variants.append(
            CopyVariant(position=position, text=v.text.strip(), statement_id=v.statement_id, phrase_ids=v.phrase_ids)
        )
    session.add(test)
    session.flush()
    session.add_all(
        CopyVariantPhrase(variant_id=variant.id, phrase_id=pid)
        for variant, v in zip(test.variants, test_in.variants, strict=True)
        for pid in dict.fromkeys(v.phrase_ids)
    )
    session.flush()
    return test


def list_tests(*, session: Session, project_id: int) -> builtins.list[dict]:
    project_service.get(session=session, project_id=project_id)
    tests = session.scalars(select(CopyTest).where(CopyTest.project_id == project_id).order_by(CopyTest.id.desc()))
    return [read_test(session=session, test=test) for test in tests]


def _counts(variant: CopyVariant):
    from pipelines.abtest import VariantCounts

    # Events may arrive out of order (a conversion before its impression): cap for the statistics, warn in reads.
    return VariantCounts(
        id=variant.id,
        impressions=variant.impressions,
        clicks=min(variant.clicks, variant.impressions),
        conversions=min(variant.conversions, variant.impressions),
    )


def _analyze(test: CopyTest):
    from pipelines.abtest import analyze

    counts = [_counts(v) for v in test.variants]
    try:
        return analyze(
            counts,
            metric=test.metric,
            alpha=test.alpha,
            power=test.power,
            minimum_detectable_effect=test.minimum_detectable_effect,
            baseline_rate=test.baseline_rate,
        )
    except (ValueError, ArithmeticError):
        import logging

        # A plan stored before its ranges were checked (an effect of 1e-20...) must never break a list or a page:
        # analyse it with the default plan; read_test says so.
        logging.getLogger(__name__).warning("copy test %s: its plan cannot be analysed; defaults used", test.id)
        return analyze(counts, metric=test.metric)


def read_test(*, session: Session, test: CopyTest) -> dict:
    """A copy test with per-variant results, the frequentist test and the decision."""
    analysis = _analyze(test)
    results = {r.id: r for r in analysis.variants}
    ended = test.status != "running" and test.decision is not None
    warnings = [
        f"Variant {v.id} has more {name} than impressions: events are arriving out of order or are mislabelled."
        for v in test.variants
        for name in ("clicks", "conversions")
        if getattr(v, name) > v.impressions
    ]
    if analysis.minimum_detectable_effect != test.minimum_detectable_effect:
        warnings.append("The test's planned effect, baseline, alpha or power cannot be analysed; defaults were used.")
    return {
        "id": test.id,
        "project_id": test.project_id,
        "name": test.name,
        "job_id": test.job_id,
        "channel": test.channel,
        "status": test.status,
        "metric": test.metric,
        "created_at": utc_z(test.created_at),
        "ended_at": utc_z(test.ended_at) if test.ended_at else None,
        "variants": [
            {
                "id": v.id,
                "text": v.text,
                "is_control": v.position == 0,
                "phrase_ids": v.phrase_ids or [],
                "statement_id": v.statement_id,
                "impressions": v.impressions,
                "clicks": v.clicks,
                "conversions": v.conversions,
                "rate": results[v.id].rate,
                "ci_low": results[v.id].ci_low,
                "ci_high": results[v.id].ci_high,
                "prob_best": results[v.id].prob_best,
                "expected_loss": results[v.id].expected_loss,
                "lift": results[v.id].lift,
            }
            for v in test.variants
        ],
        "frequentist": {
            "test": analysis.frequentist.test,
            "statistic": analysis.frequentist.statistic,
            "p_value": analysis.frequentist.p_value,
            "dof": analysis.frequentist.dof,
            "fisher_p_value": analysis.frequentist.fisher_p_value,
            "comparisons": [
                {
                    "variant_id": c.variant_id,
                    "method": c.method,
                    "statistic": c.statistic,
                    "p_value": c.p_value,
                    "adjusted_p_value": c.adjusted_p_value,
                }
                for c in analysis.frequentist.comparisons
            ],
        },
        # Once a test has ended its decision is the one taken then (the fixed-horizon answer); the numbers stay live.
        "decision": test.decision if ended else analysis.decision,
        "winner_variant_id": test.winner_variant_id if ended else analysis.winner_id,
        "reason": analysis.reason if not ended or test.decision == analysis.decision else _ended_reason(test),
        "sample_size": {
            "per_variant": analysis.sample_size_per_variant,
            "remaining_per_variant": analysis.remaining_per_variant,
            "minimum_detectable_effect": analysis.minimum_detectable_effect,
            "baseline_rate": analysis.baseline_rate,
            "alpha": analysis.alpha,
            "power": analysis.power,
        },
        "warnings": warnings,
    }


def _ended_reason(test: CopyTest) -> str:
    when = test.ended_at.date().isoformat() if test.ended_at else "earlier"
    how = "reached its planned sample size" if test.status == "concluded" else "was stopped"
    return f"Decided when the test {how} ({when})."


def update_test(*, session: Session, copy_test_id: int, test_in: CopyTestUpdate) -> CopyTest:
    test = get_test(session=session, copy_test_id=copy_test_id)
    if test_in.name:
        test.name = test_in.name.strip()
    if test_in.status == "stopped" and test.status != "stopped":
        _end(session, test, "stopped")
    session.flush()
    return test


def _end(session: Session, test: CopyTest, status: str) -> None:
    """End a test: keep its decision and each variant's lift, and teach its phrases and jobs."""
    analysis = _analyze(test)
    if test.status == "running":
        # A stopped test's decision is what the horizon rule says now: stopping early never declares a winner.
        test.decision, test.winner_variant_id = analysis.decision, analysis.winner_id
    test.status, test.ended_at = status, utcnow()
    for variant, result in zip(test.variants, analysis.variants, strict=True):
        variant.final_lift = result.lift
    session.flush()
    refresh_learning(session=session, project_id=test.project_id)


# --------------------------------------------------------------------------- events


def _event_problems(events: builtins.list, variant_ids: set[int]) -> tuple[builtins.list[dict], builtins.list[dict]]:
    problems, clean = [], []
    for index, event in enumerate(events):
        if not isinstance(event, dict):
            problems.append({"index": index, "id": None, "problem": "an event must be an object"})
            continue
        ident = event.get("id")
        found = []
        if (
            isinstance(ident, bool)
            or not isinstance(ident, str | int)
            or not str(ident).strip()
            or len(str(ident)) > 200
        ):
            found.append("`id` must be a non-empty string (or integer) of at most 200 characters")
        variant = event.get("variant_id")
        if isinstance(variant, bool) or not isinstance(variant, int) or variant not in variant_ids:
            found.append(f"`variant_id` {variant!r} is not a variant of this test")
        kind = event.get("type")
        if kind not in EVENT_TYPES:
            found.append(f"`type` {kind!r} is not one of impression, click, conversion")
        at = event.get("at")
        parsed = None
        if at is not None:
            try:
                parsed = datetime.fromisoformat(str(at).replace("Z", "+00:00"))
                parsed = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
            except (ValueError, OverflowError):
                found.append(f"`at` {at!r} is not an ISO 8601 time")
            else:
                if not EARLIEST_EVENT <= parsed <= utcnow() + EVENT_CLOCK_SKEW:
                    found.append(f"`at` {at!r} is not a plausible time (from 2000 up to a day ahead of the server)")
                    parsed = None
        if found:
            problems.append(
                {"index": index, "id": ident if isinstance(ident, str | int) else None, "problem": "; ".join(found)}
            )
        else:
            clean.append({"client_id": str(ident).strip(), "variant_id": variant, "type": kind, "at": parsed})
    return problems, clean


def record_events(*, session: Session, copy_test_id: int, events: builtins.list) -> dict:
    """Store a batch of events once each (by the client's event id); a malformed batch stores nothing."""
    test = get_test(session=session, copy_test_id=copy_test_id)
    if test.status == "stopped":
        raise Conflict("copy_test_stopped", f"Copy test {copy_test_id} was stopped; it takes no more events.")
    problems, clean = _event_problems(events, {v.id for v in test.variants})
    if problems:
        raise InvalidInput(
            "invalid_events",
            f"{len(problems)} of {len(events)} events are invalid (first: event {problems[0]['index']}: "
            f"{problems[0]['problem']}); nothing was stored.",
            details={"events": problems[:100]},
        )
    # The first of each id wins; rows go in id order so concurrent batches lock unique keys in the same order
    # (PostgreSQL would otherwise deadlock two batches that share events in opposite orders).
    unique = sorted({e["client_id"]: e for e in reversed(clean)}.values(), key=lambda e: e["client_id"])
    now = utcnow()
    rows = [{"copy_test_id": test.id, "received_at": now, **e} for e in unique]
    statement = _insert_ignoring_duplicates(session, CopyEvent.__table__, ["copy_test_id", "client_id"])
    stored = session.execute(statement.returning(CopyEvent.variant_id, CopyEvent.type), rows).all()
    increments: dict[int, Counter[str]] = defaultdict(Counter)
    for variant_id, kind in stored:
        increments[variant_id][EVENT_TYPES[kind]] += 1
    for variant_id, counts in sorted(increments.items()):
        # Atomic increments: concurrent batches never lose an update.
        session.execute(
            update(CopyVariant)
            .where(CopyVariant.id == variant_id)
            .values({getattr(CopyVariant, name): getattr(CopyVariant, name) + n for name, n in counts.items()})
        )
    session.flush()
    if stored and test.status == "running":
        _conclude_at_horizon(session, test)
    return {"accepted": len(stored), "duplicates": len(events) - len(stored)}


def _conclude_at_horizon(session: Session, test: CopyTest) -> None:
    for variant in test.variants:
        session.refresh(variant)
    if min(v.impressions for v in test.variants) == 0:
        return
    analysis = _analyze(test)
    if analysis.decision == "keep_running":
        return
    # Only one concurrent batch may conclude the test.
    claimed = changed_rows(
        session.execute(
            update(CopyTest)
            .where(CopyTest.id == test.id, CopyTest.status == "running")
            .values(
                status="concluded", decision=analysis.decision, winner_variant_id=analysis.winner_id, ended_at=utcnow()
            )
        )
    )
    if claimed:
        session.refresh(test)
        for variant, result in zip(test.variants, analysis.variants, strict=True):
            variant.final_lift = result.lift
        session.flush()
        refresh_learning(session=session, project_id=test.project_id)


# --------------------------------------------------------------------------- learning


def _ended_variants(session: Session, project_id: int):
    return session.execute(
        select(CopyVariant, CopyTest)
        .join(CopyTest, CopyTest.id == CopyVariant.copy_test_id)
        .where(CopyTest.project_id == project_id, CopyTest.status != "running", CopyVariant.impressions > 0)
    ).all()


def _accumulate(pairs) -> dict[int, dict]:
    """Tests run, wins and mean lift per key from (key, variant, test) triples."""
    tests: dict[int, set[int]] = defaultdict(set)
    wins: dict[int, set[int]] = defaultdict(set)
    lifts: dict[int, builtins.list[float]] = defaultdict(builtins.list)
    for key, variant, test in pairs:
        tests[key].add(test.id)
        if test.winner_variant_id == variant.id:
            wins[key].add(test.id)
        if variant.final_lift is not None and math.isfinite(variant.final_lift):
            lifts[key].append(variant.final_lift)
    return {
        key: _performance(len(tests[key]), len(wins[key]), sum(lifts[key]) / len(lifts[key]) if lifts[key] else None)
        for key in tests
    }


def refresh_learning(*, session: Session, project_id: int) -> None:
    """Every phrase accumulates the results of the ended tests whose variants used it."""
    ended = _ended_variants(session, project_id)
    learned = _accumulate(
        (pid, variant, test) for variant, test in ended for pid in dict.fromkeys(variant.phrase_ids or [])
    )
    session.execute(
        update(Phrase)
        .where(Phrase.project_id == project_id, Phrase.tests_run > 0)
        .values(tests_run=0, wins=0, mean_lift=None)
    )
    if learned:
        session.execute(
            update(Phrase),
            [
                {"id": pid, "tests_run": s["tests_run"], "wins": s["wins"], "mean_lift": s["mean_lift"]}
                for pid, s in learned.items()
            ],
        )
    session.flush()


def job_performance(*, session: Session, project_id: int) -> dict[int, dict]:
    """Tests run, wins and mean lift per job: its statement or its phrases were in the variant."""
    ended = _ended_variants(session, project_id)
    if not ended:
        return {}
    phrase_jobs = dict(
        session.execute(
            select(Phrase.id, Phrase.job_id).where(
                Phrase.id.in_({pid for variant, _ in ended for pid in variant.phrase_ids or []})
            )
        ).all()
    )

    def jobs_of(variant: CopyVariant) -> set[int]:
        found = {phrase_jobs.get(pid) for pid in variant.phrase_ids or []} | {variant.statement_id}
        return {j for j in found if j is not None}

    return _accumulate((job, variant, test) for variant, test in ended for job in jobs_of(variant))


def winning_words(*, session: Session, project_id: int) -> builtins.list[dict]:
    """The customer words in copy that won its test, best lift first: the report's 'customer words that won'."""
    tests = session.scalars(
        select(CopyTest).where(
            CopyTest.project_id == project_id, CopyTest.decision == "winner", CopyTest.winner_variant_id.is_not(None)
        )
    ).all()
    winners = []
    for test in tests:
        variant = next((v for v in test.variants if v.id == test.winner_variant_id), None)
        if variant is None:
            continue
        control = test.variants[0]
        phrases = session.scalars(select(Phrase).where(Phrase.id.in_(variant.phrase_ids or []))).all()
        winners.append(
            {
                "copy_test_id": test.id,
                "test": test.name,
                "channel": test.channel,
                "job_id": test.job_id,
                "text": variant.text,
                "is_control": variant.position == 0,
                "lift": variant.final_lift,
                "rate": _rate(variant, test.metric),
                "control_rate": _rate(control, test.metric),
                "phrases": [{"id": p.id, "text": p.text, "kind": p.kind} for p in phrases],
                "statement_id": variant.statement_id,
            }
        )
    return sorted(winners, key=lambda w: (-(w["lift"] or 0.0), w["copy_test_id"]))


def _rate(variant: CopyVariant, metric: str) -> float:
    return getattr(variant, metric) / variant.impressions if variant.impressions else 0.0
