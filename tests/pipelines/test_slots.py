"""Rules that find statement slots in the shapes customers actually talk in."""

from __future__ import annotations

import pytest

from pipelines import slots
from pipelines.nlp import load_nlp

pytestmark = pytest.mark.slow  # real spaCy parses


def _motivations(text: str) -> list[tuple[str, str]]:
    doc = load_nlp()(text)
    return [(s.rule, " ".join(t.text for t in s.tokens)) for s in slots.motivations(doc)]


def _outcomes(text: str) -> list[tuple[str, str]]:
    doc = load_nlp()(text)
    return [(s.rule, " ".join(t.text for t in s.tokens)) for s in slots.outcomes(doc)]


def _situations(text: str) -> list[str]:
    doc = load_nlp()(text)
    return [" ".join(t.text for t in s.tokens) for s in slots.situations(doc, [(0, len(text))])]


@pytest.mark.parametrize(
    ("text", "rule", "phrase"),
    [
        (
            "So it's generally difficult to engage with people outside the core Python community.",
            "struggle",
            "engage with people outside the core Python community",
        ),
        ("We couldn't email everyone on the mailing list.", "cannot", "email everyone on the mailing list"),
        ("We should keep the sponsorships formal.", "should", "keep the sponsorships formal"),
        ("It is important to keep the lights on for users.", "important", "keep the lights on for users"),
        ("We make sure this thing still works tomorrow.", "make sure", "make sure this thing still works tomorrow"),
        (
            "The goal is to have one person on the committee from each region.",
            "aim",
            "have one person on the committee from each region",
        ),
        # the thing that is hard to keep up with was the sentence's subject; "as well" is not part of the goal
        ("Mailing lists are difficult to keep up with as well.", "struggle", "keep up with Mailing lists"),
    ],
)
def test_goals_said_in_other_shapes(text: str, rule: str, phrase: str) -> None:
    assert (rule, phrase) in _motivations(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        # inside the situation that frames it, in the generic "you", or as the means the speaker lacked
        (
            "If I'm a developer and I'm trying to determine if a project is sustainable or not, I look at commits.",
            "determine if a project is sustainable",
        ),
        (
            "So we needed a way to find out who still used the old API.",
            "find out who still used the old API",
        ),
        (
            "We have been really diligent about trying to collect the bare minimum of information.",
            "collect the bare minimum of information",
        ),
        ("If you run a mirror, you want to keep the packages in sync.", "keep the packages in sync"),
    ],
)
def test_goals_framed_by_a_situation_or_a_generic_you(text: str, phrase: str) -> None:
    assert ("goal", phrase) in _motivations(text)


@pytest.mark.parametrize(
    "text",
    [
        "I don't want to use this anymore.",  # a denied want
        "That was a blocker to a lot of the improvements that we wanted to make.",  # the object lies outside
        "Then they go and say, does the data tell me that doing what I want to do would be a bad idea?",
        "He wanted to step back from the project.",  # someone else's want
        "Do you want to keep the packages in sync?",  # a question
        "Then setuptools added easy_install, when you wanted to download these packages.",  # how it went for anyone
        "I'm gonna see if I can try to explain a graph of the traffic.",  # talk about the interview
    ],
)
def test_no_goal_from_denied_outside_or_others_wants(text: str) -> None:
    assert [p for rule, p in _motivations(text) if rule == "goal"] == []


@pytest.mark.parametrize(
    "text",
    [
        "And people going, I can't sign up!",  # someone else's words read out
        "Is it difficult to engage with people outside the core?",  # a question
        "We could, but we can't inject a message into those responses, because that would break them.",
        "You have to run it locally.",  # an obligation is not a goal
        "I can't remember the name of the package.",  # not a missing ability
        "That is difficult to do cheaply.",  # says nothing about what
    ],
)
def test_no_goal_where_none_was_voiced(text: str) -> None:
    assert _motivations(text) == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We need to do some heavy refactoring of PyPI to make the codebase modern.", "make the codebase modern"),
        (
            "We are sorting out our financials to be able to submit the larger grants.",
            "submit the larger grants",
        ),
        ("The donated servers help us run all of the downloads.", "run all of the downloads"),
        ("We wrote the tests, so we can ship changes without fear.", "ship changes without fear"),
        (
            "If I had money, I might hire someone to do that, so I can then do more of the engineering work.",
            "do more of the engineering work",
        ),
    ],
)
def test_outcomes(text: str, phrase: str) -> None:
    assert phrase in [p for _, p in _outcomes(text)]


