"""Guards against Whisper's known failure modes: no-speech and low-confidence segments, loops, text over silence;
and the sentence split of decoded segments."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from pipelines.audio import SAMPLE_RATE
from pipelines.types import SpeechSegment, Word


@dataclass(frozen=True, slots=True)
class DecodedSegment:
    """A raw decoder segment with the scores the guards judge it by."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0
    compression_ratio: float = 1.0


@dataclass(frozen=True, slots=True)
class GuardOptions:
    """Thresholds for guard_segments (the first two are Whisper's own defaults)."""

    no_speech_threshold: float = 0.6
    logprob_threshold: float = -1.0
    # Share of a segment that must fall inside detected speech when speech spans are known.
    min_speech_overlap: float = 0.2
    # RMS below this (about -60 dBFS) over a whole segment is silence, whatever the decoder wrote there.
    silence_rms: float = 1e-3
    # An n-gram (n >= 2) may repeat this many times in a row before it is a loop; a single word one more.
    max_repeats: int = 3
    max_ngram: int = 12


# Phrases Whisper is known to invent over silence, music or noise (from its YouTube-subtitle training data).
_STOCK_PHRASES = frozenset(
    {
        "thank you for watching",
        "thanks for watching",
        "thank you so much for watching",
        "thank you very much for watching",
        "thank you for watching and please subscribe",
        "please subscribe",
        "like and subscribe",
        "please like and subscribe",
        "subscribe to my channel",
        "dont forget to like and subscribe",
        "see you in the next video",
        "see you next time",
        "thank you",
        "thank you very much",
        "thanks",
        "you",
        "bye",
        "bye bye",
    }
)
_STOCK_FRAGMENTS = (
    "subtitles by",
    "amaraorg",
    "captions by",
    "transcribed by",
    "transcription by",
    "for watching",
)
_ANNOTATION = re.compile(r"^\s*(?:[\[(*♪♫#][^\])*]*[\])*♪♫#]?[\s.,!?]*)+\s*$")


def normalize_text(text: str) -> str:
    """Lower-case, drop punctuation and collapse spaces: compares what was said, not how it was written."""
    text = unicodedata.normalize("NFKC", text).lower().replace("'", "").replace("’", "")
    text = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in text)
    return " ".join(text.split())


