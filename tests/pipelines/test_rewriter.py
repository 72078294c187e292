"""Tests for the optional LLM rewriter: the request and the reply check (pipelines/rewriter.py), and the call
itself (app/services/llm.py) against a fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from app.services.llm import rewrite_statement
from pipelines.rewriter import accept_reply, chat_request, chat_url
from pipelines.statements import EMPTY_SLOT, EvidenceUtterance, Slot, StatementCandidate, assemble_text
from tests.helpers import FakeLLM

pytestmark = pytest.mark.slow  # the grounding check parses with the real spaCy model

EVIDENCE = {
    1: EvidenceUtterance(1, "When we cuts a release, we needs to uploads our wheels by hand.", 7),
    2: EvidenceUtterance(2, "So that we can ship on Fridays.", 7),
}


def _candidate(so: Slot = Slot("ship on Fridays", (2,), "so I can")) -> StatementCandidate:
    when = Slot("I cuts a release", (1,), "When")
    want = Slot("uploads my wheels by hand", (1,))
    missing = tuple(name for name, slot in (("when", when), ("want", want), ("so", so)) if slot.missing)
    return StatementCandidate(
        when=when,
        want=want,
        so=so,
        text=assemble_text(when, want, so),
        missing=missing,
        score=3.0,
        support=(1,),
    )


@pytest.fixture(autouse=True)
def _reset() -> None:
    FakeLLM.reply = {}
    FakeLLM.requests.clear()


def _rewrite(base_url: str, candidate: StatementCandidate | None = None, **kwargs: Any) -> StatementCandidate:
    return rewrite_statement(
        candidate or _candidate(),
        base_url=base_url,
        api_key=kwargs.pop("api_key", "sk-test"),
        model="tiny-llm",
        timeout=kwargs.pop("timeout", 5.0),
        **kwargs,
    )


def _json(**slots: str) -> str:
    return json.dumps(slots)


def test_grammar_fix_is_accepted_with_same_evidence(llm_server: str) -> None:
    original = _candidate()
    FakeLLM.reply = {"content": _json(when="I cut a release", want="upload my wheels by hand", so="ship on Fridays")}
    result = _rewrite(llm_server, original)
    assert result.text == "When I cut a release, I want to upload my wheels by hand, so I can ship on Fridays."
    assert result.polished and not original.polished
    assert result.evidence == original.evidence == (1, 2)
    assert [result.slot(n).evidence for n in ("when", "want", "so")] == [(1,), (1,), (2,)]
    assert result.score == original.score and result.support == original.support
    [request] = FakeLLM.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-test"
    assert request["body"]["model"] == "tiny-llm"
    assert "ship on Fridays" in request["body"]["messages"][1]["content"]


def test_code_fenced_json_and_v1_base_url(llm_server: str) -> None:
    FakeLLM.reply = {
        "content": "```json\n"
        + _json(when="I cut a release", want="upload my wheels by hand", so="ship on Fridays")
        + "\n```"
    }
    result = _rewrite(llm_server + "/v1/", api_key=None)
    assert result.polished and result.want.text == "upload my wheels by hand"
    assert FakeLLM.requests[0]["path"] == "/v1/chat/completions"
    assert FakeLLM.requests[0]["auth"] is None


def test_plain_sentence_reply_is_checked_too(llm_server: str) -> None:
    FakeLLM.reply = {"content": "When I cut a release, I want to upload my wheels by hand, so I can ship on Fridays."}
    result = _rewrite(llm_server)
    assert result.polished and result.text.startswith("When I cut a release")
    assert result.want == _candidate().want  # slots and their provenance are untouched

    FakeLLM.reply = {"content": "When I cut a release, I want to upload signed wheels to S3 before lunch."}
    assert _rewrite(llm_server) == _candidate()


@pytest.mark.parametrize(
    "slots",
    [
        # new facts: "automatically", "GitHub Actions", "customers" appear nowhere in the evidence
        {
            "when": "I cut a release",
            "want": "upload my wheels automatically with GitHub Actions",
            "so": "ship on Fridays",
        },
        {
            "when": "I cut a release",
            "want": "upload my wheels by hand",
            "so": "delight my customers on Fridays",
        },
        # meaning dropped rather than grammar fixed
        {"when": "I cut a release", "want": "upload", "so": "ship on Fridays"},
        # a part emptied
        {"when": "", "want": "upload my wheels by hand", "so": "ship on Fridays"},
    ],
)
def test_rewrite_adding_or_losing_content_is_rejected(llm_server: str, slots: dict[str, str]) -> None:
    original = _candidate()
    FakeLLM.reply = {"content": json.dumps(slots)}
    assert _rewrite(llm_server, original, evidence=EVIDENCE) == original


def test_missing_slot_must_stay_empty(llm_server: str) -> None:
    original = _candidate(so=EMPTY_SLOT)
    assert original.missing == ("so",)
    FakeLLM.reply = {"content": _json(when="I cut a release", want="upload my wheels by hand", so="ship on Fridays")}
    assert _rewrite(llm_server, original) == original
    FakeLLM.reply = {"content": _json(when="I cut a release", want="upload my wheels by hand", so="")}
    result = _rewrite(llm_server, original)
    assert result.polished and result.missing == ("so",) and result.so == EMPTY_SLOT
    assert result.text == "When I cut a release, I want to upload my wheels by hand."


def test_evidence_words_may_be_used(llm_server: str) -> None:
    # "uploads" -> "upload" and the evidence's own "we" context are fine; the cited utterance has every word.
    FakeLLM.reply = {"content": _json(when="I cut a release", want="upload my wheels by hand", so="ship on Fridays")}
    assert _rewrite(llm_server, evidence=EVIDENCE).polished


@pytest.mark.parametrize(
    "reply",
    [
        {"status": 500},
        {"status": 401},
        {"content": "not json and two\nlines"},
        {"content": "[1, 2, 3]"},
    ],
)
def test_errors_fall_back_to_the_original(llm_server: str, reply: dict[str, Any]) -> None:
    FakeLLM.reply = reply
    assert _rewrite(llm_server) == _candidate()


def test_timeout_falls_back(llm_server: str) -> None:
    FakeLLM.reply = {"sleep": 1.5, "content": _json(when="I cut a release", want="x", so="y")}
    started = time.monotonic()
    assert _rewrite(llm_server, timeout=0.3) == _candidate()
    assert time.monotonic() - started < 1.4


def test_unreachable_server_falls_back() -> None:
    assert _rewrite("http://127.0.0.1:9", timeout=0.5) == _candidate()


def test_request_and_reply_check_need_no_server() -> None:
    assert chat_url("http://127.0.0.1:8000") == chat_url("http://127.0.0.1:8000/v1/")
    assert chat_url("http://127.0.0.1:8000").endswith("/v1/chat/completions")
    body = chat_request(_candidate(), "tiny-llm")
    assert body["model"] == "tiny-llm" and body["temperature"] == 0
    assert "uploads my wheels by hand" in json.dumps(body)
    original = _candidate()
    fixed = accept_reply(original, _json(when="I cut a release", want="upload my wheels by hand", so="ship on Fridays"))
    assert fixed.polished and fixed.evidence == original.evidence
    assert accept_reply(original, None) is original
    assert accept_reply(original, _json(when="I cut a release", want="upload to S3", so="ship on Fridays")) is original
