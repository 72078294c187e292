"""Tests for pipelines.diarization: DER by hand, word turns, channel splitting, diarizing real audio."""

from __future__ import annotations

import math
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from pipelines.diarization import VoiceDiarizer, assign_words, is_dual_mono, split_channels
from pipelines.types import SpeakerSegment, Turn, Word
from tests.diarization_scoring import diarization_error_breakdown, diarization_error_rate, read_rttm

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
ASR = SHARED / "data" / "asr"
INTERVIEW = SHARED / "data" / "interviews" / "pypi-infrastructure" / "donald-1-full.md"
RENDER = SHARED / "tools" / "render_interview.py"


def seg(start: float, end: float, speaker: str) -> SpeakerSegment:
    return SpeakerSegment(start=start, end=end, speaker=speaker)


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """16-bit PCM WAV as float32 (channels x samples) and its rate; stdlib, so no decoder is needed."""
    with wave.open(str(path)) as w:
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        channels, rate = w.getnchannels(), w.getframerate()
    return (frames.reshape(-1, channels).T.astype(np.float32) / 32768.0), rate


def asr_file(name: str) -> Path:
    path = ASR / name
    if not path.exists():
        pytest.skip(f"{path} is not beside the repository")
    return path


@pytest.fixture(scope="module")
def diarizer() -> VoiceDiarizer:
    return VoiceDiarizer()


@pytest.fixture(scope="module")
def call() -> np.ndarray:
    audio, rate = read_wav(asr_file("two-speaker-call.wav"))
    assert rate == 16000
    return audio[0]


