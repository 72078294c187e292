"""Signing in to the pages when API keys are required: the key goes into an HttpOnly cookie that the same
`Require` checks read as the API's Authorization header, so pages and API share one set of rules."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.api.deps import SessionDep
from app.auth import COOKIE_NAME, Forbidden, Unauthorized
from app.security import CSRF_COOKIE, CSRF_HEADER, csrf_matches
from app.services import keys as key_service
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
    key: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/",
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    if not _csrf_ok(request, csrf_token):
        return _page(request, _safe_next(next), "The form expired; please sign in again.", status_code=403)
    try:
        key_service.authenticate(session=session, token=key.strip())
    except Unauthorized:
        return _page(request, _safe_next(next), "That key is not valid (unknown or revoked).", status_code=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        key.strip(),
        max_age=COOKIE_DAYS * 86400,
        httponly=True,
        samesite="strict",  # the cookie never rides on another site's request, so it cannot forge API calls
        secure=request.url.scheme == "https",
    )
    # A fresh CSRF token with the new session: a token planted before sign-in is worth nothing after it.
    response.set_cookie(CSRF_COOKIE, secrets.token_urlsafe(32), samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str | None, Form()] = None) -> Response:
    if not _csrf_ok(request, csrf_token):
        raise Forbidden("Missing or wrong CSRF token (send the X-CSRF-Token header or a csrf_token field).")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME)
    return response
