"""Interviews, their speakers, turns and utterances."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session, selectinload

from app.db import on_commit
from app.errors import NotFound
from app.runtime import Runtime
from app.schemas.interviews import (
    InterviewRead,
    InterviewUpdate,
    SpeakerUpdate,
    TranscriptRead,
    TranscriptSpeaker,
    TranscriptTurn,
)
from app.services import projects as project_service
from app.services.index import decode_embedding, encode_embedding
from models import Interview, Job, JobUtterance, Project, Speaker, Task, Turn, Utterance, UtteranceSignal
from pipelines import types as pt
from pipelines.types import Role

if TYPE_CHECKING:
    from pipelines.embedding import Embedder
    from pipelines.jtbd import Signals

log = logging.getLogger(__name__)


def get(*, session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id, options=[selectinload(Interview.speakers)])
    if interview is None:
        raise NotFound("interview", interview_id)
    return interview


def list(*, session: Session, project_id: int) -> builtins.list[Interview]:
    project_service.get(session=session, project_id=project_id)
    query = (
        select(Interview)
        .where(Interview.project_id == project_id)
        .options(selectinload(Interview.speakers))
        .order_by(Interview.id)
    )
    return builtins.list(session.scalars(query))


def read(*, session: Session, interviews: builtins.list[Interview]) -> builtins.list[InterviewRead]:
    ids = [i.id for i in interviews]
    counts = dict(
        session.execute(
            select(Utterance.interview_id, func.count())
            .where(Utterance.interview_id.in_(ids))
            .group_by(Utterance.interview_id)
        ).all()
    )
    return [
        InterviewRead.model_validate(i).model_copy(update={"utterance_count": counts.get(i.id, 0)}) for i in interviews
    ]


def update(*, session: Session, interview_id: int, interview_in: InterviewUpdate) -> Interview:
    interview = get(session=session, interview_id=interview_id)
    for field, value in interview_in.model_dump(exclude_unset=True).items():
        setattr(interview, field, value)
    session.flush()
    return interview


def delete_interview(*, session: Session, runtime: Runtime, interview_id: int) -> None:
    """Delete an interview, its derived rows and its media; it disappears from search at once."""
    interview = get(session=session, interview_id=interview_id)
    media = runtime.settings.data_dir / interview.media_path if interview.media_path else None
    redacted = runtime.settings.data_dir / interview.redacted_media_path if interview.redacted_media_path else None
    project_id = interview.project_id
    # Explicit deletes keep this independent of the database's ON DELETE support and of ORM loading.
    session.execute(delete(Utterance).where(Utterance.interview_id == interview_id))
    session.execute(delete(Turn).where(Turn.interview_id == interview_id))
    session.execute(delete(Speaker).where(Speaker.interview_id == interview_id))
    session.execute(delete(Task).where(Task.interview_id == interview_id, Task.status == "queued"))
    session.expunge(interview)
    session.execute(delete(Interview).where(Interview.id == interview_id))
    project_service.bump_index_version(session=session, project_id=project_id)
    session.flush()
    # The files go once the rows are gone for good: a rolled-back delete keeps its recording.
    from app.services.uploads import parsed_path

    for path in (media, redacted, parsed_path(media) if media is not None else None):
        if path is not None:
            on_commit(session, partial(path.unlink, missing_ok=True))


def transcript(*, session: Session, interview_id: int) -> TranscriptRead:
    interview = get(session=session, interview_id=interview_id)
    speakers = {s.id: s for s in interview.speakers}
    turns = session.scalars(select(Turn).where(Turn.interview_id == interview_id).order_by(Turn.position)).all()
    return TranscriptRead(
        interview_id=interview_id,
        speakers=[TranscriptSpeaker(id=s.id, label=s.label, name=s.name, role=s.role) for s in speakers.values()],
        turns=[
            TranscriptTurn(
                speaker_id=t.speaker_id,
                speaker=speakers[t.speaker_id].name or speakers[t.speaker_id].label,
                role=speakers[t.speaker_id].role,
                start=t.start,
                end=t.end,
                text=t.text,
            )
            for t in turns
        ],
    )


def as_pipeline_transcript(*, session: Session, interview_id: int) -> pt.Transcript:
    """The stored transcript as the pipeline dataclass (speaker labels, display names)."""
    data = transcript(session=session, interview_id=interview_id)
    labels = {s.id: s.label for s in data.speakers}
    return pt.Transcript(
        turns=tuple(pt.Turn(labels[t.speaker_id], t.text, t.start, t.end) for t in data.turns),
        source_format="verbatim",
        speaker_names={s.label: s.name for s in data.speakers if s.name},
    )


@dataclass(frozen=True, slots=True)
class StoredTurns:
    """An interview's turns as stored, handed from storing them to deriving utterances (no read back)."""

    turns: builtins.list[pt.Turn]  # in position order, speakers by label
    turn_ids: builtins.list[int]
    speaker_ids: dict[str, int]  # label -> speaker id
    roles: dict[str, Role]  # label -> role


