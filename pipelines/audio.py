"""Audio decoding with PyAV (no ffmpeg binary): sniff, probe and decode any recording to float32 samples."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE = 16000  # Hz: what every speech model here (Whisper, silero-vad, resemblyzer) takes

# Errors PyAV raises for damaged or foreign input; resolved lazily so importing this module stays cheap.
_AV_ERRORS: tuple[type[BaseException], ...] | None = None


class AudioError(ValueError):
    """A recording that cannot be turned into samples, with a stable error code for the API envelope."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class AudioInfo:
    """What the container says about its first audio stream (duration in seconds, 0.0 when unknown)."""

    duration: float
    sample_rate: int
    channels: int
    codec: str


# The media type each sniffed container is served as: always audio/* or video/*, never what an uploader claimed.
MEDIA_TYPES = {
    "wav": "audio/wav",
    "avi": "video/x-msvideo",
    "flac": "audio/flac",
    "mp3": "audio/mpeg",
    "ogg": "audio/ogg",
    "webm": "video/webm",
    "mkv": "video/x-matroska",
    "m4a": "audio/mp4",
    "mov": "video/quicktime",
    "3gp": "video/3gpp",
    "mp4": "video/mp4",
    "aiff": "audio/aiff",
    "caf": "audio/x-caf",
    "amr": "audio/amr",
    "wma": "audio/x-ms-wma",
    "aac": "audio/aac",
}
# Byte-order marks of Unicode text (UTF-32 before UTF-16: FF FE 00 00 starts with FF FE).
TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe", b"\xfe\xff")


def sniff_media(head: bytes) -> str | None:
    """Name the container from its first bytes (wav, flac, mp3, ogg, m4a, mp4, mov, webm, aac...) or None."""
    if len(head) < 4 or head.startswith(TEXT_BOMS):
        # FF FE (UTF-16 text from Windows tools) would otherwise pass for an MPEG frame sync.
        return None
    if head[:4] == b"RIFF" and len(head) >= 12:
        # RIFF also wraps WebP images; only WAVE (and AVI, which may carry audio) are media we can decode.
        return {b"WAVE": "wav", b"AVI ": "avi"}.get(head[8:12])
    if head[:4] == b"RF64":
        return "wav"
    if head[:4] == b"fLaC":
        return "flac"
    if head[:3] == b"ID3":
        return "mp3"
    if head[:4] == b"OggS":
        return "ogg"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        # The EBML header names its doctype within the first few dozen bytes.
        return "webm" if b"webm" in head[:64] else "mkv"
    if len(head) >= 12 and head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"M4A ", b"M4B ", b"M4P "):
            return "m4a"
        if brand == b"qt  ":
            return "mov"
        if brand[:3] == b"3gp" or brand[:3] == b"3g2":
            return "3gp"
        return "mp4"
    if head[:4] == b"FORM" and len(head) >= 12 and head[8:12] in (b"AIFF", b"AIFC"):
        return "aiff"
    if head[:4] == b"caff":
        return "caf"
    if head[:5] == b"#!AMR":
        return "amr"
    if head[:4] == b"\x30\x26\xb2\x75":
        return "wma"
    if head[0] == 0xFF and len(head) >= 2:
        second = head[1]
        # ADTS (AAC) has layer bits 00; MPEG audio frames have a non-zero layer after the 11-bit sync.
        if second & 0xF6 == 0xF0:
            return "aac"
        if second & 0xE0 == 0xE0 and (second >> 1) & 0x03 != 0:
            return "mp3"
    return None


def _av_errors() -> tuple[type[BaseException], ...]:
    global _AV_ERRORS
    if _AV_ERRORS is None:
        import av

        _AV_ERRORS = (av.FFmpegError, EOFError, OSError, ValueError)
    return _AV_ERRORS


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(64)
    except FileNotFoundError as exc:
        raise AudioError("audio_empty", f"{path.name}: file not found") from exc


def _open(path: str | os.PathLike[str]) -> tuple[Any, Any]:  # av.container.InputContainer, av.AudioStream
    """Open the container and pick its first audio stream, mapping every failure to an AudioError."""
    import av

    path = Path(path)
    head = _head(path)
    if not head:
        raise AudioError("audio_empty", f"{path.name} is empty (0 bytes)")
    kind = sniff_media(head)
    try:
        container = av.open(str(path), mode="r", metadata_errors="ignore")
    except _av_errors() as exc:
        if kind is None:
            raise AudioError("unsupported_media", f"{path.name} is not an audio or video file") from exc
        raise AudioError("audio_corrupt", f"{path.name} looks like {kind} but cannot be read: {exc}") from exc
    if not container.streams.audio:
        has_video = bool(container.streams.video)
        container.close()
        what = "video or image" if has_video else "file"
        raise AudioError("no_audio_stream", f"{path.name} is a {what} with no audio track")
    stream = container.streams.audio[0]
    return container, stream


