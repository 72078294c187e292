"""Tell the interviewer from the customer(s) of a transcript, by how each speaker talks or by a name hint."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.types import Role, Transcript

# Openers that make a sentence a question even when the transcriber left out the question mark.
_INTERROGATIVE = re.compile(
    r"^(?:so|and|okay|ok|but|then|now|well)?[,\s]*"
    r"(?:what|how|why|when|where|who|whom|whose|which|"
    r"(?:can|could|would|will|do|did|does|have|has|had|are|were|should|is|was)\s+(?:you|your|it|that|there|they)|"
    r"tell\s+me|walk\s+me|talk\s+me|describe|explain)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+|$)")


@dataclass(frozen=True, slots=True)
class SpeakerFeatures:
    """How one speaker talks: the evidence behind their interviewer score."""

    speaker: str
    turns: int
    words: int
    question_share: float  # share of this speaker's turns that are questions
    question_density: float  # share of this speaker's sentences that are questions
    talk_share: float  # share of all words in the transcript
    turn_share: float  # share of all turns in the transcript
    mean_turn_words: float
    speaks_first: bool


def _is_question_sentence(sentence: str) -> bool:
    sentence = sentence.strip().strip("\"'“”‘’()[]-–— ")
    return sentence.endswith("?") or bool(_INTERROGATIVE.match(sentence))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip(" .!?…")]


def is_question(text: str) -> bool:
    """True when a turn's last sentence is a question: a '?', or an opener like 'what' or 'can you'."""
    sentences = _sentences(text)
    return bool(sentences) and _is_question_sentence(sentences[-1])


def speaker_features(transcript: Transcript) -> dict[str, SpeakerFeatures]:
    """Per-speaker statistics used by `role_scores`, keyed by speaker label in order of first appearance."""
    turns_by: dict[str, int] = {}
    words_by: dict[str, int] = {}
    questions_by: dict[str, int] = {}
    sentences_by: dict[str, int] = {}
    question_sentences_by: dict[str, int] = {}
    for turn in transcript.turns:
        sentences = _sentences(turn.text)
        speaker = turn.speaker
        turns_by[speaker] = turns_by.get(speaker, 0) + 1
        words_by[speaker] = words_by.get(speaker, 0) + len(turn.text.split())
        questions_by[speaker] = questions_by.get(speaker, 0) + int(is_question(turn.text))
        sentences_by[speaker] = sentences_by.get(speaker, 0) + len(sentences)
        question_sentences_by[speaker] = question_sentences_by.get(speaker, 0) + sum(
            _is_question_sentence(s) for s in sentences
        )
    total_turns = max(sum(turns_by.values()), 1)
    total_words = max(sum(words_by.values()), 1)
    first = transcript.turns[0].speaker if transcript.turns else None
    return {
        speaker: SpeakerFeatures(
            speaker=speaker,
            turns=turns_by[speaker],
            words=words_by[speaker],
            question_share=questions_by[speaker] / turns_by[speaker],
            question_density=question_sentences_by[speaker] / max(sentences_by[speaker], 1),
            talk_share=words_by[speaker] / total_words,
            turn_share=turns_by[speaker] / total_turns,
            mean_turn_words=words_by[speaker] / turns_by[speaker],
            speaks_first=speaker == first,
        )
        for speaker in transcript.speakers
    }


def _shrunk(value: float, count: int, prior: float, strength: float = 3.0) -> float:
    """Pull a rate measured on few turns towards the transcript-wide rate, so one lucky turn proves little."""
    return (value * count + prior * strength) / (count + strength)


