import os
import re
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile, status
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse
from pydantic import ValidationError
from starlette.datastructures import Headers
from starlette.types import Message, Receive, Scope, Send

from app.api.deps import Require, RuntimeDep, SessionDep
from app.api.openapi import raises
from app.errors import InvalidInput, envelope
from app.schemas.interviews import (
    InterviewList,
    InterviewMetadata,
    InterviewRead,
    InterviewUpdate,
    InterviewUploaded,
    SpeakerUpdate,
    SpeakerUpdated,
    TranscriptRead,
)
from app.schemas.tasks import TaskRead
from app.services import interviews as interview_service
from app.services import uploads as upload_service

router = APIRouter(tags=["interviews"])
_RANGE_SPEC = re.compile(r"\s*(\d*)\s*-\s*(\d*)\s*")
NOSNIFF = {"X-Content-Type-Options": "nosniff"}


def usable_range(header: str) -> bool:
    """Whether a Range header is one Starlette can serve; RFC 9110 says to ignore one that cannot be parsed."""
    unit, _, specs = header.partition("=")
    if unit.strip().lower() != "bytes" or not specs.strip():
        return False
    for spec in specs.split(","):
        match = _RANGE_SPEC.fullmatch(spec)
        if match is None or match.groups() == ("", ""):
            return False
        start, end = match.groups()
        if start and end and int(start) > int(end):
            return False
    return True