def stored_turns(*, session: Session, interview: Interview) -> StoredTurns:
    """The interview's stored turns, speakers and roles, read from the database."""
    speakers = {s.id: s for s in interview.speakers}
    turns = session.scalars(select(Turn).where(Turn.interview_id == interview.id).order_by(Turn.position)).all()
    return StoredTurns(
        turns=[pt.Turn(speakers[t.speaker_id].label, t.text, t.start, t.end) for t in turns],
        turn_ids=[t.id for t in turns],
        speaker_ids={s.label: s.id for s in speakers.values()},
        roles={s.label: cast(Role, s.role) for s in speakers.values()},
    )


def store_transcript(
    *,
    session: Session,
    interview: Interview,
    transcript: pt.Transcript,
    roles: Mapping[str, str],
    word_times: builtins.list | None = None,
) -> StoredTurns:
    """Replace the interview's speakers and turns (idempotent: a retried task never duplicates rows)."""
    keep = {s.label: (s.role, s.name) for s in interview.speakers if s.role_source == "user"}
    session.execute(delete(Utterance).where(Utterance.interview_id == interview.id))
    session.execute(delete(Turn).where(Turn.interview_id == interview.id))
    session.execute(delete(Speaker).where(Speaker.interview_id == interview.id))
    session.flush()
    session.expire(interview, ["speakers"])
    by_label: dict[str, Speaker] = {}
    for label in transcript.speakers:
        user_role, user_name = keep.get(label, (None, None))
        speaker = Speaker(
            interview_id=interview.id,
            label=label,
            name=user_name or transcript.speaker_names.get(label) or label,
            role=user_role or roles.get(label, "unknown"),
            role_source="user" if user_role else "auto",
        )
        session.add(speaker)
        by_label[label] = speaker
    session.flush()
    rows = [
        Turn(
            interview_id=interview.id,
            speaker_id=by_label[turn.speaker].id,
            position=position,
            start=turn.start,
            end=turn.end,
            text=turn.text,
            word_times=word_times[position] if word_times is not None else None,
        )
        for position, turn in enumerate(transcript.turns)
    ]
    session.add_all(rows)
    session.flush()
    return StoredTurns(
        turns=builtins.list(transcript.turns),
        turn_ids=[row.id for row in rows],
        speaker_ids={label: speaker.id for label, speaker in by_label.items()},
        roles={label: cast(Role, speaker.role) for label, speaker in by_label.items()},
    )


def _batches(count: int, size: int) -> builtins.list[tuple[int, int]]:
    return [(begin, min(begin + size, count)) for begin in range(0, count, size)]


