"""Accepting an upload: stream it to disk within the size limit, check it is a transcript or a recording we can read,
then create the interview and its ingestion task in one transaction. Bad input stores nothing."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.errors import AppError, InvalidInput
from app.runtime import Runtime
from app.schemas.interviews import InterviewMetadata
from app.services import projects as project_service
from app.services import tasks as task_service
from models import Interview, Task

CHUNK = 1024 * 1024


class PayloadTooLarge(AppError):
    status_code = 413


class UnsupportedMedia(AppError):
    status_code = 415


def _save(stream: BinaryIO, destination: Path, limit: int) -> int:
    size = 0
    with destination.open("wb") as out:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(
                    "payload_too_large",
                    f"The file is larger than the {limit / 1024 / 1024:g} MiB limit (VERBATIM_MAX_UPLOAD_MB).",
                    details={"limit_bytes": limit},
                )
            out.write(chunk)
    return size


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start < len(head) - 4
    return False


def _check_transcript(path: Path) -> str:
    from pipelines.transcripts import TranscriptError, parse_transcript

    try:
        transcript = parse_transcript(path.read_bytes())
    except TranscriptError as exc:
        raise InvalidInput(exc.code, exc.message) from exc
    return transcript.source_format


def _check_recording(path: Path, runtime: Runtime) -> tuple[str, float]:
    from pipelines.audio import AudioError, probe

    try:
        info = probe(path)
    except AudioError as exc:
        status = 415 if exc.code in {"unsupported_media", "no_audio_stream"} else 422
        raise AppError(exc.code, exc.message, status_code=status) from exc
    if info.duration <= 0:
        raise InvalidInput("audio_empty", "The recording contains no audio samples.")
    limit = runtime.settings.max_audio_minutes * 60
    if info.duration > limit:
        raise InvalidInput(
            "recording_too_long",
            f"The recording lasts {info.duration / 60:.1f} min; the limit is {limit / 60:g} min "
            "(VERBATIM_MAX_AUDIO_MINUTES).",
        )
    return info.codec, info.duration


def accept(
    *,
    session: Session,
    runtime: Runtime,
    project_id: int,
    filename: str | None,
    stream: BinaryIO,
    metadata: InterviewMetadata,
    options: dict | None = None,
    content_type: str | None = None,
) -> tuple[Interview, Task]:
    from pipelines.audio import sniff_media

    project_service.get(session=session, project_id=project_id)
    settings = runtime.settings
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    name = Path(filename or "upload").name
    destination = settings.media_dir / f"{uuid.uuid4().hex}{Path(name).suffix.lower()[:10]}"
    try:
        size = _save(stream, destination, settings.max_upload_bytes)
        if size == 0:
            raise InvalidInput("empty_file", "The uploaded file is empty.")
        with destination.open("rb") as fh:
            head = fh.read(8192)
        media_kind = sniff_media(head)
        duration = None
        if media_kind is not None:
            source_kind = "recording"
            source_format, duration = _check_recording(destination, runtime)
        elif _looks_binary(head):
            raise UnsupportedMedia(
                "unsupported_media",
                "This file is neither a transcript (VTT, SRT, text, markdown, JSON) nor a recording we can decode.",
            )
        else:
            source_kind = "transcript"
            source_format = _check_transcript(destination)
        interview = Interview(
            project_id=project_id,
            title=(metadata.title or Path(name).stem or "Untitled interview").strip(),
            **metadata.model_dump(exclude={"title"}),
            status="queued",
            source_filename=name,
            source_kind=source_kind,
            source_format=source_format,
            media_path=str(destination.relative_to(settings.data_dir)),
            media_type=content_type,
            size_bytes=size,
            duration=duration,
            options=options or {},
        )
        session.add(interview)
        session.flush()
        task = task_service.create(
            session=session,
            kind="ingest",
            project_id=project_id,
            interview_id=interview.id,
            max_attempts=settings.task_max_attempts,
        )
        session.commit()
    except BaseException:
        session.rollback()
        destination.unlink(missing_ok=True)
        raise
    return interview, task
