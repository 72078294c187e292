"""The FastAPI application."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.config import LOOPBACK_HOSTS, Settings, get_settings
from app.errors import envelope, install_error_handlers
from app.runtime import Runtime

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, start_worker: bool | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.auth_required and settings.host not in LOOPBACK_HOSTS:
            log.warning("VERBATIM_AUTH=none on %s: the API is open to anyone who can reach it.", settings.host)
        runtime = Runtime.create(settings)
        app.state.runtime = runtime
        worker = None
        threads = settings.workers if start_worker is None else (settings.workers if start_worker else 0)
        if threads:
            from app.worker import Worker

            worker = Worker(runtime)
            worker.start(threads)
        app.state.worker = worker
        try:
            yield
        finally:
            if worker is not None:
                worker.stop()
            runtime.close()

    app = FastAPI(
        title="Verbatim",
        summary="Jobs-to-be-Done mined from customer interviews, in the customers' own words.",
        version="0.1.0",
        lifespan=lifespan,
    )
    install_error_handlers(app)

    @app.middleware("http")
    async def reject_oversized(request: Request, call_next):  # type: ignore[no-untyped-def]
        # Refuse a too-large upload from its header, before reading a byte of the body.
        length = request.headers.get("content-length")
        if request.method == "POST" and length and length.isdigit():
            if int(length) > settings.max_upload_bytes + 64 * 1024:
                return JSONResponse(
                    envelope(
                        "payload_too_large",
                        f"The upload is larger than the {settings.max_upload_mb:g} MiB limit (VERBATIM_MAX_UPLOAD_MB).",
                        {"limit_bytes": settings.max_upload_bytes},
                    ),
                    status_code=413,
                )
        return await call_next(request)

    from app.api import interviews, jobs, messaging, projects, search, tasks

    @app.get("/healthz", tags=["health"])
    def healthz() -> dict:
        from sqlalchemy import text

        with app.state.runtime.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return {"status": "ok"}

    for module in (projects, interviews, search, tasks, jobs, messaging):
        app.include_router(module.router)

    # The web UI: server-rendered pages (one router) and their static files under /static.
    from app.ui import login, pages

    app.include_router(login.router)
    app.include_router(pages.router)
    pages.install(app)
    return app
