"""Speech to text: the Transcriber interface and its faster-whisper and openai-whisper backends.

Beside it: model resolution (`whisper_models`), the CTranslate2 -> openai-whisper converter (`whisper_convert`) and
the guards against Whisper's failure modes (`whisper_guards`)."""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from pipelines import vad
from pipelines.audio import SAMPLE_RATE
from pipelines.embedding import ModelNotFoundError
from pipelines.types import TranscriptionResult, Word
from pipelines.whisper_convert import load_openai_checkpoint, openai_checkpoint_for
from pipelines.whisper_guards import DecodedSegment, GuardOptions, guard_segments, split_sentences
from pipelines.whisper_models import default_cache_dir, model_not_found, resolve_whisper_model

__all__ = [
    "DEFAULT_TEMPERATURES",
    "DEFAULT_WHISPER_MODEL",
    "SAMPLE_RATE",
    "FasterWhisperTranscriber",
    "ModelNotFoundError",
    "OpenAIWhisperTranscriber",
    "Transcriber",
]

log = logging.getLogger(__name__)

DEFAULT_WHISPER_MODEL = "tiny.en"
# Whisper's own fallback schedule: re-decode a window at a higher temperature when it looks like a loop.
DEFAULT_TEMPERATURES: tuple[float, ...] = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


class Transcriber(Protocol):
    def transcribe(
        self,
        audio: np.ndarray,
        *,
        language: str | None = None,
        progress: Callable[[float], None] | None = None,
        speech: vad.SpeechProbabilities | None = None,
    ) -> TranscriptionResult: ...


# ----------------------------------------------------------------------------------------------------
# Backends.
# ----------------------------------------------------------------------------------------------------


def _as_audio(audio: np.ndarray) -> np.ndarray:
    audio = np.asarray(audio)
    if audio.ndim != 1:
        raise ValueError(f"expected mono audio of shape (n,), got {audio.shape}")
    return np.ascontiguousarray(audio, dtype=np.float32)


def _probabilities(audio: np.ndarray, speech: vad.SpeechProbabilities | None) -> vad.SpeechProbabilities:
    """The caller's silero probabilities for AUDIO, else computed here."""
    if speech is None:
        return vad.speech_probabilities(audio)
    if speech.samples != audio.size:
        raise ValueError(f"speech probabilities are for {speech.samples} samples, the audio has {audio.size}")
    return speech


# Windows per pipeline call, in batches: 8 x 2 windows of 30 s hold ~15 MB of features at a time.
_SECTION_BATCHES = 8
# What faster-whisper's batched pipeline asks of its VAD when given no parameters: spans of at most one 30 s window.
_BATCHED_VAD = vad.VadOptions(max_speech_duration_s=30.0, min_silence_duration_ms=160)


def _speech_clips(
    audio: np.ndarray, spans: list[dict[str, int]], chunk_samples: int
) -> tuple[np.ndarray, list[dict[str, float]]]:
    """The speech of AUDIO joined end to end, and the windows of at most CHUNK_SAMPLES it is decoded in: what the
    batched pipeline's `collect_chunks` builds from its own VAD, so handing both in decodes the same chunks."""
    clips: list[dict[str, float]] = []
    offset = current = 0
    for span in spans:
        length = span["end"] - span["start"]
        if current + length > chunk_samples:
            clips.append(_clip(offset, current))
            offset += current
            current = 0
        current += length
    clips.append(_clip(offset, current))
    joined = np.concatenate([audio[span["start"] : span["end"]] for span in spans])
    return joined, clips


def _clip(offset: int, length: int) -> dict[str, float]:
    # The pipeline turns seconds back into samples with int(seconds * rate): half a sample keeps that exact.
    return {"start": (offset + 0.5) / SAMPLE_RATE, "end": (offset + length + 0.5) / SAMPLE_RATE}


def _emit(progress: Callable[[float], None] | None, value: float) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, value)))


