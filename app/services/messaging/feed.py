"""The feed: approved job statements and customer phrases for programs and copy tests, ranked and paged."""

from __future__ import annotations

import base64
import builtins
import json
from collections import defaultdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import InvalidInput
from app.schemas.messaging import FeedPage, PhraseRead, StatementRead
from app.services.messaging.learning import _performance, job_performance
from app.services.messaging.phrases import _eligible, refresh_phrases
from models import (
    Interview,
    Job,
    JobUtterance,
    Phrase,
    PhraseSegment,
    Speaker,
    Utterance,
    UtteranceSignal,
)

NO_LIFT = -1e9  # a tested phrase with no lift yet (only ever a control) sorts after those with one
# The feed hides phrases voiced by one person once a project has this many interviews (unless min_support says).
FEW_INTERVIEWS = 5


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
    with_quotes: bool = True,
) -> FeedPage:
    """Approved job statements and customer phrases, ranked by distinct people, specificity, then copy-test results.

    `min_support` is the least number of distinct people who voiced a phrase; by default 2 in a project with
    FEW_INTERVIEWS or more interviews, else 1. `rank="performance"` puts phrases that copy tests used first.
    `with_quotes=False` leaves out each phrase's voicings (and the statements), for a reader that only lists them."""
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
    quotes = quotes_for(session=session, phrase_ids=[p.id for p in rows] if with_quotes else [])
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
    statements = (
        [] if cursor or not with_quotes else statements_for(session=session, project_id=project_id, job_id=job_id)
    )
    return FeedPage(
        statements=[s for s in statements if s.support >= (min_support or 1)],
        phrases=[PhraseRead.model_validate(p) for p in phrases],
        next_cursor=next_cursor,
    )


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
) -> builtins.list[PhraseRead]:
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
    return found.phrases


def statements_for(*, session: Session, project_id: int, job_id: int | None = None) -> builtins.list[StatementRead]:
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
    return [StatementRead.model_validate(s) for s in sorted(out, key=lambda s: (-s["support"], s["id"]))]
