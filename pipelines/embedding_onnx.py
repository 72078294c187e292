"""The sentence model on ONNX Runtime (CPU): a sentence-transformers model exported once from its offline weights.

The export holds the whole model as sentence-transformers runs it (transformer, mean pooling over the attention
mask, L2 normalisation), so ONNX Runtime returns finished vectors; the tokenizer is the model's own
`tokenizer.json`. Exported files are cached, keyed by the weights, so torch is imported only the first time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.embedding import ModelNotFoundError, embed_by_length, normalise

# Part of the cache key: bump it when what the export writes changes, so old files are not reused.
EXPORT_VERSION = 1
OPSET = 17
# How the stored graph is prepared (the cache key holds it): `plain` is the export as it is (ONNX Runtime fuses
# what it can when a session loads it); `fused` applies ONNX Runtime's BERT fusions (attention, layer norm, GELU)
# offline; `int8` quantizes the fused graph's weights (dynamic, per channel). Measured on the pypi utterances
# (tests/benchmarks/embed_backends.py): plain and fused cost the same CPU, with cosine 1.0000 to PyTorch; int8
# cost ~35% less but fell to cosine 0.965 on some utterances (below the 0.99 we require), so it is not used.
VARIANTS = ("plain", "fused", "int8")
DEFAULT_VARIANT = "plain"
# ONNX Runtime's own graph optimisations when a session loads (on top of the variant's).
OPTIMIZATION_LEVELS = ("disable", "basic", "extended", "all")


class ModelExportError(RuntimeError):
    """The sentence model could not be exported to ONNX (or the export does not match the model)."""


def onnx_layout(directory: Path) -> dict[str, Any] | None:
    """What the ONNX path needs to know of a local sentence-transformers directory, or None when it cannot run it:
    a transformer, mean pooling only, optional normalisation, and a fast tokenizer (`tokenizer.json`)."""
    try:
        modules = json.loads((directory / "modules.json").read_text())
    except (OSError, ValueError):
        return None
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules]
    if kinds not in (["Transformer", "Pooling", "Normalize"], ["Transformer", "Pooling"]):
        return None
    if not (directory / "tokenizer.json").is_file() or not (directory / "config.json").is_file():
        return None
    pooling_path = directory / modules[1].get("path", "") / "config.json"
    try:
        pooling = json.loads(pooling_path.read_text())
    except (OSError, ValueError):
        return None
    modes = {key for key, value in pooling.items() if key.startswith("pooling_mode") and value}
    if modes != {"pooling_mode_mean_tokens"}:
        return None
    max_length = _max_length(directory)
    return {"max_length": max_length, "normalize": kinds[-1] == "Normalize"}


def _max_length(directory: Path) -> int:
    """Tokens per text as sentence-transformers truncates: its max_seq_length, else the tokenizer's limit."""
    for name, key in (("sentence_bert_config.json", "max_seq_length"), ("tokenizer_config.json", "model_max_length")):
        try:
            value = json.loads((directory / name).read_text()).get(key)
        except (OSError, ValueError):
            continue
        if isinstance(value, int) and 0 < value <= 100_000:
            try:
                positions = int(json.loads((directory / "config.json").read_text()).get("max_position_embeddings", 0))
            except (OSError, ValueError):
                positions = 0
            return min(value, positions) if positions > 0 else value
    return 512


def _weights(directory: Path) -> Path:
    for name in ("model.safetensors", "pytorch_model.bin"):
        if (directory / name).is_file():
            return directory / name
    raise ModelExportError(f"no model.safetensors or pytorch_model.bin in {directory}")


def cached_onnx_path(directory: Path, cache_dir: Path, name: str, variant: str = DEFAULT_VARIANT) -> Path:
    """Where the export of this model directory (its weights as they are now) and variant lives in cache_dir."""
    if variant not in VARIANTS:
        raise ValueError(f"variant must be one of {', '.join(VARIANTS)}, not {variant!r}")
    weights = _weights(directory)
    stat = weights.stat()
    # Fused and int8 graphs use ONNX Runtime's contrib operators: a file made by another version is made again.
    runtime = _onnxruntime_version() if variant != "plain" else ""
    raw = f"{directory.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{EXPORT_VERSION}:{OPSET}:{variant}:{runtime}"
    key = hashlib.sha1(raw.encode()).hexdigest()[:12]
    stem = Path(name).name or directory.name
    return cache_dir / "onnx" / f"{stem}-{variant}-{key}.onnx"


