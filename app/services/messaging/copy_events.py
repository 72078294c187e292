"""Copy-test events: impressions, clicks and conversions, stored once each; a test concludes at its horizon."""

from __future__ import annotations

import builtins
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.orm import Session

from app.db import changed_rows
from app.errors import Conflict, InvalidInput
from app.schemas.messaging import EventsAccepted
from app.services.messaging.copy_tests import _analyze, get_test
from app.services.messaging.learning import refresh_learning
from app.services.messaging.phrases import _insert_ignoring_duplicates
from models import (
    CopyEvent,
    CopyTest,
    CopyVariant,
)
from models.base import utcnow

EVENT_TYPES = {"impression": "impressions", "click": "clicks", "conversion": "conversions"}
EARLIEST_EVENT = datetime(2000, 1, 1, tzinfo=UTC)
EVENT_CLOCK_SKEW = timedelta(days=1)  # a client's clock may run a little ahead


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


def record_events(*, session: Session, copy_test_id: int, events: builtins.list) -> EventsAccepted:
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
    return EventsAccepted(accepted=len(stored), duplicates=len(events) - len(stored))


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