class RecordingResponse(FileResponse):
    """A recording with Range support; a malformed Range gets the whole file (as RFC 9110 asks) instead of
    Starlette's plain-text 400, and a Range past the end (any Range of an empty file) a 416 in the error envelope
    instead of Starlette's empty text/plain one."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope)
        if "range" in headers and not usable_range(headers["range"]):
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"range"]}
        refused = False

        async def send_or_refuse(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and message["status"] == 416:
                refused = True
                size = os.stat(self.path).st_size
                text = f"The Range asks for bytes past the end of the recording ({size} bytes)."
                answer = JSONResponse(
                    envelope("range_not_satisfiable", text, {"size": size}),
                    status_code=416,
                    headers={"Content-Range": f"bytes */{size}", "Accept-Ranges": "bytes", **NOSNIFF},
                )
                await answer(scope, receive, send)
            elif not refused:  # Starlette's own (empty) 416 body is dropped
                await send(message)

        await super().__call__(scope, receive, send_or_refuse)


OptionalText = Annotated[str | None, Form()]


@router.post(
    "/api/projects/{project_id}/interviews",
    dependencies=[Depends(Require("projects:write"))],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=InterviewUploaded,
    responses=raises(
        "invalid_metadata",
        "empty_file",
        "payload_too_large",
        "transcript_too_large",
        "unsupported_media",
        "no_audio_stream",
        "audio_empty",
        "audio_corrupt",
        "recording_too_long",
        "transcript_empty",
        "transcript_malformed",
        "transcript_unrecognised",
    ),
)
def upload_interview(
    project_id: int,
    session: SessionDep,
    runtime: RuntimeDep,
    file: Annotated[UploadFile, File(description="A transcript (VTT, SRT, text, markdown, JSON) or a recording.")],
    title: OptionalText = None,
    participant_name: OptionalText = None,
    participant_role: OptionalText = None,
    company: OptionalText = None,
    industry: OptionalText = None,
    company_size: OptionalText = None,
    segment: OptionalText = None,
    interviewed_at: OptionalText = None,
    tags: OptionalText = None,
    min_speakers: Annotated[int | None, Form(ge=1, le=20)] = None,
    max_speakers: Annotated[int | None, Form(ge=1, le=20)] = None,
    language: OptionalText = None,
) -> InterviewUploaded:
    try:
        metadata = InterviewMetadata(
            title=title or None,
            participant_name=participant_name or None,
            participant_role=participant_role or None,
            company=company or None,
            industry=industry or None,
            company_size=company_size or None,
            segment=segment or None,
            interviewed_at=date.fromisoformat(interviewed_at) if interviewed_at else None,
            tags=[t.strip() for t in (tags or "").split(",") if t.strip()],
        )
    except (ValueError, ValidationError) as exc:
        raise InvalidInput("invalid_metadata", f"Invalid interview metadata: {exc}") from exc
    if min_speakers and max_speakers and min_speakers > max_speakers:
        raise InvalidInput("invalid_metadata", "min_speakers is larger than max_speakers.")
    options = {
        key: value
        for key, value in {"min_speakers": min_speakers, "max_speakers": max_speakers, "language": language}.items()
        if value
    }
    interview, task = upload_service.accept(
        session=session,
        runtime=runtime,
        project_id=project_id,
        filename=file.filename,
        stream=file.file,
        metadata=metadata,
        options=options,
        content_type=file.content_type,
    )
    return InterviewUploaded(
        interview=interview_service.read(session=session, interviews=[interview])[0],
        task=TaskRead.model_validate(task),
    )


@router.get(
    "/api/projects/{project_id}/interviews",
    dependencies=[Depends(Require("projects:read"))],
    response_model=InterviewList,
)
def list_interviews(project_id: int, session: SessionDep) -> InterviewList:
    interviews = interview_service.list(session=session, project_id=project_id)
    return InterviewList(interviews=interview_service.read(session=session, interviews=interviews))


@router.get(
    "/api/interviews/{interview_id}", dependencies=[Depends(Require("projects:read"))], response_model=InterviewRead
)
def get_interview(interview_id: int, session: SessionDep) -> InterviewRead:
    interview = interview_service.get(session=session, interview_id=interview_id)
    return interview_service.read(session=session, interviews=[interview])[0]


@router.patch(
    "/api/interviews/{interview_id}", dependencies=[Depends(Require("projects:write"))], response_model=InterviewRead
)
def update_interview(interview_id: int, interview_in: InterviewUpdate, session: SessionDep) -> InterviewRead:
    interview = interview_service.update(session=session, interview_id=interview_id, interview_in=interview_in)
    return interview_service.read(session=session, interviews=[interview])[0]


@router.delete(
    "/api/interviews/{interview_id}",
    dependencies=[Depends(Require("projects:write"))],
    status_code=status.HTTP_204_NO_CONTENT,
)
def delete_interview(interview_id: int, session: SessionDep, runtime: RuntimeDep) -> Response:
    interview_service.delete_interview(session=session, runtime=runtime, interview_id=interview_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/api/interviews/{interview_id}/transcript",
    dependencies=[Depends(Require("projects:read"))],
    response_model=TranscriptRead,
)
def get_transcript(
    interview_id: int, session: SessionDep, format: Literal["json", "vtt", "srt", "txt"] = "json"
) -> TranscriptRead | PlainTextResponse:
    data = interview_service.transcript(session=session, interview_id=interview_id)
    if format == "json":
        return data
    from pipelines.transcripts import render_transcript

    transcript = interview_service.as_pipeline_transcript(session=session, interview_id=interview_id)
    roles = {s.label: s.role for s in data.speakers}
    media = {"vtt": "text/vtt", "srt": "application/x-subrip", "txt": "text/plain"}[format]
    return PlainTextResponse(render_transcript(transcript, format, roles=roles), media_type=f"{media}; charset=utf-8")


@router.patch(
    "/api/interviews/{interview_id}/speakers/{speaker_id}",
    dependencies=[Depends(Require("projects:write"))],
    response_model=SpeakerUpdated,
)
def update_speaker(
    interview_id: int, speaker_id: int, speaker_in: SpeakerUpdate, session: SessionDep, runtime: RuntimeDep
) -> SpeakerUpdated:
    """Rename a speaker or override its role; a role change queues a task that re-derives the interview."""
    speaker, task = interview_service.update_speaker(
        session=session, runtime=runtime, interview_id=interview_id, speaker_id=speaker_id, speaker_in=speaker_in
    )
    return SpeakerUpdated.model_validate(speaker).model_copy(
        update={"task": TaskRead.model_validate(task) if task is not None else None}
    )


@router.get(
    "/api/interviews/{interview_id}/media",
    dependencies=[Depends(Require("projects:read"))],
    response_class=FileResponse,
    responses={
        206: {"description": "The part of the recording a `Range` header asked for."},
        **raises("range_not_satisfiable"),
    },
)
def get_media(interview_id: int, session: SessionDep, runtime: RuntimeDep, download: bool = False) -> RecordingResponse:
    """The recording, with HTTP Range support so a page can play any quote from its timestamp; `download=true`
    asks the browser to save it. Its type is detected from its bytes (audio/* or video/*)."""
    path, media_type = interview_service.recording(session=session, runtime=runtime, interview_id=interview_id)
    interview = interview_service.get(session=session, interview_id=interview_id)
    disposition = "attachment" if download or not media_type.startswith(("audio/", "video/")) else "inline"
    return RecordingResponse(
        path,
        media_type=media_type,
        filename=interview.source_filename or path.name,
        content_disposition_type=disposition,
        headers=NOSNIFF,
    )
