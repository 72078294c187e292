"""Collections of quotes (highlight reels): create, list, add and remove quotes, export, and render an audio reel.

A quote is an utterance; its text is shown and exported exactly as stored (verbatim, fillers aside)."""

from __future__ import annotations

import builtins
import csv
import io
import wave
from datetime import datetime

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import AppError, InvalidInput, NotFound
from app.runtime import Runtime
from app.schemas import clock
from app.schemas.collections import CollectionCreate, CollectionItemRead, CollectionRead, CollectionUpdate
from app.services import interviews as interview_service
from app.services import projects as project_service
from models import Collection, CollectionItem, Interview, Speaker, Utterance
from pipelines.audio import SAMPLE_RATE

REEL_GAP = 0.8  # seconds of silence between clips
REEL_PAD = 0.2  # seconds kept before and after each quote, so words are not clipped
REEL_MAX_CLIP = 90.0  # seconds: a quote longer than this is cut
REEL_MAX_CLIPS = 200
MAX_ITEMS = 2000


def create(*, session: Session, project_id: int, collection_in: CollectionCreate) -> Collection:
    project_service.get(session=session, project_id=project_id)
    collection = Collection(project_id=project_id, name=collection_in.name)
    session.add(collection)
    session.flush()
    return collection


def get(*, session: Session, collection_id: int) -> Collection:
    collection = session.get(Collection, collection_id)
    if collection is None:
        raise NotFound("collection", collection_id)
    return collection


def list(*, session: Session, project_id: int) -> builtins.list[Collection]:
    project_service.get(session=session, project_id=project_id)
    return builtins.list(
        session.scalars(select(Collection).where(Collection.project_id == project_id).order_by(Collection.id))
    )


def update(*, session: Session, collection_id: int, collection_in: CollectionUpdate) -> Collection:
    collection = get(session=session, collection_id=collection_id)
    collection.name = collection_in.name
    session.flush()
    return collection


def delete(*, session: Session, collection_id: int) -> None:
    session.delete(get(session=session, collection_id=collection_id))
    session.flush()


def _items(session: Session, collection_ids: builtins.list[int]) -> dict[int, builtins.list[CollectionItemRead]]:
    rows = session.execute(
        select(
            CollectionItem.collection_id,
            CollectionItem.position,
            CollectionItem.added_at,
            Utterance.id,
            Utterance.display_text,
            Utterance.role,
            Utterance.start,
            Utterance.end,
            Speaker.name,
            Speaker.label,
            Interview.id.label("interview_id"),
            Interview.title,
            Interview.segment,
            Interview.participant_name,
            Interview.source_kind,
        )
        .join(Utterance, Utterance.id == CollectionItem.utterance_id)
        .join(Speaker, Speaker.id == Utterance.speaker_id)
        .join(Interview, Interview.id == Utterance.interview_id)
        .where(CollectionItem.collection_id.in_(collection_ids))
        .order_by(CollectionItem.collection_id, CollectionItem.position, CollectionItem.id)
    ).all()
    out: dict[int, builtins.list[CollectionItemRead]] = {}
    for row in rows:
        speaker = row.name or (row.participant_name if row.role == "customer" else None) or row.label
        out.setdefault(row.collection_id, []).append(
            CollectionItemRead(
                utterance_id=row.id,
                position=row.position,
                text=row.display_text,
                speaker=speaker,
                role=row.role,
                interview_id=row.interview_id,
                interview_title=row.title,
                segment=row.segment,
                start=row.start,
                end=row.end,
                audio=row.source_kind == "recording" and row.start is not None,
                added_at=row.added_at,
            )
        )
    return out


def read(
    *, session: Session, collections: builtins.list[Collection], with_items: bool = True
) -> builtins.list[CollectionRead]:
    items = _items(session, [c.id for c in collections])
    out = []
    for collection in collections:
        mine = items.get(collection.id, [])
        out.append(
            CollectionRead(
                id=collection.id,
                project_id=collection.project_id,
                name=collection.name,
                created_at=collection.created_at,
                item_count=len(mine),
                recorded_count=sum(i.audio for i in mine),
                items=mine if with_items else [],
            )
        )
    return out


def add_item(*, session: Session, collection_id: int, utterance_id: int) -> CollectionItem:
    """Save a quote into a collection; saving one that is already there returns it unchanged."""
    collection = get(session=session, collection_id=collection_id)
    utterance = session.get(Utterance, utterance_id)
    if utterance is None:
        raise NotFound("quote", utterance_id)
    if utterance.project_id != collection.project_id:
        raise InvalidInput(
            "quote_from_another_project",
            f"Quote {utterance_id} belongs to another project than collection {collection_id}.",
            details={"utterance_id": utterance_id, "collection_id": collection_id},
        )
    existing = session.scalar(
        select(CollectionItem).where(
            CollectionItem.collection_id == collection_id, CollectionItem.utterance_id == utterance_id
        )
    )
    if existing is not None:
        return existing
    count, last = session.execute(
        select(func.count(), func.max(CollectionItem.position)).where(CollectionItem.collection_id == collection_id)
    ).one()
    if count >= MAX_ITEMS:
        raise InvalidInput("collection_full", f"A collection holds at most {MAX_ITEMS} quotes.")
    item = CollectionItem(collection_id=collection_id, utterance_id=utterance_id, position=(last or 0) + 1)
    session.add(item)
    session.flush()
    return item


