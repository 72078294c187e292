from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, status
from fastapi.responses import PlainTextResponse

from app.api.deps import Require, SessionDep
from app.api.openapi import raises
from app.schemas import MAX_DB_INT
from app.schemas.jobs import (
    JobList,
    JobMerge,
    JobRead,
    JobReport,
    JobUpdate,
    JobUtteranceList,
    MineStarted,
    ProjectRef,
    UtteranceMove,
)
from app.schemas.messaging import PhraseList
from app.schemas.tasks import TaskRead
from app.services import jobs as job_service
from app.services import messaging as messaging_service
from app.services import projects as project_service
from app.services import tasks as task_service
from pipelines.jtbd import SignalKind

router = APIRouter(tags=["jobs"])


@router.post(
    "/api/projects/{project_id}/mine",
    dependencies=[Depends(Require("projects:write"))],
    status_code=status.HTTP_202_ACCEPTED,
    response_model=MineStarted,
)
def mine(project_id: int, session: SessionDep) -> MineStarted:
    project_service.get(session=session, project_id=project_id)
    task = task_service.create(session=session, kind="mine", project_id=project_id)
    return MineStarted(task=TaskRead.model_validate(task))


@router.get(
    "/api/projects/{project_id}/jobs",
    dependencies=[Depends(Require("projects:read"))],
    response_model=JobList,
)
def list_jobs(project_id: int, session: SessionDep, level: Literal["core", "detail"] = "detail") -> JobList:
    jobs = job_service.list(session=session, project_id=project_id, level=level)
    message = (
        job_service.thin_evidence(jobs=jobs)
        if jobs
        else job_service.why_no_jobs(session=session, project_id=project_id)
    )
    return JobList.model_validate({"jobs": jobs, "message": message})


@router.get(
    "/api/jobs/{job_id}",
    dependencies=[Depends(Require("projects:read"))],
    response_model=JobRead,
)
def get_job(job_id: int, session: SessionDep) -> JobRead:
    return JobRead.model_validate(
        job_service.read(session=session, jobs=[job_service.get(session=session, job_id=job_id)])[0]
    )


@router.patch(
    "/api/jobs/{job_id}",
    dependencies=[Depends(Require("projects:write"))],
    response_model=JobRead,
    responses=raises("invalid_candidate"),
)
def update_job(job_id: int, job_in: JobUpdate, session: SessionDep) -> JobRead:
    job = job_service.update(session=session, job_id=job_id, changes=job_in.model_dump(exclude_unset=True))
    return JobRead.model_validate(job_service.read(session=session, jobs=[job])[0])


@router.post(
    "/api/jobs/{job_id}/merge",
    dependencies=[Depends(Require("projects:write"))],
    response_model=JobRead,
    responses=raises("invalid_merge"),
)
def merge_jobs(job_id: int, merge_in: JobMerge, session: SessionDep) -> JobRead:
    job = job_service.merge(session=session, job_id=job_id, other_ids=merge_in.job_ids)
    return JobRead.model_validate(job_service.read(session=session, jobs=[job])[0])


@router.get(
    "/api/jobs/{job_id}/utterances",
    dependencies=[Depends(Require("projects:read"))],
    response_model=JobUtteranceList,
)
def job_utterances(job_id: int, session: SessionDep) -> JobUtteranceList:
    return JobUtteranceList.model_validate({"utterances": job_service.utterances(session=session, job_id=job_id)})


@router.post(
    "/api/jobs/{job_id}/utterances",
    dependencies=[Depends(Require("projects:write"))],
    status_code=status.HTTP_204_NO_CONTENT,
)
def move_utterance(job_id: int, move: UtteranceMove, session: SessionDep) -> None:
    job_service.move_utterance(session=session, job_id=job_id, utterance_id=move.utterance_id)


@router.get(
    "/api/projects/{project_id}/phrases",
    dependencies=[Depends(Require("feed:read"))],
    response_model=PhraseList,
)
def phrases(
    project_id: int,
    session: SessionDep,
    kind: SignalKind | None = None,
    job_id: Annotated[int | None, Query(ge=1, le=MAX_DB_INT)] = None,
    segment: str | None = None,
    min_support: Annotated[int | None, Query(ge=1)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> PhraseList:
    """Phrase families ranked as in the feed, each with its people and interview support and all its quotes."""
    return PhraseList(
        phrases=messaging_service.phrases(
            session=session,
            project_id=project_id,
            kind=kind,
            job_id=job_id,
            segment=segment,
            min_support=min_support,
            limit=limit,
        )
    )


@router.get(
    "/api/projects/{project_id}/report",
    dependencies=[Depends(Require("projects:read"))],
    response_model=JobReport,
    responses={200: {"content": {"text/markdown": {}, "text/csv": {}}}},
)
def report(
    project_id: int, session: SessionDep, format: Literal["md", "json", "csv"] = "md"
) -> JobReport | PlainTextResponse:
    """The jobs as a report: markdown (default), CSV, or JSON (this body)."""
    project = project_service.get(session=session, project_id=project_id)
    jobs = job_service.list(session=session, project_id=project_id)
    won = [w.model_dump() for w in messaging_service.winning_words(session=session, project_id=project_id)]
    if format == "json":
        return JobReport.model_validate(
            {"project": ProjectRef(id=project.id, name=project.name), "jobs": jobs, "customer_words_that_won": won}
        )
    if format == "csv":
        return PlainTextResponse(job_service.report_csv(jobs), media_type="text/csv; charset=utf-8")
    return PlainTextResponse(
        job_service.report_markdown(jobs, project.name, won), media_type="text/markdown; charset=utf-8"
    )
