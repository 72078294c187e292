"""Signing in to the pages when API keys are required: the key goes into an HttpOnly cookie that the same
`Require` checks read as the API's Authorization header, so pages and API share one set of rules."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.api.deps import SessionDep
from app.auth import COOKIE_NAME, Unauthorized
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


@router.post("/login")
def login(
    request: Request, session: SessionDep, key: Annotated[str, Form()], next: Annotated[str, Form()] = "/"
) -> Response:
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
    return response


@router.post("/logout")
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE_NAME)
    return response
