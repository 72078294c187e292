"""Interviewer/customer assignment: the real pypi interviews, hints, synthetic conversations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.roles import assign_roles, is_question, role_scores, speaker_features
from pipelines.transcripts import parse_transcript
from pipelines.types import Transcript, Turn

INTERVIEWS = (
    Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "interviews" / "pypi-infrastructure"
)
INTERVIEW_FILES = sorted(INTERVIEWS.glob("*.md"))


def conversation(*lines: tuple[str, str], names: dict[str, str] | None = None) -> Transcript:
    return Transcript(tuple(Turn(speaker, text) for speaker, text in lines), "text", names or {})


@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.stem)
def test_pypi_interviewer_found_without_hints(path: Path) -> None:
    transcript = parse_transcript(path.read_bytes())
    narrator = path.stem.split("-")[0].upper()
    roles = assign_roles(transcript)
    assert roles["MEL"] == "interviewer"
    assert roles[narrator] == "customer"
    assert list(roles.values()).count("interviewer") == 1
    scores = role_scores(transcript)
    assert scores["MEL"] > 0.7 and scores["MEL"] == max(scores.values())
    assert all(0.0 <= score <= 1.0 for score in scores.values())


def test_hint_overrides_features() -> None:
    if not INTERVIEWS.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    transcript = parse_transcript((INTERVIEWS / "donald-1-full.md").read_bytes())
    roles = assign_roles(transcript, interviewer_names=["donald"])
    assert roles == {"MEL": "customer", "DONALD": "interviewer", "MIRABAI": "customer"}
    # Display names count too, case-insensitively.
    assert assign_roles(transcript, interviewer_names=["mel"])["MEL"] == "interviewer"


def test_hint_matches_first_name_and_can_name_several() -> None:
    transcript = conversation(
        ("S1", "I have long answers about our deployment pipeline and the reasons we built it this way."),
        ("S2", "Why?"),
        ("S3", "Because it is slow."),
        names={"S1": "Mel Chua", "S2": "Ana Lima", "S3": "Bo Chen"},
    )
    assert assign_roles(transcript, interviewer_names=["Mel"]) == {
        "S1": "interviewer",
        "S2": "customer",
        "S3": "customer",
    }
    assert assign_roles(transcript, interviewer_names=["mel chua", "S3"]) == {
        "S1": "interviewer",
        "S2": "customer",
        "S3": "interviewer",
    }
    # A hint that names nobody falls back to the features.
    assert assign_roles(transcript, interviewer_names=["Zed"])["S2"] == "interviewer"


def test_single_speaker_and_empty() -> None:
    monologue = conversation(("Alice", "What do I need? I need faster builds. Why? Because CI is slow."))
    assert assign_roles(monologue) == {"Alice": "customer"}
    assert assign_roles(Transcript((), "text")) == {}
    assert role_scores(Transcript((), "text")) == {}


def test_three_speakers_one_interviewer() -> None:
    transcript = conversation(
        ("Pat", "Thanks both. Can you tell me how your team handles releases today?"),
        ("Ana", "We batch everything into a monthly release, which means fixes wait for weeks sometimes."),
        ("Bo", "And the changelog is written by hand at the end, so it is always incomplete and late."),
        ("Pat", "What happens when a fix cannot wait?"),
        ("Ana", "Someone cuts a hotfix branch by hand and we hope nobody forgets to merge it back."),
        ("Pat", "How often does that happen?"),
        ("Bo", "Maybe twice a month. It is the most stressful part of the job, honestly."),
        ("Pat", "Why is it stressful?"),
        ("Ana", "Because the tooling assumes the monthly flow, so every hotfix is a one-off manual process."),
    )
    roles = assign_roles(transcript)
    assert roles == {"Pat": "interviewer", "Ana": "customer", "Bo": "customer"}


def test_interviewer_who_talks_less_and_asks_questions_even_when_not_first() -> None:
    transcript = conversation(
        ("Customer", "Hi, sorry I am late, the standup ran over again."),
        ("Host", "No problem. What were you working on?"),
        ("Customer", "Migrating our billing exports. We download a CSV every morning and clean it in Excel."),
        ("Host", "Tell me about the cleaning"),
        (
            "Customer",
            "Dates come in three formats and currency codes are missing for refunds, so I fix them.",
        ),
        ("Host", "How long does that take?"),
        ("Customer", "About an hour a day. More at month end, when finance needs the numbers by noon."),
        ("Host", "Got it."),
    )
    features = speaker_features(transcript)
    assert features["Host"].talk_share < features["Customer"].talk_share
    assert features["Host"].question_share == 0.75 and not features["Host"].speaks_first
    assert assign_roles(transcript) == {"Customer": "customer", "Host": "interviewer"}
    scores = role_scores(transcript)
    assert scores["Host"] > 0.5 > scores["Customer"]


def test_is_question() -> None:
    assert is_question("Okay. So what happened next")
    assert is_question("Could you walk me through it.")
    assert is_question("Right. And that was in 2014?")
    assert not is_question("I asked why. Nobody knew.")
    assert not is_question("")
