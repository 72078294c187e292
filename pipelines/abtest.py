"""Copy-test statistics: Beta-Binomial posteriors, frequentist tests, sample size and a fixed-horizon rule."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

# Decision rule (fixed horizon, so peeking cannot inflate false positives):
#
# 1. The horizon is `sample_size_per_variant` impressions in every variant: the two-proportion sample size
#    that detects the relative `minimum_detectable_effect` over the baseline rate with the given power at
#    two-sided `alpha` (Bonferroni-split over the challengers when there are several, matching Holm's first
#    step). The baseline is `baseline_rate` when the test was planned with one, else the control's observed
#    rate, else the pooled rate, else 5%. Pass the planned `baseline_rate` to pin the horizon: an estimated
#    one moves with the data, and with frequent looks that moving target costs a little (simulated: power
#    79.4%, false positives 5.2% instead of 80% and 5%).
# 2. Before every variant reaches the horizon the answer is `keep_running`, however significant the data look:
#    no early look can declare anything, so looking early does not change the error rates.
# 3. At or after the horizon, with p-values of each challenger against the control (two-proportion z-test, or
#    Fisher's exact test when an expected cell count is under 5) Holm-adjusted over the challengers:
#    - `winner`: the variant most likely to be best is significantly better than the control (a challenger) or
#      significantly better than every challenger (the control), and it is confidently best: prob_best >= 0.95
#      or its expected loss is at most `loss_threshold` times the baseline rate;
#    - `keep_running`: some challenger significantly beats the control but the best one is not yet clear;
#    - `no_meaningful_difference`: no challenger significantly beats the control (keep the control).
#    With two variants this is the two-sided z-test at `alpha` at the planned horizon: false-positive rate
#    alpha, power `power` against the stated lift. With more, Holm keeps the family-wise error rate at alpha.
#    `analyze` keeps no state: the first decision at the horizon is the answer; collecting on and asking again
#    is peeking.

Metric = Literal["conversions", "clicks"]
Decision = Literal["keep_running", "winner", "no_meaningful_difference"]

METRICS: tuple[str, ...] = ("conversions", "clicks")
CREDIBLE_LEVEL = 0.95
PROB_BEST_THRESHOLD = 0.95
DEFAULT_BASELINE_RATE = 0.05
SMALL_EXPECTED_COUNT = 5.0  # Cochran's rule: below this the normal approximation is unreliable


@dataclass(frozen=True, slots=True)
class VariantCounts:
    """Observed totals for one copy variant; validated so impossible counts never reach the statistics."""

    id: int
    impressions: int
    clicks: int
    conversions: int

    def __post_init__(self) -> None:
        for name in ("id", "impressions", "clicks", "conversions"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | np.integer):
                raise ValueError(f"variant {self.id}: {name} must be an integer, got {value!r}")
        for name in ("impressions", "clicks", "conversions"):
            if getattr(self, name) < 0:
                raise ValueError(f"variant {self.id}: {name} must not be negative, got {getattr(self, name)}")
        # Conversions are not bounded by clicks: view-through conversions happen without a click.
        for name in ("clicks", "conversions"):
            if getattr(self, name) > self.impressions:
                raise ValueError(
                    f"variant {self.id}: {name} ({getattr(self, name)}) exceed impressions ({self.impressions})"
                )


@dataclass(frozen=True, slots=True)
class VariantResult:
    """One variant's observed rate, 95% credible interval, Bayesian ranking and lift over the control."""

    id: int
    impressions: int
    clicks: int
    conversions: int
    rate: float
    ci_low: float
    ci_high: float
    prob_best: float
    expected_loss: float
    lift: float | None


@dataclass(frozen=True, slots=True)
class Comparison:
    """One challenger against the control: z statistic, raw and Holm-adjusted two-sided p-values."""

    variant_id: int
    method: str  # "two_proportion_z", or "fisher_exact" when an expected cell count is small
    statistic: float  # pooled z of challenger minus control (positive: the challenger does better)
    p_value: float
    adjusted_p_value: float


@dataclass(frozen=True, slots=True)
class FrequentistResult:
    """The overall test (z-test for two variants, chi-square for more) and each challenger vs the control."""

    test: str  # "two_proportion_z" | "chi_square"
    statistic: float
    p_value: float
    dof: int | None
    fisher_p_value: float | None  # two variants with small counts only
    comparisons: tuple[Comparison, ...]


@dataclass(frozen=True, slots=True)
class TestAnalysis:
    """Everything `analyze` concludes about one copy test, with the decision and one sentence saying why."""

    __test__ = False  # not a pytest test class, despite the name

    variants: tuple[VariantResult, ...]
    metric: str
    frequentist: FrequentistResult
    decision: Decision
    winner_id: int | None
    reason: str
    sample_size_per_variant: int
    remaining_per_variant: int
    minimum_detectable_effect: float
    alpha: float
    power: float
    baseline_rate: float