def collapse_repetitions(tokens: Sequence[str], *, max_repeats: int = 3, max_ngram: int = 12) -> list[int]:
    """Indices of tokens to keep when runs of a repeated n-gram (a decoding loop) shrink to one copy."""
    keep: list[int] = []
    n_tokens = len(tokens)
    i = 0
    while i < n_tokens:
        best_n = best_count = 0
        for n in range(1, min(max_ngram, (n_tokens - i) // 2) + 1):
            gram = tokens[i : i + n]
            count = 1
            while tokens[i + count * n : i + (count + 1) * n] == gram:
                count += 1
            # A single word repeated ("no, no, no") is often genuine, so it gets one more repeat of slack.
            limit = max_repeats + 1 if n == 1 else max_repeats
            if count > limit and count * n > best_count * best_n:
                best_n, best_count = n, count
        if best_n:
            keep.extend(range(i, i + best_n))
            i += best_n * best_count
        else:
            keep.append(i)
            i += 1
    return keep


_SENTENCE_END = re.compile(r"[.?!。？！][\"')\]”’]*$")


def split_sentences(segment: DecodedSegment) -> list[DecodedSegment]:
    """Cut a long segment after each word that ends a sentence (needs word timestamps; else unchanged)."""
    if not segment.words:
        return [segment]
    pieces: list[DecodedSegment] = []
    current: list[Word] = []
    for index, word in enumerate(segment.words):
        current.append(word)
        if _SENTENCE_END.search(word.text.strip()) or index == len(segment.words) - 1:
            pieces.append(
                replace(
                    segment,
                    start=current[0].start,
                    end=current[-1].end,
                    text="".join(w.text for w in current),
                    words=tuple(current),
                )
            )
            current = []
    return pieces


def _overlap(start: float, end: float, spans: Sequence[tuple[float, float]]) -> float:
    """Share of [start, end] covered by speech spans (1.0 for an instant inside one, 0.0 outside)."""
    if end <= start:
        return 1.0 if any(s <= start <= e for s, e in spans) else 0.0
    covered = sum(max(0.0, min(end, e) - max(start, s)) for s, e in spans)
    return min(1.0, covered / (end - start))


def _rms(audio: np.ndarray | None, start: float, end: float) -> float | None:
    if audio is None:
        return None
    chunk = audio[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
    if chunk.size < SAMPLE_RATE // 10:
        return None
    return float(np.sqrt(np.mean(np.square(chunk, dtype=np.float64))))


def _is_hallucination(
    segment: DecodedSegment,
    norm: str,
    options: GuardOptions,
    speech: Sequence[tuple[float, float]] | None,
    audio: np.ndarray | None,
) -> bool:
    if not norm or _ANNOTATION.match(segment.text):
        return True  # "[Music]", "(applause)", "♪": annotations, not words anyone said
    if segment.no_speech_prob > options.no_speech_threshold and segment.avg_logprob < options.logprob_threshold:
        return True
    overlap = _overlap(segment.start, segment.end, speech) if speech is not None else None
    if overlap is not None and overlap < options.min_speech_overlap:
        return True
    rms = _rms(audio, segment.start, segment.end)
    if rms is not None and rms < options.silence_rms:
        return True
    stock = norm in _STOCK_PHRASES or any(fragment in norm.replace(" ", "") for fragment in _STOCK_FRAGMENTS)
    if stock:
        # Stock phrases are real speech too ("thank you"); drop them only on evidence of no speech.
        doubtful = segment.no_speech_prob > 0.3 or segment.avg_logprob < -0.8
        return doubtful or (overlap is not None and overlap < 0.5)
    return False


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(float(value), low), high)


def guard_segments(
    segments: Iterable[DecodedSegment],
    *,
    duration: float,
    speech: Sequence[tuple[float, float]] | None = None,
    audio: np.ndarray | None = None,
    options: GuardOptions = GuardOptions(),
) -> tuple[SpeechSegment, ...]:
    """Drop hallucinated segments, collapse repetition loops and make timestamps sane (clamped, monotone)."""
    ordered = sorted(segments, key=lambda s: (_clamp(s.start, 0.0, duration), _clamp(s.end, 0.0, duration)))
    kept: list[SpeechSegment] = []
    previous_norm = ""
    previous_end = 0.0
    for raw in ordered:
        start = _clamp(raw.start, 0.0, duration)
        end = max(start, _clamp(raw.end, 0.0, duration))
        segment = replace(raw, start=start, end=end)
        norm = normalize_text(segment.text)
        if _is_hallucination(segment, norm, options, speech, audio):
            continue
        words = list(segment.words)
        pieces = [w.text for w in words] if words else segment.text.split()
        keep = collapse_repetitions(
            [normalize_text(p) for p in pieces], max_repeats=options.max_repeats, max_ngram=options.max_ngram
        )
        text = segment.text
        if len(keep) < len(pieces):
            # Word texts carry their own leading space (none in scripts written without spaces).
            text = "".join(pieces[i] for i in keep) if words else " ".join(pieces[i] for i in keep)
            words = [words[i] for i in keep] if words else words
        text = text.strip()
        norm = normalize_text(text)
        if not norm:
            continue
        # A window that repeats the previous one word for word is the cross-window form of a loop.
        if norm == previous_norm and len(norm.split()) >= 3:
            continue
        # Monotone time: a segment never starts before the previous one ended, and words stay inside it.
        start = max(start, previous_end)
        end = max(end, start)
        fixed: list[Word] = []
        last = start
        for word in words:
            w_start = max(_clamp(word.start, start, end), last)
            w_end = max(_clamp(word.end, start, end), w_start)
            fixed.append(Word(text=word.text.strip(), start=w_start, end=w_end, probability=float(word.probability)))
            last = w_end
        kept.append(SpeechSegment(start=start, end=end, text=text, words=tuple(fixed)))
        previous_norm = norm
        previous_end = end
    return tuple(kept)
