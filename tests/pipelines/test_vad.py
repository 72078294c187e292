"""Tests for pipelines.vad: block-wise silero probabilities and spans equal faster-whisper's own VAD call."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from pipelines import vad

ASR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "asr"


@pytest.fixture(scope="module")
def call() -> np.ndarray:
    path = ASR / "two-speaker-call.wav"
    if not path.exists():
        pytest.skip("shared data not available")
    from pipelines.audio import decode

    return decode(path)


def _reference_probabilities(audio: np.ndarray) -> np.ndarray:
    """faster-whisper's one call over the whole padded recording."""
    from faster_whisper.vad import get_vad_model

    padded = np.pad(audio, (0, vad.WINDOW - audio.shape[0] % vad.WINDOW))
    return np.asarray(get_vad_model()(padded)).reshape(-1)


@pytest.mark.parametrize("samples", [None, 512 * 400, 512 * 400 + 300, 700])
def test_probabilities_block_by_block_equal_one_call(
    call: np.ndarray, samples: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    audio = call if samples is None else call[:samples]
    # Blocks of 37 windows: a 30 s call crosses ~25 block boundaries, each carrying context and LSTM state.
    monkeypatch.setattr(vad, "_BLOCK_WINDOWS", 37)
    ours = vad.speech_probabilities(audio)
    reference = _reference_probabilities(audio)
    assert ours.samples == audio.size
    assert ours.values.shape == reference.shape
    np.testing.assert_array_equal(ours.values, reference)
    if samples is None:
        assert 0.2 < float((ours.values >= 0.5).mean()) < 0.95  # a conversation: mostly, not only, speech


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"max_speech_duration_s": 3.0, "min_silence_duration_ms": 160},  # forces cuts inside long speech
        {"threshold": 0.6, "min_speech_duration_ms": 250, "min_silence_duration_ms": 100, "speech_pad_ms": 30},
    ],
)
def test_spans_equal_get_speech_timestamps(call: np.ndarray, options: dict) -> None:
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    spans = vad.speech_spans(vad.speech_probabilities(call), vad.VadOptions(**options))
    assert spans == get_speech_timestamps(call, VadOptions(**options))
    assert len(spans) >= (2 if options else 1)


def test_silence_and_bad_shapes() -> None:
    silence = vad.speech_probabilities(np.zeros(16000 * 3, dtype=np.float32))
    assert vad.speech_spans(silence) == []
    with pytest.raises(ValueError):
        vad.speech_probabilities(np.zeros((2, 16000), dtype=np.float32))