def test_what_the_speaker_became_able_to_do_is_an_outcome() -> None:
    assert ("were able to", "respond to security issues") in _outcomes(
        "I was then able to respond to security issues, respond to pressures."
    )
    # broken off before the thing itself: no outcome
    assert _outcomes("With time we were able to implement a lot of additional — we were able to cope.") == []


def test_what_the_speaker_can_do_now_is_an_outcome_but_not_a_conditional_or_talk() -> None:
    assert ("can", "ship changes to production every day") in _outcomes(
        "Now we can ship changes to production every day."
    )
    assert _outcomes("If we had more money, we can hire a second engineer.") == []
    assert _outcomes("I can give you an example of that from last year.") == []


@pytest.mark.parametrize(
    ("text", "rule", "phrase"),
    [
        (
            "Part of being sustainable is being able to cover any ongoing operating cost.",
            "being able to",
            "cover any ongoing operating cost",
        ),
        ("It makes it easier to seek funding for the rewrite.", "makes it easier", "seek funding for the rewrite"),
        ("It makes it easier to seek funding to improve Warehouse.", "to", "improve Warehouse"),  # what it is for
        ("Overall the service has been far more reliable.", "better", "make the service far more reliable"),
        ("The local PyCons are even more accessible.", "better", "make The local PyCons even more accessible"),
        ("So that road mapping is a lot easier when you have a team.", "better", "make road mapping a lot easier"),
    ],
)
def test_abilities_and_things_made_better_are_outcomes(text: str, rule: str, phrase: str) -> None:
    doc = load_nlp()(text)
    found = [(s.rule, " ".join([s.verb] * bool(s.verb) + [t.text for t in s.tokens])) for s in slots.outcomes(doc)]
    assert (rule, phrase) in found


@pytest.mark.parametrize(
    "text",
    [
        "Uploads got a lot more challenging.",  # worse is no outcome anyone seeks
        "If the service were more reliable, we would be happy.",  # not how things are
        "Even though the new upload service is a little bit more efficient.",  # conceded, not claimed
        "It's a lot easier now.",  # what 'it' is stayed in the talk around it
        "It makes it easier for people to find the package index.",  # someone else's gain
        "Making it possible to run the site locally would have been nice.",  # a wish, not what happened
        "That contributed to Donald being able to get a position at AWS.",  # someone else's ability
        "Let's say we got a large company to fund a couple of engineers for the index.",  # a made-up case
        "We got a large company to fund a couple of engineers for the index.",  # the company funds them
    ],
)
def test_no_outcome_from_worse_things_conditions_or_others(text: str) -> None:
    assert _outcomes(text) == []


def test_someone_elses_or_a_denied_purpose_is_not_an_outcome() -> None:
    assert _outcomes("They go there to search for a package.") == []
    assert _outcomes("I would not expect to be able to exert influence over these projects.") == []


def test_a_struggle_becomes_a_situation_clause() -> None:
    assert _situations("Basically nobody knows how to contribute to PyPI, until you spend a month on it.") == [
        "nobody knows how to contribute to PyPI"
    ]
    assert _situations("And there were a lot of regular outages.") == ["there were a lot of regular outages"]
    # a preposition whose object is the subject ends the clause whole
    hard = "Mailing lists are difficult to keep up with"
    assert _situations(hard + ".") == [hard]


@pytest.mark.parametrize(
    "text",
    [
        "When it breaks, people get really mad.",  # a 'when' clause is found by its own cue
        "It was really bad.",  # no subject worth a situation
        "Why does it keep breaking?",
    ],
)
def test_no_situation_without_a_clause_of_its_own(text: str) -> None:
    assert _situations(text) == []
