"""Optional LLM polish of job statements: grammar only, same evidence, rejected if it adds any content.

Pure: this builds the chat request and checks the reply; the HTTP call itself is the app's (app/services/llm.py)."""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from collections.abc import Mapping

from pipelines.statements import (
    SLOT_NAMES,
    EvidenceUtterance,
    Slot,
    StatementCandidate,
    assemble_text,
    content_words,
    words_grounded,
)

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "You polish Jobs-to-be-Done statements written from customer interviews. Fix grammar, tense and "
    "agreement only. Keep the customer's words and first person ('I'). Never add facts, words, names or "
    "details that are not already there, and never fill an empty part. Reply with JSON only: "
    '{"when": "...", "want": "...", "so": "..."} using the same keys you were given.'
)
# Template words the statement frame itself uses; a rewrite may use them without evidence.
FRAME_WORDS = ("when", "want", "so", "able", "order", "whenever")
MIN_KEPT = 0.6  # share of the original content words a grammar fix must keep


def chat_url(base_url: str) -> str:
    """The chat-completions URL of an OpenAI-compatible server, with or without /v1 in its base URL."""
    url = base_url.rstrip("/")
    if not url.endswith("/v1"):
        url += "/v1"
    return url + "/chat/completions"


def chat_request(candidate: StatementCandidate, model: str) -> dict[str, object]:
    """The chat-completions body asking `model` to fix the statement's grammar, slot by slot."""
    parts = {name: candidate.slot(name).text for name in SLOT_NAMES}
    frame = {name: candidate.slot(name).lead for name in SLOT_NAMES}
    user = json.dumps(
        {
            "statement": candidate.text,
            "parts": parts,
            "lead_ins": frame,
            "empty_parts": list(candidate.missing),
        },
        ensure_ascii=False,
    )
    return {
        "model": model,
        "temperature": 0,
        "messages": [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}],
    }


def _parse_reply(content: str) -> dict[str, str] | str:
    """The slots from a JSON reply (code fences allowed), or the stripped text when it is not JSON."""
    text = content.strip()
    fenced = re.match(r"^```(?:json)?\s*(.*?)\s*```$", text, re.S)
    if fenced:
        text = fenced.group(1)
    try:
        data = json.loads(text)
    except ValueError:
        return text
    if not isinstance(data, dict):
        return text
    return {name: str(data.get(name) or "").strip().rstrip(".").strip() for name in SLOT_NAMES}


def _allowed_sources(slot: Slot, evidence: Mapping[int, EvidenceUtterance | str] | None) -> list[str]:
    sources = [slot.text, " ".join(FRAME_WORDS)]
    if evidence is not None:
        sources += [u if isinstance(u, str) else u.text for i in slot.evidence if (u := evidence.get(i)) is not None]
    return sources


def _keeps_meaning(before: str, after: str) -> bool:
    old = content_words(before)
    return not old or len(old & content_words(after)) >= MIN_KEPT * len(old)


def _accept_slots(
    candidate: StatementCandidate,
    reply: dict[str, str],
    evidence: Mapping[int, EvidenceUtterance | str] | None,
) -> StatementCandidate | None:
    new: dict[str, Slot] = {}
    for name in SLOT_NAMES:
        old = candidate.slot(name)
        text = reply[name]
        if old.missing:
            if text:
                return None  # an empty part was filled in: that is invention, not grammar
            new[name] = old
            continue
        if not text or not words_grounded(text, _allowed_sources(old, evidence)) or not _keeps_meaning(old.text, text):
            return None
        new[name] = dataclasses.replace(old, text=text)
    text = assemble_text(new["when"], new["want"], new["so"])
    return dataclasses.replace(candidate, when=new["when"], want=new["want"], so=new["so"], text=text, polished=True)


def _accept_sentence(
    candidate: StatementCandidate, reply: str, evidence: Mapping[int, EvidenceUtterance | str] | None
) -> StatementCandidate | None:
    sources = [s for name in SLOT_NAMES for s in _allowed_sources(candidate.slot(name), evidence)]
    if not reply or "\n" in reply.strip() or not words_grounded(reply, sources):
        return None
    if not _keeps_meaning(candidate.text, reply):
        return None
    return dataclasses.replace(candidate, text=reply, polished=True)


def accept_reply(
    candidate: StatementCandidate,
    content: object,
    evidence: Mapping[int, EvidenceUtterance | str] | None = None,
) -> StatementCandidate:
    """The polished statement from a model's reply, or the original when the reply adds or loses content."""
    if not isinstance(content, str):
        return candidate
    reply = _parse_reply(content)
    if isinstance(reply, dict):
        rewritten = _accept_slots(candidate, reply, evidence)
    else:
        rewritten = _accept_sentence(candidate, reply, evidence)
    if rewritten is None:
        log.info("statement rewrite rejected (new content or lost meaning): %r", content[:200])
        return candidate
    return rewritten