@lru_cache(maxsize=1)
def _ahead_pipeline() -> type:
    """faster-whisper's batched pipeline, with the encoder and beam search of the next batches already running on
    the model's other CTranslate2 workers while this thread aligns the words of the current batch.

    Built on first use so that importing this module does not import faster-whisper. The pipeline calls
    `generate_segment_batched` once per batch, in order; here each call takes the result computed ahead for it
    and starts the next batch, so the segments, words and times are the ones the plain pipeline gives."""
    from faster_whisper import BatchedInferencePipeline

    class AheadPipeline(BatchedInferencePipeline):  # type: ignore[misc]
        def __init__(self, model: Any, workers: int) -> None:
            super().__init__(model)
            self.workers = workers
            self._ahead: deque[Future[Any]] | None = None
            self._next: Callable[[], None] = lambda: None

        def _batched_segments_generator(
            self, features: Any, tokenizer: Any, chunks_metadata: Any, batch_size: int, options: Any, log: bool
        ) -> Iterator[Any]:
            if self.workers < 2:
                yield from super()._batched_segments_generator(
                    features, tokenizer, chunks_metadata, batch_size, options, log
                )
                return
            starts = iter(range(0, len(features), batch_size))
            generate = super().generate_segment_batched
            with ThreadPoolExecutor(self.workers, thread_name_prefix="whisper") as pool:
                ahead: deque[Future[Any]] = deque()

                def start_next() -> None:
                    for start in starts:
                        ahead.append(pool.submit(generate, features[start : start + batch_size], tokenizer, options))
                        return

                for _ in range(self.workers):
                    start_next()
                self._ahead, self._next = ahead, start_next
                try:
                    yield from super()._batched_segments_generator(
                        features, tokenizer, chunks_metadata, batch_size, options, log
                    )
                finally:
                    self._ahead, self._next = None, lambda: None
                    for future in ahead:
                        future.cancel()

        def generate_segment_batched(self, features: Any, tokenizer: Any, options: Any) -> Any:
            if self._ahead is None:
                return super().generate_segment_batched(features, tokenizer, options)
            future = self._ahead.popleft()
            self._next()
            return future.result()

    return AheadPipeline


class FasterWhisperTranscriber:
    """Whisper through CTranslate2 (faster-whisper): int8 on CPU, VAD filter, word timestamps."""

    def __init__(
        self,
        model: str = DEFAULT_WHISPER_MODEL,
        *,
        compute_type: str = "int8",
        # One thread per CTranslate2 worker and a worker per core: tiny's matrices are too small for two threads
        # to share one well (CTranslate2's default is four threads), two batches side by side keep both busy.
        cpu_threads: int = 1,
        workers: int = 2,
        beam_size: int = 5,
        vad_filter: bool = True,
        batched: bool = True,
        # Two 30 s windows per encoder call on each of the two workers: four each held 310 MB more at the peak
        # (each window's self-attention is 6 x 1500 x 1500 floats per layer), two each 76 MB more than one worker
        # with four (5 minutes: 668 vs 592 MiB).
        batch_size: int = 2,
        word_timestamps: bool = True,
        temperature: Sequence[float] = DEFAULT_TEMPERATURES,
        cache_dir: str | os.PathLike[str] | None = None,
        device: str = "cpu",
        guard: GuardOptions = GuardOptions(),
    ):
        from faster_whisper import WhisperModel

        path = resolve_whisper_model(model, cache_dir)
        try:
            self._model = WhisperModel(
                path,
                device=device,
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                num_workers=max(1, workers),
                download_root=str(Path(cache_dir or default_cache_dir()) / "hub"),
            )
        except Exception as exc:  # the library raises several types for "not found / no network"
            raise model_not_found(model, exc) from exc
        self._batched = _ahead_pipeline()(self._model, workers) if batched else None
        self.name = model
        self.beam_size = beam_size
        self.vad_filter = vad_filter
        self.batch_size = batch_size
        self.word_timestamps = word_timestamps
        self.temperature = tuple(temperature)
        self.guard = guard

    @property
    def multilingual(self) -> bool:
        """Whether the model detects and transcribes languages other than English."""
        return bool(self._model.model.is_multilingual)

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        language: str | None = None,
        progress: Callable[[float], None] | None = None,
        speech: vad.SpeechProbabilities | None = None,
    ) -> TranscriptionResult:
        """Transcribe 16 kHz mono float32 samples; progress gets the share of audio done (0..1).

        SPEECH: silero's probabilities for this audio when the caller has them (the diarizer's), so the VAD runs
        once per recording."""
        audio = _as_audio(audio)
        duration = len(audio) / SAMPLE_RATE
        if not self.multilingual:
            language = "en"
        if duration == 0:
            _emit(progress, 1.0)
            return TranscriptionResult(segments=(), language=language or "en", duration=0.0)
        options: dict[str, Any] = dict(
            language=language,
            beam_size=self.beam_size,
            word_timestamps=self.word_timestamps,
            # Conditioning on the previous window is how one loop spreads over the rest of a recording.
            condition_on_previous_text=False,
            temperature=list(self.temperature),
            compression_ratio_threshold=2.4,
            log_prob_threshold=self.guard.logprob_threshold,
            no_speech_threshold=self.guard.no_speech_threshold,
        )
        if self._batched is not None:
            spans: list[dict[str, int]] | None = None
            clip = audio
            if not self.vad_filter:
                # The batched pipeline needs chunk bounds; without VAD cut plain 30 s windows.
                options["clip_timestamps"] = [
                    {"start": s, "end": min(s + 30.0, duration)} for s in np.arange(0.0, duration, 30.0)
                ]
            else:
                # The VAD here instead of inside the pipeline: its call copies the recording twice at once, and
                # the diarizer has usually computed the same probabilities already.
                spans = vad.speech_spans(_probabilities(audio, speech), _BATCHED_VAD)
                if not spans:
                    _emit(progress, 1.0)
                    return TranscriptionResult(segments=(), language=language or "en", duration=duration)
                clip, options["clip_timestamps"] = _speech_clips(audio, spans, 30 * SAMPLE_RATE)
            # Batched decoding uses the first temperature only: the guards below catch what fallback would.
            # Its timestamp mode drops words at chunk ends (WER 9.6% vs 7.0% on a rendered interview), so it
            # decodes text only and the segments are cut at sentence ends from the word timestamps instead.
            segments, info = self._decode_sections(clip, options)
            if spans is not None:
                from faster_whisper.transcribe import restore_speech_timestamps

                segments = restore_speech_timestamps(segments, spans, SAMPLE_RATE)
        else:
            segments, info = self._model.transcribe(audio, vad_filter=self.vad_filter, **options)
        decoded: list[DecodedSegment] = []
        for segment in segments:
            words = tuple(
                Word(text=w.word, start=float(w.start), end=float(w.end), probability=float(w.probability))
                for w in segment.words or ()
            )
            chunk = DecodedSegment(
                start=float(segment.start),
                end=float(segment.end),
                text=segment.text,
                words=words,
                no_speech_prob=float(segment.no_speech_prob),
                avg_logprob=float(segment.avg_logprob),
                compression_ratio=float(segment.compression_ratio),
            )
            decoded.extend(split_sentences(chunk) if self._batched is not None else (chunk,))
            _emit(progress, segment.end / duration)
        result = guard_segments(decoded, duration=duration, audio=audio, options=self.guard)
        _emit(progress, 1.0)
        return TranscriptionResult(segments=result, language=info.language or language or "en", duration=duration)

    def _decode_sections(self, clip: np.ndarray, options: dict[str, Any]) -> tuple[Iterator[Any], Any]:
        """The batched pipeline over CLIP, a few batches of windows per call: it computes every window's features
        before decoding the first (about 1 MB per 30 s window, twice while it stacks them: ~300 MB at an hour).
        Returns the segments (lazily) and the first call's info."""
        assert self._batched is not None
        batched = self._batched
        clips = options.pop("clip_timestamps")
        size = self.batch_size * _SECTION_BATCHES
        settings = dict(vad_filter=False, batch_size=self.batch_size, without_timestamps=True, **options)
        first, info = batched.transcribe(clip, clip_timestamps=clips[:size], **settings)
        # Only the first window is used to detect the language (faster-whisper's default); the rest reuse it.
        settings["language"] = info.language

        def segments() -> Iterator[Any]:
            # The pipeline carries the end of the last word across batches (a word's start may not precede it)
            # and resets it when a call's segments are exhausted: carry it across calls as one call would.
            carried = 0.0
            part = first
            for begin in range(0, len(clips), size):
                if begin:
                    part, _ = batched.transcribe(clip, clip_timestamps=clips[begin : begin + size], **settings)
                    batched.last_speech_timestamp = carried
                for segment in part:
                    carried = batched.last_speech_timestamp
                    yield segment

        return segments(), info


