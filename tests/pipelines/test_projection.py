"""The 2-D map's projection: deterministic principal axes and one scale for both axes."""

import numpy as np

from pipelines.projection import pca_2d, scale_to_unit


def test_pca_2d_is_deterministic_and_ordered() -> None:
    rng = np.random.default_rng(1)
    data = rng.normal(size=(500, 20)) * np.array([10, 3] + [0.1] * 18)
    xy, explained = pca_2d(data.astype(np.float32))
    again, _ = pca_2d(data.astype(np.float32))
    assert np.array_equal(xy, again)
    assert explained[0] > explained[1] > 0.0 and explained[0] > 0.85
    assert abs(np.corrcoef(xy[:, 0], data[:, 0])[0, 1]) > 0.99
    assert pca_2d(data[:2])[0].shape == (2, 2)


def test_scale_to_unit_keeps_the_aspect() -> None:
    xy = np.array([[0.0, 0.0], [4.0, 1.0], [2.0, 0.5]], dtype=np.float32)
    scaled = scale_to_unit(xy)
    assert scaled.min() >= 0.0 and scaled.max() <= 1.0
    assert np.allclose(scaled[1] - scaled[0], [1.0, 0.25])  # one factor for both axes
    assert np.allclose(scaled[:, 1].mean(), 0.5)  # the shorter axis is centred
    assert len(scale_to_unit(np.zeros((0, 2), np.float32))) == 0
