"""CTranslate2 Whisper weights -> an openai-whisper checkpoint (`verbatim convert-model`, and the openai-whisper
backend when it is given CTranslate2 weights)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.whisper_models import default_cache_dir, read_ct2_variables


def _split_fused(weight: np.ndarray, parts: int) -> list[np.ndarray]:
    return list(np.split(weight, parts, axis=0))


def convert_ct2_to_openai(ct2_dir: str | os.PathLike[str], out_path: str | os.PathLike[str]) -> Path:
    """Write an openai-whisper checkpoint (dims + fp16 state_dict) holding the CTranslate2 model's weights."""
    import torch

    ct2_dir = Path(ct2_dir)
    variables = read_ct2_variables(ct2_dir / "model.bin")
    if any(name.endswith("weight_scale") for name in variables):
        raise ValueError(f"{ct2_dir} holds quantized weights; convert a float16/float32 CTranslate2 model")
    config = json.loads((ct2_dir / "config.json").read_text()) if (ct2_dir / "config.json").is_file() else {}

    def layers(prefix: str) -> int:
        pattern = re.compile(rf"^{prefix}/layer_(\d+)/")
        return 1 + max(int(m.group(1)) for name in variables if (m := pattern.match(name)))

    def heads(prefix: str) -> int:
        return int(np.asarray(variables[f"{prefix}/num_heads"]).item())

    state: dict[str, np.ndarray] = {}

    def linear(src: str, dst: str, *, bias: bool = True) -> None:
        state[f"{dst}.weight"] = variables[f"{src}/weight"]
        if bias:
            state[f"{dst}.bias"] = variables[f"{src}/bias"]

    def norm(src: str, dst: str) -> None:
        state[f"{dst}.weight"] = variables[f"{src}/gamma"]
        state[f"{dst}.bias"] = variables[f"{src}/beta"]

    def self_attention(src: str, dst: str) -> None:
        # CTranslate2 fuses q, k, v into one projection; Whisper's key has no bias (zero in the fused one).
        query, key, value = _split_fused(variables[f"{src}/linear_0/weight"], 3)
        query_bias, _, value_bias = _split_fused(variables[f"{src}/linear_0/bias"], 3)
        state.update({f"{dst}.query.weight": query, f"{dst}.key.weight": key, f"{dst}.value.weight": value})
        state.update({f"{dst}.query.bias": query_bias, f"{dst}.value.bias": value_bias})
        linear(f"{src}/linear_1", f"{dst}.out")

    def cross_attention(src: str, dst: str) -> None:
        linear(f"{src}/linear_0", f"{dst}.query")
        key, value = _split_fused(variables[f"{src}/linear_1/weight"], 2)
        _, value_bias = _split_fused(variables[f"{src}/linear_1/bias"], 2)
        state.update({f"{dst}.key.weight": key, f"{dst}.value.weight": value, f"{dst}.value.bias": value_bias})
        linear(f"{src}/linear_2", f"{dst}.out")

    def ffn(src: str, dst: str) -> None:
        norm(f"{src}/layer_norm", f"{dst}.mlp_ln")
        linear(f"{src}/linear_0", f"{dst}.mlp.0")
        linear(f"{src}/linear_1", f"{dst}.mlp.2")

    n_audio_layer, n_text_layer = layers("encoder"), layers("decoder")
    linear("encoder/conv1", "encoder.conv1")
    linear("encoder/conv2", "encoder.conv2")
    state["encoder.positional_embedding"] = variables["encoder/position_encodings/encodings"]
    for i in range(n_audio_layer):
        src, dst = f"encoder/layer_{i}", f"encoder.blocks.{i}"
        self_attention(f"{src}/self_attention", f"{dst}.attn")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        ffn(f"{src}/ffn", dst)
    norm("encoder/layer_norm", "encoder.ln_post")

    state["decoder.token_embedding.weight"] = variables["decoder/embeddings/weight"]
    state["decoder.positional_embedding"] = variables["decoder/position_encodings/encodings"]
    for i in range(n_text_layer):
        src, dst = f"decoder/layer_{i}", f"decoder.blocks.{i}"
        self_attention(f"{src}/self_attention", f"{dst}.attn")
        norm(f"{src}/self_attention/layer_norm", f"{dst}.attn_ln")
        cross_attention(f"{src}/attention", f"{dst}.cross_attn")
        norm(f"{src}/attention/layer_norm", f"{dst}.cross_attn_ln")
        ffn(f"{src}/ffn", dst)
    norm("decoder/layer_norm", "decoder.ln")

    conv1 = variables["encoder/conv1/weight"]
    encoder_pos = variables["encoder/position_encodings/encodings"]
    decoder_pos = variables["decoder/position_encodings/encodings"]
    dims = {
        "n_mels": int(conv1.shape[1]),
        "n_audio_ctx": int(encoder_pos.shape[0]),
        "n_audio_state": int(encoder_pos.shape[1]),
        "n_audio_head": heads("encoder"),
        "n_audio_layer": n_audio_layer,
        "n_vocab": int(variables["decoder/embeddings/weight"].shape[0]),
        "n_text_ctx": int(decoder_pos.shape[0]),
        "n_text_state": int(decoder_pos.shape[1]),
        "n_text_head": heads("decoder"),
        "n_text_layer": n_text_layer,
    }
    # fp16 like OpenAI's own checkpoints; the model casts to fp32 when it loads on CPU.
    tensors = {key: torch.from_numpy(np.array(value, dtype=np.float16)) for key, value in state.items()}
    checkpoint = {
        "dims": dims,
        "model_state_dict": tensors,
        "alignment_heads": [list(map(int, pair)) for pair in config.get("alignment_heads") or []],
    }
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    torch.save(checkpoint, tmp)
    os.replace(tmp, out_path)
    return out_path


def openai_checkpoint_for(ct2_dir: str | os.PathLike[str], cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """Convert a CTranslate2 Whisper directory to an openai-whisper checkpoint once, and return its path."""
    ct2_dir = Path(ct2_dir).resolve()
    stat = (ct2_dir / "model.bin").stat()
    key = hashlib.sha1(f"{ct2_dir}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    out = Path(cache_dir or default_cache_dir()) / "openai-whisper" / f"{ct2_dir.name}-{key}.pt"
    if not out.is_file():
        convert_ct2_to_openai(ct2_dir, out)
    return out


def load_openai_checkpoint(path: Path, device: str = "cpu") -> Any:
    import torch
    from whisper.model import ModelDimensions, Whisper

    checkpoint = torch.load(path, map_location=device, weights_only=True)
    dims = ModelDimensions(**checkpoint["dims"])
    model = Whisper(dims)
    model.load_state_dict(checkpoint["model_state_dict"])
    heads = checkpoint.get("alignment_heads") or []
    if heads:
        # Word timestamps read these cross-attention heads; Whisper only knows them for its named downloads.
        mask = torch.zeros(dims.n_text_layer, dims.n_text_head, dtype=torch.bool)
        for layer, head in heads:
            mask[layer, head] = True
        model.register_buffer("alignment_heads", mask.to_sparse(), persistent=False)
    return model.to(device).eval()
