import hashlib
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.api.deps import Require, SessionDep
from app.api.openapi import raises
from app.errors import InvalidInput
from app.schemas import MAX_DB_INT
from app.schemas.messaging import (
    CopyTestCreate,
    CopyTestList,
    CopyTestRead,
    CopyTestUpdate,
    EventBatch,
    EventsAccepted,
    FeedPage,
    MatrixRead,
)
from app.services import insights
from app.services import messaging as messaging_service
from pipelines.jtbd import SignalKind

router = APIRouter(tags=["messaging"])


def _unwrap_cursor(cursor: str | None, project_id: int) -> str | None:
    """Feed cursors name their project, so one project's cursor is refused by another."""
    if not cursor:
        return None
    owner, dot, inner = cursor.partition(".")
    if not dot or owner != str(project_id) or not inner:
        raise InvalidInput(
            "invalid_cursor", "The cursor is not one this feed returned for these parameters; start without one."
        )
    return inner


@router.get(
    "/api/projects/{project_id}/feed",
    dependencies=[Depends(Require("feed:read"))],
    response_model=FeedPage,
    responses={
        **raises("invalid_cursor"),
        304: {"description": "Not modified: the `If-None-Match` ETag names this page as it is."},
    },
)
def feed(
    project_id: int,
    request: Request,
    session: SessionDep,
    job_id: Annotated[int | None, Query(ge=1, le=MAX_DB_INT)] = None,
    kind: SignalKind | None = None,
    segment: str | None = None,
    min_support: Annotated[
        int | None,
        Query(
            ge=1,
            le=MAX_DB_INT,
            description="Least distinct people; by default 2 once the project has 5 interviews, else 1.",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
    rank: Literal["support", "performance"] = "support",
) -> Response:
    """Approved statements and customer phrases for copy tests; send If-None-Match to skip unchanged pages."""
    page = messaging_service.feed(
        session=session,
        project_id=project_id,
        job_id=job_id,
        kind=kind,
        segment=segment,
        min_support=min_support,
        limit=limit,
        cursor=_unwrap_cursor(cursor, project_id),
        rank=rank,
    )
    body = page.model_dump(mode="json")
    if body["next_cursor"]:
        body["next_cursor"] = f"{project_id}.{body['next_cursor']}"
    payload = json.dumps(body, separators=(",", ":"), sort_keys=True).encode()
    etag = f'"{hashlib.sha256(payload).hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag in [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(payload, media_type="application/json", headers=headers)


@router.post(
    "/api/projects/{project_id}/copy-tests",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(Require("tests:write"))],
    response_model=CopyTestRead,
    responses=raises("invalid_job", "invalid_phrases", "invalid_statement", "duplicate_variants"),
)
def create_copy_test(project_id: int, test_in: CopyTestCreate, session: SessionDep) -> CopyTestRead:
    test = messaging_service.create_test(session=session, project_id=project_id, test_in=test_in)
    return messaging_service.read_test(session=session, test=test)


@router.get(
    "/api/projects/{project_id}/copy-tests", dependencies=[Depends(Require("feed:read"))], response_model=CopyTestList
)
def list_copy_tests(project_id: int, session: SessionDep) -> CopyTestList:
    return CopyTestList(copy_tests=messaging_service.list_tests(session=session, project_id=project_id))


@router.get("/api/copy-tests/{copy_test_id}", dependencies=[Depends(Require("feed:read"))], response_model=CopyTestRead)
def get_copy_test(copy_test_id: int, session: SessionDep) -> CopyTestRead:
    test = messaging_service.get_test(session=session, copy_test_id=copy_test_id)
    return messaging_service.read_test(session=session, test=test)


@router.patch(
    "/api/copy-tests/{copy_test_id}", dependencies=[Depends(Require("tests:write"))], response_model=CopyTestRead
)
def update_copy_test(copy_test_id: int, test_in: CopyTestUpdate, session: SessionDep) -> CopyTestRead:
    test = messaging_service.update_test(session=session, copy_test_id=copy_test_id, test_in=test_in)
    return messaging_service.read_test(session=session, test=test)


@router.post(
    "/api/copy-tests/{copy_test_id}/events",
    response_model=EventsAccepted,
    dependencies=[Depends(Require("events:write"))],
    responses=raises("copy_test_stopped", "invalid_events"),
)
def post_events(copy_test_id: int, batch: EventBatch, session: SessionDep) -> EventsAccepted:
    """Impressions, clicks and conversions; idempotent by each event's id, so a retried batch never counts twice."""
    return messaging_service.record_events(session=session, copy_test_id=copy_test_id, events=batch.events)


@router.get(
    "/api/projects/{project_id}/matrix", dependencies=[Depends(Require("projects:read"))], response_model=MatrixRead
)
def matrix(
    project_id: int,
    session: SessionDep,
    by: insights.MatrixDimension = "segment",
) -> MatrixRead:
    """The share of each group's interviews that voice each job; `by=quarter` gives job trends over time."""
    return MatrixRead.model_validate(insights.matrix(session=session, project_id=project_id, by=by))
