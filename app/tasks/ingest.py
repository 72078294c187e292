"""The ingestion task: transcript (or recording) -> speakers and turns -> roles -> utterances -> embeddings -> index.

Its stages and their share of the progress bar are app/stages.py's INGEST_* plans. When the interview is ready it
publishes InterviewReady (app/events.py): jobs and messaging react to that; ingest calls neither."""

from __future__ import annotations

import logging

from app.db import on_commit, session_scope
from app.errors import AppError
from app.events import InterviewReady, publish
from app.runtime import Runtime
from app.services import interviews as interview_service
from app.services import privacy, recordings, search_vectors, visuals
from app.stages import StageReporter, ingest_plan
from app.worker_api import Reporter, TaskError
from models import Interview, Task
from pipelines import types as pt

log = logging.getLogger(__name__)


def _load_transcript(
    runtime: Runtime, interview: Interview, stages: StageReporter
) -> tuple[pt.Transcript, list | None, recordings.Transcribed | None]:
    """The transcript and, for a recording, each turn's word times and what its audio showed."""
    path = runtime.settings.data_dir / (interview.media_path or "")
    if not path.exists():
        raise TaskError(f"the uploaded file {interview.source_filename!r} is missing from the data directory")
    if interview.source_kind == "recording":
        transcribed = recordings.transcribe_recording(runtime=runtime, interview=interview, path=path, stages=stages)
        return transcribed.transcript, transcribed.word_times, transcribed
    from app.services.uploads import check_transcript_size, parsed_path
    from pipelines.transcripts import TranscriptError, parse_transcript

    stages("parsing")
    parsed = parsed_path(path)  # the upload's own parse, when it is still there (older uploads: parse the file)
    try:
        transcript = parse_transcript((parsed if parsed.is_file() else path).read_bytes())
        # Checked at upload too; this catches files imported before the limits or with smaller limits since.
        check_transcript_size(transcript, runtime.settings)
    except TranscriptError as exc:
        raise TaskError(exc.message) from exc
    except AppError as exc:
        raise TaskError(exc.message) from exc
    return transcript, None, None


def run(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Ingest one interview; every step replaces what a previous attempt wrote, so retries never duplicate rows.

    A task whose payload says phase "text" starts from the stored turns (a recording transcribed by a media worker,
    or a speaker's role changed); otherwise the turns just stored are handed on, not read back."""
    stored = None
    if (task.payload or {}).get("phase") != "text":
        stored = transcribe(runtime, task, report)
    derive(runtime, task, report, stored=stored)


def needs_media(interview: Interview) -> bool:
    """Whether the first phase decodes and transcribes audio (a `media` worker's job) or only parses text."""
    return interview.source_kind == "recording"


def _start(runtime: Runtime, task: Task) -> Interview:
    """The task's interview, marked as processing."""
    with session_scope(runtime.session_factory) as session:
        interview = session.get(Interview, task.interview_id) if task.interview_id else None
        if interview is None:
            raise TaskError("the interview was deleted before it was processed")
        interview_service.mark(session=session, interview_id=interview.id, status="processing")
        return interview


def transcribe(runtime: Runtime, task: Task, report: Reporter) -> interview_service.StoredTurns:
    """Phase one (`media` queue for recordings): the upload -> speakers with roles and turns, stored in the database."""
    from pipelines.roles import assign_roles

    interview = _start(runtime, task)
    stages = ingest_plan(recording=needs_media(interview)).reporter(report)
    transcript, word_times, audio = _load_transcript(runtime, interview, stages)
    if not transcript.turns:
        raise TaskError("no speech or speaker turns were found")

    stages("roles")
    roles = assign_roles(
        transcript,
        interviewer_names=runtime.settings.interviewer_names,
        observer_names=runtime.settings.observers,
    )
    with session_scope(runtime.session_factory) as session:
        interview = interview_service.get(session=session, interview_id=interview.id)
        if audio is not None:
            recordings.store_audio_facts(session=session, interview=interview, transcribed=audio)
        # A project that redacts personal data never stores it: the turns are redacted before they are written.
        stages("redacting")
        original_labels = transcript.speakers
        transcript, word_times = privacy.redact_for_ingest(
            session=session, runtime=runtime, interview=interview, transcript=transcript, word_times=word_times
        )
        roles = {new: roles.get(old, "unknown") for new, old in zip(transcript.speakers, original_labels, strict=True)}
        stored = interview_service.store_transcript(
            session=session, interview=interview, transcript=transcript, roles=roles, word_times=word_times
        )
        if not needs_media(interview):  # the upload's parse has served: the database holds the turns now
            from app.services.uploads import parsed_path

            parsed = parsed_path(runtime.settings.data_dir / (interview.media_path or ""))
            on_commit(session, lambda: parsed.unlink(missing_ok=True))
    return stored


def derive(
    runtime: Runtime, task: Task, report: Reporter, *, stored: interview_service.StoredTurns | None = None
) -> None:
    """Phase two (`text` queue): the stored turns -> utterances, embeddings and signals; then the interview is ready
    (jobs and phrases follow it) and in the index."""
    interview = _start(runtime, task)
    stages = ingest_plan(recording=needs_media(interview)).reporter(report)
    stages("embedding")
    with session_scope(runtime.session_factory) as session:
        interview_service.derive_utterances(
            session=session,
            runtime=runtime,
            interview_id=interview.id,
            progress=stages.within("embedding"),
            stored=stored,
        )
        interview_service.mark(session=session, interview_id=interview.id, status="ready")
        publish(session=session, event=InterviewReady(project_id=interview.project_id, interview_id=interview.id))

    with session_scope(runtime.session_factory) as session:  # only when the project uses a search-only model
        search_vectors.embed_interview(session=session, runtime=runtime, interview_id=interview.id)

    stages("indexing")
    with session_scope(runtime.session_factory) as session:
        runtime.index_store.get(session=session, project_id=interview.project_id)
        runtime.index_store.attributes(session=session, project_id=interview.project_id)  # what searches filter on
    with session_scope(runtime.session_factory) as session:  # a mined project's map takes the new interview in now
        visuals.precompute(
            session=session, project_id=interview.project_id, directory=runtime.settings.index_dir, mined_only=True
        )