def sample_size_per_variant(
    baseline_rate: float,
    minimum_detectable_effect: float,
    *,
    alpha: float = 0.05,
    power: float = 0.8,
    comparisons: int = 1,
) -> int:
    """Per-variant size of a two-sided two-proportion test to detect a relative lift with this power."""
    from scipy.special import ndtri

    _check_probability("baseline_rate", baseline_rate)
    _check_probability("alpha", alpha)
    _check_probability("power", power)
    if not minimum_detectable_effect > 0:
        raise ValueError(f"minimum_detectable_effect must be positive, got {minimum_detectable_effect}")
    if comparisons < 1:
        raise ValueError(f"comparisons must be at least 1, got {comparisons}")
    p1 = baseline_rate
    # A lift cannot push a rate past 100%; aim halfway to it instead so the size stays finite.
    p2 = min(p1 * (1 + minimum_detectable_effect), (1 + p1) / 2)
    p_bar = (p1 + p2) / 2
    z_alpha = float(ndtri(1 - alpha / comparisons / 2))
    z_beta = float(ndtri(power))
    root = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    if not p2 > p1:  # an effect of 1e-20 (or a rate of 5e-324) does not move the rate in floating point
        raise ValueError(f"minimum_detectable_effect {minimum_detectable_effect} is too small to detect at {p1}")
    size = root**2 / (p2 - p1) ** 2
    if not math.isfinite(size):
        raise ValueError(f"no finite sample size detects {minimum_detectable_effect} at a {p1} baseline")
    # The tiny tolerance keeps float noise (3841.0000001) from adding a whole impression.
    return max(1, math.ceil(size - 1e-9))


def two_proportion_z_test(
    successes_a: np.ndarray | float,
    trials_a: np.ndarray | float,
    successes_b: np.ndarray | float,
    trials_b: np.ndarray | float,
) -> tuple[np.ndarray, np.ndarray]:
    """Pooled two-sided z-test of rate b minus rate a, vectorised; no data or no variation gives z=0, p=1."""
    from scipy.special import ndtr

    s_a, n_a, s_b, n_b = (np.asarray(x, dtype=float) for x in (successes_a, trials_a, successes_b, trials_b))
    with np.errstate(divide="ignore", invalid="ignore"):
        pooled = (s_a + s_b) / (n_a + n_b)
        se = np.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
        z = (s_b / n_b - s_a / n_a) / se
    z = np.where(np.isfinite(z), z, 0.0)
    return z, np.minimum(1.0, 2 * ndtr(-np.abs(z)))


def holm_adjust(p_values: Sequence[float]) -> list[float]:
    """Holm step-down adjusted p-values, in the input order."""
    m = len(p_values)
    adjusted = [0.0] * m
    running = 0.0
    for rank, index in enumerate(sorted(range(m), key=lambda i: p_values[i])):
        # The max keeps adjusted p-values monotone in the raw ones, as the step-down procedure requires.
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def analyze(
    variants: Sequence[VariantCounts],
    *,
    metric: str = "conversions",
    alpha: float = 0.05,
    power: float = 0.8,
    minimum_detectable_effect: float = 0.2,
    prior: tuple[float, float] = (1.0, 1.0),
    samples: int = 20000,
    seed: int = 0,
    loss_threshold: float = 0.02,
    baseline_rate: float | None = None,
) -> TestAnalysis:
    """Analyse a copy test (the first variant is the control) and decide it by the module's horizon rule."""
    # betaincinv is the exact Beta quantile that scipy.stats.beta.ppf wraps, without its per-call overhead.
    from scipy.special import betaincinv

    variants = tuple(variants)
    _check_arguments(variants, metric, alpha, power, minimum_detectable_effect, prior, samples, loss_threshold)
    if baseline_rate is not None:
        _check_probability("baseline_rate", baseline_rate)

    impressions = np.array([v.impressions for v in variants], dtype=float)
    successes = np.array([getattr(v, metric) for v in variants], dtype=float)
    rates = np.where(impressions > 0, successes / np.maximum(impressions, 1), 0.0)
    post_a = prior[0] + successes
    post_b = prior[1] + impressions - successes
    tail = (1 - CREDIBLE_LEVEL) / 2
    ci_low = betaincinv(post_a, post_b, tail)
    ci_high = betaincinv(post_a, post_b, 1 - tail)
    prob_best, expected_loss = _posterior_ranking(post_a, post_b, samples, seed)

    # A lift needs a control rate to divide by and a challenger that has been shown at all.
    control_rate = float(rates[0])
    lifts: list[float | None] = [
        None,
        *(
            float((rates[i] - control_rate) / control_rate) if control_rate > 0 and impressions[i] > 0 else None
            for i in range(1, len(variants))
        ),
    ]
    results = tuple(
        VariantResult(
            id=v.id,
            impressions=v.impressions,
            clicks=v.clicks,
            conversions=v.conversions,
            rate=float(rates[i]),
            ci_low=float(ci_low[i]),
            ci_high=float(ci_high[i]),
            prob_best=float(prob_best[i]),
            expected_loss=float(expected_loss[i]),
            lift=lifts[i],
        )
        for i, v in enumerate(variants)
    )

    frequentist = _frequentist(variants, successes, impressions)
    baseline = baseline_rate if baseline_rate is not None else _observed_baseline(successes, impressions)
    needed = sample_size_per_variant(
        baseline, minimum_detectable_effect, alpha=alpha, power=power, comparisons=len(variants) - 1
    )
    remaining = max(0, needed - int(impressions.min()))
    decision, winner_id, reason = _decide(
        results,
        frequentist,
        needed,
        remaining,
        alpha,
        loss_threshold * baseline,
        minimum_detectable_effect,
        metric,
    )
    return TestAnalysis(
        variants=results,
        metric=metric,
        frequentist=frequentist,
        decision=decision,
        winner_id=winner_id,
        reason=reason,
        sample_size_per_variant=needed,
        remaining_per_variant=remaining,
        minimum_detectable_effect=minimum_detectable_effect,
        alpha=alpha,
        power=power,
        baseline_rate=baseline,
    )


