"""Diarization scoring for tests and benchmarks (not shipped): RTTM references and the diarization error rate."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pipelines.types import SpeakerSegment


def read_rttm(path: str | Path) -> list[SpeakerSegment]:
    """Read the SPEAKER rows of an RTTM file as segments sorted by start."""
    segments = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) < 8 or fields[0] != "SPEAKER":
            continue
        start, duration = float(fields[3]), float(fields[4])
        segments.append(SpeakerSegment(start=start, end=start + duration, speaker=fields[7]))
    return sorted(segments, key=lambda s: (s.start, s.end, s.speaker))


def diarization_error_rate(
    reference: Sequence[SpeakerSegment],
    hypothesis: Sequence[SpeakerSegment],
    *,
    collar: float = 0.25,
    skip_overlap: bool = False,
) -> float:
    """(missed + false alarm + confusion) / reference speech; optimal 1:1 mapping, ±collar unscored."""
    parts = diarization_error_breakdown(reference, hypothesis, collar=collar, skip_overlap=skip_overlap)
    errors = parts["missed"] + parts["false_alarm"] + parts["confusion"]
    if parts["total"] == 0:
        return 0.0 if errors == 0 else math.inf
    return errors / parts["total"]


def diarization_error_breakdown(
    reference: Sequence[SpeakerSegment],
    hypothesis: Sequence[SpeakerSegment],
    *,
    collar: float = 0.25,
    skip_overlap: bool = False,
    step: float = 0.01,
) -> dict[str, float]:
    """Seconds of scored reference speech ('total'), 'missed', 'false_alarm', 'confusion' on a STEP grid."""
    from scipy.optimize import linear_sum_assignment

    end = max([s.end for s in (*reference, *hypothesis)], default=0.0) + collar
    n = int(math.ceil(end / step)) + 1
    ref = _activity(reference, n, step)
    hyp = _activity(hypothesis, n, step)
    scored = np.ones(n, dtype=bool)
    if collar > 0:
        # md-eval / dscore convention: the collar is removed on both sides of every reference boundary
        # (pyannote.metrics' collar is the total width, so its collar=0.5 equals this collar=0.25).
        for seg in reference:
            for boundary in (seg.start, seg.end):
                scored[max(0, _index(boundary - collar, step)) : max(0, _index(boundary + collar, step))] = False
    n_ref = ref.sum(axis=1)
    if skip_overlap:
        scored &= n_ref <= 1
    ref, hyp, n_ref = ref[scored], hyp[scored], n_ref[scored]
    n_hyp = hyp.sum(axis=1)
    correct = 0.0
    if ref.shape[1] and hyp.shape[1]:
        together = ref.T.astype(float) @ hyp.astype(float)
        rows, cols = linear_sum_assignment(-together)
        correct = float(together[rows, cols].sum())
    return {
        "total": float(n_ref.sum()) * step,
        "missed": float(np.maximum(n_ref - n_hyp, 0).sum()) * step,
        "false_alarm": float(np.maximum(n_hyp - n_ref, 0).sum()) * step,
        "confusion": (float(np.minimum(n_ref, n_hyp).sum()) - correct) * step,
    }


def _index(t: float, step: float) -> int:
    """Grid index of time T (seconds), rounded so times on the grid map exactly."""
    return int(round(t / step))


def _activity(segments: Sequence[SpeakerSegment], n: int, step: float) -> np.ndarray:
    """(frames x speakers) boolean activity of SEGMENTS on a grid of N frames of STEP seconds."""
    speakers = sorted({s.speaker for s in segments})
    column = {name: i for i, name in enumerate(speakers)}
    out = np.zeros((n, len(speakers)), dtype=bool)
    for seg in segments:
        out[max(0, _index(seg.start, step)) : max(0, _index(seg.end, step)), column[seg.speaker]] = True
    return out
