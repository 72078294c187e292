"""Annotated dependencies shared by the routers, and the API-key check every /api route declares."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from app.auth import ANONYMOUS_ADMIN, COOKIE_NAME, SESSION_COOKIE, Principal, authorize, bearer_token
from app.db import session_scope
from app.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime


def get_session(runtime: Annotated[Runtime, Depends(get_runtime)]) -> Iterator[Session]:
    """The request's transaction: routers and services only flush; this commits once, or rolls back on error."""
    with session_scope(runtime.session_factory) as session:
        yield session


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]
# scope="function": the commit runs when the route returns, before the response is sent, so a client never reads
# a response whose changes are not stored yet, and a failed commit answers as an error, not as a success.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def current_principal(request: Request) -> Principal:
    """Who is calling: anonymous admin when auth is off, else the presented key's principal (Authorization header
    first), else the signed-in person's (session cookie); 401 if none."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached
    runtime: Runtime = request.app.state.runtime
    if not runtime.settings.auth_required:
        principal = ANONYMOUS_ADMIN
    elif not request.headers.get("authorization") and request.cookies.get(SESSION_COOKIE):
        from app.services import users as user_service

        with session_scope(runtime.session_factory) as session:
            principal = user_service.principal_of(session=session, token=request.cookies[SESSION_COOKIE])
    else:
        from app.services import keys as key_service

        token = bearer_token(request.headers.get("authorization"), request.cookies.get(COOKIE_NAME))
        with session_scope(runtime.session_factory) as session:
            principal = key_service.authenticate(session=session, token=token)
    request.state.principal = principal
    return principal


class Require:
    """Route dependency: the caller holds `scope` and may see the project the path's ids belong to."""

    def __init__(self, scope: str):
        self.scope = scope

    def __call__(self, request: Request) -> Principal:
        principal = current_principal(request)
        project_id = None
        if principal.project_id is not None:
            from app.services import keys as key_service

            runtime: Runtime = request.app.state.runtime
            with session_scope(runtime.session_factory) as session:
                project_id = key_service.project_of(session=session, path_params=request.path_params)
        authorize(principal, scope=self.scope, project_id=project_id)
        return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]
