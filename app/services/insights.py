"""Jobs across slices of interviews: which share of each segment (or industry, role, size, quarter) voices a job."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.services import projects as project_service
from models import Interview, Job, JobUtterance, Utterance

MatrixDimension = Literal["segment", "industry", "participant_role", "company_size", "quarter"]
# What the interviews are sliced by, and how the pages name it; `quarter` slices by time (the trends).
MATRIX_DIMENSIONS: dict[MatrixDimension, str] = {
    "segment": "segment",
    "industry": "industry",
    "participant_role": "participant role",
    "company_size": "company size",
    "quarter": "quarter",
}
UNKNOWN = "unknown"


def quarter(day: date | None) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}" if day else UNKNOWN


def _group(interview: Interview, by: str) -> str:
    if by == "quarter":
        return quarter(interview.interviewed_at)
    value = getattr(interview, by)
    return value.strip() if value and value.strip() else UNKNOWN


def matrix(*, session: Session, project_id: int, by: str) -> dict:
    """Per job and group: how many of the group's interviews voice the job, and what share that is.

    Personas are slices here, not the unit of analysis: a job is counted once per interview that voices it."""
    project_service.get(session=session, project_id=project_id)
    interviews = session.scalars(
        select(Interview).where(Interview.project_id == project_id, Interview.status == "ready")
    ).all()
    group_of = {i.id: _group(i, by) for i in interviews}
    sizes: dict[str, int] = defaultdict(int)
    for value in group_of.values():
        sizes[value] += 1
    jobs = session.scalars(
        select(Job).where(Job.project_id == project_id, Job.status.in_(("proposed", "approved"))).order_by(Job.id)
    ).all()
    voiced: dict[int, set[int]] = defaultdict(set)
    for job_id, interview_id in session.execute(
        select(JobUtterance.job_id, Utterance.interview_id)
        .join(Utterance, Utterance.id == JobUtterance.utterance_id)
        .where(JobUtterance.job_id.in_([j.id for j in jobs]))
        .distinct()
    ).all():
        voiced[job_id].add(interview_id)
    # Quarters read left to right in time; other groups by size, the unknown group last.
    if by == "quarter":
        order = sorted(sizes, key=lambda g: (g == UNKNOWN, g))
    else:
        order = sorted(sizes, key=lambda g: (g == UNKNOWN, -sizes[g], g))
    rows: list[dict[str, Any]] = []
    for job in jobs:
        per_group: dict[str, int] = defaultdict(int)
        for interview_id in voiced[job.id]:
            if interview_id in group_of:
                per_group[group_of[interview_id]] += 1
        rows.append(
            {
                "id": job.id,
                "title": job.title,
                "status": job.status,
                "interviews": sum(per_group.values()),
                "cells": [
                    {"group": g, "interviews": per_group[g], "share": round(per_group[g] / sizes[g], 4)} for g in order
                ],
            }
        )
    rows.sort(key=lambda r: (-r["interviews"], r["id"]))
    return {"by": by, "groups": [{"value": g, "interviews": sizes[g]} for g in order], "jobs": rows}