def _onnxruntime_version() -> str:
    import onnxruntime

    return str(onnxruntime.__version__)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on `path` (a lock file) across processes and threads: one export at a time."""
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:  # each caller opens its own file description, so threads exclude each other too
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def onnx_model_for(
    directory: Path, cache_dir: Path, name: str, variant: str = DEFAULT_VARIANT, *, check: bool = True
) -> Path:
    """The cached ONNX export of a local sentence-transformers directory, exported (once, under a lock) if missing
    (`check`: the export must match PyTorch; False only to measure a variant that may not)."""
    out = cached_onnx_path(directory, cache_dir, name, variant)
    if out.is_file():
        return out
    with _file_lock(out.with_name(f".{out.name}.lock")):
        if out.is_file():  # another process or thread exported it while this one waited
            return out
        export_onnx(directory, out, variant=variant, check=check)
    return out


def export_onnx(directory: Path, out: Path, *, variant: str = DEFAULT_VARIANT, check: bool = True) -> Path:
    """Export a sentence-transformers directory to one ONNX file (written atomically) and check its vectors
    against the PyTorch model's on a few sentences; raises ModelExportError if either fails."""
    layout = onnx_layout(directory)
    if layout is None:
        raise ModelExportError(f"{directory} is not a transformer + mean pooling sentence-transformers model")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        model = _export_plain(directory, tmp, normalize=bool(layout["normalize"]))
        if variant in ("fused", "int8"):
            _fuse(tmp, model)
        if variant == "int8":
            _quantize(tmp)
        if check:
            _check_against_torch(directory, tmp, model)
        os.replace(tmp, out)
    except ModelExportError:
        raise
    except Exception as exc:  # torch, the exporter and onnxruntime raise many types; say which step and model
        raise ModelExportError(f"exporting {directory} to ONNX ({variant}) failed: {exc!r}") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _export_plain(directory: Path, out: Path, *, normalize: bool) -> Any:
    """torch.onnx.export of transformer + mean pooling (+ normalisation); returns the loaded SentenceTransformer."""
    import warnings

    import torch
    from sentence_transformers import SentenceTransformer

    # Eager attention: the matmul/softmax pattern that ONNX Runtime's attention fusion recognises.
    model = SentenceTransformer(str(directory), device="cpu", model_kwargs={"attn_implementation": "eager"})
    model.eval()
    transformer = model[0].auto_model

    class Encoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer: Any = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask)[0]
            # sentence-transformers' mean pooling: padded tokens excluded, the count clamped away from zero.
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / torch.clamp(mask.sum(1), min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1) if normalize else pooled

    example = model.tokenize(["an example sentence to trace", "a second, longer example sentence to trace it"])
    args = (example["input_ids"], example["attention_mask"])
    with torch.no_grad(), warnings.catch_warnings():
        # The TorchScript exporter is deprecated in favour of the torch.export one (which needs onnxscript); it
        # handles this encoder fully, with dynamic batch and length axes.
        warnings.simplefilter("ignore")
        torch.onnx.export(
            Encoder().eval(),
            args,
            str(out),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}},
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )
    return model


def _fuse(path: Path, model: Any) -> None:
    """ONNX Runtime's BERT graph fusions (attention, skip layer norm, GELU), written over the file."""
    from onnxruntime.transformers.optimizer import optimize_model

    config = model[0].auto_model.config
    fused = optimize_model(
        str(path),
        model_type="bert",
        num_heads=int(config.num_attention_heads),
        hidden_size=int(config.hidden_size),
        opt_level=0,  # the offline fusions only; the session applies its own optimisations when it loads
    )
    fused.save_model_to_file(str(path))


def _quantize(path: Path) -> None:
    """Dynamic int8 quantization of the weights (per output channel), written over the file."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantized = path.with_name(path.name + ".int8")
    try:
        # The fused graph's contrib operators have no shape inference: their outputs are float32.
        quantize_dynamic(
            str(path),
            str(quantized),
            per_channel=True,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": 1},
        )
        os.replace(quantized, path)
    finally:
        quantized.unlink(missing_ok=True)


CHECK_SENTENCES = (
    "I wanted to ship it faster because the old way kept breaking.",
    "We moved the whole team over to the new tool last spring.",
    "Honestly, the pricing page was the part that confused everyone.",
    "ok",
    "",
)
CHECK_MIN_COSINE = 0.99


def _check_against_torch(directory: Path, path: Path, model: Any) -> None:
    """The exported file must give the PyTorch model's vectors (cosine >= 0.99) on a few sentences."""
    reference = normalise(model.encode(list(CHECK_SENTENCES), convert_to_numpy=True, normalize_embeddings=True))
    vectors = OnnxEmbedder.from_file(path, directory).embed(list(CHECK_SENTENCES))
    cosines = (vectors * reference).sum(axis=1)
    if float(cosines.min()) < CHECK_MIN_COSINE:
        raise ModelExportError(
            f"the ONNX export of {directory} does not match the PyTorch model (cosine {float(cosines.min()):.4f})"
        )


