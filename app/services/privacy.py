"""PII redaction: at ingest (a project with `redact_pii`), or later for a whole project (the `redact` task).

The stored turn text is redacted, so everything derived from it (utterances, embeddings, search, evidence,
phrases, feed, exports, the report) only ever sees placeholders. A recording keeps its original file (a retry
transcribes it again) but is served as a copy with the redacted spans bleeped; an uploaded transcript file is
overwritten with the redacted transcript (Verbatim JSON), so the original text is not kept."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.runtime import Runtime
from app.services import interviews as interview_service
from app.services import projects as project_service
from app.worker_api import TaskError
from models import Interview, Job, Phrase, Project, Speaker, Turn
from pipelines import types as pt
from pipelines.audio import SAMPLE_RATE

log = logging.getLogger(__name__)


def wants_redaction(*, session: Session, project_id: int) -> tuple[bool, bool]:
    """(redact_pii, redact_speaker_names) of a project."""
    project = project_service.get(session=session, project_id=project_id)
    return bool(project.redact_pii), bool(project.redact_speaker_names)


def redact_for_ingest(
    *,
    session: Session,
    runtime: Runtime,
    interview: Interview,
    transcript: pt.Transcript,
    word_times: list | None,
) -> tuple[pt.Transcript, list | None]:
    """The transcript to store: redacted when the project asks for it (with the media handled, see module doc)."""
    redact, speaker_names = wants_redaction(session=session, project_id=interview.project_id)
    if not redact:
        return transcript, word_times
    from pipelines.pii import redact_transcript

    result = redact_transcript(
        transcript,
        word_times=word_times,
        redact_speaker_names=speaker_names,
        spacy_model=runtime.settings.spacy_model,
    )
    _handle_media(runtime=runtime, interview=interview, result=result)
    log.info("interview %s: redacted %s", interview.id, result.found or "nothing")
    return result.transcript, list(result.word_times) if word_times is not None else None


def _handle_media(*, runtime: Runtime, interview: Interview, result: Any) -> None:
    source = runtime.settings.data_dir / (interview.media_path or "")
    if interview.source_kind == "recording":
        if result.audio_ranges:
            interview.redacted_media_path = _bleep(runtime=runtime, interview=interview, ranges=result.audio_ranges)
        return
    if interview.media_path and source.is_file():
        from pipelines.transcripts import render_transcript

        source.write_text(render_transcript(result.transcript, "json"), encoding="utf-8")


def _bleep(*, runtime: Runtime, interview: Interview, ranges: Any) -> str:
    """Write (or add to) the interview's redacted copy; returns its path relative to the data directory."""
    from pipelines.audio import AudioError, decode
    from pipelines.pii import bleep, write_wav

    data_dir = runtime.settings.data_dir
    relative = interview.redacted_media_path or str(Path(interview.media_path or "").with_suffix("")) + ".redacted.wav"
    base = data_dir / (interview.redacted_media_path or interview.media_path or "")
    try:
        audio = decode(base, sample_rate=SAMPLE_RATE, mono=True)
    except AudioError as exc:
        raise TaskError(f"the recording could not be decoded for redaction: {exc.message}") from exc
    target = data_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    write_wav(partial, bleep(audio, SAMPLE_RATE, ranges), SAMPLE_RATE)
    partial.replace(target)
    return relative


