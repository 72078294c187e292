"""People (accounts with roles), the audit log, and the middleware that writes who changed what."""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any, Literal

import anyio
from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.deps import PrincipalDep, Require, SessionDep
from app.api.openapi import raises
from app.schemas import UtcDateTime
from app.services import audit as audit_service
from app.services import users as user_service

log = logging.getLogger(__name__)
router = APIRouter(tags=["people"])
Role = Literal["admin", "researcher", "marketer", "viewer"]


class UserCreate(BaseModel):
    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1000)
    role: Role


class UserUpdate(BaseModel):
    role: Role | None = None
    disabled: bool | None = None
    password: str | None = Field(None, min_length=1, max_length=1000)


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    role: str
    disabled: bool
    created_at: UtcDateTime
    last_login_at: UtcDateTime | None


class AuditRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    at: UtcDateTime
    actor: str
    action: str
    target: str | None
    target_id: int | None
    project_id: int | None
    details: dict


@router.get("/api/users", dependencies=[Depends(Require("admin"))])
def list_users(session: SessionDep) -> dict[str, list[UserRead]]:
    return {"users": [UserRead.model_validate(u) for u in user_service.list(session=session)]}


@router.post(
    "/api/users",
    dependencies=[Depends(Require("admin"))],
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=raises("invalid_email", "weak_password", "user_exists"),
)
def create_user(user_in: UserCreate, session: SessionDep) -> UserRead:
    user = user_service.create(session=session, email=user_in.email, password=user_in.password, role=user_in.role)
    return UserRead.model_validate(user)


@router.patch(
    "/api/users/{user_id}",
    dependencies=[Depends(Require("admin"))],
    response_model=UserRead,
    responses=raises("weak_password"),
)
def update_user(user_id: int, user_in: UserUpdate, session: SessionDep) -> UserRead:
    user = user_service.change(session=session, user_id=user_id, **user_in.model_dump(exclude_unset=True))
    return UserRead.model_validate(user)


@router.get("/api/me")
def me(principal: PrincipalDep) -> dict[str, Any]:
    """Who the caller is and what it may do (the pages use it to show or hide controls)."""
    return {
        "user": {"id": principal.user_id, "email": principal.email, "role": principal.role}
        if principal.user_id
        else None,
        "key_id": principal.key_id,
        "project_id": principal.project_id,
        "scopes": sorted(principal.scopes),
    }


@router.get("/api/audit", dependencies=[Depends(Require("admin"))])
def list_audit(
    session: SessionDep,
    project_id: int | None = None,
    actor: str | None = None,
    target: str | None = None,
    before_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, list[AuditRead]]:
    """Who changed what, newest first; `before_id` pages back."""
    entries = audit_service.list(
        session=session, project_id=project_id, actor=actor, target=target, limit=limit, before_id=before_id
    )
    return {"entries": [AuditRead.model_validate(e) for e in entries]}


# --------------------------------------------------------------------------- the middleware

SKIP_SUFFIXES = ("/events",)  # copy-test events are traffic, not changes
BODY_LIMIT = 64 * 1024


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw and len(raw) <= BODY_LIMIT else None
    except ValueError:
        return None


class AuditMiddleware:
    """After each successful change under /api (a POST, PUT, PATCH or DELETE answered 2xx), one audit entry: the
    principal, the route's name as the action, the path's innermost id as the target, and the JSON body sent
    (secrets scrubbed)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in {"GET", "HEAD", "OPTIONS"}
            or not scope["path"].startswith("/api/")
            or scope["path"].endswith(SKIP_SUFFIXES)
        ):
            await self.app(scope, receive, send)
            return
        is_json = any(k.lower() == b"content-type" and b"json" in v for k, v in scope["headers"])
        sent, answer, status_code = bytearray(), bytearray(), 0

        async def capture_receive() -> Message:
            message = await receive()
            if is_json and message["type"] == "http.request" and len(sent) <= BODY_LIMIT:
                sent.extend(message.get("body", b""))
            return message

        async def capture_send(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
            elif message["type"] == "http.response.body" and len(answer) <= BODY_LIMIT:
                answer.extend(message.get("body", b""))
            await send(message)

        await self.app(scope, capture_receive, capture_send)
        if 200 <= status_code < 300:
            try:
                await anyio.to_thread.run_sync(self._write, scope, _json(bytes(sent)), _json(bytes(answer)))
            except Exception:  # the change is made; a failed audit write is logged, never turned into an error
                log.exception("could not write the audit entry for %s %s", scope["method"], scope["path"])

    @staticmethod
    def _write(scope: Scope, body: Any, result: Any) -> None:
        from app.db import session_scope
        from app.services import keys as key_service

        principal = scope.get("state", {}).get("principal")
        route = scope.get("route")
        params = dict(scope.get("path_params") or {})
        ids = [(name.removesuffix("_id"), value) for name, value in params.items() if name.endswith("_id")]
        target, target_id = ids[-1] if ids else (None, None)
        details: dict[str, Any] = {"method": scope["method"], "path": scope["path"]}
        if isinstance(body, dict):
            details["changes"] = body
        if isinstance(result, dict) and isinstance(result.get("id"), int):
            details["result_id"] = result["id"]
            last = str(getattr(route, "path", "")).rstrip("/").rsplit("/", 1)[-1]
            if last and not last.startswith("{"):  # POST .../copy-tests made copy-test <id>
                target, target_id = last.removesuffix("s"), result["id"]
        runtime = scope["app"].state.runtime
        with session_scope(runtime.session_factory) as session:
            project_id = key_service.project_of(session=session, path_params=params)
            if project_id is None and isinstance(result, dict) and isinstance(result.get("project_id"), int):
                project_id = result["project_id"]
            audit_service.record(
                session=session,
                actor=principal.actor if principal is not None else "anonymous",
                user_id=getattr(principal, "user_id", None),
                key_id=getattr(principal, "key_id", None),
                action=getattr(route, "name", None) or f"{scope['method']} {scope['path']}",
                target=target,
                target_id=int(str(target_id)) if str(target_id or "").isdigit() else None,
                project_id=project_id,
                details=details,
            )