def remove_item(*, session: Session, collection_id: int, utterance_id: int) -> None:
    get(session=session, collection_id=collection_id)
    item = session.scalar(
        select(CollectionItem).where(
            CollectionItem.collection_id == collection_id, CollectionItem.utterance_id == utterance_id
        )
    )
    if item is None:
        raise NotFound("quote in collection", utterance_id)
    session.delete(item)
    session.flush()


def collections_of(*, session: Session, utterance_ids: builtins.list[int]) -> dict[int, builtins.list[int]]:
    """Per utterance, the collections it is saved in (for 'Saved' marks on pages)."""
    rows = session.execute(
        select(CollectionItem.utterance_id, CollectionItem.collection_id).where(
            CollectionItem.utterance_id.in_(utterance_ids)
        )
    ).all()
    out: dict[int, builtins.list[int]] = {}
    for utterance_id, collection_id in rows:
        out.setdefault(utterance_id, []).append(collection_id)
    return out


EXPORT_COLUMNS = ("position", "quote", "speaker", "role", "interview", "segment", "start", "end", "link")


def export_csv(collection: CollectionRead) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for n, item in enumerate(collection.items, 1):
        writer.writerow(
            [
                n,
                item.text,
                item.speaker,
                item.role,
                item.interview_title,
                item.segment or "",
                clock(item.start),
                clock(item.end),
                f"/interviews/{item.interview_id}",
            ]
        )
    return buffer.getvalue()


def export_markdown(collection: CollectionRead, project_name: str) -> str:
    lines = [f"# {collection.name}", "", f"{len(collection.items)} quotes from {project_name}, verbatim.", ""]
    for item in collection.items:
        where = ", ".join(part for part in (item.interview_title, item.segment, clock(item.start) or None) if part)
        lines += [f"> “{item.text}”", ">", f"> — {item.speaker} ({where})", ""]
    return "\n".join(lines)


def reel(*, session: Session, runtime: Runtime, collection_id: int) -> tuple[bytes, str]:
    """One WAV of the collection's recorded quotes in order, with a short silence between clips."""
    from pipelines.audio import AudioError, decode

    collection = read(session=session, collections=[get(session=session, collection_id=collection_id)])[0]
    clips = [i for i in collection.items if i.audio][:REEL_MAX_CLIPS]
    if not clips:
        raise AppError(
            "no_recordings",
            "None of this collection's quotes comes from a recording, so there is no audio to put in a reel.",
            status_code=409,
        )
    decoded: dict[int, np.ndarray] = {}
    gap = np.zeros(int(REEL_GAP * SAMPLE_RATE), dtype=np.float32)
    pieces: builtins.list[np.ndarray] = []
    skipped = 0
    for clip in clips:
        if clip.interview_id not in decoded:
            try:
                path, _ = interview_service.recording(session=session, runtime=runtime, interview_id=clip.interview_id)
                decoded[clip.interview_id] = decode(path, sample_rate=SAMPLE_RATE)
            except (NotFound, AudioError):
                decoded[clip.interview_id] = np.zeros(0, dtype=np.float32)
        samples = decoded[clip.interview_id]
        start = max(0.0, float(clip.start or 0.0) - REEL_PAD)
        end = float(clip.end) + REEL_PAD if clip.end is not None else start + 10.0
        end = min(end, start + REEL_MAX_CLIP)
        piece = samples[int(start * SAMPLE_RATE) : int(end * SAMPLE_RATE)]
        if piece.size == 0:
            skipped += 1
            continue
        if pieces:
            pieces.append(gap)
        pieces.append(piece)
    if not pieces:
        raise AppError(
            "no_recordings", "The recordings of this collection's quotes could not be read.", status_code=409
        )
    audio = np.concatenate(pieces)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes((np.clip(audio, -1.0, 1.0) * 32767).astype("<i2").tobytes())
    stamp = datetime.now().strftime("%Y%m%d")
    return buffer.getvalue(), f"{slug(collection.name)}-reel-{stamp}.wav"


def slug(name: str) -> str:
    kept = "".join(c.lower() if c.isalnum() else "-" for c in name).strip("-")
    while "--" in kept:
        kept = kept.replace("--", "-")
    return kept[:60] or "collection"
