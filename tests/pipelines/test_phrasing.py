"""Phrase identity: framing words, punctuation, case and inflection do not make a new phrase."""

import pytest

from pipelines.phrasing import phrase_key


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