def derive_utterances(
    *,
    session: Session,
    runtime: Runtime,
    interview_id: int,
    progress: Callable[[float], None] | None = None,
    stored: StoredTurns | None = None,
) -> int:
    """Split the customers' turns into utterances, embed them and store them; returns how many were stored.

    Embedding, job-talk classification and signal extraction run in batches of VERBATIM_EMBED_BATCH_SIZE, so
    memory stays flat however long the interview; `progress` is called after each batch (a task's reporter raises
    there to stop it). Nothing is written until every batch is done: the write transaction stays short (a long one
    locks SQLite for everyone) and a stopped task leaves the stored utterances as they were. `stored`: the turns
    just stored by this task (else they are read from the database)."""
    interview = get(session=session, interview_id=interview_id)
    stored = stored or stored_turns(session=session, interview=interview)
    pieces = runtime.splitter.split(stored.turns, stored.roles)
    size = runtime.settings.embed_batch_size
    step = progress or (lambda _p: None)
    embedder = runtime.embedder

    # Re-derivation after a role change: reuse the vectors of sentences already embedded.
    existing = session.execute(
        select(Utterance.id, Utterance.display_text, Utterance.embedding).where(Utterance.interview_id == interview_id)
    ).all()
    previous = {text: blob for _, text, blob in existing if blob is not None}
    # Shortest first: each batch then holds texts of about one length, so the model pads little (in file order a
    # batch of 256 spans every length, and the longest pads the rest: 35% more CPU on the ten pypi interviews).
    missing = sorted({u.display for u in pieces if u.display not in previous}, key=lambda text: (len(text), text))
    blobs = dict(previous)
    for begin, end in _batches(len(missing), size):  # embedding: 80% of the work
        vectors = embedder.embed(missing[begin:end])
        blobs.update((text, encode_embedding(vector)) for text, vector in zip(missing[begin:end], vectors, strict=True))
        step(0.8 * end / len(missing))

    job_talk: builtins.list[bool] = []
    found: builtins.list[Signals] = []
    usable = all(len(blobs[u.display]) == 4 * embedder.dimension for u in pieces)
    for begin, end in _batches(len(pieces), size):  # classification and signals: the other 20%
        batch = pieces[begin:end]
        job_talk += _job_talk(runtime=runtime, pieces=batch, vectors=blobs)
        matrix = np.stack([decode_embedding(blobs[u.display]) for u in batch]) if usable else None
        found += find_signals([u.display for u in batch], embedder=embedder, vectors=matrix)
        step(0.8 + 0.2 * end / len(pieces))
    blobs.update(clause_vectors(embedder=embedder, texts=[u.display for u in pieces], found=found, known=blobs))

    session.execute(delete(Utterance).where(Utterance.interview_id == interview_id))
    rows = [
        Utterance(
            project_id=interview.project_id,
            interview_id=interview_id,
            speaker_id=stored.speaker_ids[u.speaker],
            turn_id=stored.turn_ids[u.turn_index],
            role=u.role,
            start=u.start,
            end=u.end,
            verbatim_text=u.verbatim,
            display_text=u.display,
            position=u.position,
            embedding=blobs.get(u.display),
            quoted=u.quoted,
            job_talk=flag,
        )
        for u, flag in zip(pieces, job_talk, strict=True)
    ]
    session.add_all(rows)
    session.flush()
    _add_signals(session=session, utterances=rows, found=found, vectors=blobs)
    session.execute(sql_update(Turn).where(Turn.interview_id == interview_id).values(request_embedding=None))
    store_request_vectors(session=session, embedder=embedder, utterances=rows)
    version = project_service.bump_index_version(session=session, project_id=interview.project_id)
    session.flush()
    if usable:
        _update_index_on_commit(
            session=session,
            runtime=runtime,
            interview=interview,
            version=version,
            removed=[r[0] for r in existing],
            rows=rows,
        )
    return len(pieces)


def store_request_vectors(*, session: Session, embedder: Embedder, utterances: Sequence) -> int:
    """Embed and store the whole text of each short customer turn among `utterances` (rows with turn_id, role,
    quoted and display_text, in speaking order): a request said in 2-3 sentences is clustered as one, by what it
    says as a whole rather than the mean of its sentences. Returns how many turns got a vector."""
    from pipelines.hierarchy import short_requests

    minable = [u for u in utterances if u.role == "customer" and not u.quoted]
    texts = short_requests([u.turn_id for u in minable], [u.display_text for u in minable])
    turns = sorted(texts, key=lambda t: (len(texts[t]), t))  # batches of one length pad little
    for begin in range(0, len(turns), 256):
        batch = turns[begin : begin + 256]
        vectors = embedder.embed([texts[t] for t in batch])
        session.execute(
            sql_update(Turn),
            [{"id": t, "request_embedding": encode_embedding(v)} for t, v in zip(batch, vectors, strict=True)],
        )
    return len(turns)


def _update_index_on_commit(
    *,
    session: Session,
    runtime: Runtime,
    interview: Interview,
    version: int,
    removed: builtins.list[int],
    rows: builtins.list[Utterance],
) -> None:
    """Once this transaction commits, move the project's search index to `version` by this interview's rows
    (incremental: no rebuild from the database); without a commit nothing changes. Projects searched on a
    search-only model rebuild as before (their search vectors are made after this step)."""
    project = session.get(Project, interview.project_id)
    if project is None or project.search_model is not None or not rows:
        return
    ordered = sorted(rows, key=lambda r: (r.turn_id, r.position))  # speaking order, grouped by turn
    apply = partial(
        runtime.index_store.apply,
        project_id=interview.project_id,
        version=version,
        removed=np.asarray(removed, dtype=np.int64),
        ids=np.fromiter((r.id for r in ordered), dtype=np.int64, count=len(ordered)),
        turns=np.fromiter((r.turn_id for r in ordered), dtype=np.int64, count=len(ordered)),
        vectors=np.vstack([decode_embedding(r.embedding) for r in ordered]),
        roles=np.array([r.role for r in ordered], dtype=object),
        interviews=np.full(len(ordered), interview.id, dtype=np.int64),
    )

    def update_index() -> None:
        apply()  # False when the index was not at the version before: the next get() rebuilds it, as before

    on_commit(session, update_index)