def redact_interview(*, session: Session, runtime: Runtime, interview_id: int) -> dict[str, int]:
    """Redact a stored interview in place (turns, speakers, media) and re-derive its utterances."""
    from pipelines.pii import redact_transcript

    interview = interview_service.get(session=session, interview_id=interview_id)
    speakers = {s.id: s for s in interview.speakers}
    turns = session.scalars(select(Turn).where(Turn.interview_id == interview_id).order_by(Turn.position)).all()
    transcript = pt.Transcript(
        turns=tuple(pt.Turn(speakers[t.speaker_id].label, t.text, t.start, t.end) for t in turns),
        source_format="verbatim",
        speaker_names={s.label: s.name for s in speakers.values() if s.name},
    )
    _, speaker_names = wants_redaction(session=session, project_id=interview.project_id)
    result = redact_transcript(
        transcript,
        word_times=[t.word_times for t in turns],
        redact_speaker_names=speaker_names,
        spacy_model=runtime.settings.spacy_model,
    )
    for row, turn, times in zip(turns, result.transcript.turns, result.word_times, strict=True):
        row.text = turn.text
        row.word_times = times
    if speaker_names:
        for position, speaker in enumerate(_in_order(speakers, turns), 1):
            speaker.label = speaker.name = f"Speaker {position}"
    _handle_media(runtime=runtime, interview=interview, result=result)
    session.flush()
    if interview.status == "ready":
        interview_service.derive_utterances(session=session, runtime=runtime, interview_id=interview_id)
    return result.found


def _in_order(speakers: dict[int, Speaker], turns: Any) -> list[Speaker]:
    seen: dict[int, None] = {}
    for turn in turns:
        seen.setdefault(turn.speaker_id, None)
    return [speakers[i] for i in (*seen, *(i for i in speakers if i not in seen))]


def redact_derived(*, session: Session, runtime: Runtime, project_id: int) -> None:
    """Generated text that may quote what was said (job titles, statements, phrases): redacted in place."""
    from pipelines.pii import detect_many, redact

    model = runtime.settings.spacy_model

    def clean(texts: list[str]) -> list[str]:
        return [redact(t, s) if s else t for t, s in zip(texts, detect_many(texts, spacy_model=model), strict=True)]

    jobs = session.scalars(select(Job).where(Job.project_id == project_id)).all()
    for job, title in zip(jobs, clean([j.title for j in jobs]), strict=True):
        job.title = title
        job.statement = _clean_json(job.statement, clean)
        job.candidates = _clean_json(job.candidates, clean)
    phrases = session.scalars(select(Phrase).where(Phrase.project_id == project_id)).all()
    taken = {(p.kind, p.key) for p in phrases}
    for phrase, text in zip(phrases, clean([p.text for p in phrases]), strict=True):
        if text != phrase.text:
            phrase.text = text
            key = redact(phrase.key, detect_many([phrase.key], spacy_model=model)[0])
            if (phrase.kind, key) not in taken:  # a phrase's identity is its key: change it only when it stays unique
                taken.add((phrase.kind, key))
                phrase.key = key
    session.flush()


def _clean_json(value: Any, clean: Any) -> Any:
    """Strings inside a JSON value, redacted (one batch)."""
    strings: list[str] = []

    def collect(v: Any) -> None:
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for item in v.values():
                collect(item)
        elif isinstance(v, list):
            for item in v:
                collect(item)

    collect(value)
    if not strings:
        return value
    cleaned = iter(clean(strings))

    def rebuild(v: Any) -> Any:
        if isinstance(v, str):
            return next(cleaned)
        if isinstance(v, dict):
            return {k: rebuild(item) for k, item in v.items()}
        if isinstance(v, list):
            return [rebuild(item) for item in v]
        return v

    return rebuild(value)


def start(*, session: Session, project_id: int) -> Any:
    """Turn redaction on for a project and queue the task that redacts what it holds already."""
    from app.services import tasks as task_service

    project = project_service.get(session=session, project_id=project_id)
    project.redact_pii = True
    return task_service.create(session=session, kind="redact", project_id=project_id)


def interview_ids(*, session: Session, project_id: int | None) -> list[int]:
    """The ids of a project's interviews, in order; the project must still exist."""
    if project_id is None or session.get(Project, project_id) is None:
        raise TaskError("the project was deleted before it was redacted")
    return list(session.scalars(select(Interview.id).where(Interview.project_id == project_id).order_by(Interview.id)))
