"""API keys: create (the key is returned once), list, revoke, and authenticate a presented key."""

from __future__ import annotations

import builtins
from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.auth import LAST_USED_RESOLUTION, Principal, Unauthorized, hash_key, new_key, parse_scopes
from app.errors import NotFound
from app.services import projects as project_service
from models import ApiKey
from models.base import utcnow


def create(
    *, session: Session, name: str, scopes: str | builtins.list[str], project_id: int | None = None
) -> tuple[ApiKey, str]:
    """A new key row and the key itself, which is shown this once and never stored."""
    checked = parse_scopes(scopes)
    if project_id is not None:
        project_service.get(session=session, project_id=project_id)
    key, prefix = new_key()
    row = ApiKey(name=name.strip() or prefix, prefix=prefix, secret_hash=hash_key(key), project_id=project_id)
    row.scopes = checked
    session.add(row)
    session.flush()
    return row, key


def list(*, session: Session) -> builtins.list[ApiKey]:
    return builtins.list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke(*, session: Session, key_id: int) -> ApiKey:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound("api key", key_id)
    row.revoked = True
    session.flush()
    return row


def authenticate(*, session: Session, token: str | None) -> Principal:
    """The principal a key stands for; 401 when there is no key or it is unknown or revoked."""
    if not token:
        raise Unauthorized("This server requires an API key: send `Authorization: Bearer KEY`.")
    row = session.scalars(select(ApiKey).where(ApiKey.secret_hash == hash_key(token))).first()
    if row is None or row.revoked:
        # Never echo the key: it may be a real key with a typo, and messages end up in logs.
        raise Unauthorized("The API key is not valid (unknown or revoked).")
    now = utcnow()
    last = row.last_used_at
    if last is not None and last.tzinfo is None:
        last = last.replace(tzinfo=UTC)  # SQLite hands back naive datetimes
    if last is None or now - last > LAST_USED_RESOLUTION:
        row.last_used_at = now
        session.flush()
    return Principal(key_id=row.id, project_id=row.project_id, scopes=frozenset(row.scopes))


def project_of(*, session: Session, path_params: dict) -> int | None:
    """The project a request's path points into (None for a route outside any project or an unknown id)."""
    from models import Collection, CopyTest, Interview, Job, Task

    if "project_id" in path_params:
        return _as_int(path_params["project_id"])
    owners = (
        ("interview_id", Interview),
        ("job_id", Job),
        ("copy_test_id", CopyTest),
        ("task_id", Task),
        ("collection_id", Collection),
    )
    for param, table in owners:
        if param in path_params and (ident := _as_int(path_params[param])) is not None:
            return session.scalar(select(table.project_id).where(table.id == ident))
    return None


def _as_int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