def _job_talk(
    *, runtime: Runtime, pieces: builtins.list[pt.Utterance], vectors: dict[str, bytes]
) -> builtins.list[bool]:
    """Whether each utterance is job talk: customers' own (unquoted) words, classified; the rest is not."""
    from pipelines.jobtalk import default_classifier, job_talk_flags

    if not any(u.role == "customer" and not u.quoted for u in pieces):
        return [False] * len(pieces)
    matrix = np.stack([decode_embedding(vectors[u.display]) for u in pieces])
    return job_talk_flags(pieces, matrix, default_classifier(runtime.embedder))


def find_signals(
    texts: builtins.list[str], *, embedder: Embedder, vectors: np.ndarray | None = None
) -> builtins.list[Signals]:
    """The JTBD signals (situation, motivation, outcome, success, pain, forces) of texts; forces come from the
    force classifier over `embedder`, reusing `vectors` (the texts' embeddings) when given."""
    from pipelines.forces import force_classifier
    from pipelines.jtbd import extract_signals

    if not texts:
        return []
    return extract_signals(texts, forces=force_classifier(embedder), vectors=vectors)


def clause_vectors(
    *, embedder: Embedder, texts: builtins.list[str], found: builtins.list[Signals], known: dict[str, bytes]
) -> dict[str, bytes]:
    """Encoded vectors of the signals' clauses that are shorter than their utterance and not in `known`: phrase
    families compare clauses, not the sentences around them."""
    shorter = {s.text for text, f in zip(texts, found, strict=True) for s in f if s.text != text} - set(known)
    clauses = sorted(shorter, key=lambda text: (len(text), text))  # batches of one length pad little
    out: dict[str, bytes] = {}
    for begin in range(0, len(clauses), 256):
        batch = clauses[begin : begin + 256]
        out.update((text, encode_embedding(v)) for text, v in zip(batch, embedder.embed(batch), strict=True))
    return out


def _add_signals(
    *,
    session: Session,
    utterances: builtins.list[Utterance],
    found: builtins.list[Signals],
    vectors: dict[str, bytes] | None = None,
) -> None:
    """Store the signals; `vectors` (text -> embedding) gives each clause shorter than its utterance its vector."""
    vectors = vectors or {}
    session.add_all(
        UtteranceSignal(
            utterance_id=u.id,
            project_id=u.project_id,
            kind=signal.kind,
            text=signal.text,
            start_char=signal.start_char,
            end_char=signal.end_char,
            confidence=signal.confidence,
            embedding=vectors.get(signal.text) if signal.text != u.display_text else None,
        )
        for u, signals in zip(utterances, found, strict=True)
        for signal in signals.signals
    )
    session.flush()


def update_speaker(
    *, session: Session, runtime: Runtime, interview_id: int, speaker_id: int, speaker_in: SpeakerUpdate
) -> tuple[Speaker, Task | None]:
    """Rename a speaker or override its role. A role change re-derives the interview's utterances, embeddings and
    search index in a task (returned; None when nothing needs re-deriving): heavy work never runs in a request."""
    interview = get(session=session, interview_id=interview_id)
    speaker = next((s for s in interview.speakers if s.id == speaker_id), None)
    if speaker is None:
        raise NotFound("speaker", speaker_id)
    changes = speaker_in.model_dump(exclude_unset=True, exclude_none=True)
    if "name" in changes:
        speaker.name = changes["name"].strip()
    role_changed = "role" in changes and changes["role"] != speaker.role
    if "role" in changes:
        speaker.role = changes["role"]
        speaker.role_source = "user"
    session.flush()
    if not role_changed or interview.status != "ready":
        return speaker, None  # an interview still in ingestion derives its utterances with the roles as they are now
    from app.services import tasks as task_service

    interview.status = "processing"
    task = task_service.create(
        session=session,
        kind="ingest",
        project_id=interview.project_id,
        interview_id=interview.id,
        payload={"phase": "text"},  # the stored turns again: utterances, embeddings, signals, jobs and the index
        max_attempts=runtime.settings.task_max_attempts,
    )
    return speaker, task


