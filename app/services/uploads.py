"""Accepting an upload: stream it to disk within the size limit, check it is a transcript or a recording we can read,
then create the interview and its ingestion task in the caller's transaction. Bad input stores nothing.

A transcript is parsed once: what the check parsed waits beside the upload (`parsed_path`, our own JSON) for the
ingestion task, which deletes it once the turns are stored."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from app.config import Settings
from app.db import on_rollback
from app.errors import AppError, InvalidInput, scrub_paths
from app.runtime import Runtime
from app.schemas.interviews import InterviewMetadata
from app.services import projects as project_service
from app.services import tasks as task_service
from models import Interview, Task
from pipelines import types as pt

CHUNK = 1024 * 1024
MAX_TITLE = 300  # the title column's width
MAX_FILENAME = 500  # the source_filename column's width


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


def _text_encoding(head: bytes) -> str | None:
    """The encoding of text from its first bytes: a byte-order mark, else UTF-8, else charset detection (Windows
    tools export UTF-16 and latin-1/cp1252); None for binary data."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        return None  # NUL bytes outside UTF-16/32 mean binary data, even where they decode as UTF-8
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if b"\x00" not in head and exc.start >= len(head) - 4:
            return "utf-8"  # a multi-byte character cut at the end of the sample
    from charset_normalizer import from_bytes

    matches = from_bytes(head)
    if not matches:
        return None
    # On mostly-English text the detector cannot tell the single-byte Western code pages apart; when Windows-1252
    # (a superset of latin-1's letters, what Windows tools write) reads it as well as the best, take it.
    encoding = "cp1252" if any(m.encoding == "cp1252" for m in matches) else matches.best().encoding  # type: ignore[union-attr]
    if b"\x00" in head and not encoding.startswith(("utf_16", "utf_32")):
        return None  # NUL bytes outside UTF-16/32 mean binary data
    return encoding


def check_transcript_size(transcript: pt.Transcript, settings: Settings) -> None:
    """Refuse a transcript whose ingestion would need unbounded work: too many words or turns (413)."""
    from pipelines.transcripts import transcript_size

    turns, words = transcript_size(transcript)
    for what, count, limit, setting in (
        ("words", words, settings.max_transcript_words, "VERBATIM_MAX_TRANSCRIPT_WORDS"),
        ("turns", turns, settings.max_transcript_turns, "VERBATIM_MAX_TRANSCRIPT_TURNS"),
    ):
        if count > limit:
            raise PayloadTooLarge(
                "transcript_too_large",
                f"The transcript has {count:,} {what}; the limit is {limit:,} ({setting}). "
                "Split it into several interviews.",
                details={"words": words, "turns": turns, f"limit_{what}": limit},
            )


def parsed_path(media: Path) -> Path:
    """Where an uploaded transcript's parse waits for its ingestion task."""
    return media.with_name(media.name + ".parsed.json")


def _check_transcript(path: Path, encoding: str, settings: Settings) -> str:
    """Parse the transcript and keep the parse for ingestion; text that is not UTF-8 is stored re-encoded as UTF-8."""
    from pipelines.transcripts import TranscriptError, parse_transcript, render_transcript

    try:
        text = path.read_bytes().decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnsupportedMedia(
            "unsupported_media", f"This file looks like {encoding} text but does not decode as such."
        ) from exc
    text = text.removeprefix("\ufeff")
    try:
        transcript = parse_transcript(text)
    except TranscriptError as exc:
        raise InvalidInput(exc.code, exc.message) from exc
    check_transcript_size(transcript, settings)
    if encoding != "utf-8":
        path.write_bytes(text.encode("utf-8"))
    parsed_path(path).write_text(render_transcript(transcript, "json"), encoding="utf-8")
    return transcript.source_format


def _clean_filename(filename: str | None) -> str:
    """The base name of the uploader's file, without control characters (NUL would break paths and PostgreSQL)."""
    name = Path((filename or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[:MAX_FILENAME] or "upload"


def _check_recording(path: Path, runtime: Runtime) -> tuple[str, float]:
    from pipelines.audio import AudioError, probe

    try:
        info = probe(path)
    except AudioError as exc:
        status = 415 if exc.code in {"unsupported_media", "no_audio_stream"} else 422
        raise AppError(exc.code, scrub_paths(exc.message), status_code=status) from exc
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
    from pipelines.audio import MEDIA_TYPES, sniff_media

    project_service.get(session=session, project_id=project_id)
    settings = runtime.settings
    settings.media_dir.mkdir(parents=True, exist_ok=True)
    name = _clean_filename(filename)
    destination = settings.media_dir / f"{uuid.uuid4().hex}{Path(name).suffix.lower()[:10]}"
    try:
        size = _save(stream, destination, settings.max_upload_bytes)
        if size == 0:
            raise InvalidInput("empty_file", "The uploaded file is empty.")
        with destination.open("rb") as fh:
            head = fh.read(8192)
        media_kind = sniff_media(head)
        duration = None
        encoding = None if media_kind else _text_encoding(head)
        if media_kind is not None:
            source_kind = "recording"
            source_format, duration = _check_recording(destination, runtime)
            # Served back as what its bytes are, never as the type the uploader claimed (text/html...).
            content_type = MEDIA_TYPES.get(media_kind, "application/octet-stream")
        elif encoding is None:
            raise UnsupportedMedia(
                "unsupported_media",
                "This file is neither a transcript (VTT, SRT, text, markdown, JSON) nor a recording we can decode.",
            )
        else:
            source_kind = "transcript"
            source_format = _check_transcript(destination, encoding, settings)
            content_type = "text/plain; charset=utf-8"
        title = (metadata.title or Path(name).stem.strip() or "Untitled interview").strip()[:MAX_TITLE]
        interview = Interview(
            project_id=project_id,
            title=title,
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
    except BaseException:
        _discard(destination)
        raise
    # Stored bytes and their rows stand or fall together: a request that fails after this (or a failed commit)
    # rolls the rows back, and the files with them.
    on_rollback(session, lambda: _discard(destination))
    return interview, task


def _discard(destination: Path) -> None:
    destination.unlink(missing_ok=True)
    parsed_path(destination).unlink(missing_ok=True)
