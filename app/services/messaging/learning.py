"""Learning: what ended copy tests teach; every phrase and job accumulates tests run, wins and mean lift."""

from __future__ import annotations

import builtins
import math
from collections import defaultdict
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.schemas.messaging import WinningWords
from models import (
    CopyTest,
    CopyVariant,
    Phrase,
)


def _performance(tests_run: int, wins: int, mean_lift: float | None) -> dict:
    return {"tests_run": tests_run, "wins": wins, "mean_lift": None if mean_lift is None else round(mean_lift, 4)}


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
    learned = _accumulate((pid, variant, test) for variant, test in ended for pid in dict.fromkeys(variant.phrase_ids))
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
                Phrase.id.in_({pid for variant, _ in ended for pid in variant.phrase_ids})
            )
        ).all()
    )

    def jobs_of(variant: CopyVariant) -> set[int]:
        found = {phrase_jobs.get(pid) for pid in variant.phrase_ids} | {variant.statement_id}
        return {j for j in found if j is not None}

    return _accumulate((job, variant, test) for variant, test in ended for job in jobs_of(variant))


def winning_words(*, session: Session, project_id: int) -> builtins.list[WinningWords]:
    """The customer words in copy that won its test, best lift first: the report's 'customer words that won'."""
    from app.services.messaging.feed import quotes_for  # feed reads learning: imported here, not at the top

    tests = session.scalars(
        select(CopyTest).where(
            CopyTest.project_id == project_id, CopyTest.decision == "winner", CopyTest.winner_variant_id.is_not(None)
        )
    ).all()
    winners: builtins.list[dict[str, Any]] = []
    for test in tests:
        variant = next((v for v in test.variants if v.id == test.winner_variant_id), None)
        if variant is None:
            continue
        control = test.variants[0]
        phrases = session.scalars(select(Phrase).where(Phrase.id.in_(variant.phrase_ids))).all()
        said = quotes_for(session=session, phrase_ids=[p.id for p in phrases])
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
                # Each phrase with the voicing it is shown in (or its first): who said it, where, when.
                "phrases": [
                    {
                        "id": p.id,
                        "text": p.text,
                        "kind": p.kind,
                        "quote": next((q for q in said[p.id] if q["text"] == p.text), next(iter(said[p.id]), None)),
                    }
                    for p in phrases
                ],
                "statement_id": variant.statement_id,
            }
        )
    winners.sort(key=lambda w: (-(w["lift"] or 0.0), w["copy_test_id"]))
    return [WinningWords.model_validate(w) for w in winners]


def _rate(variant: CopyVariant, metric: str) -> float:
    return getattr(variant, metric) / variant.impressions if variant.impressions else 0.0
