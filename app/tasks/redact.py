"""The `redact` task: every interview of the project, then the generated text, phrases and the index."""

from __future__ import annotations

from app.db import session_scope
from app.runtime import Runtime
from app.services import messaging, privacy, search_vectors
from app.stages import REDACT
from app.tasks import project_of
from app.worker_api import Reporter
from models import Task


def run(runtime: Runtime, task: Task, report: Reporter) -> None:
    """Redact one interview per transaction, so a stopped task keeps what it finished and resumes from there."""
    project_id = project_of(task)
    with session_scope(runtime.session_factory) as session:
        ids = privacy.interview_ids(session=session, project_id=project_id)
    stages = REDACT.reporter(report)
    for done, interview_id in enumerate(ids):
        stages("redacting", done / (len(ids) + 1))  # the project's generated text is the last share
        with session_scope(runtime.session_factory) as session:
            privacy.redact_interview(session=session, runtime=runtime, interview_id=interview_id)
        with session_scope(runtime.session_factory) as session:
            search_vectors.embed_interview(session=session, runtime=runtime, interview_id=interview_id)
    stages("redacting", len(ids) / (len(ids) + 1))
    with session_scope(runtime.session_factory) as session:
        privacy.redact_derived(session=session, runtime=runtime, project_id=project_id)
        messaging.refresh_phrases(session=session, project_id=project_id, force=True)
    stages("indexing")
    with session_scope(runtime.session_factory) as session:
        runtime.index_store.get(session=session, project_id=project_id)