# --- Internals ---


def _check_probability(name: str, value: float) -> None:
    if not 0 < value < 1:
        raise ValueError(f"{name} must be strictly between 0 and 1, got {value}")


def _check_arguments(
    variants: tuple[VariantCounts, ...],
    metric: str,
    alpha: float,
    power: float,
    minimum_detectable_effect: float,
    prior: tuple[float, float],
    samples: int,
    loss_threshold: float,
) -> None:
    if len(variants) < 2:
        raise ValueError(f"a copy test needs at least 2 variants (a control and a challenger), got {len(variants)}")
    for variant in variants:
        if not isinstance(variant, VariantCounts):
            raise ValueError(f"variants must be VariantCounts, got {type(variant).__name__}")
    ids = [v.id for v in variants]
    if len(set(ids)) != len(ids):
        raise ValueError(f"variant ids must be unique, got {ids}")
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}, got {metric!r}")
    _check_probability("alpha", alpha)
    _check_probability("power", power)
    if not minimum_detectable_effect > 0:
        raise ValueError(f"minimum_detectable_effect must be positive, got {minimum_detectable_effect}")
    if len(prior) != 2 or not all(p > 0 for p in prior):
        raise ValueError(f"prior must be two positive Beta parameters, got {prior}")
    if samples < 1:
        raise ValueError(f"samples must be at least 1, got {samples}")
    if loss_threshold < 0:
        raise ValueError(f"loss_threshold must not be negative, got {loss_threshold}")


