"""People who sign in to the pages: accounts with a role, Argon2id passwords and server-side sessions."""

from __future__ import annotations

import builtins
import secrets
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.auth import ROLES, Principal, Unauthorized, hash_key, hash_password, parse_role, verify_password
from app.errors import AppError, NotFound
from models import User, UserSession
from models.base import utcnow

MIN_PASSWORD = 10


@cache
def dummy_hash() -> str:
    """Verified when the email is unknown, so a wrong email costs as long as a wrong password (no account probing).
    Made on first use, not at import: one Argon2id hash was half of every `verbatim users ...` command's CPU time;
    the server makes it as it starts (app.main), so no sign-in pays for it."""
    return hash_password(secrets.token_urlsafe(16))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # SQLite hands back naive datetimes


def _email(raw: str) -> str:
    email = raw.strip().lower()
    if "@" not in email or len(email) > 320 or email.startswith("@") or email.endswith("@"):
        raise AppError("invalid_email", "Give an email address such as ana@example.com.", status_code=422)
    return email


def _password(raw: str) -> str:
    if len(raw) < MIN_PASSWORD:
        raise AppError("weak_password", f"Passwords need at least {MIN_PASSWORD} characters.", status_code=422)
    return raw


def create(*, session: Session, email: str, password: str, role: str) -> User:
    address = _email(email)
    if session.scalar(select(User.id).where(User.email == address)) is not None:
        raise AppError("user_exists", f"There is already an account for {address}.", status_code=409)
    user = User(email=address, password_hash=hash_password(_password(password)), role=parse_role(role))
    session.add(user)
    session.flush()
    return user


def get(*, session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("user", user_id)
    return user


def list(*, session: Session) -> builtins.list[User]:
    return builtins.list(session.scalars(select(User).order_by(User.id)))


def change(
    *,
    session: Session,
    user_id: int,
    role: str | None = None,
    disabled: bool | None = None,
    password: str | None = None,
) -> User:
    """Change a role, disable or enable, or set a password; disabling or a new password ends the user's sessions."""
    user = get(session=session, user_id=user_id)
    if role is not None:
        user.role = parse_role(role)
    if disabled is not None:
        user.disabled = disabled
    if password is not None:
        user.password_hash = hash_password(_password(password))
    if disabled or password is not None:
        session.execute(delete(UserSession).where(UserSession.user_id == user.id))
    session.flush()
    return user


def sign_in(*, session: Session, email: str, password: str, hours: float) -> tuple[User, str]:
    """Check the password and open a session; returns the user and the session token (stored hashed)."""
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        verify_password(dummy_hash(), password)
    if user is None or user.disabled or not verify_password(user.password_hash, password):
        raise Unauthorized("Wrong email or password.")
    now = utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            user_id=user.id, token_hash=hash_key(token), created_at=now, expires_at=now + timedelta(hours=hours)
        )
    )
    session.execute(delete(UserSession).where(UserSession.expires_at < now))  # housekeeping
    user.last_login_at = now
    session.flush()
    return user, token


def principal_of(*, session: Session, token: str) -> Principal:
    """The principal of a session token; 401 when it is unknown, expired, or its user is disabled."""
    row = session.scalars(select(UserSession).where(UserSession.token_hash == hash_key(token))).first()
    if row is None or _aware(row.expires_at) <= utcnow():
        raise Unauthorized("Your session has ended; please sign in again.")
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        raise Unauthorized("Your session has ended; please sign in again.")
    return Principal(
        key_id=None, project_id=None, scopes=ROLES[user.role], user_id=user.id, email=user.email, role=user.role
    )


def sign_out(*, session: Session, token: str | None) -> None:
    if token:
        session.execute(delete(UserSession).where(UserSession.token_hash == hash_key(token)))
        session.flush()