def role_scores(transcript: Transcript) -> dict[str, float]:
    """Interviewer likelihood in [0, 1] per speaker: asks more, says less per turn, takes part throughout."""
    features = speaker_features(transcript)
    if not features:
        return {}
    speakers = len(features)
    total_turns = sum(f.turns for f in features.values())
    total_words = max(sum(f.words for f in features.values()), 1)
    base_question = sum(f.question_share * f.turns for f in features.values()) / max(total_turns, 1)
    base_density = sum(f.question_density * f.turns for f in features.values()) / max(total_turns, 1)
    mean_turn = total_words / max(total_turns, 1)
    scores: dict[str, float] = {}
    for speaker, f in features.items():
        question = _shrunk(f.question_share, f.turns, base_question)
        density = _shrunk(f.question_density, f.turns, base_density)
        # Relative measures: interviews differ in how chatty everyone is, so compare within the transcript.
        # Clipped: a speaker with a few one-word turns (a captioner saying 'Yes!') is brief, not an asker.
        length = max(-1.0, min(1.0, math.log((f.mean_turn_words + 1.0) / (mean_turn + 1.0))))
        talk = f.talk_share * speakers - 1.0  # 0 = a fair share of the words
        presence = min(f.turn_share * speakers, 1.0)  # an interviewer takes part throughout, not once
        logit = (
            4.0 * (question - base_question)
            + 3.0 * (density - base_density)
            - 0.8 * length
            - 0.8 * talk
            + 0.4 * (1.0 if f.speaks_first else 0.0)
            - 3.0 * (1.0 - presence)
        )
        scores[speaker] = 1.0 / (1.0 + math.exp(-2.0 * logit))
    return scores


def _hinted(transcript: Transcript, interviewer_names: Sequence[str]) -> set[str]:
    """Speakers a hint names: exact label or display name, else a first-name match ('Mel' -> 'Mel Chua')."""

    def norm(value: str) -> str:
        return " ".join(value.split()).casefold()

    names = {label: {norm(label), norm(transcript.speaker_names.get(label, label))} for label in transcript.speakers}
    chosen: set[str] = set()
    for hint in interviewer_names:
        wanted = norm(hint)
        if not wanted:
            continue
        exact = {label for label, forms in names.items() if wanted in forms}
        if not exact:
            exact = {label for label, forms in names.items() if any(f.split()[:1] == [wanted] for f in forms if f)}
        chosen |= exact
    return chosen


# Observers (captioners, note-takers, silent guests) say a line or two that is not an answer: a few short turns,
# a sliver of the words, mostly not right after the interviewer's question. Measured on the ten PyPI interviews:
# the live captioners (MIRABAI, AMANDA) say 1-3 turns of at most 6 words (under 0.1% of the words); every
# interviewee says 20+ turns and most of the words.
_OBSERVER_MAX_TURNS = 4
_OBSERVER_MAX_TURN_SHARE = 0.1
_OBSERVER_MAX_WORD_SHARE = 0.08
_OBSERVER_MAX_TURN_WORDS = 20
# A note-taker says more: the consent script (up to 50 words), time checks, a closing question or two, still never
# the interview's answers. Measured on the switch interview sets: 60 note-takers say 1-13 turns (up to 16% of the
# turns), at most 5% of the words, a longest line of at most 46 words, and answer at most a third of the questions
# put to them; the interviewee beside them says 15 times their words or more.
_NOTE_TAKER_MAX_TURN_SHARE = 0.2
_NOTE_TAKER_MAX_WORD_SHARE = 0.06
_NOTE_TAKER_MAX_TURN_WORDS = 60
_NOTE_TAKER_MAX_ANSWERS = 0.35


