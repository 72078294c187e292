"""The optional language model: an OpenAI-compatible chat endpoint a team runs itself, used only to polish the
grammar of extracted job statements (pipelines/rewriter.py builds the request and checks every reply)."""

from __future__ import annotations

import builtins
import logging
from collections.abc import Mapping

from app.config import Settings
from pipelines.statements import EvidenceUtterance, StatementCandidate

log = logging.getLogger(__name__)


def rewrite_statement(
    candidate: StatementCandidate,
    *,
    base_url: str,
    api_key: str | None,
    model: str,
    timeout: float,
    evidence: Mapping[int, EvidenceUtterance | str] | None = None,
) -> StatementCandidate:
    """Ask the endpoint to fix grammar; keep the original on any failure or when the reply adds content."""
    import httpx

    from pipelines.rewriter import accept_reply, chat_request, chat_url

    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    try:
        with httpx.Client(timeout=timeout) as client:
            response = client.post(chat_url(base_url), json=chat_request(candidate, model), headers=headers)
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        log.warning("statement rewrite failed, keeping the original: %s", exc)
        return candidate
    return accept_reply(candidate, content, evidence)


def polish(candidates: builtins.list, *, settings: Settings, evidence: dict) -> builtins.list:
    """Let the optional LLM fix the statements' grammar; the rewriter keeps provenance and rejects added facts."""
    if not settings.llm_base_url:
        return candidates
    return [
        rewrite_statement(
            candidate,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key,
            model=settings.llm_model,
            timeout=settings.llm_timeout,
            evidence=evidence,
        )
        for candidate in candidates
    ]
