"""Copy tests: variants of copy built from the feed, their analysis, and ending a test."""

from __future__ import annotations

import builtins

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import InvalidInput, NotFound
from app.schemas import utc_z
from app.schemas.messaging import CopyTestCreate, CopyTestRead, CopyTestUpdate
from app.services import projects as project_service
from app.services.messaging.learning import refresh_learning
from models import (
    CopyTest,
    CopyVariant,
    CopyVariantPhrase,
    Job,
    Phrase,
)
from models.base import utcnow


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
        links = [CopyVariantPhrase(phrase_id=pid, position=i) for i, pid in enumerate(dict.fromkeys(v.phrase_ids))]
        test.variants.append(
            CopyVariant(position=position, text=v.text.strip(), statement_id=v.statement_id, phrase_links=links)
        )
    session.add(test)
    session.flush()
    return test


def list_tests(*, session: Session, project_id: int) -> builtins.list[CopyTestRead]:
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


def read_test(*, session: Session, test: CopyTest) -> CopyTestRead:
    """A copy test with per-variant results, the frequentist test and the decision."""
    return CopyTestRead.model_validate(_test_body(test))


def _test_body(test: CopyTest) -> dict:
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
                "phrase_ids": v.phrase_ids,
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