def detect_observers(transcript: Transcript, interviewer: str | None = None) -> set[str]:
    """Speakers who take no part in the interview: few short lines that mostly answer no question.

    Needs at least three speakers and another non-interviewer who talks far more, so a quiet customer in a
    two-person interview is never an observer.
    """
    speakers = transcript.speakers
    if len(speakers) < 3 or not transcript.turns:
        return set()
    features = speaker_features(transcript)
    total_turns = len(transcript.turns)
    answered: dict[str, int] = {}
    longest: dict[str, int] = {}
    previous = None
    for turn in transcript.turns:
        if not is_question(turn.text):  # a question of their own ('Can I ask one thing? ...') is no part they take
            longest[turn.speaker] = max(longest.get(turn.speaker, 0), len(turn.text.split()))
        if (
            previous is not None
            and previous.speaker == interviewer
            and is_question(previous.text)
            and not _hands_over(previous.text, turn.speaker)
        ):
            answered[turn.speaker] = answered.get(turn.speaker, 0) + 1
        previous = turn
    chosen: set[str] = set()
    for label in speakers:
        f = features[label]
        if label == interviewer:
            continue
        quiet = (
            f.turns <= max(_OBSERVER_MAX_TURNS, _OBSERVER_MAX_TURN_SHARE * total_turns)
            and f.turns / total_turns <= _OBSERVER_MAX_TURN_SHARE
            and f.talk_share <= _OBSERVER_MAX_WORD_SHARE
            and longest.get(label, 0) <= _OBSERVER_MAX_TURN_WORDS
        )
        answers = answered.get(label, 0) / f.turns
        taking_notes = (
            f.turns / total_turns <= _NOTE_TAKER_MAX_TURN_SHARE
            and f.talk_share <= _NOTE_TAKER_MAX_WORD_SHARE
            and longest.get(label, 0) <= _NOTE_TAKER_MAX_TURN_WORDS
            and answers < _NOTE_TAKER_MAX_ANSWERS
        )
        # Someone else (not the interviewer) must carry the interview, at ten times the words.
        carried = any(
            other != label and other != interviewer and features[other].words >= 10 * f.words for other in speakers
        )
        if (quiet and answers < 0.5 or taking_notes) and carried:
            chosen.add(label)
    return chosen


# The interviewer handing the floor over for questions ('anything from you?', 'any questions?'), not asking one.
_HANDOVER = re.compile(
    r"\b(?:anything (?:(?:else )?from you|to add|you(?:'d| would) like to ask)|any (?:more )?questions|over to you)\b",
    re.IGNORECASE,
)


def _hands_over(text: str, speaker: str) -> bool:
    """Whether a turn hands the floor to the speaker, called by their first name ('Tom, anything from you?'): a
    note-taker asked for their questions, not one the interview asks."""
    first = speaker.split()[0].strip(".,:").lower() if speaker.split() else ""
    named = len(first) > 1 and first in re.findall(r"[a-z']+", text.lower())
    return named and bool(_HANDOVER.search(text))


def assign_roles(
    transcript: Transcript, *, interviewer_names: Sequence[str] = (), observer_names: Sequence[str] = ()
) -> dict[str, Role]:
    """Label each speaker 'interviewer', 'customer' or 'observer'.

    A name hint wins (observer names first); otherwise the top role score is the interviewer and speakers with
    a few short lines that answer no question are observers (`detect_observers`).
    """
    speakers = transcript.speakers
    named_observers = _hinted(transcript, observer_names)
    hinted = _hinted(transcript, interviewer_names) - named_observers
    roles: dict[str, Role]
    if hinted:
        roles = {label: "interviewer" if label in hinted else "customer" for label in speakers}
    elif len([s for s in speakers if s not in named_observers]) < 2:
        # A monologue has nobody to interview it; what is said is the customer's own words.
        roles = {label: "customer" for label in speakers}
    else:
        candidates = [s for s in speakers if s not in named_observers]
        scores = role_scores(transcript)
        interviewer = max(candidates, key=lambda label: (scores[label], -speakers.index(label)))
        roles = {label: "interviewer" if label == interviewer else "customer" for label in speakers}
    interviewers = [label for label, role in roles.items() if role == "interviewer"]
    detected = detect_observers(transcript, interviewers[0] if len(interviewers) == 1 else None)
    for label in named_observers | detected:
        roles[label] = "observer"
    return roles
