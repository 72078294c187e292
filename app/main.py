"""The FastAPI application."""

from __future__ import annotations

import base64
import gc
import hashlib
import logging
import re
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from app.config import LOOPBACK_HOSTS, Settings, get_settings
from app.errors import install_error_handlers
from app.runtime import Runtime
from app.security import PAGE_POLICY, SecurityMiddleware

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None, *, start_worker: bool | None = None, warm: bool = False) -> FastAPI:
    """The application; `warm`: load the models and search indexes in the background as it starts (app.warmup),
    as `verbatim serve` does, so the first search does not pay for them."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if not settings.auth_required and settings.host not in LOOPBACK_HOSTS:
            log.warning("VERBATIM_AUTH=none on %s: the API is open to anyone who can reach it.", settings.host)
        runtime = Runtime.create(settings)
        app.state.runtime = runtime
        from app.ui.templating import warm_templates

        threading.Thread(target=warm_templates, name="warm-templates", daemon=True).start()
        from app.services.users import dummy_hash

        threading.Thread(target=dummy_hash, name="warm-dummy-hash", daemon=True).start()
        worker = None
        threads = settings.workers if start_worker is None else (settings.workers if start_worker else 0)
        if settings.broker_url:  # scale-out: tasks go to the broker, `verbatim worker --queues ...` runs them
            threads = 0
            log.info("tasks are sent to the broker; run `verbatim worker --queues media,text` to process them")
        if threads:
            from app.worker import Worker

            worker = Worker(runtime)
            worker.start(threads)
        app.state.worker = worker
        from app.warmup import Warmup

        app.state.warmup = Warmup(runtime)
        if warm:
            app.state.warmup.start()
        # A full garbage collection walks every object the imports made (~120k here: 130-300 ms with the GIL held on
        # these cores, a stall every request in flight waits out); frozen, they are never walked again (the warm-up
        # freezes what the models and indexes add).
        gc.freeze()
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
        docs_url=None,
        redoc_url=None,
    )
    install_error_handlers(app)

    # Host names, body size (chunked too), NUL in addresses, CSRF for cookie sessions, CSP and nosniff headers.
    # Who changed what: an audit entry after each successful change under /api (inside the security checks).
    from app.api.people import AuditMiddleware

    app.add_middleware(AuditMiddleware)
    app.add_middleware(SecurityMiddleware, settings=settings)
    _install_docs(app)

    from app.api import collections, interviews, jobs, messaging, openapi, people, projects, search, tasks

    @app.get(
        "/healthz",
        tags=["health"],
        responses={503: {"description": "The database or the broker does not answer (the same body, `degraded`)."}},
    )
    def healthz(response: Response) -> dict:
        """The database answers, and the broker too when one is configured (503 when either does not); `models`
        says how far the start-up warm-up is (app.warmup)."""
        from sqlalchemy import text

        from app.broker import health

        runtime = app.state.runtime
        try:
            with runtime.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            database = "ok"
        except Exception as exc:
            log.warning("health: database unreachable (%s)", exc)
            database = "unreachable"
        broker = health(runtime)
        ok = database == "ok" and broker["status"] in ("ok", "none")
        if not ok:
            response.status_code = 503
        mode = "scale-out" if runtime.settings.broker_url else "embedded"
        worker = app.state.worker
        return {
            "status": "ok" if ok else "degraded",
            "database": database,
            "broker": broker,
            "tasks": mode,
            "in_process_workers": len(worker._threads) if worker is not None else 0,
            "models": app.state.warmup.state,
        }

    for module in (projects, interviews, search, tasks, jobs, messaging, collections, people):
        app.include_router(module.router)
    openapi.install(app)  # every status a route can answer, with its error codes

    # The web UI: server-rendered pages (one router) and their static files under /static.
    from app.ui import login, pages

    app.include_router(login.router)
    app.include_router(pages.router)
    pages.install(app)
    return app


def _with_script_hashes(page: HTMLResponse, sources: str) -> HTMLResponse:
    """The docs pages' own inline scripts, allowed by their hashes (no 'unsafe-inline')."""
    html = bytes(page.body).decode()
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts)
    policy = PAGE_POLICY.replace("script-src 'self'", f"script-src 'self' {sources} {hashes}").replace(
        "style-src 'self'", f"style-src 'self' {sources}"
    )
    policy = policy.replace("img-src 'self' data:", f"img-src 'self' data: {sources}")
    policy = policy.replace("connect-src 'self'", f"connect-src 'self' {sources}")
    page.headers["content-security-policy"] = policy
    return page


def _install_docs(app: FastAPI) -> None:
    """/docs: Swagger UI from the swagger-ui-bundle-v2 package, served here (works offline, fits the CSP).

    ReDoc ships no Python package, so /redoc points to /docs rather than loading it from a CDN."""
    from fastapi.responses import RedirectResponse
    from fastapi.staticfiles import StaticFiles

    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:  # an install without the docs bundle still serves the API and /openapi.json
        swagger_ui_path = None
    if swagger_ui_path is not None:
        app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        if swagger_ui_path is None:
            return HTMLResponse(
                "<p>API docs need the swagger-ui-bundle-v2 package; the schema is at /openapi.json.</p>",
                status_code=503,
            )
        page = get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} - API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
        )
        # Our own rules for phones (app/ui/static/api-docs.css), after the bundle's.
        html = (
            bytes(page.body).decode().replace("</head>", f'<link rel="stylesheet" href="{DOCS_PHONE_CSS}">\n</head>', 1)
        )
        return _with_script_hashes(HTMLResponse(html), "")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> RedirectResponse:
        return RedirectResponse("/docs", status_code=307)


DOCS_ASSETS = "/static/docs"
DOCS_PHONE_CSS = "/static/api-docs.css"
