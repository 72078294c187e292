"""The representation benchmark's transforms and scores, on vectors made up here."""

import numpy as np

from tests.benchmarks.job_representations import (
    abtt,
    lemma_counts,
    lexical,
    pooled,
    pooled_vectors,
    separation,
    whitening,
)


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
    nobody = np.zeros((30, 30), bool)
    got = separation(apart, jobs, cores, nobody)
    assert got["nearest"] == 1.0 and got["nearest other turn"] == 1.0
    assert got["nmi jobs"] > 0.99 and got["found jobs"] == 3.0
    assert got["found cores"] == 2.0
    mixed = separation(rng.normal(size=(30, 6)), jobs, cores, nobody)
    assert mixed["nmi jobs"] < 0.5 and mixed["nearest"] < 0.8


def test_separation_across_turns_skips_quotes_of_the_same_turn() -> None:
    # Quotes 0 (job a) and 1 (job b) share a turn and nearly coincide: each other's nearest, both wrong; across
    # turns 0's nearest is 2 (a, right). 2 and 3 are nearest to 1 and 0, wrong either way.
    angles = np.array([0.0, 0.01, 0.04, -0.05])
    vectors = np.column_stack([np.cos(angles), np.sin(angles)])
    jobs, cores = np.array(["a", "b", "a", "b"]), np.array(["x", "y", "x", "y"])
    same_turn = np.zeros((4, 4), bool)
    same_turn[0, 1] = same_turn[1, 0] = True
    got = separation(vectors, jobs, cores, same_turn)
    assert got["nearest"] == 0.0
    assert got["nearest other turn"] == 0.25


def test_pooling_stays_inside_the_turn_and_its_reach() -> None:
    counts = [{"a": 1}, {"b": 1}, {"c": 1}, {"d": 1}, {"e": 1}]
    turns = [7, 7, 7, 7, 8]
    assert pooled(counts, turns, None)[0] == {"a": 1, "b": 1, "c": 1, "d": 1}
    assert pooled(counts, turns, 1)[1] == {"a": 1, "b": 1, "c": 1}
    assert pooled(counts, turns, 2)[4] == {"e": 1}
    vectors = np.eye(5)
    assert np.allclose(pooled_vectors(vectors, turns, 1)[0], np.array([1, 1, 0, 0, 0]) / np.sqrt(2))


def test_lemma_counts_keep_content_words_in_base_form() -> None:
    (counts,) = lemma_counts(["The servers were failing and we had no money for it."])
    assert counts == {"server": 1, "fail": 1, "money": 1}


def test_lexical_rows_are_near_when_they_share_rare_words() -> None:
    corpus = [{"grant": 1, "write": 1}, {"grant": 2}, {"test": 1, "write": 1}, {"test": 1}, {"cdn": 1}, {"cost": 1}]
    fit = lexical(corpus)
    tfidf = fit(corpus, None)
    assert np.allclose(np.linalg.norm(tfidf, axis=1), 1.0)
    assert tfidf[0] @ tfidf[1] > tfidf[0] @ tfidf[2] > tfidf[0] @ tfidf[4]
    assert fit(corpus, 3).shape == (6, 3)
