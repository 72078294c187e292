"""A core job's title names the progress its jobs share, not one job's title said again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipelines.statements import EMPTY_SLOT, Slot, StatementCandidate, statement_problems
from pipelines.titles import core_title

pytestmark = pytest.mark.slow  # spaCy


def _statement(want: str, so: str = "") -> StatementCandidate:
    return StatementCandidate(
        when=EMPTY_SLOT,
        want=Slot(want, (1,)),
        so=Slot(so, (2,), "so I can") if so else EMPTY_SLOT,
        text="",
    )


# A core job of three jobs: tests before a deploy (job 0), telling the people who rely on it (job 1), funding (2).
_VOICES = [
    ("We have no tests, so every deploy could break the service for everyone.", "ann", 0),
    ("I check by hand that the service still works after a change.", "bob", 0),
    ("When the service breaks, we email the people who rely on it.", "cat", 1),
    ("A reliable service is what people who depend on it care about.", "ann", 1),
    ("We seek funding for the work on the new service.", "bob", 2),
    ("Money for the work would make the service far more reliable.", "cat", 2),
]
_TITLES = ["Check the service by hand after a change", "Email the people who rely on it", "Seek funding for the work"]


def test_the_outcome_the_jobs_share_names_the_core_job() -> None:
    tests = _statement("check the service by hand after a change", so="make the service far more reliable")
    found = core_title([_statement("email the people who rely on it"), tests], _TITLES, _VOICES)
    assert found is not None
    title, statement = found
    assert title == "Make the service far more reliable" and not statement_problems(want=title)
    assert statement is tests  # the statement that says it leads the core job: title and statement read as one


def test_a_title_of_one_of_its_jobs_is_never_the_core_jobs() -> None:
    # The goal is a job's title, its outcome sits inside another's ("... for the work"): neither names the core job.
    again = _statement("check the service by hand after a change", so="seek funding for the work")
    assert core_title([again], _TITLES, _VOICES) is None


def test_wording_from_one_job_alone_or_pointing_does_not_name_the_core_job() -> None:
    # "email the people" is said in one job's talk only; "make it modern" points at what it means.
    narrow = _statement("email the people on the list", so="make it modern")
    assert core_title([narrow], _TITLES, _VOICES) is None
    # A word the core job's talk never says is not its customers' wording.
    invented = _statement("guarantee the service uptime", so="")
    assert core_title([invented], _TITLES, _VOICES) is None


def test_an_outcome_about_one_speakers_third_person_does_not_name_the_core_job() -> None:
    # "every time he eats", said of one speaker's husband: the core job's people share the service, not him.
    his = _statement("check the work on the service", so="keep the service reliable for him")
    assert core_title([his], _TITLES, _VOICES) == ("Check the work on the service", his)
    from pipelines.titles import core_phrases

    assert [phrase for phrase, _ in core_phrases([his])] == ["check the work on the service"]


def test_the_wording_said_in_more_of_its_jobs_wins_and_outcomes_before_goals() -> None:
    # Jobs that say each word: 'check' 1, 'work' 2 ('works' too), 'service' 3: 2.0 on average; 'service' 3 and
    # 'reliable' 2: 2.5 ('keep', like 'make', is an everyday word that is not counted).
    broad = _statement("check the work on the service", so="")
    wide = _statement("email the people", so="keep the service reliable")
    title, statement = core_title([broad, wide], _TITLES, _VOICES) or ("", None)
    assert title == "Keep the service reliable" and statement is wide
    assert core_title([broad], _TITLES, _VOICES) == ("Check the work on the service", broad)


def test_a_core_jobs_options_are_its_statements_goals_and_outcomes_that_name_something() -> None:
    from pipelines.titles import core_phrases

    tests = _statement("check the service by hand after a change", so="make the service far more reliable")
    pointing = _statement("make it modern", so="keep up with that")
    thin = _statement("make a change", so="do some more of the engineering stuff")
    found = core_phrases([tests, pointing, thin, tests])
    assert found == (("check the service by hand after a change", 0), ("make the service far more reliable", 0))


def test_the_phrase_that_names_the_core_jobs_talk_best_wins_and_a_jobs_title_only_by_a_clear_lead() -> None:
    from pipelines.titles import POOR_FIT, pick_core

    phrases = ["check the service by hand", "make the service far more reliable", "seek funding for the work"]
    assert pick_core(phrases, [0.05, 0.12, 0.08], _TITLES) == 1
    assert pick_core(phrases, [0.05, 0.121, 0.124], []) == 1  # within FIT_STEP: the earlier phrase
    # "seek funding for the work" is a job's title: it names one job, not the core job, unless it leads clearly.
    assert pick_core(phrases, [0.05, 0.10, 0.10 + POOR_FIT / 2], _TITLES) == 1
    assert pick_core(phrases, [0.05, 0.10, 0.11 + POOR_FIT], _TITLES) == 2
    assert pick_core(phrases[2:], [0.2], _TITLES) == 0  # nothing else to take


def test_a_phrase_whose_statement_is_whole_leads_by_full_lead() -> None:
    from pipelines.titles import FULL_LEAD, pick_core

    phrases = ["run a public interest charity in a global way", "submit the larger grants to fund development"]
    assert pick_core(phrases, [0.12, 0.08], []) == 0
    assert pick_core(phrases, [0.12, 0.08], [], full=[False, True]) == 1  # the goal alone vs when, what and what for
    assert pick_core(phrases, [0.12 + FULL_LEAD, 0.08], [], full=[False, True]) == 0  # a clear lead still wins


def test_only_the_goal_of_a_whole_statement_leads_not_what_it_is_for() -> None:
    from pipelines.titles import FULL_LEAD, choose_core, core_phrases, leads_whole

    whole = StatementCandidate(
        when=Slot("an urgent case comes in", (3,), "when"),
        want=Slot("move the routine visits in one go", (1,)),
        so=Slot("stop phoning patients one at a time", (2,), "so I can"),
        text="",
    )
    phrases = [phrase for phrase, _ in core_phrases([whole])]
    assert phrases == ["move the routine visits in one go", "stop phoning patients one at a time"]
    assert [leads_whole(phrase, whole) for phrase in phrases] == [True, False]
    # The outcome names the talk a little better, the goal is the progress the whole statement seeks: it titles.
    full = [leads_whole(phrase, whole) for phrase in phrases]
    assert choose_core(phrases, [0.05, 0.05 + FULL_LEAD / 2], [], full) == (0, "Move the routine visits in one go")
    # A goal said with no situation leads nothing.
    alone = replace(whole, when=Slot())
    assert not leads_whole("move the routine visits in one go", alone)


def test_a_phrase_said_by_several_statements_leads_with_the_fullest() -> None:
    from pipelines.titles import core_phrases

    alone = _statement("check the service by hand after a change")
    whole = StatementCandidate(
        when=Slot("the service breaks", (3,), "when"),
        want=Slot("check the service by hand after a change", (1,)),
        so=Slot("sleep at night", (2,), "so I can"),
        text="",
    )
    assert dict(core_phrases([alone, whole]))["check the service by hand after a change"] == 1