def _stream_duration(container: Any, stream: Any) -> float:
    if stream.duration is not None and stream.time_base is not None:
        return float(stream.duration * stream.time_base)
    if container.duration is not None:
        import av

        return float(container.duration / av.time_base)
    return 0.0


def probe(path: str | os.PathLike[str]) -> AudioInfo:
    """Describe the first audio stream of a recording without decoding it."""
    container, stream = _open(path)
    try:
        duration = _stream_duration(container, stream)
        if duration <= 0.0:
            # Some muxers (raw ADTS, live WebM) store no duration: read packet times, which costs no decoding.
            end = 0.0
            try:
                for packet in container.demux(stream):
                    if packet.pts is not None and packet.time_base is not None:
                        end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
            except _av_errors():
                pass
            duration = end
        ctx = stream.codec_context
        return AudioInfo(
            duration=max(0.0, duration),
            sample_rate=int(ctx.sample_rate or stream.sample_rate or 0),
            channels=int(ctx.channels or 0),
            # The codec's canonical name ("mp3"), not the decoder's ("mp3float").
            codec=str(ctx.codec.canonical_name),
        )
    finally:
        container.close()


class _Growable:
    """A (channels, n) float32 buffer that doubles when full, so peak memory stays near the output size."""

    def __init__(self, channels: int, capacity: int):
        self.data = np.empty((channels, max(capacity, 1024)), dtype=np.float32)
        self.size = 0

    def append(self, block: np.ndarray) -> None:
        n = block.shape[1]
        if self.size + n > self.data.shape[1]:
            grown = np.empty((self.data.shape[0], max(2 * self.data.shape[1], self.size + n)), dtype=np.float32)
            grown[:, : self.size] = self.data[:, : self.size]
            self.data = grown
        self.data[:, self.size : self.size + n] = block
        self.size += n

    def result(self) -> np.ndarray:
        if self.size == self.data.shape[1]:
            return self.data
        if self.data.shape[0] == 1:
            # One channel: a view is contiguous, and the unused tail was never written, so it is not resident
            # (a copy held the recording twice at the end of decoding: 460 MB at an hour).
            return self.data[:, : self.size]
        return self.data[:, : self.size].copy()


def decode(path: str | os.PathLike[str], *, sample_rate: int = SAMPLE_RATE, mono: bool = True) -> np.ndarray:
    """Decode the first audio stream to float32 at sample_rate: shape (n,) when mono, else (channels, n)."""
    import av

    name = Path(path).name
    container, stream = _open(path)
    try:
        stream.thread_type = "AUTO"
        channels = int(stream.codec_context.channels or 1)
        # Keep the source layout (planar float) and average channels ourselves: swresample's downmix
        # coefficients depend on the layout, a plain mean is predictable for speech.
        resampler = av.AudioResampler(format="fltp", layout=None, rate=sample_rate)
        estimate = int(_stream_duration(container, stream) * sample_rate * 1.02) + sample_rate
        out = _Growable(1 if mono else channels, estimate)
        errors = 0
        last_error: BaseException | None = None

        def add(frames: Any) -> None:
            for frame in frames:
                block = frame.to_ndarray()
                if block.ndim == 1:
                    block = block[np.newaxis, :]
                if mono:
                    block = block.mean(axis=0, keepdims=True, dtype=np.float32) if block.shape[0] > 1 else block
                elif block.shape[0] != out.data.shape[0]:
                    # A stream that changes channel count mid-way: keep the first layout's width.
                    block = _fit_channels(block, out.data.shape[0])
                out.append(block)

        try:
            packets = container.demux(stream)
            for packet in packets:
                try:
                    frames = packet.decode()
                except _av_errors() as exc:
                    # One damaged packet (a truncated upload, a glitch) should not lose the whole recording.
                    errors += 1
                    last_error = exc
                    continue
                for frame in frames:
                    add(resampler.resample(frame))
        except _av_errors() as exc:
            errors += 1
            last_error = exc
        try:
            add(resampler.resample(None))
        except _av_errors() as exc:
            errors += 1
            last_error = exc
    finally:
        container.close()
    if out.size == 0:
        if errors:
            raise AudioError("audio_corrupt", f"{name}: no audio could be decoded ({last_error})")
        raise AudioError("audio_empty", f"{name} contains no audio samples")
    samples = out.result()
    if not np.isfinite(samples).all():
        samples = np.nan_to_num(samples, nan=0.0, posinf=1.0, neginf=-1.0)
    return samples[0] if mono else samples


def _fit_channels(block: np.ndarray, channels: int) -> np.ndarray:
    if block.shape[0] > channels:
        return block[:channels]
    return np.concatenate([block, np.repeat(block[-1:], channels - block.shape[0], axis=0)], axis=0)
