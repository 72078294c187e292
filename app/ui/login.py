"""Signing in to the pages when auth is required: a person with email and password gets a server-side session
(an HttpOnly cookie holding a random token that expires after VERBATIM_SESSION_HOURS; signing out deletes it);
an API key still works too (kept in an HttpOnly cookie). The same `Require` checks read either, so pages and API
share one set of rules."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.api.deps import SessionDep
from app.auth import COOKIE_NAME, SESSION_COOKIE, Forbidden, Unauthorized
from app.security import CSRF_COOKIE, CSRF_HEADER, csrf_matches
from app.services import audit as audit_service
from app.services import keys as key_service
from app.services import users as user_service
from app.ui.templating import templates

router = APIRouter(include_in_schema=False)
COOKIE_DAYS = 30


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a link send a signed-in user anywhere.
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


def _page(request: Request, next_path: str, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "login.html", {"next": next_path, "error": error}, status_code=status_code
    )


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if not request.app.state.runtime.settings.auth_required:
        return RedirectResponse(_safe_next(next), status_code=303)
    return _page(request, _safe_next(next))


def _csrf_ok(request: Request, form_token: str | None) -> bool:
    """The double-submitted token: the form's (or the X-CSRF-Token header's) copy must equal the cookie's."""
    return csrf_matches(request.cookies.get(CSRF_COOKIE), form_token or request.headers.get(CSRF_HEADER))


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    key: Annotated[str | None, Form()] = None,
    email: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    next: Annotated[str, Form()] = "/",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    if not _csrf_ok(request, csrf_token):
        return _page(request, _safe_next(next), "The form expired; please sign in again.", status_code=403)
    response = RedirectResponse(_safe_next(next), status_code=303)
    secure = request.url.scheme == "https"
    if email is not None and password is not None:
        hours = request.app.state.runtime.settings.session_hours
        try:
            user, token = user_service.sign_in(session=session, email=email, password=password, hours=hours)
        except Unauthorized:  # refused before anything was written
            return _page(request, _safe_next(next), "Wrong email or password.", status_code=401)
        audit_service.record(
            session=session, actor=f"user:{user.email}", user_id=user.id, action="sign_in", target="user",
            target_id=user.id,
        )  # fmt: skip
        # samesite=strict: the cookie never rides on another site's request, so it cannot forge API calls.
        response.set_cookie(
            SESSION_COOKIE, token, max_age=int(hours * 3600), httponly=True, samesite="strict", secure=secure
        )
        response.delete_cookie(COOKIE_NAME)
    elif key:
        try:
            key_service.authenticate(session=session, token=key.strip())
        except Unauthorized:
            return _page(request, _safe_next(next), "That key is not valid (unknown or revoked).", status_code=401)
        response.set_cookie(
            COOKIE_NAME, key.strip(), max_age=COOKIE_DAYS * 86400, httponly=True, samesite="strict", secure=secure
        )
    else:
        return _page(request, _safe_next(next), "Give your email and password, or an API key.", status_code=422)
    # A fresh CSRF token with the new session: a token planted before sign-in is worth nothing after it.
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    if not _csrf_ok(request, csrf_token):
        raise Forbidden("Missing or wrong CSRF token (send the X-CSRF-Token header or a csrf_token field).")
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        # The session ends on the server: the cookie's token is worthless from now on, even if it was copied.
        try:
            who = user_service.principal_of(session=session, token=token)
            audit_service.record(session=session, actor=who.actor, user_id=who.user_id, action="sign_out")
        except Unauthorized:
            pass
        user_service.sign_out(session=session, token=token)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME)
    response.delete_cookie(SESSION_COOKIE)
    return response
