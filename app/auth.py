"""Who is calling, and what they may do: API keys (programs) and people with roles (the browser UI).

A key is sent as `Authorization: Bearer KEY` (or, from older sign-ins, the `verbatim_key` cookie); a person signs
in with email and password into a server-side session (`verbatim_session` cookie). Both become a `Principal` with
scopes and go through `authorize`, so the API and the UI share one set of checks."""

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
# What each person's role may do, as scopes (the same scopes keys carry).
ROLES: dict[str, frozenset[str]] = {
    "admin": frozenset({"admin"}),  # everything, including people, keys and the audit log
    "researcher": frozenset({"projects:write", "feed:read"}),  # upload, edit, mine
    "marketer": frozenset({"projects:read", "tests:write"}),  # search, read jobs, the feed, copy tests
    "viewer": frozenset({"projects:read", "feed:read"}),  # read only
}
KEY_PREFIX = "vb_"
COOKIE_NAME = "verbatim_key"
SESSION_COOKIE = "verbatim_session"
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
    user_id: int | None = None
    email: str | None = None
    role: str | None = None

    @property
    def actor(self) -> str:
        """How the audit log names the principal."""
        if self.user_id is not None:
            return f"user:{self.email}"
        return f"key:{self.key_id}" if self.key_id is not None else "anonymous"

    def allows(self, scope: str) -> bool:
        granted = set(self.scopes)
        for held in self.scopes:
            granted |= IMPLIED.get(held, set())
        return "admin" in granted or scope in granted

    def can_see(self, project_id: int | None) -> bool:
        return self.project_id is None or project_id is None or self.project_id == project_id


ANONYMOUS_ADMIN = Principal(key_id=None, project_id=None, scopes=frozenset({"admin"}))


def parse_role(role: str) -> str:
    if role not in ROLES:
        raise AppError("invalid_role", f"Unknown role {role!r}; choose from {', '.join(ROLES)}.", status_code=422)
    return role


def hash_password(password: str) -> str:
    """An Argon2id hash (argon2-cffi's defaults: RFC 9106 low-memory profile), salt and parameters included."""
    from argon2 import PasswordHasher

    return PasswordHasher().hash(password)


def verify_password(stored: str, password: str) -> bool:
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return PasswordHasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


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
    who = f"Your account ({principal.role})" if principal.user_id is not None else "This key"
    if not principal.allows(scope):
        raise Forbidden(f"{who} lacks the `{scope}` scope.")
    if not principal.can_see(project_id):
        raise Forbidden(f"{who} is limited to project {principal.project_id}.")


def bearer_token(authorization: str | None, cookie: str | None) -> str | None:
    if authorization:
        scheme, _, value = authorization.partition(" ")
        return value.strip() if scheme.lower() == "bearer" and value.strip() else None
    return cookie or None
