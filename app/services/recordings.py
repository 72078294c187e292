"""Recordings: decode, diarize (by channel or by voice), transcribe, and give words to speakers."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from app.runtime import Runtime
from app.stages import StageReporter
from app.worker_api import TaskError
from models import Interview
from pipelines import types as pt
from pipelines.audio import SAMPLE_RATE

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Transcribed:
    """A recording's transcript, per turn its words' [char_start, char_end, start, end] (for bleeping redactions),
    and what the audio showed: its length in seconds and the language spoken."""

    transcript: pt.Transcript
    word_times: list[list[list[float]]]
    duration: float
    language: str


def transcribe_recording(*, runtime: Runtime, interview: Interview, path: Path, stages: StageReporter) -> Transcribed:
    """Decode, diarize (by channel or by voice) and transcribe a recording; words go to their speakers.

    Progress goes to the decoding, diarizing and transcribing stages of `stages` (app/stages.py)."""
    from pipelines.audio import AudioError, decode
    from pipelines.diarization import assign_words, is_dual_mono

    options = interview.options or {}
    stages("decoding")
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
        turns, word_times, language = _transcribe_channels(runtime, channels, options, stages)
    else:
        stages("diarizing")
        segments, result = _diarize_beside_transcription(runtime, audio, options, stages)
        words = _words(result)
        turns = assign_words(words, segments)
        word_times = _word_times(turns, words)
        language = result.language
    if not turns:
        raise TaskError("no speech was recognised in the recording (silence or music?)")
    names = {label: f"Speaker {label.rsplit('_', 1)[-1]}" for label in {t.speaker for t in turns}}
    transcript = pt.Transcript(turns=tuple(turns), source_format="recording", speaker_names=names)
    return Transcribed(transcript, word_times, duration=duration, language=language)


class _Abandoned(Exception):
    """Raised inside the diarizing thread once the transcription beside it has failed or been stopped."""


def _diarize_beside_transcription(
    runtime: Runtime, audio: np.ndarray, options: dict, stages: StageReporter
) -> tuple[list[pt.SpeakerSegment], pt.TranscriptionResult]:
    """Diarize in a thread while this one transcribes: both only read the audio, and on two cores each one's
    single-threaded stretches (clustering, Whisper's word alignment) leave a core the other can use.

    Both need silero's speech probabilities: they are computed once, before either starts (two VAD passes side by
    side held two copies of the recording each, ~1 GB at an hour, and cost twice the CPU)."""
    from pipelines import vad

    speech = vad.speech_probabilities(audio)
    abandoned = threading.Event()

    def check(_fraction: float) -> None:  # the diarizer calls this between batches
        if abandoned.is_set():
            raise _Abandoned

    def diarize() -> list[pt.SpeakerSegment]:
        return runtime.diarizer.diarize(
            audio,
            min_speakers=options.get("min_speakers"),
            max_speakers=options.get("max_speakers"),
            progress=check,
            speech=speech,
        )

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="diarize") as pool:
        diarized = pool.submit(diarize)
        try:
            # The bar follows the transcription, the longer of the two; the task's stop checks run here too.
            stages("transcribing")
            result = runtime.transcriber.transcribe(
                audio, language=options.get("language"), progress=stages.within("transcribing"), speech=speech
            )
        except BaseException:
            abandoned.set()
            raise
        return diarized.result(), result


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
    runtime: Runtime, channels: np.ndarray, options: dict, stages: StageReporter
) -> tuple[list[pt.Turn], list[list[list[float]]], str]:
    from pipelines.diarization import assign_words, speaker_label

    turns: list[pt.Turn] = []
    times: list[list[list[float]]] = []
    language = "en"
    for index, channel in enumerate(channels):
        stages("transcribing", index / len(channels))

        def progress(fraction: float, index: int = index) -> None:  # channel `index`'s share of the stage
            stages("transcribing", (index + fraction) / len(channels))

        result = runtime.transcriber.transcribe(
            np.ascontiguousarray(channel), language=options.get("language"), progress=progress
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


def store_audio_facts(*, session: Session, interview: Interview, transcribed: Transcribed) -> None:
    """Keep what the audio showed on the interview: its length and language."""
    interview.duration = transcribed.duration
    interview.language = transcribed.language
    session.flush()
