"""Annotated dependencies shared by the routers, and the API-key check every /api route declares."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from app.auth import ANONYMOUS_ADMIN, COOKIE_NAME, SESSION_COOKIE, Principal, authorize, bearer_token
from app.db import session_scope
from app.runtime import Runtime


# The dependencies that do no I/O are coroutines: FastAPI runs a plain function dependency in the thread pool, and
# each such hop (a thread woken, the event loop woken back) cost CPU and, on busy cores, a wait to be scheduled.
async def get_runtime(request: Request) -> Runtime:
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

    async def __call__(self, request: Request) -> Principal:
        # Without auth (or with the principal already read) no database is read: no hop to the thread pool.
        runtime: Runtime = request.app.state.runtime
        if getattr(request.state, "principal", None) is None and runtime.settings.auth_required:
            principal = await run_in_threadpool(current_principal, request)
        else:
            principal = current_principal(request)
        project_id = None
        if principal.project_id is not None:
            project_id = await run_in_threadpool(_project_of, runtime, request.path_params)
        authorize(principal, scope=self.scope, project_id=project_id)
        return principal


def _project_of(runtime: Runtime, path_params: dict) -> int | None:
    from app.services import keys as key_service

    with session_scope(runtime.session_factory) as session:
        return key_service.project_of(session=session, path_params=path_params)


PrincipalDep = Annotated[Principal, Depends(current_principal)]
