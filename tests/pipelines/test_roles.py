"""Interviewer/customer assignment: the real pypi interviews, hints, synthetic conversations."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.roles import assign_roles, detect_observers, is_question, role_scores, speaker_features
from pipelines.transcripts import parse_transcript
from pipelines.types import Transcript, Turn

INTERVIEWS = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "interviews" / "pypi-infrastructure"
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
    assert roles == {"MEL": "customer", "DONALD": "interviewer", "MIRABAI": "observer"}
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


# --- Observers: captioners, note-takers, silent guests ---

CAPTIONERS = {"donald-1-full": "MIRABAI", "ernest-1-full": "MIRABAI", "nick-2-full": "AMANDA"}


@pytest.mark.parametrize("path", INTERVIEW_FILES, ids=lambda p: p.stem)
def test_pypi_captioners_are_observers_and_nobody_else(path: Path) -> None:
    transcript = parse_transcript(path.read_bytes())
    narrator = path.stem.split("-")[0].upper()
    roles = assign_roles(transcript)
    observers = {label for label, role in roles.items() if role == "observer"}
    assert observers == ({CAPTIONERS[path.stem]} if path.stem in CAPTIONERS else set())
    assert roles["MEL"] == "interviewer" and roles[narrator] == "customer"


def _with_note_taker(*extra: tuple[str, str]) -> Transcript:
    return conversation(
        ("Pat", "Thanks for joining. How do you ship releases today?"),
        ("Ana", "We build the wheels by hand on a laptop and upload them at night, which breaks all the time."),
        ("Pat", "What goes wrong?"),
        ("Ana", "The signing key lives on one machine, so when that person is away nothing ships for a week."),
        ("Notes", "Can try to switch to 4G if that would be helpful."),
        ("Pat", "And what have you tried?"),
        ("Ana", "We wrote a script that copies the key to a second machine, but nobody trusts it much."),
        ("Pat", "Why not?"),
        ("Ana", "Because the last time we used it the upload half failed and users got a broken release."),
        ("Pat", "What would a good release look like for you?"),
        (
            "Ana",
            "One button in CI that builds, signs and uploads everything, so any maintainer can ship a fix on a "
            "Tuesday afternoon without waiting for the one person who has the key and the right laptop.",
        ),
        ("Pat", "And who would notice first if it went wrong?"),
        (
            "Ana",
            "Our users, sadly. They pin versions in production, so a broken wheel turns into a flood of issues "
            "and angry messages, and then we spend the whole weekend yanking files and writing apologies.",
        ),
        *extra,
    )


def test_note_taker_line_is_an_observer() -> None:
    transcript = _with_note_taker()
    assert assign_roles(transcript) == {"Pat": "interviewer", "Ana": "customer", "Notes": "observer"}
    assert detect_observers(transcript, "Pat") == {"Notes"}
    # With a name hint for the interviewer too.
    assert assign_roles(transcript, interviewer_names=["Pat"])["Notes"] == "observer"


def test_a_note_taker_who_reads_the_consent_script_is_an_observer() -> None:
    # the consent script runs to 40 words and a time check comes near the end: more than a
    # captioner says, still no answer given and a sliver of the words
    consent = (
        "Before we start, can I just check you're happy for us to record this? It only stays with the research team, "
        "we take your name off anything we share, and you can stop us at any point you like."
    )
    transcript = _with_note_taker(
        ("Notes", consent),
        ("Ana", "Yes, that's fine."),
        *_MORE_TALK * 4,
        ("Notes", "About five minutes left."),
        *_MORE_TALK,
    )
    roles = assign_roles(transcript)
    assert roles == {"Pat": "interviewer", "Ana": "customer", "Notes": "observer"}


def test_a_quiet_participant_who_answers_questions_is_a_customer() -> None:
    transcript = _with_note_taker(("Pat", "Bo, does that match what you see?"), ("Bo", "Yes, every release."))
    roles = assign_roles(transcript)
    assert roles["Bo"] == "customer" and roles["Notes"] == "observer"


def test_observer_names_setting_wins() -> None:
    transcript = _with_note_taker()
    roles = assign_roles(transcript, observer_names=["ana"])
    assert roles["Ana"] == "observer" and roles["Pat"] == "interviewer"
    # Two-person interviews never get an observer from the features alone.
    two = conversation(("Pat", "How do you ship?"), ("Ana", "By hand."), ("Pat", "Why?"), ("Ana", "No time."))
    assert set(assign_roles(two).values()) == {"interviewer", "customer"}


# More of the interview: the customer carries it.
_MORE_TALK = [
    ("Pat", "What did the switch cost you?"),
    ("Ana", "Two weekends of setting up CI and a long argument about who holds the signing key now."),
    ("Pat", "Was it worth it?"),
    ("Ana", "Yes, we shipped three fixes last month without anyone staying up past midnight to do it."),
    ("Pat", "What do you still do the old way?"),
    ("Ana", "The changelog. Somebody still writes it by hand the night before, and it shows."),
    ("Pat", "How did the other maintainers take it?"),
    (
        "Ana",
        "Slowly. Two of them kept building wheels on their own laptops for a month, just in case, and one asked "
        "every week whether the pipeline had really signed the files, until the first security fix went out "
        "in ten minutes on a Friday and nobody had to get out of bed for it.",
    ),
    ("Pat", "What would you miss from before?"),
    (
        "Ana",
        "Nothing, honestly, apart from knowing exactly who broke it when it broke, because now the pipeline "
        "does it and the blame goes to a robot, which is a lot less satisfying on a Monday morning.",
    ),
]


def test_a_note_taker_handed_the_floor_or_asking_a_question_is_an_observer() -> None:
    # answering "Kim, anything from you?" or asking a question of one's own is no part taken in the interview
    transcript = _with_note_taker(
        *_MORE_TALK,
        ("Pat", "Kim, anything from you?"),
        ("Kim", "No, I think that's covered, thanks."),
        ("Kim", "Sorry, one thing: if another team were about to switch the way you did, what would you tell them?"),
    )
    roles = assign_roles(transcript)
    assert roles["Kim"] == "observer" and roles["Ana"] == "customer" and roles["Pat"] == "interviewer"
