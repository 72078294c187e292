"""Tests for pipelines.audio: each container decodes to 16 kHz mono float32; bad input gets an error code."""

from __future__ import annotations

import struct
import zlib
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from pipelines.audio import AudioError, AudioInfo, decode, probe, sniff_media

av = pytest.importorskip("av")

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "asr"
TONE_HZ = 440.0
SECONDS = 1.5


def _tone(rate: int, channels: int, seconds: float = SECONDS) -> np.ndarray:
    t = np.arange(int(rate * seconds)) / rate
    wave = 0.5 * np.sin(2 * np.pi * TONE_HZ * t)
    return np.repeat(wave[np.newaxis, :], channels, axis=0).astype(np.float32)


def _encode(
    path: Path,
    *,
    codec: str,
    rate: int = 44100,
    channels: int = 2,
    fmt: str | None = None,
    video: bool = False,
    audio: bool = True,
) -> Path:
    """Write a short tone (and optionally a few video frames) with PyAV itself."""
    layout = "stereo" if channels == 2 else "mono"
    with av.open(str(path), mode="w", format=fmt) as out:
        vstream = None
        if video:
            # WebM allows only VP8/VP9/AV1 video; the others take MPEG-4 part 2, which PyAV always ships.
            vstream = out.add_stream("libvpx" if fmt == "webm" else "mpeg4", rate=10)
            vstream.width, vstream.height, vstream.pix_fmt = 64, 48, "yuv420p"
        astream = out.add_stream(codec, rate=rate, layout=layout) if audio else None
        if astream is not None:
            samples = _tone(rate, channels)
            fmt_name = astream.codec_context.format.name
            frame_size = astream.codec_context.frame_size or 1024
            pts = 0
            for begin in range(0, samples.shape[1], frame_size):
                chunk = samples[:, begin : begin + frame_size]
                data = _to_sample_format(chunk, fmt_name)
                frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(data), format=fmt_name, layout=layout)
                frame.sample_rate = rate
                frame.pts = pts
                frame.time_base = Fraction(1, rate)
                pts += chunk.shape[1]
                out.mux(astream.encode(frame))
            out.mux(astream.encode(None))
        if vstream is not None:
            for i in range(int(SECONDS * 10)):
                img = np.full((48, 64, 3), (i * 10) % 255, dtype=np.uint8)
                vframe = av.VideoFrame.from_ndarray(img, format="rgb24")
                out.mux(vstream.encode(vframe))
            out.mux(vstream.encode(None))
    return path


def _to_sample_format(chunk: np.ndarray, fmt_name: str) -> np.ndarray:
    """Float samples (channels, n) to the encoder's sample format: integer scaling, packed or planar."""
    scale = {"s16": 32767, "s32": 2**31 - 1}.get(fmt_name.rstrip("p"))
    dtype = {"s16": np.int16, "s32": np.int32, "flt": np.float32, "dbl": np.float64}[fmt_name.rstrip("p")]
    data = (chunk * scale if scale else chunk).astype(dtype)
    return data if fmt_name.endswith("p") else data.T.reshape(1, -1)


CASES = [
    # (file name, codec, container format, sample rate, channels, video track, sniffed kind)
    ("tone.wav", "pcm_s16le", None, 44100, 2, False, "wav"),
    ("tone.flac", "flac", None, 48000, 2, False, "flac"),
    ("tone.mp3", "libmp3lame", None, 44100, 2, False, "mp3"),
    ("tone.m4a", "aac", "ipod", 44100, 2, False, "m4a"),
    ("tone.aac", "aac", "adts", 22050, 1, False, "aac"),
    ("tone.ogg", "libopus", "ogg", 48000, 2, False, "ogg"),
    ("tone.opus", "libopus", "opus", 48000, 1, False, "ogg"),
    ("tone.webm", "libopus", "webm", 48000, 2, True, "webm"),
    ("tone.mp4", "aac", "mp4", 44100, 2, True, "mp4"),
    ("tone.mov", "aac", "mov", 32000, 1, True, "mov"),
    ("tone.mkv", "flac", "matroska", 16000, 1, True, "mkv"),
]


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("media")
    files: dict[str, Path] = {}
    for name, codec, fmt, rate, channels, video, _ in CASES:
        files[name] = _encode(root / name, codec=codec, fmt=fmt, rate=rate, channels=channels, video=video)
    files["video-only.mp4"] = _encode(root / "video-only.mp4", codec="aac", fmt="mp4", video=True, audio=False)
    return files


