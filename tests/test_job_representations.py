"""The representation benchmark's transforms and scores, on vectors made up here."""

import numpy as np

from tests.benchmarks.job_representations import abtt, separation, whitening


def _corpus(seed: int = 0) -> np.ndarray:
    """Anisotropic vectors: a large shared offset and one dominant direction, as sentence embeddings have."""
    rng = np.random.default_rng(seed)
    points = rng.normal(size=(400, 8))
    points[:, 0] *= 10.0
    return points + 5.0


def test_all_but_the_top_takes_away_the_mean_and_the_top_component() -> None:
    corpus = _corpus()
    out = abtt(corpus, 1)(corpus)
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0)
    # The dominant direction (the first axis) is gone, and what is left is centred.
    assert np.abs(out[:, 0]).max() < 0.1
    assert np.linalg.norm(out.mean(axis=0)) < 0.2


def test_whitening_gives_every_kept_component_the_same_spread() -> None:
    corpus = _corpus()
    out = whitening(corpus)(corpus)
    spread = out.std(axis=0)
    assert spread.max() / spread.min() < 1.5
    assert whitening(corpus, 3)(corpus).shape == (400, 3)


def test_separation_scores_well_separated_jobs_fully_and_mixed_ones_low() -> None:
    rng = np.random.default_rng(1)
    jobs = np.repeat(np.array(["a", "b", "c"]), 10)
    cores = np.repeat(np.array(["x", "x", "y"]), 10)
    centres = np.eye(6)[:3] * 10
    apart = centres[np.repeat(np.arange(3), 10)] + rng.normal(scale=0.1, size=(30, 6))
    got = separation(apart, jobs, cores)
    assert got["nearest"] == 1.0 and got["nmi jobs"] > 0.99 and got["found jobs"] == 3.0
    assert got["found cores"] == 2.0
    mixed = separation(rng.normal(size=(30, 6)), jobs, cores)
    assert mixed["nmi jobs"] < 0.5 and mixed["nearest"] < 0.8
