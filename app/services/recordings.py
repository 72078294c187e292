"""Recordings: decode, diarize (by channel or by voice), transcribe, and give words to speakers."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from app.runtime import Runtime
from app.worker_api import Reporter, TaskError
from models import Interview
from pipelines import types as pt
from pipelines.audio import SAMPLE_RATE

log = logging.getLogger(__name__)

# Share of the task's progress bar each stage takes; transcription dominates the wall time.
DECODE, DIARIZE, TRANSCRIBE = (0.0, 0.05), (0.05, 0.2), (0.2, 0.78)


def _span(report: Reporter, stage: str, bounds: tuple[float, float]):
    low, high = bounds
    return lambda p: report(stage, low + (high - low) * max(0.0, min(1.0, p)))


def transcribe_recording(
    *, runtime: Runtime, interview: Interview, path: Path, report: Reporter
) -> tuple[pt.Transcript, list[list[list[float]]]]:
    """The transcript and, per turn, its words' [char_start, char_end, start, end] (for bleeping redactions)."""
    from pipelines.audio import AudioError, decode
    from pipelines.diarization import assign_words, is_dual_mono

    options = interview.options or {}
    report("decoding", DECODE[0])
    try:
        channels = decode(path, sample_rate=SAMPLE_RATE, mono=False)
    except AudioError as exc:
        raise TaskError(exc.message) from exc
    channels = np.atleast_2d(channels)
    audio = channels.mean(axis=0).astype(np.float32) if channels.shape[0] > 1 else channels[0]
    duration = len(audio) / SAMPLE_RATE
    if duration == 0:
        raise TaskError("the recording contains no audio samples")

    if channels.shape[0] == 2 and not is_dual_mono(channels):
        # One speaker per channel: transcribe each channel on its own, so overlapping speech stays intelligible.
        turns, word_times, language = _transcribe_channels(runtime, channels, options, report)
    else:
        report("diarizing", DIARIZE[0])
        segments = runtime.diarizer.diarize(
            audio,
            min_speakers=options.get("min_speakers"),
            max_speakers=options.get("max_speakers"),
            progress=_span(report, "diarizing", DIARIZE),
        )
        report("transcribing", TRANSCRIBE[0])
        result = runtime.transcriber.transcribe(
            audio, language=options.get("language"), progress=_span(report, "transcribing", TRANSCRIBE)
        )
        words = _words(result)
        turns = assign_words(words, segments)
        word_times = _word_times(turns, words)
        language = result.language
    if not turns:
        raise TaskError("no speech was recognised in the recording (silence or music?)")
    names = {label: f"Speaker {label.rsplit('_', 1)[-1]}" for label in {t.speaker for t in turns}}
    _store_audio_facts(runtime, interview.id, duration=duration, language=language)
    return pt.Transcript(turns=tuple(turns), source_format="recording", speaker_names=names), word_times


def _words(result: pt.TranscriptionResult) -> list[pt.Word]:
    words = [w for segment in result.segments for w in segment.words]
    if not words:  # a transcriber without word timestamps: each segment counts as one "word"
        words = [pt.Word(s.text, s.start, s.end) for s in result.segments if s.text.strip()]
    return words


def _word_times(turns: list[pt.Turn], words: list[pt.Word]) -> list[list[list[float]]]:
    """Each turn's words (one speaker's run of consecutive words, so the ones inside its time span), aligned."""
    from pipelines.pii import align_words

    eps = 1e-6
    return [
        align_words(
            t.text,
            [w for w in words if t.start is not None and t.end is not None and t.start - eps <= w.start <= t.end + eps],
        )
        for t in turns
    ]


def _transcribe_channels(
    runtime: Runtime, channels: np.ndarray, options: dict, report: Reporter
) -> tuple[list[pt.Turn], list[list[list[float]]], str]:
    from pipelines.diarization import assign_words, speaker_label

    turns: list[pt.Turn] = []
    times: list[list[list[float]]] = []
    language = "en"
    for index, channel in enumerate(channels):
        low = TRANSCRIBE[0] + (TRANSCRIBE[1] - TRANSCRIBE[0]) * index / len(channels)
        high = TRANSCRIBE[0] + (TRANSCRIBE[1] - TRANSCRIBE[0]) * (index + 1) / len(channels)
        report("transcribing", low)
        result = runtime.transcriber.transcribe(
            np.ascontiguousarray(channel),
            language=options.get("language"),
            progress=_span(report, "transcribing", (low, high)),
        )
        language = result.language if index == 0 else language
        label = speaker_label(index)
        whole = [pt.SpeakerSegment(0.0, len(channel) / SAMPLE_RATE, label)]
        words = _words(result)
        channel_turns = assign_words(words, whole, default_speaker=label)
        turns += channel_turns
        times += _word_times(channel_turns, words)
    order = sorted(range(len(turns)), key=lambda i: turns[i].start or 0.0)
    return [turns[i] for i in order], [times[i] for i in order], language


def _store_audio_facts(runtime: Runtime, interview_id: int, *, duration: float, language: str) -> None:
    from app.db import session_scope

    with session_scope(runtime.session_factory) as session:
        row = session.get(Interview, interview_id)
        if row is not None:
            row.duration = duration
            row.language = language