def recording(*, session: Session, runtime: Runtime, interview_id: int) -> tuple[Path, str]:
    """The stored recording of an interview and its media type."""
    interview = get(session=session, interview_id=interview_id)
    # A redacted project's recordings are served as the copy with the personal data bleeped.
    path = runtime.settings.data_dir / (interview.redacted_media_path or interview.media_path or "")
    if interview.source_kind != "recording" or not interview.media_path or not path.is_file():
        raise NotFound("recording of interview", interview_id)
    # The type comes from the bytes (audio/* or video/*), never from what the uploader sent: a WAV uploaded as
    # text/html must not render as a page.
    from pipelines.audio import MEDIA_TYPES, sniff_media

    with path.open("rb") as handle:
        kind = sniff_media(handle.read(8192))
    return path, MEDIA_TYPES.get(kind or "", "application/octet-stream")


def mark(*, session: Session, interview_id: int, status: str, error: str | None = None) -> None:
    interview = session.get(Interview, interview_id)
    if interview is not None:
        interview.status = status
        interview.error = error
        session.flush()


def ingest_tasks(*, session: Session, project_id: int) -> dict[int, Task]:
    """The latest ingestion task of each of a project's interviews, by interview id (for progress on pages)."""
    latest = (
        select(func.max(Task.id))
        .where(Task.project_id == project_id, Task.kind == "ingest", Task.interview_id.is_not(None))
        .group_by(Task.interview_id)
    )
    return {t.interview_id: t for t in session.scalars(select(Task).where(Task.id.in_(latest))) if t.interview_id}


def facets(*, session: Session, project_id: int) -> dict[str, builtins.list[str]]:
    """Distinct segment, industry, participant_role and company_size values of a project's interviews."""
    columns = {
        "segment": Interview.segment,
        "industry": Interview.industry,
        "participant_role": Interview.participant_role,
        "company_size": Interview.company_size,
    }
    return {
        name: builtins.list(
            session.scalars(
                select(column)
                .where(Interview.project_id == project_id, column.is_not(None), column != "")
                .distinct()
                .order_by(column)
            )
        )
        for name, column in columns.items()
    }


def utterance_turns(*, session: Session, utterance_ids: builtins.list[int]) -> dict[int, int]:
    """The position of the turn each utterance comes from, by utterance id (to link a quote into its transcript)."""
    if not utterance_ids:
        return {}
    return dict(
        session.execute(
            select(Utterance.id, Turn.position)
            .join(Turn, Turn.id == Utterance.turn_id)
            .where(Utterance.id.in_(sorted(set(utterance_ids))))
        ).all()
    )


def turn_quotes(*, session: Session, interview_id: int) -> dict[int, dict]:
    """What each turn of an interview holds, by turn position: its utterance ids (to save the line into a
    collection) and the live jobs its utterances feed, detail jobs first ({"id", "title", "level"}); a core job is
    listed only when none of its detail jobs is (a project mined before detail jobs existed)."""
    out: dict[int, dict] = {}
    rows = session.execute(
        select(Turn.position, Utterance.id)
        .join(Turn, Turn.id == Utterance.turn_id)
        .where(Utterance.interview_id == interview_id)
        .order_by(Turn.position, Utterance.position)
    ).all()
    for position, utterance_id in rows:
        out.setdefault(position, {"utterance_ids": [], "jobs": []})["utterance_ids"].append(utterance_id)
    memberships = session.execute(
        select(Turn.position, Job.id, Job.title, Job.level, Job.parent_id)
        .select_from(JobUtterance)
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .join(Turn, Turn.id == Utterance.turn_id)
        .join(Job, Job.id == JobUtterance.job_id)
        .where(Utterance.interview_id == interview_id, Job.status.not_in(("rejected", "merged")))
        .distinct()
        .order_by(Turn.position, Job.level.desc(), Job.id)  # "detail" sorts before "core" descending
    ).all()
    by_turn: dict[int, builtins.list] = {}
    for row in memberships:
        by_turn.setdefault(row.position, []).append(row)
    for position, found in by_turn.items():
        parents = {r.parent_id for r in found if r.level == "detail"}
        out.setdefault(position, {"utterance_ids": [], "jobs": []})["jobs"] = [
            {"id": r.id, "title": r.title, "level": r.level}
            for r in found
            if r.level == "detail" or r.id not in parents
        ]
    return out
