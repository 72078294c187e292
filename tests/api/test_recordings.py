"""Recordings through the API: upload, diarize, transcribe, roles, export, playback with Range requests."""

import io
import wave

import numpy as np
import pytest

from tests.helpers import ASR, assert_envelope, run_tasks, upload

pytestmark = [pytest.mark.slow]


@pytest.fixture
def project(client) -> dict:
    if not ASR.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return client.post("/api/projects", json={"name": "Calls"}).json()


def wav_bytes(samples: np.ndarray, rate: int = 16000, channels: int = 1) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def test_stereo_call_becomes_two_speakers_with_their_sentences(client, project) -> None:
    body = upload(client, project["id"], "call.wav", (ASR / "stereo-two-channel.wav").read_bytes()).json()
    assert body["interview"]["source_kind"] == "recording"
    run_tasks(client)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert task["status"] == "done", task
    transcript = client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()
    assert len(transcript["speakers"]) == 2
    by_speaker: dict[str, str] = {}
    for turn in transcript["turns"]:
        by_speaker[turn["speaker"]] = by_speaker.get(turn["speaker"], "") + " " + turn["text"].lower()
    texts = sorted(by_speaker.values())
    assert any("confused complaint" in t for t in texts) and any("horizon" in t for t in texts)
    assert not any("confused complaint" in t and "horizon" in t for t in texts)
    interview = client.get(f"/api/interviews/{body['interview']['id']}").json()
    assert interview["duration"] == pytest.approx(5.0, abs=0.1) and interview["language"] == "en"


def test_media_is_served_with_range_requests(client, project) -> None:
    data = (ASR / "jfk.flac").read_bytes()
    body = upload(client, project["id"], "jfk.flac", data).json()
    media = f"/api/interviews/{body['interview']['id']}/media"
    whole = client.get(media)
    assert whole.status_code == 200 and whole.content == data
    assert whole.headers["accept-ranges"] == "bytes"
    part = client.get(media, headers={"Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    assert part.headers["content-range"] == f"bytes 100-199/{len(data)}"


def test_transcript_has_no_media(client, project) -> None:
    body = upload(
        client, project["id"], "t.txt", b"Ann: Hello there, how are you?\nBob: Fine thanks, busy week.\n"
    ).json()
    assert_envelope(client.get(f"/api/interviews/{body['interview']['id']}/media"), 404, "not_found")


@pytest.mark.parametrize(
    "name,content,status",
    [
        ("empty.wav", wav_bytes(np.zeros(0)), 422),
        ("cut.flac", None, 422),
        ("fake.mp3", b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff" * 50, 422),
    ],
)
def test_bad_recordings_get_clear_4xx_and_store_nothing(client, project, name, content, status) -> None:
    if content is None:
        content = (ASR / "jfk.flac").read_bytes()[:300]  # a header and nothing decodable
    response = upload(client, project["id"], name, content)
    assert response.status_code in (415, 422), response.text
    assert response.json()["error"]["code"].startswith(("audio_", "no_audio", "unsupported_media"))
    assert client.get(f"/api/projects/{project['id']}/interviews").json()["interviews"] == []


def test_silence_fails_the_task_with_a_reason(client, project) -> None:
    body = upload(client, project["id"], "silence.wav", wav_bytes(np.zeros(16000 * 5))).json()
    run_tasks(client)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert task["status"] == "failed" and "no speech" in task["error"]
    assert client.get(f"/api/interviews/{body['interview']['id']}").json()["status"] == "failed"


def test_rendered_five_minute_interview_end_to_end(client, project, tmp_path) -> None:
    """A 5-minute two-voice interview: WER <= 15%, DER <= 15% against the rendered reference, MEL the interviewer."""
    import json
    import shutil
    import subprocess
    import sys

    import jiwer

    from pipelines.types import SpeakerSegment
    from pipelines.whisper_guards import normalize_text
    from tests.diarization_scoring import diarization_error_rate, read_rttm
    from tests.helpers import INTERVIEWS, REPO

    if not (shutil.which("espeak-ng") and shutil.which("sox")):
        pytest.skip("espeak-ng and sox are needed to render the interview (make system-deps)")
    out = tmp_path / "donald"
    tool = REPO.parent / "shared" / "tools" / "render_interview.py"
    subprocess.run(
        [sys.executable, str(tool), str(INTERVIEWS / "donald-1-full.md"), str(out), "--minutes", "5"],
        check=True,
        capture_output=True,
    )
    body = upload(client, project["id"], "donald.wav", out.with_suffix(".wav").read_bytes()).json()
    run_tasks(client)
    task = client.get(f"/api/tasks/{body['task']['id']}").json()
    assert task["status"] == "done", task
    transcript = client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()
    reference = json.loads(out.with_suffix(".turns.json").read_text())

    wer = jiwer.wer(
        normalize_text(" ".join(t["text"] for t in reference)),
        normalize_text(" ".join(t["text"] for t in transcript["turns"])),
    )
    hypothesis = [SpeakerSegment(t["start"], t["end"], t["speaker"]) for t in transcript["turns"]]
    der = diarization_error_rate(read_rttm(out.with_suffix(".rttm")), hypothesis, collar=0.25)
    print(f"5-minute render: WER {wer:.3f}, DER {der:.3f}")
    assert wer <= 0.15 and der <= 0.15

    # The interviewer is the voice that speaks MEL's turns (most overlap with MEL's reference time).
    def overlap(speaker: str, ref: str) -> float:
        return sum(
            max(0.0, min(h["end"], r["end"]) - max(h["start"], r["start"]))
            for h in transcript["turns"]
            if h["speaker"] == speaker
            for r in reference
            if r["speaker"] == ref
        )

    speakers = {s["name"] or s["label"]: s["role"] for s in transcript["speakers"]}
    mel_voice = max(speakers, key=lambda name: overlap(name, "MEL"))
    assert speakers[mel_voice] == "interviewer"
    assert [role for name, role in speakers.items() if name != mel_voice] == ["customer"]


def test_two_speaker_call_wer_and_der(client, project) -> None:
    """The pyannote sample call: WER against its STM and DER against its RTTM, through the whole service."""
    import jiwer

    from pipelines.types import SpeakerSegment
    from pipelines.whisper_guards import normalize_text
    from tests.diarization_scoring import diarization_error_rate, read_rttm

    body = upload(client, project["id"], "call.wav", (ASR / "two-speaker-call.wav").read_bytes()).json()
    run_tasks(client)
    transcript = client.get(f"/api/interviews/{body['interview']['id']}/transcript").json()
    assert len(transcript["speakers"]) == 2
    reference = " ".join(
        line.split(maxsplit=5)[5]
        for line in (ASR / "two-speaker-call.stm").read_text().splitlines()
        if line.strip() and not line.startswith(";;") and len(line.split(maxsplit=5)) == 6
    )
    wer = jiwer.wer(normalize_text(reference), normalize_text(" ".join(t["text"] for t in transcript["turns"])))
    hypothesis = [SpeakerSegment(t["start"], t["end"], t["speaker"]) for t in transcript["turns"]]
    der = diarization_error_rate(read_rttm(ASR / "two-speaker-call.rttm"), hypothesis, collar=0.25)
    print(f"two-speaker-call: WER {wer:.3f}, DER {der:.3f}")
    assert der <= 0.25 and wer <= 0.25