# openai-whisper reports progress only through a tqdm bar; swapping the module's tqdm is process-wide, so
# transcriptions through it take turns (torch already uses every core for one).
_OPENAI_LOCK = threading.Lock()


class _ProgressBar:
    """Stands in for tqdm inside whisper.transcribe and forwards its updates to a progress callback."""

    def __init__(self, callback: Callable[[float], None] | None):
        self._callback = callback
        self._done = 0
        self._total = 1

    def tqdm(self, *, total: int = 1, **_: Any) -> _ProgressBar:
        self._total = max(1, int(total))
        self._done = 0
        return self

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *_: object) -> None:
        return None

    def update(self, n: int) -> None:
        self._done += n
        _emit(self._callback, self._done / self._total)


class OpenAIWhisperTranscriber:
    """Whisper through the openai-whisper package (PyTorch, fp32 on CPU), same weights as faster-whisper."""

    def __init__(
        self,
        model: str = DEFAULT_WHISPER_MODEL,
        *,
        cpu_threads: int = 0,
        beam_size: int = 5,
        vad_filter: bool = True,
        word_timestamps: bool = True,
        temperature: Sequence[float] = DEFAULT_TEMPERATURES,
        cache_dir: str | os.PathLike[str] | None = None,
        device: str = "cpu",
        guard: GuardOptions = GuardOptions(),
    ):
        import torch
        import whisper

        if cpu_threads > 0:
            torch.set_num_threads(cpu_threads)
        path = Path(resolve_whisper_model(model, cache_dir))
        try:
            if (path / "model.bin").is_file():
                self._model = load_openai_checkpoint(openai_checkpoint_for(path, cache_dir), device)
            elif path.is_file():
                self._model = load_openai_checkpoint(path, device)
            else:
                root = str(Path(cache_dir or default_cache_dir()) / "openai-whisper")
                self._model = whisper.load_model(model, device=device, download_root=root)
        except ModelNotFoundError:
            raise
        except Exception as exc:  # download errors, bad checkpoints
            raise model_not_found(model, exc) from exc
        self.name = model
        self.beam_size = beam_size
        self.vad_filter = vad_filter
        self.word_timestamps = word_timestamps
        self.temperature = tuple(temperature)
        self.guard = guard

    @property
    def multilingual(self) -> bool:
        """Whether the model detects and transcribes languages other than English."""
        return bool(self._model.is_multilingual)

    def transcribe(
        self,
        audio: np.ndarray,
        *,
        language: str | None = None,
        progress: Callable[[float], None] | None = None,
        speech: vad.SpeechProbabilities | None = None,
    ) -> TranscriptionResult:
        """Transcribe 16 kHz mono float32 samples; progress gets the share of audio done (0..1).

        SPEECH: silero's probabilities for this audio when the caller has them."""
        # The package re-exports a function named transcribe over its submodule; fetch the module itself.
        whisper_transcribe = importlib.import_module("whisper.transcribe")
        audio = _as_audio(audio)
        duration = len(audio) / SAMPLE_RATE
        if not self.multilingual:
            language = "en"
        spoken: list[tuple[float, float]] | None = None
        clip = audio
        ts_map = None
        if self.vad_filter and duration > 0:
            from faster_whisper.vad import SpeechTimestampsMap, collect_chunks

            chunks = vad.speech_spans(_probabilities(audio, speech))  # Whisper's defaults
            spoken = [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]
            if not chunks:
                _emit(progress, 1.0)
                return TranscriptionResult(segments=(), language=language or "en", duration=duration)
            # Decode only the speech, joined, as faster-whisper does; times map back to the recording.
            clip = np.concatenate(collect_chunks(audio, chunks)[0])
            ts_map = SpeechTimestampsMap(chunks, SAMPLE_RATE)
        if len(clip) == 0:
            _emit(progress, 1.0)
            return TranscriptionResult(segments=(), language=language or "en", duration=duration)

        with _OPENAI_LOCK:
            original = whisper_transcribe.tqdm
            whisper_transcribe.tqdm = _ProgressBar(progress)  # type: ignore[attr-defined]
            try:
                result = whisper_transcribe.transcribe(
                    self._model,
                    clip,
                    verbose=False,
                    language=language,
                    task="transcribe",
                    beam_size=self.beam_size,
                    best_of=5,
                    temperature=self.temperature,
                    compression_ratio_threshold=2.4,
                    logprob_threshold=self.guard.logprob_threshold,
                    no_speech_threshold=self.guard.no_speech_threshold,
                    condition_on_previous_text=False,
                    word_timestamps=self.word_timestamps,
                    fp16=False,
                )
            finally:
                whisper_transcribe.tqdm = original  # type: ignore[attr-defined]
        decoded = [_openai_segment(segment, ts_map) for segment in result["segments"]]
        segments = guard_segments(decoded, duration=duration, speech=spoken, audio=audio, options=self.guard)
        _emit(progress, 1.0)
        return TranscriptionResult(segments=segments, language=result.get("language") or "en", duration=duration)


def _openai_segment(segment: dict[str, Any], ts_map: Any) -> DecodedSegment:
    """openai-whisper's segment dict as a DecodedSegment, with times mapped back from the speech-only clip."""
    words = []
    for w in segment.get("words") or ():
        start, end = float(w["start"]), float(w["end"])
        if ts_map is not None:
            # Resolve both ends in the chunk of the word's middle so a word never straddles a removed gap.
            chunk = ts_map.get_chunk_index((start + end) / 2)
            start, end = ts_map.get_original_time(start, chunk), ts_map.get_original_time(end, chunk)
        words.append(Word(text=w["word"], start=start, end=end, probability=float(w.get("probability", 1.0))))
    start, end = float(segment["start"]), float(segment["end"])
    if words:
        start, end = words[0].start, words[-1].end
    elif ts_map is not None:
        start, end = ts_map.get_original_time(start), ts_map.get_original_time(end, is_end=True)
    return DecodedSegment(
        start=start,
        end=end,
        text=segment["text"],
        words=tuple(words),
        no_speech_prob=float(segment.get("no_speech_prob", 0.0)),
        avg_logprob=float(segment.get("avg_logprob", 0.0)),
        compression_ratio=float(segment.get("compression_ratio", 1.0)),
    )
