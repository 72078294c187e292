"""Diarization runs beside transcription (fakes; the real models run in tests/api/test_recordings.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pytest

from app.runtime import Runtime
from app.services.recordings import _diarize_beside_transcription
from app.stages import ingest_plan
from pipelines import types as pt

AUDIO = np.zeros(16000, dtype=np.float32)
SEGMENTS = [pt.SpeakerSegment(0.0, 1.0, "SPEAKER_1")]
RESULT = pt.TranscriptionResult(segments=(), language="en", duration=1.0)


def reporter(seen: list[str]) -> Any:
    return ingest_plan(recording=True).reporter(lambda stage, _progress: seen.append(stage))


def test_diarization_runs_while_the_transcription_runs() -> None:
    """Each fake waits for the other to have started: run one after the other, both would time out."""
    diarizing, transcribing = threading.Event(), threading.Event()
    threads: dict[str, int] = {}

    class Diarizer:
        def diarize(self, audio: np.ndarray, **_: Any) -> list[pt.SpeakerSegment]:
            threads["diarizer"] = threading.get_ident()
            diarizing.set()
            assert transcribing.wait(10)
            return SEGMENTS

    class Transcriber:
        def transcribe(self, audio: np.ndarray, **_: Any) -> pt.TranscriptionResult:
            threads["transcriber"] = threading.get_ident()
            transcribing.set()
            assert diarizing.wait(10)
            return RESULT

    runtime = cast(Runtime, SimpleNamespace(diarizer=Diarizer(), transcriber=Transcriber()))
    seen: list[str] = []
    segments, result = _diarize_beside_transcription(runtime, AUDIO, {}, reporter(seen))
    assert (segments, result) == (SEGMENTS, RESULT)
    assert threads["diarizer"] != threads["transcriber"]
    assert seen == ["transcribing"]


def test_a_failed_transcription_stops_the_diarizer_and_raises() -> None:
    stopped = threading.Event()

    class Diarizer:
        def diarize(self, audio: np.ndarray, *, progress: Callable[[float], None], **_: Any) -> list:
            try:
                for _batch in range(1000):  # a long diarization that reports between batches
                    progress(0.5)
                    threading.Event().wait(0.01)
            except Exception:
                stopped.set()
                raise
            return SEGMENTS

    class Transcriber:
        def transcribe(self, audio: np.ndarray, **_: Any) -> pt.TranscriptionResult:
            raise RuntimeError("the model broke")

    runtime = cast(Runtime, SimpleNamespace(diarizer=Diarizer(), transcriber=Transcriber()))
    with pytest.raises(RuntimeError, match="the model broke"):
        _diarize_beside_transcription(runtime, AUDIO, {}, reporter([]))
    assert stopped.is_set()  # the pool was joined after the diarizer gave up, not after its 1000 batches


def test_a_failed_diarization_fails_the_recording() -> None:
    class Diarizer:
        def diarize(self, audio: np.ndarray, **_: Any) -> list:
            raise ValueError("min_speakers (3) is greater than max_speakers (2)")

    class Transcriber:
        def transcribe(self, audio: np.ndarray, **_: Any) -> pt.TranscriptionResult:
            return RESULT

    runtime = cast(Runtime, SimpleNamespace(diarizer=Diarizer(), transcriber=Transcriber()))
    with pytest.raises(ValueError, match="greater than"):
        _diarize_beside_transcription(runtime, AUDIO, {}, reporter([]))
