"""Frozen dataclasses that pipeline stages exchange. Times are seconds; embeddings are float32 L2-normalised rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# observer: a note-taker, captioner or silent guest who takes no part in the interview; never mined.
Role = Literal["interviewer", "customer", "observer", "unknown"]
ROLES: tuple[Role, ...] = ("interviewer", "customer", "observer", "unknown")

UNASSIGNED = -1  # cluster label for "fits no job"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's uninterrupted stretch of speech; start/end are None when the source had no times."""

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A parsed transcript: turns in order, the format it came from and speaker display names (label -> name)."""

    turns: tuple[Turn, ...]
    source_format: str
    speaker_names: dict[str, str] = field(default_factory=dict)

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for turn in self.turns:
            seen.setdefault(turn.speaker, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Utterance:
    """A sentence-sized unit of what one speaker said, with the verbatim text and a cleaned display text."""

    turn_index: int
    speaker: str
    role: Role
    verbatim: str
    display: str
    position: int
    start: float | None = None
    end: float | None = None
    # Someone else's words inside this turn (a block quote, a 'Source(s):' block, text read out): kept in the
    # transcript and search, never mined or quoted as this speaker's.
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """Personal data found in a text: character offsets, its kind (EMAIL, PHONE, CARD, ...) and the text itself."""

    start: int
    end: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One nearest-neighbour hit: the stored row id and its cosine similarity to the query."""

    id: int
    score: float


@dataclass(frozen=True, slots=True)
class Word:
    """A recognised word with its time span (seconds) and the recogniser's confidence."""

    text: str
    start: float
    end: float
    probability: float = 1.0


@dataclass(frozen=True, slots=True)
class SpeechSegment:
    """A stretch of recognised speech (one decoder segment), with its words when word timestamps were on."""

    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()
    channel: int | None = None


@dataclass(frozen=True, slots=True)
class TranscriptionResult:
    """What a transcriber returns for one recording."""

    segments: tuple[SpeechSegment, ...]
    language: str
    duration: float


@dataclass(frozen=True, slots=True)
class SpeakerSegment:
    """Who spoke when: a diarization output row (speaker is an anonymous label such as 'SPEAKER_1')."""

    start: float
    end: float
    speaker: str
