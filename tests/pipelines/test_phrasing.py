"""Phrase identity: framing words, punctuation, case and inflection do not make a new phrase."""

import pytest

from pipelines.phrasing import person_key, phrase_key, quotable_flags, specificity


@pytest.mark.parametrize(
    "a,b",
    [
        ("PyPI goes down", "if PyPI goes down"),
        ("PyPI goes down", "as PyPI goes down,"),
        ("making it easier to maintain", "Making it easier to maintain, basically"),
        ("I’m happy to reach out", "I'm happy to reach out"),
        ("the cards arrived", "The card arrives!"),
    ],
)
def test_same_phrase(a: str, b: str) -> None:
    assert phrase_key(a) == phrase_key(b)


@pytest.mark.parametrize(
    "a,b",
    [("PyPI goes down", "PyPI stays up"), ("save time", "save money"), ("it broke", "we broke it")],
)
def test_different_phrases(a: str, b: str) -> None:
    assert phrase_key(a) != phrase_key(b)


def test_a_phrase_of_framing_words_only_still_has_a_key() -> None:
    assert phrase_key("so, basically") == "so, basically"
    assert len(phrase_key("word " * 500)) == 1000


def test_a_named_speaker_is_one_person_across_interviews_an_unnamed_label_is_not() -> None:
    assert person_key("Nick", "NICK", 1) == person_key("NICK", "NICK", 2) == person_key(" nick ", "N", 3)
    assert person_key("Nick", "NICK", 1) != person_key("Donald", "DONALD", 1)
    assert person_key("SPEAKER_01", "SPEAKER_01", 1) != person_key("SPEAKER_01", "SPEAKER_01", 2)
    assert person_key(None, "Speaker 2", 4) == person_key("Speaker 2", "Speaker 2", 4)


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("I hate to do my own sort of fork and my own private thing for work", True),
        ("We can ship things more confidently", True),
        ("be happy", False),  # under four words
        ("Amazing", False),
        ("during that time of the year", False),  # no verb
        ("If you do that every single week", False),  # a condition, not a line
        ("maybe it works for most of the users", False),  # hedged
        ("how do we know who uses the API?", False),  # a question
    ],
)
@pytest.mark.slow
def test_quotable(text: str, ok: bool) -> None:
    assert quotable_flags([text]) == [ok]


def test_specific_lines_outrank_vague_ones() -> None:
    assert specificity("I hate to do my own sort of fork and my own private thing for work") > specificity(
        "Now they are starting to be aware of this"
    )
    assert specificity("PyPI serves 90% of downloads from the Fastly CDN") > specificity("it serves most of the stuff")
    long = " ".join(["maintainers review patches"] * 15)
    assert specificity(long) < specificity("maintainers review patches every week")
