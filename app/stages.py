"""The stages of every kind of task, in one registry: name, label and weight (its share of the progress bar).

Task handlers report through a plan's reporter (no progress numbers of their own), the worker checks reported
stages against it, the CLI and the pages show its labels, and app.js reads the same labels from each page
(base.html), so a stage is named, labelled and weighed here and nowhere else."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from app.worker_api import Reporter


@dataclass(frozen=True, slots=True)
class Stage:
    name: str
    label: str
    weight: float  # share of its plan's progress bar


@dataclass(frozen=True, slots=True)
class Plan:
    """The stages of one kind of work, in order; their weights add up to 1."""

    stages: tuple[Stage, ...]

    def __post_init__(self) -> None:
        if not math.isclose(sum(s.weight for s in self.stages), 1.0):
            raise ValueError(f"stage weights add up to {sum(s.weight for s in self.stages)}, not 1")

    def span(self, name: str) -> tuple[float, float]:
        """Where a stage starts and ends on the progress bar."""
        start = 0.0
        for stage in self.stages:
            if stage.name == name:
                return start, start + stage.weight
            start += stage.weight
        raise KeyError(f"no stage {name!r} in this plan")

    def reporter(self, report: Reporter) -> StageReporter:
        return StageReporter(self, report)


class StageReporter:
    """Report a stage and how far into it the work is (0..1); the plan turns that into the task's progress."""

    def __init__(self, plan: Plan, report: Reporter):
        self.plan = plan
        self.report = report

    def __call__(self, name: str, fraction: float = 0.0) -> None:
        low, high = self.plan.span(name)
        self.report(name, low + (high - low) * max(0.0, min(1.0, fraction)))

    def within(self, name: str) -> Callable[[float], None]:
        """A progress callback (0..1) for one stage, for code that takes `progress=`."""
        return lambda fraction: self(name, fraction)


def _plan(*stages: tuple[str, str, float]) -> Plan:
    return Plan(tuple(Stage(*s) for s in stages))


# Transcription dominates a recording's wall time; embedding a transcript's.
INGEST_RECORDING = _plan(
    ("decoding", "Decoding audio", 0.05),
    ("diarizing", "Telling speakers apart", 0.15),
    ("transcribing", "Transcribing", 0.58),
    ("roles", "Finding the interviewer", 0.02),
    ("redacting", "Redacting personal data", 0.02),
    ("embedding", "Embedding utterances", 0.13),
    ("indexing", "Indexing for search", 0.05),
)
INGEST_TRANSCRIPT = _plan(
    ("parsing", "Reading the transcript", 0.04),
    ("roles", "Finding the interviewer", 0.02),
    ("redacting", "Redacting personal data", 0.04),
    ("embedding", "Embedding utterances", 0.85),
    ("indexing", "Indexing for search", 0.05),
)
MINE = _plan(
    ("loading", "Loading utterances", 0.15),
    ("clustering", "Clustering", 0.15),
    ("describing", "Writing jobs' titles and statements", 0.55),
    ("naming", "Naming core jobs", 0.10),
    ("saving", "Saving", 0.05),
)
# Grouping new clauses into families is most of a refresh; the statistics are one pass over the project's clauses.
PHRASES = _plan(("linking", "Grouping customer phrases", 0.8), ("counting", "Counting who says each phrase", 0.2))
REEMBED = _plan(("re-embedding", "Re-embedding utterances", 0.95), ("indexing", "Indexing for search", 0.05))
REDACT = _plan(("redacting", "Redacting personal data", 0.95), ("indexing", "Indexing for search", 0.05))
PLANS = {"mine": MINE, "phrases": PHRASES, "reembed": REEMBED, "redact": REDACT}

# What a task row's stage says outside its work.
STATES = {
    "queued": "Waiting to start",
    "transcribed": "Transcribed; waiting for a text worker",
    "done": "Done",
    "cancelled": "Cancelled",
}


def ingest_plan(*, recording: bool) -> Plan:
    return INGEST_RECORDING if recording else INGEST_TRANSCRIPT


def labels() -> dict[str, str]:
    """Every stage and state name with its label (the pages, app.js and the CLI show these)."""
    found = dict(STATES)
    for plan in (INGEST_RECORDING, INGEST_TRANSCRIPT, *PLANS.values()):
        found.update((s.name, s.label) for s in plan.stages)
    return found


LABELS = labels()


def label(name: str | None) -> str:
    """A stage's label; an unknown name (a task from an older version) reads as itself."""
    return LABELS.get(name or "", (name or "").replace("_", " ").capitalize())


def known(name: str) -> bool:
    return name in LABELS
