"""The ingestion task: transcript (or recording) -> speakers and turns -> roles -> utterances -> embeddings -> index."""

from __future__ import annotations

import logging

from app.db import session_scope
from app.errors import AppError
from app.runtime import Runtime
from app.services import interviews as interview_service
from app.services import jobs, messaging, privacy, recordings, search_vectors
from app.worker_api import Reporter, TaskError
from models import Interview, Task
from pipelines import types as pt

log = logging.getLogger(__name__)


def _load_transcript(
    runtime: Runtime, interview: Interview, report: Reporter
) -> tuple[pt.Transcript, list | None, recordings.Transcribed | None]:
    """The transcript and, for a recording, each turn's word times and what its audio showed."""
    path = runtime.settings.data_dir / (interview.media_path or "")
    if not path.exists():
        raise TaskError(f"the uploaded file {interview.source_filename!r} is missing from the data directory")
    if interview.source_kind == "recording":
        transcribed = recordings.transcribe_recording(runtime=runtime, interview=interview, path=path, report=report)
        return transcribed.transcript, transcribed.word_times, transcribed
    from app.services.uploads import check_transcript_size
    from pipelines.transcripts import TranscriptError, parse_transcript

    report("parsing", 0.02)
    try:
        transcript = parse_transcript(path.read_bytes())
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
    or a speaker's role changed)."""
    if (task.payload or {}).get("phase") != "text":
        transcribe(runtime, task, report)
    derive(runtime, task, report)


def needs_media(interview: Interview) -> bool:
    """Whether the first phase decodes and transcribes audio (a `media` worker's job) or only parses text."""
    return interview.source_kind == "recording"


def transcribe(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Phase one (`media` queue for recordings): the upload -> speakers with roles and turns, stored in the database."""
    from pipelines.roles import assign_roles

    with session_scope(runtime.session_factory) as session:
        interview = session.get(Interview, task.interview_id) if task.interview_id else None
        if interview is None:
            raise TaskError("the interview was deleted before it was processed")
        interview.status = "processing"
        interview.error = None
    transcript, word_times, audio = _load_transcript(runtime, interview, report)
    if not transcript.turns:
        raise TaskError("no speech or speaker turns were found")

    report("roles", 0.80 if needs_media(interview) else 0.05)
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
        report("redacting", 0.80 if interview.source_kind == "recording" else 0.06)
        original_labels = transcript.speakers
        transcript, word_times = privacy.redact_for_ingest(
            session=session, runtime=runtime, interview=interview, transcript=transcript, word_times=word_times
        )
        roles = {new: roles.get(old, "unknown") for new, old in zip(transcript.speakers, original_labels, strict=True)}
        interview_service.store_transcript(
            session=session, interview=interview, transcript=transcript, roles=roles, word_times=word_times
        )


def derive(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Phase two (`text` queue): the stored turns -> utterances, embeddings, signals, jobs, phrases and the index."""
    with session_scope(runtime.session_factory) as session:
        interview = session.get(Interview, task.interview_id) if task.interview_id else None
        if interview is None:
            raise TaskError("the interview was deleted before it was processed")
        interview.status = "processing"

    base = 0.82 if needs_media(interview) else 0.1
    report("embedding", base)
    with session_scope(runtime.session_factory) as session:
        interview_service.derive_utterances(
            session=session,
            runtime=runtime,
            interview_id=interview.id,
            progress=lambda p: report("embedding", base + (0.95 - base) * p),
        )
        # A project that was mined already: the new interview joins existing jobs without re-clustering.
        jobs.assign_interview(session=session, project_id=interview.project_id, interview_id=interview.id)
        # Phrase statistics are refreshed here, in the worker, so the feed's next read does not pay for it.
        messaging.refresh_phrases(session=session, project_id=interview.project_id)
        session.get(Interview, interview.id).status = "ready"  # type: ignore[union-attr]

    with session_scope(runtime.session_factory) as session:  # only when the project uses a search-only model
        search_vectors.embed_interview(session=session, runtime=runtime, interview_id=interview.id)

    report("indexing", 0.96)
    with session_scope(runtime.session_factory) as session:
        runtime.index_store.get(session=session, project_id=interview.project_id)
