"""Which device a model runs on: `cpu`, `cuda`, or `auto` (CUDA when a GPU is visible, else CPU)."""

from __future__ import annotations

from functools import lru_cache

DEVICES = ("auto", "cpu", "cuda")


@lru_cache(maxsize=1)
def cuda_available() -> bool:
    """True when a CUDA device is visible (asked of CTranslate2, which is light; PyTorch when it is absent)."""
    try:
        import ctranslate2

        return bool(ctranslate2.get_cuda_device_count() > 0)
    except ImportError:
        pass
    except Exception:  # no driver, or a broken CUDA install: run on CPU
        return False
    try:
        import torch

        return bool(torch.cuda.is_available())
    except Exception:
        return False


def resolve_device(requested: str) -> str:
    """`cpu` or `cuda` for a requested device; `cuda` without a GPU is an error rather than a silent CPU run."""
    if requested not in DEVICES:
        raise ValueError(f"unknown device {requested!r}: use one of {', '.join(DEVICES)}")
    if requested == "auto":
        return "cuda" if cuda_available() else "cpu"
    if requested == "cuda" and not cuda_available():
        raise RuntimeError("VERBATIM_DEVICE=cuda but no CUDA device is visible to CTranslate2 or PyTorch")
    return requested


def whisper_compute_type(device: str) -> str:
    """CTranslate2 precision: float16 on a GPU, int8 on CPU."""
    return "float16" if device == "cuda" else "int8"
