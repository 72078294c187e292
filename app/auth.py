"""API keys: who is calling, and what they may do.

A key is sent as `Authorization: Bearer KEY` (programs) or in the `verbatim_key` cookie (the browser UI), and both
go through `services.keys.authenticate` and `authorize`, so the API and the UI share one set of checks."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from app.errors import AppError

# What each scope allows; `admin` allows everything, a write scope also allows its read.
SCOPES: dict[str, str] = {
    "admin": "everything, including creating projects",
    "projects:read": "read interviews, transcripts, recordings, search, jobs, reports and the matrix",
    "projects:write": "upload and edit interviews and speakers, mine and edit jobs",
    "feed:read": "read the phrase feed, phrases and copy tests",
    "tests:write": "create and stop copy tests",
    "events:write": "post copy-test events",
}
IMPLIED: dict[str, set[str]] = {
    "projects:write": {"projects:read"},
    "tests:write": {"feed:read"},
}
KEY_PREFIX = "vb_"
COOKIE_NAME = "verbatim_key"
LAST_USED_RESOLUTION = timedelta(minutes=1)  # don't write to the database on every request


class Unauthorized(AppError):
    status_code = 401

    def __init__(self, message: str):
        super().__init__("unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


class Forbidden(AppError):
    status_code = 403

    def __init__(self, message: str):
        super().__init__("forbidden", message)


@dataclass(frozen=True, slots=True)
class Principal:
    """The caller: a key's id, its project (None: every project) and scopes; `key_id` None when auth is off."""

    key_id: int | None
    project_id: int | None
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        granted = set(self.scopes)
        for held in self.scopes:
            granted |= IMPLIED.get(held, set())
        return "admin" in granted or scope in granted

    def can_see(self, project_id: int | None) -> bool:
        return self.project_id is None or project_id is None or self.project_id == project_id


ANONYMOUS_ADMIN = Principal(key_id=None, project_id=None, scopes=frozenset({"admin"}))


def hash_key(key: str) -> str:
    # Keys are 256-bit random tokens, so a plain SHA-256 is enough (no password stretching needed).
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> tuple[str, str]:
    """A fresh key and its display prefix."""
    prefix = secrets.token_hex(4)
    return f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}", f"{KEY_PREFIX}{prefix}"


def parse_scopes(raw: str | list[str]) -> list[str]:
    scopes = [s.strip() for s in (raw.split(",") if isinstance(raw, str) else raw) if s.strip()]
    unknown = [s for s in scopes if s not in SCOPES]
    if not scopes or unknown:
        raise AppError(
            "invalid_scopes",
            f"Unknown or missing scopes {unknown or scopes}; choose from {', '.join(SCOPES)}.",
            status_code=422,
        )
    return sorted(set(scopes))


def authorize(principal: Principal, *, scope: str, project_id: int | None) -> None:
    """403 unless the principal holds the scope and may see the project."""
    if not principal.allows(scope):
        raise Forbidden(f"This key lacks the `{scope}` scope.")
    if not principal.can_see(project_id):
        raise Forbidden(f"This key is limited to project {principal.project_id}.")


def bearer_token(authorization: str | None, cookie: str | None) -> str | None:
    if authorization:
        scheme, _, value = authorization.partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None
    return cookie or None
