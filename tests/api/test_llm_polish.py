"""The optional LLM polish of job statements, wired from settings, against a fake local endpoint."""

import json

import pytest

from app.services.llm import polish
from pipelines.statements import EvidenceUtterance, Slot, StatementCandidate
from tests.helpers import FakeLLM, make_settings

EVIDENCE = {1: EvidenceUtterance(1, "I want to ship releases on Fridays so I can rest on weekends.", 7)}
CANDIDATE = StatementCandidate(
    when=Slot(),
    want=Slot("ship releases on Fridays", (1,), "I want to"),
    so=Slot("rest on weekends", (1,), "so I can"),
    text="I want to ship releases on Fridays, so I can rest on weekends.",
    missing=("when",),
)


def test_polish_is_off_by_default(tmp_path) -> None:
    settings = make_settings(tmp_path, "sqlite://")
    assert polish([CANDIDATE], settings=settings, evidence=EVIDENCE) == [CANDIDATE]


@pytest.mark.slow
def test_polish_calls_the_endpoint_and_rejects_added_facts(tmp_path, llm_server) -> None:
    FakeLLM.requests.clear()
    settings = make_settings(tmp_path, "sqlite://", llm_base_url=llm_server, llm_model="tiny-llm", llm_api_key="sk-x")
    FakeLLM.reply = {
        "content": json.dumps(
            {"when": "", "want": "ship releases on Fridays with Kubernetes", "so": "rest on weekends"}
        )
    }
    [kept] = polish([CANDIDATE], settings=settings, evidence=EVIDENCE)
    assert kept.text == CANDIDATE.text and kept.evidence == CANDIDATE.evidence
    assert FakeLLM.requests and FakeLLM.requests[0]["auth"] == "Bearer sk-x"
    assert FakeLLM.requests[0]["body"]["model"] == "tiny-llm"
    FakeLLM.reply = {"status": 500}
    assert polish([CANDIDATE], settings=settings, evidence=EVIDENCE) == [CANDIDATE]