@pytest.fixture(scope="session")
def rendered_interview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A five-minute two-voice interview rendered with espeak-ng, with its RTTM reference beside it."""
    if not (INTERVIEW.exists() and RENDER.exists()):
        pytest.skip("../shared/data interviews or ../shared/tools are not beside the repository")
    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("rendering needs espeak-ng and sox (apt-get install -y espeak-ng sox)")
    prefix = tmp_path_factory.mktemp("interview") / "donald-1"
    subprocess.run(
        [sys.executable, str(RENDER), str(INTERVIEW), str(prefix), "--minutes", "5"],
        check=True,
        capture_output=True,
    )
    return prefix


# --------------------------------------------------------------------------- DER by hand


def test_der_identical_and_relabelled_is_zero() -> None:
    ref = [seg(0, 5, "a"), seg(5, 9, "b"), seg(12, 20, "a")]
    hyp = [seg(0, 5, "SPEAKER_2"), seg(5, 9, "SPEAKER_1"), seg(12, 20, "SPEAKER_2")]
    assert diarization_error_rate(ref, ref, collar=0.0) == 0.0
    assert diarization_error_rate(ref, hyp, collar=0.0) == 0.0


def test_der_empty_hypothesis_misses_everything() -> None:
    ref = [seg(0, 10, "a"), seg(10, 15, "b")]
    assert diarization_error_rate(ref, [], collar=0.0) == pytest.approx(1.0)
    assert diarization_error_rate([], [], collar=0.0) == 0.0
    assert diarization_error_rate([], [seg(0, 1, "x")], collar=0.0) == math.inf


def test_der_confusion_with_and_without_collar() -> None:
    ref = [seg(0, 10, "A"), seg(10, 20, "B")]
    hyp = [seg(0, 12, "x"), seg(12, 20, "y")]
    # 10-12 s is labelled x (= A) while B speaks: 2 s of confusion in 20 s.
    assert diarization_error_rate(ref, hyp, collar=0.0) == pytest.approx(2 / 20)
    # ±0.25 s around the boundaries 0, 10 and 20 is unscored: 19 s scored, 10.25-12 s confused.
    assert diarization_error_rate(ref, hyp, collar=0.25) == pytest.approx(1.75 / 19)
    parts = diarization_error_breakdown(ref, hyp, collar=0.25)
    assert parts == pytest.approx({"total": 19.0, "missed": 0.0, "false_alarm": 0.0, "confusion": 1.75})


def test_der_false_alarm_and_missed_overlap() -> None:
    assert diarization_error_rate([seg(0, 10, "A")], [seg(0, 10, "x"), seg(10, 15, "y")], collar=0) == pytest.approx(
        0.5
    )
    ref = [seg(0, 10, "A"), seg(5, 10, "B")]
    hyp = [seg(0, 10, "x")]
    # 15 s of reference speech; the 5 s of B under A are missed.
    assert diarization_error_rate(ref, hyp, collar=0.0) == pytest.approx(5 / 15)
    assert diarization_error_rate(ref, hyp, collar=0.0, skip_overlap=True) == 0.0


def test_der_mapping_is_one_to_one_and_optimal() -> None:
    # Two hypothesis speakers for one reference speaker: only one of them can map to it.
    assert diarization_error_rate([seg(0, 10, "A")], [seg(0, 5, "x"), seg(5, 10, "y")], collar=0) == pytest.approx(0.5)
    # Overlaps A-x 10 s, A-y 9 s, B-x 8 s, B-y 0 s: greedy (A-x) scores 10 s correct, optimal (A-y, B-x) 17 s.
    ref = [seg(0, 19, "A"), seg(19, 27, "B")]
    hyp = [seg(0, 10, "x"), seg(10, 19, "y"), seg(19, 27, "x")]
    assert diarization_error_rate(ref, hyp, collar=0.0) == pytest.approx(10 / 27)


def test_read_rttm(tmp_path: Path) -> None:
    path = tmp_path / "x.rttm"
    path.write_text(
        ";; comment\n"
        "SPEAKER f 1 3.500 1.250 <NA> <NA> bob <NA> <NA>\n"
        "\n"
        "SPEAKER f 1 0.000 2.000 <NA> <NA> alice <NA> <NA>\n"
        "SPKR-INFO f 1 <NA> <NA> <NA> unknown alice <NA> <NA>\n"
    )
    assert read_rttm(path) == [seg(0.0, 2.0, "alice"), seg(3.5, 4.75, "bob")]
    call = read_rttm(asr_file("two-speaker-call.rttm"))
    assert len(call) == 10 and {s.speaker for s in call} == {"speaker90", "speaker91"}


# --------------------------------------------------------------------------- words to turns


def test_assign_words_groups_by_speaker_with_faster_whisper_spacing() -> None:
    segments = [seg(0.0, 2.0, "SPEAKER_1"), seg(2.2, 4.0, "SPEAKER_2"), seg(4.5, 6.0, "SPEAKER_1")]
    words = [
        Word(" Hello", 0.1, 0.5),
        Word(" there.", 0.5, 0.9),
        Word(" Hi,", 1.9, 2.6),  # overlaps SPEAKER_1 by 0.1 s and SPEAKER_2 by 0.4 s
        Word(" thanks", 2.7, 3.0),
        Word(" for", 3.0, 3.2),
        Word(" having", 4.05, 4.2),  # in no segment: the nearest is SPEAKER_2's (0.05 s away)
        Word(" me.", 4.3, 4.45),  # in no segment: nearest is SPEAKER_1's (0.05 s away)
        Word(" So", 4.6, 4.8),
    ]
    assert assign_words(words, segments) == [
        Turn("SPEAKER_1", "Hello there.", 0.1, 0.9),
        # "me." is nearest SPEAKER_1's segment, but ends a sentence SPEAKER_2 spoke the rest of.
        Turn("SPEAKER_2", "Hi, thanks for having me.", 1.9, 4.45),
        Turn("SPEAKER_1", "So", 4.6, 4.8),
    ]


def test_assign_words_gives_a_sentences_stray_words_to_its_speaker() -> None:
    """A voice boundary a little early or late puts a turn's first or last words on the other speaker; within one
    sentence (the recogniser's punctuation) a short stray run goes back to the speaker of the rest of it."""
    segments = [seg(0.0, 2.1, "SPEAKER_1"), seg(2.1, 5.4, "SPEAKER_2"), seg(5.4, 7.0, "SPEAKER_1")]
    said = [
        ("SPEAKER_1", " How do you sort the mail?"),
        ("SPEAKER_1", " Mostly,"),  # the voices changed one word late
        ("SPEAKER_2", " I stack it by the door and on Fridays I open"),
        ("SPEAKER_1", " every envelope."),  # ... and two words early
        ("SPEAKER_1", " Did that work?"),
    ]
    words, t = [], 0.0
    for _, text in said:
        for piece in text.split(" ")[1:]:
            words.append(Word(" " + piece, t, t + 0.25))
            t += 0.3
    assert [(turn.speaker, turn.text) for turn in assign_words(words, segments)] == [
        ("SPEAKER_1", "How do you sort the mail?"),
        ("SPEAKER_2", "Mostly, I stack it by the door and on Fridays I open every envelope."),
        ("SPEAKER_1", "Did that work?"),
    ]
    # An unpunctuated stretch split evenly between two voices is kept as the voices say.
    even = [Word(f" w{k}", k * 0.3, k * 0.3 + 0.25) for k in range(20)]
    assert [turn.speaker for turn in assign_words(even, [seg(0.0, 3.0, "A"), seg(3.0, 6.0, "B")])] == ["A", "B"]


def test_assign_words_joins_a_hyphenated_words_later_parts() -> None:
    """The recogniser gives '-comers' as a word of its own and the guards strip every word's space: it goes on the
    word before; a dash standing alone between words keeps its spaces."""
    words = [Word("We", 0.0, 0.2), Word("mark", 0.2, 0.4), Word("late", 0.4, 0.6), Word("-comers", 0.6, 0.9)]
    words += [Word("-", 1.0, 1.0), Word("mostly", 1.0, 1.3), Word("at", 1.3, 1.4), Word("9", 1.4, 1.6)]
    words += [Word(".15", 1.6, 1.8)]
    assert [t.text for t in assign_words(words, [])] == ["We mark late-comers - mostly at 9.15"]


def test_assign_words_bare_words_and_no_segments() -> None:
    words = [Word("It", 0.0, 0.2), Word("works", 0.2, 0.5), Word(",", 0.5, 0.5), Word("really", 0.6, 0.9)]
    assert assign_words(words, []) == [Turn("SPEAKER_1", "It works, really", 0.0, 0.9)]
    assert assign_words([], [seg(0, 1, "SPEAKER_1")]) == []


# --------------------------------------------------------------------------- channels


@pytest.mark.slow
def test_split_channels_one_speaker_per_channel() -> None:
    audio, rate = read_wav(asr_file("stereo-two-channel.wav"))
    assert rate == 16000 and audio.shape[0] == 2
    assert not is_dual_mono(audio)
    segments = split_channels(audio)
    assert [s.start for s in segments] == sorted(s.start for s in segments)
    assert {s.speaker for s in segments} == {"SPEAKER_1", "SPEAKER_2"}

    def level_db(channel: int, spans: list[SpeakerSegment], inside: bool) -> float:
        mask = np.zeros(audio.shape[1], dtype=bool)
        for s in spans:
            mask[int(s.start * rate) : int(s.end * rate)] = True
        samples = audio[channel][mask if inside else ~mask]
        return 10 * math.log10(float(np.mean(samples**2)) + 1e-12)

    # Each speaker's segments are where that speaker's channel is loud (the left channel is SPEAKER_1).
    for channel, speaker in enumerate(("SPEAKER_1", "SPEAKER_2")):
        spans = [s for s in segments if s.speaker == speaker]
        assert level_db(channel, spans, inside=True) > level_db(channel, spans, inside=False) + 10
    # The left sentence ("He began a confused complaint ...") runs to ~4.8 s; the right one is over by ~2.6 s.
    assert max(s.end for s in segments if s.speaker == "SPEAKER_1") > 4.3
    assert max(s.end for s in segments if s.speaker == "SPEAKER_2") < 3.2
    assert min(s.start for s in segments if s.speaker == "SPEAKER_1") < 0.5

    # Crosstalk ~16 dB down changes nothing; a channel that only carries leakage is no speaker.
    leaky = np.stack([audio[0] + 0.15 * audio[1], audio[1] + 0.15 * audio[0]])
    assert [s.speaker for s in split_channels(leaky)] == [s.speaker for s in segments]
    assert max(s.end for s in split_channels(leaky) if s.speaker == "SPEAKER_2") < 3.2
    noise = np.random.default_rng(0).standard_normal((audio.shape[1],)).astype(np.float32)
    leak_only = split_channels(np.stack([audio[0], 0.05 * audio[0] + 0.001 * noise]))
    assert {s.speaker for s in leak_only} == {"SPEAKER_1"}


def test_is_dual_mono_same_mix() -> None:
    rng = np.random.default_rng(0)
    voice = rng.standard_normal(32000).astype(np.float32) * 0.1
    other = rng.standard_normal(32000).astype(np.float32) * 0.1
    assert is_dual_mono(np.stack([voice, 0.7 * voice]))
    assert is_dual_mono(np.stack([voice, np.roll(voice, 24)]))  # a 1.5 ms inter-microphone delay
    assert is_dual_mono(np.stack([voice, np.zeros_like(voice)]))  # one dead channel: nothing to split
    assert is_dual_mono(voice)
    assert not is_dual_mono(np.stack([voice, other]))
    assert not is_dual_mono(np.stack([voice + 0.05 * other, other + 0.05 * voice]))  # a call with some bleed


def test_is_dual_mono_real_stereo_file() -> None:
    av = pytest.importorskip("av")
    # Resample to planar float so each channel is one row, whatever sample format the FLAC decoder gives.
    resampler = av.AudioResampler(format="fltp", layout="stereo", rate=44100)
    with av.open(str(asr_file("jfk.flac"))) as container:
        assert container.streams.audio[0].channels == 2
        frames = [out.to_ndarray() for frame in container.decode(audio=0) for out in resampler.resample(frame)]
    audio = np.concatenate(frames, axis=1)
    assert audio.shape[0] == 2
    assert is_dual_mono(audio, sample_rate=44100)


# --------------------------------------------------------------------------- voice diarization


@pytest.mark.slow
def test_two_speaker_call_der(diarizer: VoiceDiarizer, call: np.ndarray) -> None:
    reference = read_rttm(asr_file("two-speaker-call.rttm"))
    fractions: list[float] = []
    hypothesis = diarizer.diarize(call, progress=fractions.append)
    der = diarization_error_rate(reference, hypothesis, collar=0.25)
    print(f"two-speaker-call DER {der:.3f}")
    assert der <= 0.25
    assert [s.speaker for s in hypothesis][0] == "SPEAKER_1"
    assert {s.speaker for s in hypothesis} == {"SPEAKER_1", "SPEAKER_2"}
    assert all(a.end <= b.start for a, b in zip(hypothesis, hypothesis[1:], strict=False))
    assert fractions[0] == 0.0 and fractions[-1] == 1.0 and fractions == sorted(fractions)
    assert diarizer.diarize(call) == hypothesis  # deterministic


@pytest.mark.slow
def test_speaker_bounds_are_respected(diarizer: VoiceDiarizer, call: np.ndarray) -> None:
    assert {s.speaker for s in diarizer.diarize(call, max_speakers=1)} == {"SPEAKER_1"}
    assert len({s.speaker for s in diarizer.diarize(call, min_speakers=3)}) == 3
    assert len({s.speaker for s in diarizer.diarize(call, min_speakers=4, max_speakers=4)}) == 4
    with pytest.raises(ValueError):
        diarizer.diarize(call, min_speakers=3, max_speakers=2)
    with pytest.raises(ValueError):
        diarizer.diarize(call, max_speakers=0)


@pytest.mark.slow
def test_silence_and_bad_shapes(diarizer: VoiceDiarizer) -> None:
    assert diarizer.diarize(np.zeros(16000 * 2, dtype=np.float32)) == []
    assert diarizer.diarize(np.zeros(0, dtype=np.float32)) == []
    with pytest.raises(ValueError):
        diarizer.diarize(np.zeros((2, 16000), dtype=np.float32))


@pytest.mark.slow
def test_rendered_interview_der_and_speed(diarizer: VoiceDiarizer, rendered_interview: Path) -> None:
    audio, rate = read_wav(rendered_interview.with_suffix(".wav"))
    assert rate == 16000
    reference = read_rttm(rendered_interview.with_suffix(".rttm"))
    diarizer.diarize(audio[0][: rate * 5])  # load the models outside the timing
    began = time.perf_counter()
    hypothesis = diarizer.diarize(audio[0])
    elapsed = time.perf_counter() - began
    der = diarization_error_rate(reference, hypothesis, collar=0.25)
    duration = audio.shape[1] / rate
    print(f"rendered interview {duration:.0f} s: DER {der:.3f}, {elapsed:.1f} s, RTF {elapsed / duration:.3f}")
    assert der <= 0.15
    assert {s.speaker for s in hypothesis} == {"SPEAKER_1", "SPEAKER_2"}
    # The interviewer speaks first and is labelled first; the two labels map onto the two voices.
    assert hypothesis[0].speaker == "SPEAKER_1" and hypothesis[0].start < 1.0
    assert elapsed / duration < 0.5  # ~0.01 measured on 2 busy cores; generous for slow CI


@pytest.mark.parametrize("seconds", [None, 3.7, 0.01])
def test_mel_frames_block_by_block_equal_resemblyzer(
    call: np.ndarray, seconds: float | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines import diarization

    audio = call if seconds is None else call[: int(seconds * 16000)]
    monkeypatch.setattr(diarization, "_MEL_BLOCK_FRAMES", 97)  # many block edges in a 30 s call
    resemblyzer = diarization._resemblyzer()
    reference = resemblyzer.wav_to_mel_spectrogram(resemblyzer.normalize_volume(audio, -30, increase_only=True))
    ours = diarization._mel_frames(audio)
    assert ours.shape == reference.shape
    np.testing.assert_allclose(ours, reference, rtol=1e-5, atol=1e-6 * float(reference.max()))


@pytest.mark.slow
def test_shared_speech_probabilities_give_the_same_segments(diarizer: VoiceDiarizer, call: np.ndarray) -> None:
    from pipelines import vad

    speech = vad.speech_probabilities(call)
    assert diarizer.diarize(call, speech=speech) == diarizer.diarize(call)
    with pytest.raises(ValueError):  # probabilities of another recording
        diarizer.diarize(call[:-16000], speech=speech)