def _level(name: str) -> Any:
    import onnxruntime as ort

    levels = {
        "disable": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
        "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
        "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
        "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
    }
    if name not in levels:
        raise ValueError(f"optimization must be one of {', '.join(OPTIMIZATION_LEVELS)}, not {name!r}")
    return levels[name]


class OnnxEmbedder:
    """A sentence-transformers model exported to ONNX and run by ONNX Runtime on the CPU (the CPU default)."""

    def __init__(
        self,
        model: str,
        *,
        path: str,
        cache_dir: Path,
        batch_size: int = 64,
        variant: str = DEFAULT_VARIANT,
        optimization: str = "all",
        threads: int = 0,
    ):
        directory = Path(path)
        if onnx_layout(directory) is None:
            raise ModelNotFoundError(f"embedding model {model!r} at {path} cannot run on ONNX Runtime")
        onnx_path = onnx_model_for(directory, cache_dir, model, variant)
        self._setup(onnx_path, directory, batch_size=batch_size, optimization=optimization, threads=threads)
        self.name = model
        self.variant = variant

    @classmethod
    def from_file(
        cls, onnx_path: Path, directory: Path, *, batch_size: int = 64, optimization: str = "all", threads: int = 0
    ) -> OnnxEmbedder:
        """An embedder over an ONNX file already made (the export's check, benchmarks)."""
        self = cls.__new__(cls)
        self._setup(onnx_path, directory, batch_size=batch_size, optimization=optimization, threads=threads)
        self.name = directory.name
        self.variant = "file"
        return self

    def _setup(self, onnx_path: Path, directory: Path, *, batch_size: int, optimization: str, threads: int) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        layout = onnx_layout(directory)
        if layout is None:
            raise ModelNotFoundError(f"{directory} cannot run on ONNX Runtime")
        options = ort.SessionOptions()
        options.graph_optimization_level = _level(optimization)
        options.intra_op_num_threads = threads
        # Idle pool threads sleep instead of spinning: on shared cores spinning burns CPU other work needs (the
        # same reason as OMP_WAIT_POLICY=PASSIVE for PyTorch).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        # Padded positions are masked out, so the pad id only has to be a valid token.
        self._pad_id = int((tokenizer.padding or {}).get("pad_id", 0))
        # The file may carry its own fixed padding and a shorter truncation; sentence-transformers pads each batch
        # to its longest text and truncates at the model's max_seq_length.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=int(layout["max_length"]))
        self._tokenizer = tokenizer
        self.batch_size = batch_size
        self.onnx_path = onnx_path
        self.dimension = int(self._session.get_outputs()[0].shape[-1])
        self.precision = "float32"

    def tokenize(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text as sentence-transformers makes them (stripped, special tokens, truncated)."""
        return [encoding.ids for encoding in self._tokenizer.encode_batch([str(t).strip() for t in texts])]

    def _run(self, ids: list[list[int]]) -> np.ndarray:
        width = max(len(row) for row in ids)
        input_ids = np.full((len(ids), width), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for i, row in enumerate(ids):
            input_ids[i, : len(row)] = row
            mask[i, : len(row)] = 1
        (vectors,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)

    def embed(self, texts: Sequence[str], *, progress: Callable[[float], None] | None = None) -> np.ndarray:
        return embed_by_length(texts, self.dimension, self.batch_size * 8, self._encode, progress)

    def _encode(self, texts: list[str]) -> np.ndarray:
        """One chunk's vectors in its order, batched by token count so each batch pads little."""
        ids = self.tokenize(texts)
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        by_tokens = np.argsort([len(row) for row in ids], kind="stable")
        for start in range(0, len(texts), self.batch_size):
            part = by_tokens[start : start + self.batch_size]
            out[part] = self._run([ids[i] for i in part])
        return out
