"""The audit log: who changed what (jobs, statements, speakers, copy tests, keys, users, projects...)."""

from __future__ import annotations

import builtins
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AuditEntry

SECRET_FIELDS = frozenset({"password", "key", "secret", "token", "csrf_token"})


def scrub(details: Any) -> Any:
    """Details without secrets (passwords, keys, tokens)."""
    if isinstance(details, dict):
        return {k: "***" if k.lower() in SECRET_FIELDS else scrub(v) for k, v in details.items()}
    if isinstance(details, builtins.list):
        return [scrub(v) for v in details[:50]]
    if isinstance(details, str) and len(details) > 2000:
        return details[:2000] + "…"
    return details


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    user_id: int | None = None,
    key_id: int | None = None,
    target: str | None = None,
    target_id: int | None = None,
    project_id: int | None = None,
    details: dict | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=actor[:400],
        user_id=user_id,
        key_id=key_id,
        action=action[:100],
        target=target,
        target_id=target_id,
        project_id=project_id,
        details=scrub(details or {}),
    )
    session.add(entry)
    session.flush()
    return entry


def list(
    *,
    session: Session,
    project_id: int | None = None,
    actor: str | None = None,
    target: str | None = None,
    limit: int = 100,
    before_id: int | None = None,
) -> builtins.list[AuditEntry]:
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if project_id is not None:
        query = query.where(AuditEntry.project_id == project_id)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    if target is not None:
        query = query.where(AuditEntry.target == target)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return builtins.list(session.scalars(query))
