"""The markdown report: slots backed by one quote cite it once; a job does not repeat its core job's statement."""

from __future__ import annotations

from typing import Any

from app.services.jobs import report_markdown

SAID: dict[str, Any] = {
    "utterance_id": 7,
    "text": "Since there were no tests, it was hard to check I hadn't broken a feature.",
    "speaker": "Ann",
    "interview": "ann-1",
}
OTHER: dict[str, Any] = {"utterance_id": 8, "text": "We run it locally.", "speaker": "Bo", "interview": "bo-1"}


def _job(job_id: int, level: str, parent: int | None, statement: dict | None, quotes: list[dict]) -> dict:
    return {
        "id": job_id,
        "level": level,
        "parent_id": parent,
        "status": "proposed",
        "title": "Check a change broke nothing",
        "support": {"people": 2, "interviews": 2, "utterances": 9},
        "forces": {"push": 0, "pull": 0, "anxiety": 0, "habit": 0},
        "force_quotes": {},
        "statement": statement,
        "quotes": quotes,
    }


def _statement(so: dict) -> dict:
    return {
        "text": "When there are no tests, I want to check I haven't broken a feature, so I can make changes.",
        "evidence": {"when": [SAID], "want": [SAID], "so": [so]},
        "missing": [],
    }


def test_one_quote_backing_several_slots_is_cited_once() -> None:
    report = report_markdown([_job(1, "detail", None, _statement(SAID), [SAID])], "P")
    assert report.count(SAID["text"]) == 2  # the evidence line and the quote, not one line per slot
    assert f"- *when*, *want* and *so*: “{SAID['text']}” — Ann, ann-1" in report


def test_slots_keep_their_own_quotes_in_slot_order() -> None:
    report = report_markdown([_job(1, "detail", None, _statement(OTHER), [SAID])], "P")
    lines = [line for line in report.splitlines() if line.startswith("- *")]
    assert lines == [f"- *when* and *want*: “{SAID['text']}” — Ann, ann-1", f"- *so*: “{OTHER['text']}” — Bo, bo-1"]


def test_a_job_with_its_core_jobs_statement_and_quotes_says_so_instead_of_repeating_them() -> None:
    core = _job(1, "core", None, _statement(OTHER), [SAID, OTHER])
    same = _job(2, "detail", 1, _statement(OTHER), [SAID, OTHER])
    other = _job(3, "detail", 1, {**_statement(OTHER), "text": "I want to run it locally."}, [OTHER])
    report = report_markdown([core, same, other], "P")
    assert report.count(f"**{core['statement']['text']}**") == 1
    assert report.count("The same statement as its core job, with the same evidence.") == 1
    assert report.count("The same quotes as its core job.") == 1
    assert "**I want to run it locally.**" in report
    # A job outside any core job, or a core job itself, always prints its own statement.
    alone = report_markdown([_job(4, "detail", None, _statement(OTHER), [SAID])], "P")
    assert f"**{core['statement']['text']}**" in alone and "The same" not in alone


def test_the_same_words_on_other_evidence_are_printed() -> None:
    core = _job(1, "core", None, _statement(OTHER), [SAID])
    child = _job(2, "detail", 1, _statement(SAID), [OTHER])
    report = report_markdown([core, child], "P")
    assert "The same statement" not in report and "The same quotes" not in report
    assert report.count(f"**{core['statement']['text']}**") == 2
