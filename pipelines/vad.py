"""Voice activity: silero-vad v6 speech probabilities, computed once per recording and shared by the diarizer and
the transcriber, and the speech spans derived from them under each one's options."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from pipelines.audio import SAMPLE_RATE

WINDOW = 512  # samples per silero v6 probability (32 ms at 16 kHz)
_CONTEXT = 64  # samples of the previous window the model sees in front of each window
# faster-whisper feeds the ONNX model 10,000 windows per call, carrying the LSTM state between calls; cutting the
# recording at multiples of that gives the same probabilities while only one block (320 s) is copied at a time
# (its own call copies the whole recording twice: 460 MB per hour for a padded copy and the windows with context).
_BLOCK_WINDOWS = 10_000


@dataclass(frozen=True, slots=True)
class SpeechProbabilities:
    """Silero's speech probability for every 512-sample window of a 16 kHz recording of `samples` samples."""

    values: np.ndarray  # float32, one per window
    samples: int


@dataclass(frozen=True, slots=True)
class VadOptions:
    """How probabilities become speech spans (faster-whisper's VadOptions, same defaults and meaning)."""

    threshold: float = 0.5
    neg_threshold: float | None = None
    min_speech_duration_ms: int = 0
    max_speech_duration_s: float = math.inf
    min_silence_duration_ms: int = 2000
    speech_pad_ms: int = 400


def speech_probabilities(audio: np.ndarray) -> SpeechProbabilities:
    """Run silero-vad v6 (faster-whisper's bundled ONNX copy) over 16 kHz mono float32 AUDIO, block by block."""
    from faster_whisper.vad import get_vad_model

    audio = np.asarray(audio)
    if audio.ndim != 1:
        raise ValueError(f"expected mono audio (1-D), got shape {audio.shape}")
    n = audio.shape[0]
    n_windows = n // WINDOW + 1  # faster-whisper always pads, even a whole number of windows, by up to one window
    session: Any = get_vad_model().session
    h = np.zeros((1, 1, 128), dtype=np.float32)
    c = np.zeros((1, 1, 128), dtype=np.float32)
    out = np.empty(n_windows, dtype=np.float32)
    block = _BLOCK_WINDOWS * WINDOW
    for first in range(0, n_windows, _BLOCK_WINDOWS):
        count = min(_BLOCK_WINDOWS, n_windows - first)
        begin = first * WINDOW
        windows = np.zeros((count, _CONTEXT + WINDOW), dtype=np.float32)
        piece = audio[begin : min(n, begin + block)]
        whole = piece.size // WINDOW
        windows[:whole, _CONTEXT:] = piece[: whole * WINDOW].reshape(whole, WINDOW)
        if piece.size > whole * WINDOW:  # the rest of the last window stays zero, as faster-whisper's padding
            windows[whole, _CONTEXT : _CONTEXT + piece.size - whole * WINDOW] = piece[whole * WINDOW :]
        windows[1:, :_CONTEXT] = windows[:-1, -_CONTEXT:]
        if first > 0:  # the first window of a block sees the end of the previous block's last window
            windows[0, :_CONTEXT] = audio[begin - _CONTEXT : begin]
        if first + count == n_windows:  # faster-whisper zeroes the last window's tail (in place, as its context)
            windows[-1, -_CONTEXT:] = 0.0
        output, h, c = session.run(None, {"input": windows, "h": h, "c": c})
        out[first : first + count] = np.asarray(output, dtype=np.float32).reshape(-1)
    return SpeechProbabilities(values=out, samples=n)


def speech_spans(speech: SpeechProbabilities, options: VadOptions = VadOptions()) -> list[dict[str, int]]:
    """Speech chunks as {"start", "end"} sample offsets: faster-whisper's `get_speech_timestamps` after its model
    call (MIT, adapted from silero-vad), so the same probabilities give the same spans as that function."""
    threshold = options.threshold
    neg_threshold = options.neg_threshold
    if neg_threshold is None:
        neg_threshold = max(threshold - 0.15, 0.01)
    rate = SAMPLE_RATE
    min_speech_samples = rate * options.min_speech_duration_ms / 1000
    speech_pad_samples = rate * options.speech_pad_ms / 1000
    max_speech_samples = rate * options.max_speech_duration_s - WINDOW - 2 * speech_pad_samples
    min_silence_samples = rate * options.min_silence_duration_ms / 1000
    min_silence_samples_at_max_speech = rate * 98 / 1000
    length = speech.samples

    triggered = False
    speeches: list[dict[str, int]] = []
    current: dict[str, int] = {}
    temp_end = 0  # a possible end of speech (some silence is tolerated)
    prev_end = next_start = 0  # where to cut when a chunk reaches the maximum length
    for i, prob in enumerate(speech.values.tolist()):
        at = WINDOW * i
        if prob >= threshold and temp_end:
            temp_end = 0
            if next_start < prev_end:
                next_start = at
        if prob >= threshold and not triggered:
            triggered = True
            current["start"] = at
            continue
        if triggered and at - current["start"] > max_speech_samples:
            if prev_end:
                current["end"] = prev_end
                speeches.append(current)
                current = {}
                if next_start < prev_end:  # silence since, and still no speech
                    triggered = False
                else:
                    current["start"] = next_start
                prev_end = next_start = temp_end = 0
            else:
                current["end"] = at
                speeches.append(current)
                current = {}
                prev_end = next_start = temp_end = 0
                triggered = False
                continue
        if prob < neg_threshold and triggered:
            if not temp_end:
                temp_end = at
            if at - temp_end > min_silence_samples_at_max_speech:
                prev_end = temp_end
            if at - temp_end < min_silence_samples:
                continue
            current["end"] = temp_end
            if current["end"] - current["start"] > min_speech_samples:
                speeches.append(current)
            current = {}
            prev_end = next_start = temp_end = 0
            triggered = False
            continue
    if current and length - current["start"] > min_speech_samples:
        current["end"] = length
        speeches.append(current)

    for i, span in enumerate(speeches):
        if i == 0:
            span["start"] = int(max(0, span["start"] - speech_pad_samples))
        if i != len(speeches) - 1:
            silence = speeches[i + 1]["start"] - span["end"]
            if silence < 2 * speech_pad_samples:
                span["end"] += int(silence // 2)
                speeches[i + 1]["start"] = int(max(0, speeches[i + 1]["start"] - silence // 2))
            else:
                span["end"] = int(min(length, span["end"] + speech_pad_samples))
                speeches[i + 1]["start"] = int(max(0, speeches[i + 1]["start"] - speech_pad_samples))
        else:
            span["end"] = int(min(length, span["end"] + speech_pad_samples))
    return speeches