def _dominant_hz(samples: np.ndarray, rate: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[int(np.argmax(spectrum))])


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_decode_every_container_to_16k_mono(media: dict[str, Path], case: tuple) -> None:
    name, *_, kind = case
    path = media[name]
    assert sniff_media(path.read_bytes()[:64]) == kind
    samples = decode(path)
    assert samples.dtype == np.float32 and samples.ndim == 1
    # Lossy codecs add priming/padding samples; the length stays within a fraction of a second.
    assert abs(len(samples) / 16000 - SECONDS) < 0.15
    middle = samples[4000:20000]
    assert abs(_dominant_hz(middle, 16000) - TONE_HZ) < 5
    assert 0.25 < float(np.abs(middle).max()) < 0.75


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_probe_describes_the_audio_stream(media: dict[str, Path], case: tuple) -> None:
    name, codec, _, rate, channels, _, _ = case
    info = probe(media[name])
    assert isinstance(info, AudioInfo)
    assert info.sample_rate == rate
    assert info.channels == channels
    assert abs(info.duration - SECONDS) < 0.2
    assert info.codec == codec.removeprefix("lib").replace("mp3lame", "mp3")


def test_decode_keeps_channels_when_asked(media: dict[str, Path]) -> None:
    stereo = decode(media["tone.flac"], mono=False, sample_rate=8000)
    assert stereo.shape[0] == 2 and stereo.dtype == np.float32
    assert abs(stereo.shape[1] / 8000 - SECONDS) < 0.05
    np.testing.assert_allclose(stereo[0], stereo[1], atol=1e-4)


def test_decode_real_recordings() -> None:
    jfk = DATA / "jfk.flac"
    if not jfk.exists():
        pytest.skip("shared data not available")
    samples = decode(jfk)
    assert abs(len(samples) / 16000 - 11.0) < 0.1
    info = probe(jfk)
    assert (info.sample_rate, info.channels, info.codec) == (44100, 2, "flac")
    stereo = decode(DATA / "stereo-two-channel.wav", mono=False)
    assert stereo.shape == (2, 80000)
    # One speaker per channel: the channels differ, and mono is their mean.
    assert not np.allclose(stereo[0], stereo[1])
    np.testing.assert_allclose(decode(DATA / "stereo-two-channel.wav"), stereo.mean(axis=0), atol=1e-6)


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + b"\x80\x80\x80" * 4 for _ in range(4))
    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def _code(path: Path) -> str:
    with pytest.raises(AudioError) as caught:
        decode(path)
    assert caught.value.message and str(caught.value) == caught.value.message
    return caught.value.code


def test_error_codes(tmp_path: Path, media: dict[str, Path]) -> None:
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    assert _code(empty) == "audio_empty"

    header_only = tmp_path / "header-only.wav"
    with av.open(str(header_only), mode="w") as out:
        out.add_stream("pcm_s16le", rate=16000, layout="mono")
    assert _code(header_only) == "audio_empty"

    noise = tmp_path / "noise.bin"
    noise.write_bytes(b"\x00" + np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    assert _code(noise) == "unsupported_media"

    text = tmp_path / "notes.txt"
    text.write_text("MEL: hello\nNICK: hi there\n")
    assert _code(text) == "unsupported_media"

    truncated = tmp_path / "truncated.m4a"
    truncated.write_bytes(media["tone.m4a"].read_bytes()[:48])
    assert _code(truncated) == "audio_corrupt"

    garbage_flac = tmp_path / "garbage.flac"
    garbage_flac.write_bytes(b"fLaC" + bytes(range(256)) * 8)
    assert _code(garbage_flac) == "audio_corrupt"

    assert _code(media["video-only.mp4"]) == "no_audio_stream"
    image = tmp_path / "photo.png"
    image.write_bytes(_png())
    assert _code(image) == "no_audio_stream"
    with pytest.raises(AudioError) as caught:
        probe(media["video-only.mp4"])
    assert caught.value.code == "no_audio_stream"
    assert isinstance(caught.value, ValueError)


def test_truncated_recording_keeps_what_decodes(tmp_path: Path, media: dict[str, Path]) -> None:
    data = media["tone.mp3"].read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(data[: len(data) // 2])
    samples = decode(cut)
    assert 0.5 < len(samples) / 16000 < SECONDS


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "wav"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", None),
        (b"fLaC\x00\x00\x00\x22", "flac"),
        (b"ID3\x04\x00\x00\x00\x00", "mp3"),
        (b"\xff\xfb\x90\x64\x00", "mp3"),
        (b"\xff\xf1\x50\x80\x02", "aac"),
        (b"OggS\x00\x02\x00\x00", "ogg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "m4a"),
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00", "mp4"),
        (b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "mov"),
        (b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "webm"),
        (b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\x82\x88matroska", "mkv"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000", None),
        (b"MEL: So tell me about your work.", None),
        (b'{"segments": []}', None),
        (b"", None),
    ],
)
def test_sniff_media(head: bytes, kind: str | None) -> None:
    assert sniff_media(head) == kind