def _posterior_ranking(
    post_a: np.ndarray, post_b: np.ndarray, samples: int, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Monte Carlo P(best) and E[max - this] from Beta posteriors; a fixed seed makes them reproducible."""
    draws = np.random.default_rng(seed).beta(post_a, post_b, size=(samples, len(post_a)))
    best = draws.max(axis=1, keepdims=True)
    prob_best = np.bincount(draws.argmax(axis=1), minlength=len(post_a)) / samples
    return prob_best, (best - draws).mean(axis=0)


def _observed_baseline(successes: np.ndarray, impressions: np.ndarray) -> float:
    """The control's observed rate, else the pooled rate, else a 5% default: the first inside (0, 1)."""
    candidates = []
    if impressions[0] > 0:
        candidates.append(successes[0] / impressions[0])
    if impressions.sum() > 0:
        candidates.append(successes.sum() / impressions.sum())
    # A rate of exactly 0 or 1 would make the sample size infinite or meaningless.
    return next((float(c) for c in candidates if 0 < c < 1), DEFAULT_BASELINE_RATE)


def _pair_is_small(s_a: float, n_a: float, s_b: float, n_b: float) -> bool:
    """Whether any expected cell of the 2x2 table is under Cochran's 5 (always true with an empty arm)."""
    total = n_a + n_b
    if min(n_a, n_b) == 0:
        return True
    column = (s_a + s_b, total - s_a - s_b)
    return min(row * col / total for row in (n_a, n_b) for col in column) < SMALL_EXPECTED_COUNT


def _fisher(s_a: float, n_a: float, s_b: float, n_b: float) -> float:
    from scipy.stats import fisher_exact

    table = [[int(s_a), int(n_a - s_a)], [int(s_b), int(n_b - s_b)]]
    return float(fisher_exact(table, alternative="two-sided").pvalue)


def _chi_square(successes: np.ndarray, impressions: np.ndarray) -> tuple[float, float, int]:
    """Chi-square test of independence over variants with data; a degenerate table gives statistic 0, p 1."""
    from scipy.stats import chi2_contingency

    keep = impressions > 0
    table = np.column_stack([successes[keep], impressions[keep] - successes[keep]])
    dof = max(0, int(keep.sum()) - 1)
    # An empty column (nobody or everybody converted) leaves zero expected counts, and nothing to test.
    if dof == 0 or (table.sum(axis=0) == 0).any():
        return 0.0, 1.0, dof
    result = chi2_contingency(table)
    return float(result.statistic), float(result.pvalue), int(result.dof)


def _frequentist(
    variants: tuple[VariantCounts, ...], successes: np.ndarray, impressions: np.ndarray
) -> FrequentistResult:
    s_a, n_a = float(successes[0]), float(impressions[0])
    raw: list[tuple[int, str, float, float]] = []
    for i in range(1, len(variants)):
        s_b, n_b = float(successes[i]), float(impressions[i])
        z, p = two_proportion_z_test(s_a, n_a, s_b, n_b)
        if _pair_is_small(s_a, n_a, s_b, n_b):
            raw.append((variants[i].id, "fisher_exact", float(z), _fisher(s_a, n_a, s_b, n_b)))
        else:
            raw.append((variants[i].id, "two_proportion_z", float(z), float(p)))
    adjusted = holm_adjust([p for *_, p in raw])
    comparisons = tuple(
        Comparison(variant_id=vid, method=method, statistic=z, p_value=p, adjusted_p_value=adj)
        for (vid, method, z, p), adj in zip(raw, adjusted, strict=True)
    )
    if len(variants) == 2:
        z, p = two_proportion_z_test(s_a, n_a, float(successes[1]), float(impressions[1]))
        fisher = comparisons[0].p_value if comparisons[0].method == "fisher_exact" else None
        return FrequentistResult("two_proportion_z", float(z), float(p), None, fisher, comparisons)
    statistic, p_value, dof = _chi_square(successes, impressions)
    return FrequentistResult("chi_square", statistic, p_value, dof, None, comparisons)


def _decide(
    results: tuple[VariantResult, ...],
    frequentist: FrequentistResult,
    needed: int,
    remaining: int,
    alpha: float,
    max_loss: float,
    mde: float,
    metric: str,
) -> tuple[Decision, int | None, str]:
    """Apply the fixed-horizon rule of the module docstring; return the decision, the winner and why."""
    control = results[0]
    smallest = min(results, key=lambda r: r.impressions)
    if remaining > 0:
        reason = (
            f"Keep running: each variant needs {needed:,} impressions to detect a {mde:.0%} lift, "
            f"and variant {smallest.id} has {smallest.impressions:,} ({remaining:,} to go)."
        )
        return "keep_running", None, reason

    adjusted = {c.variant_id: c.adjusted_p_value for c in frequentist.comparisons}
    better = [r.id for r in results[1:] if adjusted[r.id] < alpha and r.rate > control.rate]
    control_beats_all = all(adjusted[r.id] < alpha and r.rate < control.rate for r in results[1:])
    # max() keeps the first of equals, so a tie in prob_best names the control (or the earlier challenger).
    best = max(results, key=lambda r: r.prob_best)
    confident = best.prob_best >= PROB_BEST_THRESHOLD or best.expected_loss <= max_loss
    verb = "converts" if metric == "conversions" else "gets clicked"

    if best is control and control_beats_all and confident:
        reason = (
            f"The control (variant {control.id}) wins: every challenger {verb} significantly less "
            f"(adjusted p <= {max(adjusted.values()):.2g}), and it is best with {best.prob_best:.0%} "
            "probability."
        )
        return "winner", control.id, reason
    if best.id in better and confident:
        lift = f"{best.lift:+.0%}" if best.lift is not None else "from a control rate of 0"
        reason = (
            f"Variant {best.id} wins: {best.rate:.2%} vs {control.rate:.2%} for the control ({lift}, "
            f"adjusted p = {adjusted[best.id]:.2g}, best with {best.prob_best:.0%} probability)."
        )
        return "winner", best.id, reason
    if better:
        reason = (
            f"Keep running: variant(s) {', '.join(map(str, better))} beat the control, but none is clearly "
            f"best yet (the leader, variant {best.id}, is best with {best.prob_best:.0%} probability)."
        )
        return "keep_running", None, reason
    reason = (
        f"No meaningful difference: at {smallest.impressions:,}+ impressions per variant no challenger beat "
        f"the control significantly (smallest adjusted p = {min(adjusted.values()):.2g}); keep the control."
    )
    return "no_meaningful_difference", None, reason
