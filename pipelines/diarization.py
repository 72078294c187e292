"""Speaker diarization: who spoke when, from voices (silero-vad + resemblyzer) or one speaker per channel."""

from __future__ import annotations

import math
import re
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from pipelines import vad
from pipelines.audio import SAMPLE_RATE
from pipelines.types import SpeakerSegment, Turn, Word

FRAME_S = 0.01  # resemblyzer's mel hop, reused as the time grid for labels and scoring
_FRAME = int(SAMPLE_RATE * FRAME_S)
_MEL_WINDOW = 400  # resemblyzer's 25 ms mel window, centred on each frame
_MEL_BLOCK_FRAMES = 6000  # one minute of mel frames per STFT: an hour in one call took ~1 GB of spectra

_lock = threading.Lock()
_models: dict[str, Any] = {}


class Diarizer(Protocol):
    def diarize(
        self,
        audio: np.ndarray,
        *,
        min_speakers: int | None = None,
        max_speakers: int | None = None,
        progress: Callable[[float], None] | None = None,
        speech: vad.SpeechProbabilities | None = None,
    ) -> list[SpeakerSegment]: ...


def speaker_label(index: int) -> str:
    """Return the anonymous label for the zero-based speaker index ('SPEAKER_1' for 0)."""
    return f"SPEAKER_{index + 1}"


# --------------------------------------------------------------------------- models


