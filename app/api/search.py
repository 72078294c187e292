import time
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from app.api.deps import Require, RuntimeDep
from app.api.openapi import raises
from app.db import session_scope
from app.schemas import MAX_DB_INT
from app.schemas.search import SearchResults
from app.services import search as search_service
from pipelines.types import Role

router = APIRouter(prefix="/api/projects", tags=["search"])


@router.get(
    "/{project_id}/search",
    dependencies=[Depends(Require("projects:read"))],
    response_model=SearchResults,
    responses=raises("empty_query"),
)
def search(
    project_id: int,
    runtime: RuntimeDep,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="What to look for, in any wording.")],
    k: Annotated[int, Query(ge=1, le=200)] = 10,
    role: Role | None = None,
    segment: str | None = None,
    industry: str | None = None,
    interview_id: Annotated[int | None, Query(ge=1, le=MAX_DB_INT)] = None,
    job_id: Annotated[
        int | None, Query(ge=1, le=MAX_DB_INT, description="Only this job's quotes (a core job: with its jobs').")
    ] = None,
) -> Response:
    timings: dict[str, float] = {}
    # The session is this route's own (not SessionDep): a generator dependency costs two more hops to the thread pool
    # per request, and the search, a read, commits nothing.
    with session_scope(runtime.session_factory) as session:
        results = search_service.search(
            session=session,
            runtime=runtime,
            project_id=project_id,
            query=q,
            k=k,
            role=role,
            segment=segment,
            industry=industry,
            interview_id=interview_id,
            job_id=job_id,
            timings=timings,
        )
    started = time.perf_counter()
    body = results.model_dump_json()  # the model is built by the service: serialised once, not validated again
    timings["json"] = (time.perf_counter() - started) * 1000
    # Where the time went (ms), for clients and for tests/benchmarks/search_latency.py.
    server_timing = ", ".join(f"{stage};dur={ms:.2f}" for stage, ms in timings.items())
    return Response(body, media_type="application/json", headers={"Server-Timing": server_timing})
