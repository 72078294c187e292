"""2-D maps of embeddings: principal axes and a scale that keeps distances comparable."""

from __future__ import annotations

import numpy as np


def pca_2d(vectors: np.ndarray) -> tuple[np.ndarray, tuple[float, float]]:
    """Project rows onto their two principal axes; returns (n, 2) coordinates and each axis's variance share."""
    n = len(vectors)
    if n < 3:
        return np.zeros((n, 2), dtype=np.float32), (0.0, 0.0)
    from threadpoolctl import threadpool_limits

    centred = vectors.astype(np.float64) - vectors.mean(axis=0)
    # The d x d covariance (d = 384) is cheaper to decompose than the n x d data matrix for n in the thousands.
    # One BLAS thread: this small problem took 30 ms on one thread and 1.5-4.6 s when BLAS threads spun against
    # other work on a busy two-core machine (the jobs page's first map).
    with threadpool_limits(limits=1):
        values, vectors_ = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(values)[::-1][:2]
    axes = vectors_[:, order]
    # Eigenvector signs are arbitrary: fix them so the same data always gives the same picture.
    signs = np.sign(axes[np.abs(axes).argmax(axis=0), [0, 1]])
    axes = axes * np.where(signs == 0, 1.0, signs)
    xy = centred @ axes
    total = float(values.clip(min=0).sum()) or 1.0
    explained = (float(values[order[0]] / total), float(values[order[1]] / total))
    return xy.astype(np.float32), explained


def scale_to_unit(xy: np.ndarray) -> np.ndarray:
    """Fit points into [0, 1] with one factor for both axes, so distances on the map stay comparable."""
    if len(xy) == 0:
        return xy
    low, high = xy.min(axis=0), xy.max(axis=0)
    span = float((high - low).max()) or 1.0
    offset = (span - (high - low)) / 2  # centre the shorter axis
    scaled: np.ndarray = ((xy - low + offset) / span).astype(np.float32)
    return scaled