def _resemblyzer() -> Any:
    """Import resemblyzer, whose webrtcvad dependency warns about pkg_resources on every import."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        import resemblyzer
    return resemblyzer


def _encoder(device: str) -> Any:
    """Return the shared resemblyzer VoiceEncoder for DEVICE, loaded once per process."""
    key = f"encoder:{device}"
    with _lock:
        if key not in _models:
            _models[key] = _resemblyzer().VoiceEncoder(device=device, verbose=False)
        return _models[key]


def _as_mono(audio: np.ndarray) -> np.ndarray:
    """Check and return AUDIO as a contiguous 1-D float32 array."""
    audio = np.asarray(audio)
    if audio.ndim != 1:
        raise ValueError(f"expected mono audio (1-D), got shape {audio.shape}")
    return np.ascontiguousarray(audio, dtype=np.float32)


def speech_regions(
    audio: np.ndarray,
    *,
    threshold: float = 0.5,
    min_speech_s: float = 0.25,
    min_silence_s: float = 0.1,
    pad_s: float = 0.03,
    progress: Callable[[float], None] | None = None,
    speech: vad.SpeechProbabilities | None = None,
) -> list[tuple[float, float]]:
    """Return (start, end) seconds of speech in 16 kHz mono AUDIO, found by silero-vad (or from its SPEECH
    probabilities for this audio, when the caller already has them)."""
    # faster-whisper's copy of silero-vad v6 (ONNX) scores 10,000 windows of 32 ms per call; the silero-vad
    # package's loop of one model call per window took 4.5-6 s of CPU per 5 minutes of audio here (this: ~1 s),
    # with the same DER on two-speaker-call.wav (tests/benchmarks/recording_speed.py).
    audio = _as_mono(audio)
    if audio.size < vad.WINDOW:
        return []
    if speech is None:
        speech = vad.speech_probabilities(audio)
    elif speech.samples != audio.size:
        raise ValueError(f"speech probabilities are for {speech.samples} samples, the audio has {audio.size}")
    options = vad.VadOptions(
        threshold=threshold,
        min_speech_duration_ms=int(min_speech_s * 1000),
        min_silence_duration_ms=int(min_silence_s * 1000),
        speech_pad_ms=int(pad_s * 1000),
    )
    stamps = vad.speech_spans(speech, options)
    if progress is not None:
        progress(1.0)
    return [(s["start"] / SAMPLE_RATE, s["end"] / SAMPLE_RATE) for s in stamps]


# --------------------------------------------------------------------------- voice diarization


class VoiceDiarizer:
    """Diarize one mixed channel: silero-vad speech, resemblyzer window embeddings, spectral clustering."""

    def __init__(
        self,
        *,
        window_s: float = 1.5,
        hop_s: float = 0.75,
        min_window_s: float = 0.4,
        min_cluster_window_s: float = 1.0,
        vad_threshold: float = 0.5,
        max_speakers: int = 8,
        merge_similarity: float = 0.94,
        min_turn_s: float = 0.5,
        max_cluster_points: int = 800,
        device: str = "cpu",
        batch_size: int = 64,
    ):
        self.window_s = window_s
        self.hop_s = hop_s
        self.min_window_s = min_window_s
        self.min_cluster_window_s = min_cluster_window_s
        self.vad_threshold = vad_threshold
        self.max_speakers = max_speakers
        self.merge_similarity = merge_similarity
        self.min_turn_s = min_turn_s
        self.max_cluster_points = max_cluster_points
        self.device = device
        self.batch_size = batch_size

    def diarize(
        self,
        audio: np.ndarray,
        *,
        min_speakers: int | None = None,
        max_speakers: int | None = None,
        progress: Callable[[float], None] | None = None,
        speech: vad.SpeechProbabilities | None = None,
    ) -> list[SpeakerSegment]:
        """Return speaker segments of 16 kHz mono AUDIO, labelled SPEAKER_1.. in order of first appearance.

        SPEECH: silero's probabilities for this audio when the caller has them (the transcriber uses them too)."""
        audio = _as_mono(audio)
        lo, hi = _speaker_bounds(min_speakers, max_speakers, self.max_speakers)
        report = progress or (lambda _fraction: None)
        report(0.0)
        regions = speech_regions(audio, threshold=self.vad_threshold, progress=lambda f: report(0.3 * f), speech=speech)
        n_frames = int(math.ceil(audio.size / _FRAME))
        is_speech = np.zeros(n_frames, dtype=bool)
        frame_regions = []
        for start, end in regions:
            first, last = int(round(start / FRAME_S)), min(n_frames, int(round(end / FRAME_S)))
            if last > first:
                is_speech[first:last] = True
                frame_regions.append((first, last))
        if not frame_regions:
            report(1.0)
            return []

        windows = self._windows(frame_regions)
        embeddings = self._embed(audio, windows, lambda f: report(0.3 + 0.6 * f))
        labels = self._cluster(windows, embeddings, lo, hi)
        frame_labels = _frame_labels(windows, embeddings, labels, is_speech)
        frame_labels = _smooth(frame_labels, int(round(self.min_turn_s / FRAME_S)))
        report(1.0)
        return _segments(frame_labels)

    def _windows(self, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Return (start, end) frame windows covering each speech region, window_s long every hop_s."""
        win = int(round(self.window_s / FRAME_S))
        hop = int(round(self.hop_s / FRAME_S))
        shortest = int(round(self.min_window_s / FRAME_S))
        windows: list[tuple[int, int]] = []
        for first, last in regions:
            if last - first <= win:
                # A short region gets one window centred on it, widened to the minimum an embedding needs.
                width = max(last - first, shortest)
                begin = max(0, (first + last) // 2 - width // 2)
                windows.append((begin, begin + width))
                continue
            starts = list(range(first, last - win + 1, hop))
            if starts[-1] + win < last:
                starts.append(last - win)  # the tail of the region gets its own window, aligned to its end
            windows.extend((begin, begin + win) for begin in starts)
        return windows

    def _embed(
        self, audio: np.ndarray, windows: list[tuple[int, int]], progress: Callable[[float], None]
    ) -> np.ndarray:
        """Return one L2-normalised resemblyzer embedding per frame window."""
        import torch

        encoder = _encoder(self.device)
        mel = _mel_frames(audio)
        needed = max(end for _, end in windows)
        if mel.shape[0] < needed:
            mel = np.pad(mel, ((0, needed - mel.shape[0]), (0, 0)))
        out = np.zeros((len(windows), 256), dtype=np.float32)
        by_length: dict[int, list[int]] = {}
        for i, (first, last) in enumerate(windows):
            by_length.setdefault(last - first, []).append(i)
        done = 0
        with torch.inference_mode():
            # The LSTM needs equal lengths within a batch; nearly all windows share the full length.
            for length, indices in sorted(by_length.items()):
                for begin in range(0, len(indices), self.batch_size):
                    batch = indices[begin : begin + self.batch_size]
                    mels = np.stack([mel[windows[i][0] : windows[i][0] + length] for i in batch])
                    out[batch] = encoder(torch.from_numpy(mels).to(encoder.device)).cpu().numpy()
                    done += len(batch)
                    progress(done / len(windows))
        return _unit_rows(out)

    def _cluster(self, windows: list[tuple[int, int]], embeddings: np.ndarray, lo: int, hi: int) -> np.ndarray:
        """Cluster the long windows, then give every window the speaker whose centroid it is closest to."""
        lengths = np.array([last - first for first, last in windows])
        # Sub-second windows embed poorly and form junk clusters of their own, so they only join afterwards.
        long = np.flatnonzero(lengths >= int(round(self.min_cluster_window_s / FRAME_S)))
        if long.size < 2:
            long = np.arange(len(windows))
        if long.size > self.max_cluster_points:
            # Spectral clustering is cubic in the points; an even subsample keeps long recordings tractable.
            long = long[np.linspace(0, long.size - 1, self.max_cluster_points).round().astype(int)]
        labels = cluster_embeddings(
            embeddings[long], min_speakers=lo, max_speakers=hi, merge_similarity=self.merge_similarity
        )
        centroids = _centroids(embeddings[long], labels)
        nearest = np.argmax(embeddings @ centroids.T, axis=1)
        return np.unique(nearest, return_inverse=True)[1]  # a cluster that won no window disappears


def _mel_frames(audio: np.ndarray) -> np.ndarray:
    """resemblyzer's mel spectrogram (frames x 40) of volume-normalised AUDIO, one minute of frames at a time:
    the same frames as `wav_to_mel_spectrogram(normalize_volume(audio, -30, increase_only=True))`, without a gained
    copy of the recording or the whole recording's STFT in memory."""
    resemblyzer = _resemblyzer()
    # resemblyzer was trained on volume-normalised speech (-30 dBFS, only ever raised); a gain never moves a boundary.
    int16_max = 2**15 - 1
    squares = sum(float(np.dot(block, block)) for block in _blocks(audio, 1 << 22))
    rms = math.sqrt(squares / max(audio.size, 1)) * int16_max
    change = -30 - 20 * math.log10(rms / int16_max) if rms > 0 else 0.0
    gain = 10 ** (change / 20) if change > 0 else 1.0
    n_frames = 1 + audio.size // _FRAME  # librosa's centred frames
    half = _MEL_WINDOW // 2
    out = np.empty((n_frames, 40), dtype=np.float32)
    for first in range(0, n_frames, _MEL_BLOCK_FRAMES):
        last = min(n_frames, first + _MEL_BLOCK_FRAMES)
        # Frame t covers samples [t * hop - 200, t * hop + 200); outside the recording is zero (librosa's padding).
        begin, end = first * _FRAME - half, (last - 1) * _FRAME + half
        piece = np.zeros(end - begin, dtype=np.float32)
        lo, hi = max(begin, 0), min(end, audio.size)
        piece[lo - begin : hi - begin] = audio[lo:hi] * np.float32(gain) if gain != 1.0 else audio[lo:hi]
        out[first:last] = _mel(resemblyzer, piece)
    return out


def _mel(resemblyzer: Any, samples: np.ndarray) -> np.ndarray:
    import librosa

    frames = librosa.feature.melspectrogram(
        y=samples,
        sr=SAMPLE_RATE,
        n_fft=_MEL_WINDOW,
        hop_length=_FRAME,
        n_mels=resemblyzer.hparams.mel_n_channels,
        center=False,
    )
    mel: np.ndarray = frames.astype(np.float32).T
    return mel


def _blocks(audio: np.ndarray, size: int) -> list[np.ndarray]:
    return [audio[i : i + size] for i in range(0, audio.size, size)]


def _speaker_bounds(min_speakers: int | None, max_speakers: int | None, default_max: int) -> tuple[int, int]:
    """Validate the caller's speaker bounds and fill in defaults."""
    lo = 1 if min_speakers is None else int(min_speakers)
    hi = max(default_max, lo) if max_speakers is None else int(max_speakers)
    if lo < 1 or hi < 1:
        raise ValueError("min_speakers and max_speakers must be at least 1")
    if lo > hi:
        raise ValueError(f"min_speakers ({lo}) is greater than max_speakers ({hi})")
    return lo, hi


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    rows: np.ndarray = (vectors / norms).astype(np.float32)
    return rows


def _centroids(embeddings: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Unit-length mean embedding of each label 0..max."""
    return _unit_rows(np.stack([embeddings[labels == c].mean(axis=0) for c in range(int(labels.max()) + 1)]))


def cluster_embeddings(
    embeddings: np.ndarray,
    *,
    min_speakers: int = 1,
    max_speakers: int = 8,
    merge_similarity: float = 0.94,
    min_cluster_share: float = 0.03,
) -> np.ndarray:
    """Label unit rows by speaker: auto-tuned spectral clustering, then merging clusters that sound alike."""
    n = embeddings.shape[0]
    hi = min(max_speakers, n)
    lo = min(min_speakers, hi)
    if n == 0 or hi <= 1:
        return np.zeros(n, dtype=int)
    similarity = np.clip(embeddings @ embeddings.T, -1.0, 1.0)
    # Estimate freely, then clip to the bounds: the eigengap searched only above min_speakers picks noise.
    vectors, k = _spectral(similarity, 2, hi)
    k = max(k, lo)
    labels = _kmeans(vectors[:, :k], k)
    # The eigengap never answers "one speaker" and tends to split off a few odd windows: clusters that sound
    # alike, or that hold too few windows to be a participant, merge into their nearest neighbour.
    smallest = max(3, int(math.ceil(min_cluster_share * n)))
    while labels.max() + 1 > lo:
        centroids = _centroids(embeddings, labels)
        between = centroids @ centroids.T
        np.fill_diagonal(between, -np.inf)
        sizes = np.bincount(labels)
        if sizes.min() < smallest:
            a = int(np.argmin(sizes))
            b = int(np.argmax(between[a]))
        else:
            a, b = (int(i) for i in np.unravel_index(np.argmax(between), between.shape))
            if between[a, b] < merge_similarity:
                break
        labels = np.unique(np.where(labels == a, b, labels), return_inverse=True)[1]
    return labels


def _spectral(similarity: np.ndarray, lo: int, hi: int) -> tuple[np.ndarray, int]:
    """Laplacian eigenvectors of a k-nearest-neighbour affinity and the speaker count from its eigengap."""
    n = similarity.shape[0]
    top = min(hi, n - 1)
    if top < lo:
        return np.eye(n), max(1, min(lo, n))
    order = np.argsort(-similarity, axis=1, kind="stable")
    # Fewer than ~log(n) neighbours leaves the graph in pieces whose zero eigenvalues fake extra speakers.
    floor = max(2, int(math.ceil(math.log(n))) + 1)
    counts = sorted({int(c) for c in np.linspace(floor, max(floor, 0.25 * n), 12).round() if c < n}) or [n - 1]
    # The neighbour count is auto-tuned as in NME-SC (Park et al., 2019): the one whose normalised eigengap is
    # largest relative to the count, so a small minority speaker is not swamped by the majority's links.
    best: tuple[float, np.ndarray, int] = (math.inf, np.eye(n), lo)
    for keep in counts:
        laplacian = _knn_laplacian(similarity, order, keep)
        values = np.linalg.eigvalsh(laplacian)  # eigenvalues only: ~10x cheaper than with vectors
        gaps = np.diff(values[: top + 1])[lo - 1 :]  # gaps[i] follows the (lo + i)-th eigenvalue
        ratio = keep / (gaps.max() / max(values[-1], 1e-10) + 1e-10)
        if ratio < best[0]:
            best = (ratio, laplacian, lo + int(np.argmax(gaps)))
    _, laplacian, k = best
    return np.linalg.eigh(laplacian)[1], k


def _knn_laplacian(similarity: np.ndarray, order: np.ndarray, keep: int) -> np.ndarray:
    """Unnormalised Laplacian of the symmetrised, binarised KEEP-nearest-neighbour graph."""
    n = similarity.shape[0]
    affinity = np.zeros_like(similarity)
    affinity[np.repeat(np.arange(n), keep), order[:, :keep].ravel()] = 1.0
    affinity = 0.5 * (affinity + affinity.T)
    np.fill_diagonal(affinity, 0.0)
    laplacian: np.ndarray = np.diag(affinity.sum(axis=1)) - affinity
    return laplacian


def _kmeans(points: np.ndarray, k: int, *, iterations: int = 100) -> np.ndarray:
    """Deterministic k-means of row-normalised POINTS: farthest-first starts from several seeds."""
    points = _unit_rows(points).astype(np.float64)
    n = points.shape[0]
    if k <= 1 or n <= k:
        return np.zeros(n, dtype=int) if k <= 1 else np.arange(n)
    best_labels, best_inertia = np.zeros(n, dtype=int), math.inf
    # Spectral embeddings form tight, well separated groups: farthest-first seeding finds them, no randomness.
    for seed in np.linspace(0, n - 1, min(n, 8)).round().astype(int):
        centres = [points[seed]]
        for _ in range(1, k):
            distance = np.min([((points - c) ** 2).sum(axis=1) for c in centres], axis=0)
            centres.append(points[int(np.argmax(distance))])
        centre = np.stack(centres)
        labels = np.zeros(n, dtype=int)
        for step in range(iterations):
            distance = ((points[:, None, :] - centre[None, :, :]) ** 2).sum(axis=2)
            new = np.argmin(distance, axis=1)
            if step > 0 and np.array_equal(new, labels):
                break
            labels = new
            centre = np.stack([points[labels == c].mean(0) if (labels == c).any() else centre[c] for c in range(k)])
        inertia = float(((points - centre[labels]) ** 2).sum())
        if inertia < best_inertia - 1e-9:
            best_labels, best_inertia = labels, inertia
    return np.unique(best_labels, return_inverse=True)[1]


def _frame_labels(
    windows: list[tuple[int, int]], embeddings: np.ndarray, labels: np.ndarray, speech: np.ndarray
) -> np.ndarray:
    """Spread window labels onto 10 ms speech frames by summed centroid similarity; -1 marks non-speech."""
    centroids = _centroids(embeddings, labels)
    k = centroids.shape[0]
    scores = embeddings @ centroids.T  # (windows, k)
    n = speech.size
    total = np.zeros((n + 1, k))
    covered = np.zeros(n + 1)
    for (a, b), score in zip(windows, scores, strict=True):
        a, b = min(a, n), min(b, n)
        total[a] += score
        total[b] -= score
        covered[a] += 1
        covered[b] -= 1
    total = np.cumsum(total, axis=0)[:n]
    covered = np.cumsum(covered)[:n]
    out = np.where(covered > 0.5, np.argmax(total, axis=1), -1)
    # Speech frames no window reached take the label of the nearest covered frame.
    has = np.flatnonzero(out >= 0)
    missing = np.flatnonzero(speech & (out < 0))
    if has.size and missing.size:
        pos = np.clip(np.searchsorted(has, missing), 1, has.size - 1) if has.size > 1 else np.zeros_like(missing)
        left, right = has[np.maximum(pos - 1, 0)], has[pos]
        nearest = np.where(np.abs(missing - left) <= np.abs(right - missing), left, right)
        out[missing] = out[nearest]
    out[~speech] = -1
    return out


def _smooth(labels: np.ndarray, min_run: int) -> np.ndarray:
    """Relabel speaker runs shorter than MIN_RUN frames inside continuous speech as their longer neighbour."""
    if min_run <= 1:
        return labels.copy()
    runs = [list(run) for run in _runs(labels)]
    while True:
        # Only a run glued to other speech is a likely flicker; an isolated short run is a real short turn.
        short = [
            i
            for i, (start, end, label) in enumerate(runs)
            if label >= 0
            and end - start < min_run
            and ((i > 0 and runs[i - 1][2] >= 0) or (i + 1 < len(runs) and runs[i + 1][2] >= 0))
        ]
        if not short:
            break
        # The shortest flicker goes first, so a pair of short runs resolves towards the stronger evidence.
        i = min(short, key=lambda j: runs[j][1] - runs[j][0])
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(runs) and runs[j][2] >= 0]
        runs[i][2] = runs[max(neighbours, key=lambda j: runs[j][1] - runs[j][0])][2]
        merged: list[list[int]] = []
        for run in runs:
            if merged and merged[-1][2] == run[2]:
                merged[-1][1] = run[1]
            else:
                merged.append(run)
        runs = merged
    out = np.empty_like(labels)
    for start, end, label in runs:
        out[start:end] = label
    return out


def _runs(labels: np.ndarray) -> list[tuple[int, int, int]]:
    """Return (start, end, label) runs of equal values."""
    if labels.size == 0:
        return []
    edges = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], edges])
    ends = np.concatenate([edges, [labels.size]])
    return [(int(s), int(e), int(labels[s])) for s, e in zip(starts, ends, strict=True)]


def _segments(frame_labels: np.ndarray) -> list[SpeakerSegment]:
    """Turn per-frame cluster labels into segments named by order of first appearance."""
    names: dict[int, str] = {}
    segments = []
    for start, end, label in _runs(frame_labels):
        if label < 0:
            continue
        name = names.setdefault(label, speaker_label(len(names)))
        segments.append(SpeakerSegment(start=round(start * FRAME_S, 3), end=round(end * FRAME_S, 3), speaker=name))
    return segments


# --------------------------------------------------------------------------- one speaker per channel


def is_dual_mono(
    audio: np.ndarray, *, sample_rate: int = SAMPLE_RATE, threshold: float = 0.9, max_lag_s: float = 0.005
) -> bool:
    """True when a (channels x samples) recording carries one mix (or one live channel): treat it as mono."""
    audio = np.asarray(audio, dtype=np.float64)
    if audio.ndim == 1 or audio.shape[0] < 2:
        return True
    # A minute is plenty to tell, and keeps the FFT small on long files.
    audio = audio[:, : 60 * sample_rate]
    audio = audio - audio.mean(axis=1, keepdims=True)
    energy = (audio**2).sum(axis=1)
    live = energy > 1e-4 * energy.max() if energy.max() > 0 else np.zeros(audio.shape[0], dtype=bool)
    if live.sum() < 2:
        return True
    lag = int(max_lag_s * sample_rate)
    first = audio[int(np.flatnonzero(live)[0])]
    for channel in audio[live][1:]:
        # Correlation over small lags, so a stereo microphone pair centimetres apart still counts as one mix.
        size = 1 << int(math.ceil(math.log2(first.size + channel.size)))
        spectrum = np.fft.rfft(first, size) * np.conj(np.fft.rfft(channel, size))
        xcorr = np.fft.irfft(spectrum, size)
        near = np.concatenate([xcorr[: lag + 1], xcorr[size - lag :]])
        peak = np.abs(near).max() / math.sqrt((first**2).sum() * (channel**2).sum())
        if peak < threshold:
            return False
    return True


def split_channels(audio: np.ndarray, *, vad_threshold: float = 0.5, bleed_db: float = 15.0) -> list[SpeakerSegment]:
    """Diarize a (channels x samples) 16 kHz recording, one speaker per channel (SPEAKER_1 = first/left)."""
    audio = np.asarray(audio, dtype=np.float32)
    if audio.ndim != 2:
        raise ValueError(f"expected (channels, samples) audio, got shape {audio.shape}")
    n_frames = int(math.ceil(audio.shape[1] / _FRAME))
    active = np.zeros((audio.shape[0], n_frames), dtype=bool)
    for c, channel in enumerate(audio):
        for start, end in speech_regions(channel, threshold=vad_threshold):
            active[c, int(round(start / FRAME_S)) : int(round(end / FRAME_S))] = True
    if audio.shape[0] > 1:
        # Speech heard on a channel far quieter than another live channel is the other speaker leaking across.
        padded = np.pad(audio, ((0, 0), (0, n_frames * _FRAME - audio.shape[1])))
        level = 10 * np.log10((padded.reshape(audio.shape[0], n_frames, _FRAME) ** 2).mean(axis=2) + 1e-10)
        level = _moving_average(level, 25)
        loudest = np.where(active, level, -np.inf).max(axis=0)
        active &= level >= loudest - bleed_db
    segments = []
    shortest = int(round(0.25 / FRAME_S))  # silero's own minimum speech; bleed removal can leave slivers
    for c in range(audio.shape[0]):
        for start, end, on in _runs(active[c].astype(int)):
            if on and end - start >= shortest:
                segments.append(SpeakerSegment(round(start * FRAME_S, 3), round(end * FRAME_S, 3), speaker_label(c)))
    return sorted(segments, key=lambda s: (s.start, s.end, s.speaker))


def _moving_average(rows: np.ndarray, width: int) -> np.ndarray:
    """Centred moving average along the last axis (same length)."""
    kernel = np.ones(width) / width
    return np.stack([np.convolve(row, kernel, mode="same") for row in rows])


# --------------------------------------------------------------------------- words to turns


def assign_words(
    words: Sequence[Word], segments: Sequence[SpeakerSegment], *, default_speaker: str = "SPEAKER_1"
) -> list[Turn]:
    """Give each word the speaker it overlaps most (else the nearest segment), a sentence's few stray words the
    speaker of the rest of it (`_sentence_speakers`), and group runs into turns."""
    speakers = _sentence_speakers(words, [_speaker_of(word, segments, default_speaker) for word in words])
    turns: list[Turn] = []
    group: list[Word] = []
    current = ""
    for word, speaker in zip(words, speakers, strict=True):
        if group and speaker != current:
            turns.append(_turn(current, group))
            group = []
        current = speaker
        group.append(word)
    if group:
        turns.append(_turn(current, group))
    return turns


# A run of at most this many words inside a sentence, given to another speaker than the rest of the sentence, which
# has at least twice as many words, is read as a diarization boundary that came early or late.
_STRAY_RUN_WORDS = 8
_SENTENCE_END = re.compile(r"[.?!][\"')\]]*$")


def _sentence_speakers(words: Sequence[Word], speakers: list[str]) -> list[str]:
    """Speakers of WORDS with each sentence's stray runs given to the sentence's main speaker.

    Voice clusters change speaker a few hundred milliseconds off the real turn change, so the first or last words of
    a turn land on the other speaker: "...could you tell me about yourself? Sure," / "I'm a nurse, and my husband
    works evenings at" / "a warehouse. Let's go back...". The recogniser's punctuation knows where sentences end: a
    short run of one speaker inside a sentence mostly spoken by another is that other speaker's. A sentence split
    about evenly between two speakers (a recogniser that left out a full stop) is kept as the voices say."""
    fixed = list(speakers)
    start = 0
    for index, word in enumerate(words):
        if index + 1 < len(words) and not _SENTENCE_END.search(word.text.strip()):
            continue
        sentence = range(start, index + 1)
        start = index + 1
        counts: dict[str, int] = {}
        for k in sentence:
            counts[speakers[k]] = counts.get(speakers[k], 0) + 1
        main = max(counts, key=lambda s: counts[s])
        runs: list[list[int]] = []
        for k in sentence:
            if speakers[k] == main:
                continue
            if runs and runs[-1][-1] == k - 1 and speakers[runs[-1][-1]] == speakers[k]:
                runs[-1].append(k)
            else:
                runs.append([k])
        for run in runs:
            if len(run) <= _STRAY_RUN_WORDS and counts[main] >= 2 * len(run):
                for k in run:
                    fixed[k] = main
    return fixed


def _speaker_of(word: Word, segments: Sequence[SpeakerSegment], default: str) -> str:
    """The speaker whose segments overlap WORD longest, else the one whose segment is nearest."""
    if not segments:
        return default
    overlap: dict[str, float] = {}
    best_gap, nearest = math.inf, default
    for seg in segments:
        shared = min(word.end, seg.end) - max(word.start, seg.start)
        if shared > 0:
            overlap[seg.speaker] = overlap.get(seg.speaker, 0.0) + shared
        gap = max(seg.start - word.end, word.start - seg.end, 0.0)
        if gap < best_gap:
            best_gap, nearest = gap, seg.speaker
    if overlap:
        return max(overlap, key=lambda s: overlap[s])
    return nearest


# A piece that follows the word before it without a space: closing punctuation, and a hyphen's later parts, which
# the recogniser gives as words of their own and the guards hand on stripped ('one' '-by' '-one', 'no' '-shows').
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}'’]|-\w)")


def _turn(speaker: str, words: Sequence[Word]) -> Turn:
    """Build a turn from consecutive words, spacing whitespace-led (faster-whisper) and bare word texts."""
    pieces: list[str] = []
    for word in words:
        text = word.text
        if pieces and not text[:1].isspace() and not _NO_SPACE_BEFORE.match(text):
            text = " " + text
        pieces.append(text)
    text = re.sub(r"\s+", " ", "".join(pieces)).strip()
    return Turn(speaker=speaker, text=text, start=words[0].start, end=max(w.end for w in words))
