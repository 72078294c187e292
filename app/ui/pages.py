"""The pages: one GET-only router; each page calls services and renders a template. Actions go to the JSON API."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Annotated, Any, cast
from urllib.parse import quote

from fastapi import APIRouter, Depends, FastAPI, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.deps import PrincipalDep, Require, RuntimeDep, SessionDep
from app.errors import AppError, is_bad_value
from app.services import collections as collection_service
from app.services import insights, visuals
from app.services import interviews as interview_service
from app.services import jobs as job_service
from app.services import messaging as messaging_service
from app.services import projects as project_service
from app.services import search as search_service
from app.services import tasks as task_service
from app.ui import charts
from app.ui.templating import STATIC_DIR, STATIC_PREFIX, plural, templates
from pipelines.jtbd import SIGNAL_KINDS
from pipelines.types import ROLES

log = logging.getLogger(__name__)

ROLE_CHOICES = (("", "Any role"), ("customer", "Customers"), ("unknown", "Unknown role"))
# The heatmap's slices: every dimension but time (quarters are the trends chart's).
MATRIX_DIMENSIONS: dict[str, str] = {n: label for n, label in insights.MATRIX_DIMENSIONS.items() if n != "quarter"}
SEARCH_PAGE = 20
SEARCH_MAX = 200
PHRASES_PER_JOB = 6
PHRASE_SCAN = 2000  # phrases read per kind for the jobs page, most supported first
TREND_JOBS = 6
FEED_PAGE = 60


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    """A friendly page for an error: what happened in words, a way back, never a stack trace."""
    headings = {404: "Not found", 422: "That request could not be used", 500: "Something went wrong"}
    heading = headings.get(status_code, "Something went wrong" if status_code >= 500 else "That did not work")
    context = {"status_code": status_code, "heading": heading, "message": message}
    return render(request, "error.html", context, status_code=status_code)


_CODE = re.compile(r"`([^`]*)`")


def plain_message(message: str) -> str:
    """An error message as a page shows it: capitalised, with quotation marks for the API's code marks (`scope`)."""
    message = _CODE.sub(lambda m: f"“{m.group(1)}”", message).replace("`", "")
    return message[:1].upper() + message[1:]


class PageRoute(APIRoute):
    """Renders any failure of a page as an HTML error page instead of the API's JSON envelope."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except AppError as exc:
                if exc.status_code == 401:
                    return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
                return error_page(request, exc.status_code, plain_message(exc.message))
            except RequestValidationError as exc:
                errors = exc.errors()
                if any(e.get("loc", ("",))[0] == "path" for e in errors):
                    # Page paths only take integer ids: anything else is a page that does not exist.
                    return error_page(request, 404, "There is no page at this address.")
                first = errors[0] if errors else {}
                field = ".".join(str(p) for p in first.get("loc", ())[1:])
                return error_page(
                    request, 422, f"This address has a value the page cannot use: {field}: {first.get('msg')}."
                )
            except StarletteHTTPException as exc:
                return error_page(request, exc.status_code, str(exc.detail))
            except Exception as exc:
                if is_bad_value(exc):
                    return error_page(request, 422, "A value in this address is out of range or contains NUL.")
                log.exception("page %s failed", request.url.path)
                return error_page(request, 500, "Something went wrong on our side; nothing you saved was lost.")

        return page_handler


# Every page checks the caller like the API does (a key in the cookie when VERBATIM_AUTH requires keys).
router = APIRouter(
    route_class=PageRoute,
    include_in_schema=False,
    default_response_class=HTMLResponse,
    dependencies=[Depends(Require("projects:read"))],
)


def install(app: FastAPI) -> None:
    """Serve the static files and show browsers an HTML page (not JSON) for unknown addresses outside /api."""
    app.mount(STATIC_PREFIX, StaticFiles(directory=STATIC_DIR), name="static")
    handler = Callable[[Request, Exception], Coroutine[Any, Any, Response]]  # the error handlers are coroutines
    json_handler = cast(handler, app.exception_handlers[StarletteHTTPException])

    async def http_error(request: Request, exc: Exception) -> Response:
        wants_html = "text/html" in request.headers.get("accept", "")
        path = request.url.path
        if wants_html and isinstance(exc, StarletteHTTPException) and not path.startswith(("/api/", "/static/")):
            message = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
            return error_page(request, exc.status_code, message)
        return await json_handler(request, exc)

    app.add_exception_handler(StarletteHTTPException, http_error)


# --------------------------------------------------------------------------- helpers


def _project(session: Any, project_id: int) -> Any:
    project = project_service.get(session=session, project_id=project_id)
    return project_service.read(session=session, projects=[project])[0]


def _interviews(session: Any, project_id: int) -> dict[str, Any]:
    interviews = interview_service.read(
        session=session, interviews=interview_service.list(session=session, project_id=project_id)
    )
    return {"interviews": interviews, "tasks": interview_service.ingest_tasks(session=session, project_id=project_id)}


def _media(interviews: list[Any]) -> dict[int, dict[str, Any]]:
    """What quote links need per interview: its title and whether it has a recording to play."""
    return {i.id: {"title": i.title, "audio": i.source_kind == "recording"} for i in interviews}


def _active_task(session: Any, project_id: int, kind: str) -> Any:
    for status in ("running", "queued"):
        found = [t for t in task_service.list(session=session, project_id=project_id, status=status) if t.kind == kind]
        if found:
            return found[-1]
    return None


# --------------------------------------------------------------------------- pages


@router.get("/")
def projects_page(request: Request, session: SessionDep, principal: PrincipalDep) -> HTMLResponse:
    visible = [p for p in project_service.list(session=session) if principal.can_see(p.id)]
    projects = project_service.read(session=session, projects=visible)
    job_counts = project_service.job_counts(session=session, project_ids=[p.id for p in projects])
    return render(request, "projects.html", {"projects": projects, "job_counts": job_counts})


@router.get("/projects/{project_id}")
def project_page(request: Request, project_id: int, session: SessionDep, runtime: RuntimeDep) -> HTMLResponse:
    project = _project(session, project_id)
    context = {
        "project": project,
        "section": "interviews",
        "facets": interview_service.facets(session=session, project_id=project_id),
        "max_upload_mb": runtime.settings.max_upload_mb,
        "job_count": project_service.job_counts(session=session, project_ids=[project_id]).get(project_id, 0),
        **_interviews(session, project_id),
    }
    return render(request, "project.html", context)


@router.get("/fragments/projects/{project_id}/interviews")
def interviews_fragment(request: Request, project_id: int, session: SessionDep) -> HTMLResponse:
    """The interviews table alone, swapped in by app.js when a task finishes."""
    project = _project(session, project_id)
    job_count = project_service.job_counts(session=session, project_ids=[project_id]).get(project_id, 0)
    context = {"project": project, "job_count": job_count, **_interviews(session, project_id)}
    return render(request, "_interviews.html", context)


@router.get("/interviews/{interview_id}")
def interview_page(request: Request, interview_id: int, session: SessionDep) -> HTMLResponse:
    interview = interview_service.read(
        session=session, interviews=[interview_service.get(session=session, interview_id=interview_id)]
    )[0]
    project = _project(session, interview.project_id)
    transcript = interview_service.transcript(session=session, interview_id=interview_id)
    task = interview_service.ingest_tasks(session=session, project_id=interview.project_id).get(interview_id)
    context = {
        "project": project,
        "section": "interviews",
        "interview": interview,
        "transcript": transcript,
        "task": task,
        "roles": ROLES,
        "speakers": {s.id: s for s in interview.speakers},
        "quotes": interview_service.turn_quotes(session=session, interview_id=interview_id),
    }
    return render(request, "interview.html", context)


@router.get("/projects/{project_id}/search")
def search_page(
    request: Request,
    project_id: int,
    session: SessionDep,
    runtime: RuntimeDep,
    q: str = "",
    role: str = "",
    segment: str = "",
    industry: str = "",
    interview_id: str = "",
    core_id: str = "",
    job_id: str = "",
    k: Annotated[int, Query(ge=1, le=SEARCH_MAX)] = SEARCH_PAGE,
) -> HTMLResponse:
    project = _project(session, project_id)
    interviews = interview_service.read(
        session=session, interviews=interview_service.list(session=session, project_id=project_id)
    )
    live = search_service.job_choices(session=session, project_id=project_id)
    cores = [j for j in live if j["level"] == "core"]
    details = [j for j in live if j["level"] == "detail"]
    known = {j["id"] for j in live}
    filters: dict[str, Any] = {
        "role": role if role in ROLES else "",
        "segment": segment,
        "industry": industry,
        "interview_id": int(interview_id) if interview_id.isdigit() else None,
        "core_id": int(core_id) if core_id.isdigit() and int(core_id) in known else None,
        "job_id": int(job_id) if job_id.isdigit() and int(job_id) in known else None,
    }
    # A job inside another core job than the one chosen: the job wins (it is the narrower, later choice).
    by_id = {j["id"]: j for j in live}
    if filters["job_id"] and filters["core_id"] and by_id[filters["job_id"]]["parent_id"] != filters["core_id"]:
        filters["core_id"] = by_id[filters["job_id"]]["parent_id"]
    results, error, turns = None, None, {}
    if q.strip():
        try:
            results = search_service.search(
                session=session,
                runtime=runtime,
                project_id=project_id,
                query=q[:1000],
                k=k,
                role=filters["role"] or None,
                segment=segment or None,
                industry=industry or None,
                interview_id=filters["interview_id"],
                job_id=filters["job_id"] or filters["core_id"],
            )
            turns = interview_service.utterance_turns(
                session=session, utterance_ids=[h.utterance_id for h in results.hits]
            )
        except AppError as exc:
            error = exc.message
    context = {
        "project": project,
        "section": "search",
        "q": q,
        "k": k,
        "filters": filters,
        "role_choices": ROLE_CHOICES,
        "facets": interview_service.facets(session=session, project_id=project_id),
        "interviews": interviews,
        "job_groups": _job_groups(cores, details),
        "job_titles": {j["id"]: j["title"] for j in live},
        "media": _media(interviews),
        "results": results,
        "turns": turns,
        "error": error,
        "more_k": min(SEARCH_MAX, k + SEARCH_PAGE) if results and len(results.hits) >= k and k < SEARCH_MAX else None,
    }
    return render(request, "search.html", context)


def _job_groups(cores: list[dict], details: list[dict]) -> list[dict]:
    """The search page's job filter: each core job with its jobs; jobs without a core job last."""
    children: dict[int, list[dict]] = {c["id"]: [] for c in cores}
    loose: list[dict] = []
    for job in details:
        (children[job["parent_id"]] if job["parent_id"] in children else loose).append(job)
    groups: list[dict[str, Any]] = [{"core": c, "jobs": children[c["id"]]} for c in cores]
    return groups + ([{"core": None, "jobs": loose}] if loose else [])


def _core_of(jobs: list[dict]) -> dict[int, int]:
    """Each live job's core job id (a core job is its own)."""
    live = {j["id"]: j for j in jobs}
    return {j["id"]: j["id"] if j["level"] == "core" else (j["parent_id"] or j["id"]) for j in live.values()}


PICTURES = ("heat", "map", "trend")


def _maps(request: Request) -> Path:
    """Where the worker keeps the jobs maps it computed (beside the search indexes)."""
    return Path(request.app.state.runtime.settings.index_dir)


def _heat_picture(session: Any, project_id: int, cores: list[dict], by: str) -> dict[str, Any]:
    """Where each core job comes up: the heat map of core jobs by slice, or why it cannot say anything."""
    core_ids = {j["id"] for j in cores}
    matrix = insights.matrix(session=session, project_id=project_id, by=by)
    matrix["jobs"] = [row for row in matrix["jobs"] if row["id"] in core_ids]
    known = [g for g in matrix["groups"] if g["value"] != insights.UNKNOWN]
    svg, note = None, None
    if not known:
        note = (
            f"Every interview's {MATRIX_DIMENSIONS[by]} is unknown, so there is nothing to compare: "
            f"add a {MATRIX_DIMENSIONS[by]} to the interviews' details."
        )
    elif len(matrix["groups"]) < 2:
        note = (
            f"Every interview has the same {MATRIX_DIMENSIONS[by]} ({known[0]['value']}): "
            "a comparison needs at least two groups."
        )
    elif _all_alike(matrix["jobs"]):
        note = (
            f"Every core job comes up in every {MATRIX_DIMENSIONS[by]}'s interviews alike "
            f"({_all_alike(matrix['jobs'])}): this comparison cannot tell them apart."
        )
    elif matrix["jobs"]:
        svg = charts.heatmap(matrix, by_label=MATRIX_DIMENSIONS[by])
    return {"matrix": matrix, "heatmap_svg": svg, "heatmap_note": note}


def _all_alike(rows: list[dict]) -> str:
    """The one share every cell of every row holds ('100%'), or '' when the shares differ."""
    shares = {c["share"] for row in rows for c in row["cells"]}
    return f"{next(iter(shares)):.0%}" if rows and len(shares) == 1 else ""


def _map_picture(
    session: Any,
    project_id: int,
    cores: list[dict],
    core_of: dict[int, int],
    colours: dict[int, str],
    directory: Path | None = None,
) -> dict[str, Any]:
    """The map of core jobs: each a region around what customers said for it, or why there is no map."""
    utterance_map = visuals.utterance_map(session=session, project_id=project_id, directory=directory)
    if not utterance_map["points"]:
        note = "No utterance has been embedded yet, so there is nothing to place on a map."
        return {"map": utterance_map, "map_svg": None, "map_note": note}
    points = [
        dict(p, job_id=core_of.get(p["job_id"]) if p["job_id"] is not None else None) for p in utterance_map["points"]
    ]
    svg = charts.region_map(points, cores, colours)
    legend = [c for c in cores if c["id"] in colours]
    return {"map": utterance_map, "map_svg": svg, "map_note": None, "map_jobs": legend}


def _trend_picture(session: Any, project_id: int, cores: list[dict], colours: dict[int, str]) -> dict[str, Any]:
    """Core jobs by quarter, or why there is no trend (no dates, or one quarter only)."""
    core_ids = {j["id"] for j in cores}
    trends = insights.matrix(session=session, project_id=project_id, by="quarter")
    # Interviews without a date have no quarter: a trend line has nowhere to put them.
    known_quarters = [g["value"] for g in trends["groups"] if g["value"] != insights.UNKNOWN]
    if not known_quarters:
        note = "No interview has a date, so there is no trend to draw: add interview dates."
        return {"trend_jobs": [], "trends_svg": None, "trends_note": note}
    if len(known_quarters) < 2:
        note = f"Every dated interview falls in one quarter ({known_quarters[0]}): a trend needs at least two quarters."
        return {"trend_jobs": [], "trends_svg": None, "trends_note": note}
    keep = set(known_quarters)
    trends["groups"] = [g for g in trends["groups"] if g["value"] in keep]
    trends["jobs"] = [row for row in trends["jobs"] if row["id"] in core_ids]
    for row in trends["jobs"]:
        row["cells"] = [c for c in row["cells"] if c["group"] in keep]
    if alike := _all_alike(trends["jobs"]):
        note = f"Every core job comes up in {alike} of each quarter's interviews: the lines would lie on one another."
        return {"trend_jobs": [], "trends_svg": None, "trends_note": note}
    shown = [j for j in cores if j["id"] in colours][:TREND_JOBS]
    svg = charts.trend_lines(trends, colours, [j["id"] for j in shown])
    return {"trend_jobs": shown, "trends_svg": svg, "trends_note": None}


def _picture(
    session: Any,
    project_id: int,
    name: str,
    cores: list[dict],
    core_of: dict[int, int],
    by: str,
    maps: Path | None = None,
) -> dict[str, Any]:
    """One of the jobs page's pictures (heat, map or trend) as its template reads it; MAPS: where the worker keeps
    the maps it computed."""
    colours = charts.job_colours([c["id"] for c in cores])
    if name == "heat":
        found = _heat_picture(session, project_id, cores, by)
    elif name == "map":
        found = _map_picture(session, project_id, cores, core_of, colours, maps)
    else:
        found = _trend_picture(session, project_id, cores, colours)
    return {"picture": name, "colours": colours, "by": by, "dimensions": MATRIX_DIMENSIONS, **found}


def _job_phrases(session: Any, project_id: int) -> dict[int, dict[str, list[dict]]]:
    """The top success and pain phrases of every job: one ranked feed read per kind, grouped by the phrase's job."""
    grouped: dict[int, dict[str, list[dict]]] = {}
    for kind in ("success", "pain"):
        feed = messaging_service.feed(
            session=session, project_id=project_id, kind=kind, limit=PHRASE_SCAN, with_quotes=False
        ).model_dump()
        for phrase in feed["phrases"]:
            if phrase["job_id"] is None:
                continue
            mine = grouped.setdefault(phrase["job_id"], {"success": [], "pain": []})[kind]
            if len(mine) < PHRASES_PER_JOB:
                mine.append(phrase)
    return grouped


_STATEMENT = re.compile(
    r"^\s*(?P<lead>when(?:ever)?|every time|each time|any time|if|after|before|while)\s+(?P<when>.+?),?\s+"
    r"i (?:want|need) to\s+(?P<want>.+?)(?:,?\s+so (?:that )?i can\s+(?P<so>.+?))?\s*[.!]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
SLOTS = (("when", "When"), ("want", "I want to"), ("so", "So I can"))


def statement_rows(statement: dict | None) -> dict[str, Any] | None:
    """A statement as the page shows it: one row per slot, each with the quotes that back it.

    A statement edited by hand is read back from its text, so the rows show the edit; a slot whose words changed
    no longer cites the mined quotes (they backed the old words). Mined slots without evidence are left out."""
    if not statement or not (statement.get("text") or "").strip():
        return None
    text = statement["text"].strip()
    evidence = statement.get("evidence") or {}
    slots = {key: (statement.get(key) or "").strip().rstrip(".") for key, _ in SLOTS}
    mined = all(v.casefold() in text.casefold() for v in slots.values() if v) and any(slots.values())
    parsed = _STATEMENT.match(text)
    lead = parsed.group("lead").capitalize() if parsed else "When"
    rows = []
    for key, name in SLOTS:
        quotes = evidence.get(key) or []
        words = (parsed.group(key) or "").strip().rstrip(".") if parsed else (slots[key] if mined else "")
        changed = words.casefold() != slots[key].casefold()
        if changed:
            quotes = []
        if not words or (not quotes and not changed):
            continue
        rows.append({"key": key, "name": lead if key == "when" else name, "text": words, "evidence": quotes})
    return {"text": text, "rows": rows, "generated": bool(statement.get("generated", True))}


def _best_quotes(job: dict, limit: int = 3) -> list[dict]:
    """The job's quotes to show inline: its representative quotes first, then its statement's evidence."""
    seen, out = set(), []
    evidence = [ev for slot in ((job["statement"] or {}).get("evidence") or {}).values() for ev in slot]
    for q in [*job["quotes"], *evidence]:
        if q["utterance_id"] in seen:
            continue
        seen.add(q["utterance_id"])
        out.append(q)
        if len(out) == limit:
            break
    return out


@router.get("/projects/{project_id}/jobs")
def jobs_page(request: Request, project_id: int, session: SessionDep, by: str = "", picture: str = "") -> HTMLResponse:
    project = _project(session, project_id)
    # Pictures are drawn when opened (app.js fetches them); an address that names one (a comparison by a slice,
    # or ?picture=map) draws it in the page, so the page works without a script and such a link can be shared.
    asked = {picture} & set(PICTURES) | ({"heat"} if by in MATRIX_DIMENSIONS else set())
    by = by if by in MATRIX_DIMENSIONS else "segment"
    every = job_service.list(session=session, project_id=project_id)
    jobs = [j for j in every if j["level"] == "detail"]
    live = [j for j in jobs if j["status"] != "rejected"]
    live_cores = [j for j in every if j["level"] == "core" and j["status"] != "rejected"]
    # Detail jobs grouped under their core job; a project mined before core jobs existed shows its jobs as cores.
    children: dict[int, list[dict]] = {c["id"]: [] for c in live_cores}
    orphans = []
    for job in live:
        if job["parent_id"] in children:
            children[job["parent_id"]].append(job)
        else:
            orphans.append(job)
    groups: list[dict[str, Any]] = [{"core": c, "jobs": children[c["id"]]} for c in live_cores]
    if orphans:
        if groups:
            groups.append({"core": None, "jobs": orphans})
        else:
            groups = [{"core": j, "jobs": []} for j in orphans]
    cores = [g["core"] for g in groups if g["core"] is not None]
    colours = charts.job_colours([c["id"] for c in cores])
    core_of = _core_of([j for j in every if j["status"] != "rejected"])
    shown = [*cores, *live]
    phrases = _job_phrases(session, project_id) if live else {}
    statements = {j["id"]: statement_rows(j["statement"]) for j in shown}
    best = {j["id"]: _best_quotes(j) for j in shown}
    quoted = [q["utterance_id"] for qs in best.values() for q in qs]
    quoted += [q["utterance_id"] for j in shown for q in (j.get("force_quotes") or {}).values()]
    quoted += [ev["utterance_id"] for st in statements.values() if st for row in st["rows"] for ev in row["evidence"]]
    interviews = interview_service.read(
        session=session, interviews=interview_service.list(session=session, project_id=project_id)
    )
    context = {
        "project": project,
        "section": "jobs",
        "groups": groups,
        "jobs": live,
        "cores": cores,
        "rejected": [j for j in every if j["status"] == "rejected"],
        "statements": statements,
        "best": best,
        "phrases": phrases,
        "colours": colours,
        "media": _media(interviews),
        "turns": interview_service.utterance_turns(session=session, utterance_ids=quoted),
        "mine_task": _active_task(session, project_id, "mine"),
        "ready_interviews": sum(i.status == "ready" for i in interviews),
        "forces": FORCES,
        "thin_evidence": job_service.thin_evidence(jobs=shown),
        "merge_labels": {j["id"]: f"{j['title']} ({plural(j['support']['interviews'], 'interview')})" for j in shown},
        "pictures": {
            name: _picture(session, project_id, name, cores, core_of, by, _maps(request))
            for name in PICTURES
            if name in asked
        },
    }
    return render(request, "jobs.html", context)


@router.get("/fragments/projects/{project_id}/jobs/pictures/{name}")
def picture_fragment(
    request: Request, project_id: int, name: str, session: SessionDep, by: str = "segment", order: str = ""
) -> HTMLResponse:
    """One picture of the jobs page, fetched by app.js when it is opened. ORDER lists the core job ids as the page
    shows them (most voiced first), so colours match the page's swatches without reading every job's support."""
    if name not in PICTURES:
        raise StarletteHTTPException(404, "There is no such picture.")
    project = _project(session, project_id)
    live = search_service.job_choices(session=session, project_id=project_id)
    # A project mined before core jobs existed shows its jobs as the core jobs, as the page does.
    cores = [j for j in live if j["level"] == "core"] or [j for j in live if j["level"] == "detail"]
    rank = {int(n): i for i, n in enumerate(order.split(",")[:500]) if n.strip().isdigit()}
    cores.sort(key=lambda j: (rank.get(j["id"], len(rank)), j["id"]))
    by = by if by in MATRIX_DIMENSIONS else "segment"
    context = {"project": project, "p": _picture(session, project_id, name, cores, _core_of(live), by, _maps(request))}
    return render(request, "_picture.html", context)


FORCES = (
    ("push", "Push", "pushed away from how they do it today"),
    ("pull", "Pull", "drawn to a better way"),
    ("anxiety", "Anxiety", "worried about switching"),
    ("habit", "Habit", "held back by habit"),
)


# The kinds marketers look for first, then the rest in the pipeline's order.
PHRASE_KINDS = ("success", "pain", *(k for k in SIGNAL_KINDS if k not in ("success", "pain")))
DECISIONS = {
    "keep_running": "Keep running",
    "winner": "Winner found",
    "no_meaningful_difference": "No meaningful difference",
}


def _copy_test_context(test: dict) -> dict[str, Any]:
    """A copy test as the results card shows it: the chart, the decision in words, progress to the horizon."""
    metric = "conversion" if test["metric"] == "conversions" else "click"
    size = test["sample_size"]
    seen = min((v["impressions"] for v in test["variants"]), default=0)
    return {
        "test": test,
        "metric_label": metric,
        "decision_label": DECISIONS.get(test["decision"], test["decision"].replace("_", " ").capitalize()),
        "chart": charts.rate_chart(test["variants"], metric=metric, winner_id=test["winner_variant_id"]),
        "horizon": size["per_variant"],
        "seen": seen,
    }


@router.get("/projects/{project_id}/messaging", dependencies=[Depends(Require("feed:read"))])
def messaging_page(
    request: Request,
    project_id: int,
    session: SessionDep,
    kind: str = "",
    segment: str = "",
    job_id: str = "",
    cursor: str = "",
) -> HTMLResponse:
    project = _project(session, project_id)
    filters: dict[str, Any] = {
        "kind": kind if kind in PHRASE_KINDS else "",
        "segment": segment,
        "job_id": int(job_id) if job_id.isdigit() else None,
    }
    feed, feed_error = None, None
    try:
        feed = messaging_service.feed(
            session=session,
            project_id=project_id,
            kind=filters["kind"] or None,
            segment=segment or None,
            job_id=filters["job_id"],
            limit=FEED_PAGE,
            cursor=cursor or None,
        ).model_dump()
    except AppError as exc:
        feed_error = exc.message
    jobs = [
        j for j in job_service.list(session=session, project_id=project_id, level="detail") if j["status"] != "rejected"
    ]
    tests = [
        _copy_test_context(t.model_dump()) for t in messaging_service.list_tests(session=session, project_id=project_id)
    ]
    said = [p["quote"]["utterance_id"] for p in (feed or {}).get("phrases", []) if p.get("quote")]
    context = {
        "project": project,
        "section": "messaging",
        "feed": feed,
        "feed_error": feed_error,
        "filters": filters,
        "cursor": cursor,
        "kinds": PHRASE_KINDS,
        "segments": interview_service.facets(session=session, project_id=project_id)["segment"],
        "jobs": jobs,
        "job_titles": {j["id"]: j["title"] for j in jobs},
        "tests": tests,
        "media": _media(interview_service.list(session=session, project_id=project_id)),
        "turns": interview_service.utterance_turns(session=session, utterance_ids=said),
    }
    return render(request, "messaging.html", context)


@router.get("/fragments/copy-tests/{copy_test_id}", dependencies=[Depends(Require("feed:read"))])
def copy_test_fragment(request: Request, copy_test_id: int, session: SessionDep) -> HTMLResponse:
    """One copy test's results card, polled by app.js so the chart follows incoming events."""
    test = messaging_service.read_test(
        session=session, test=messaging_service.get_test(session=session, copy_test_id=copy_test_id)
    ).model_dump()
    return render(request, "_copy_test.html", _copy_test_context(test))


@router.get("/projects/{project_id}/collections")
def collections_page(request: Request, project_id: int, session: SessionDep) -> HTMLResponse:
    project = _project(session, project_id)
    found = collection_service.list(session=session, project_id=project_id)
    context = {
        "project": project,
        "section": "collections",
        "collections": collection_service.read(session=session, collections=found, with_items=False),
    }
    return render(request, "collections.html", context)


@router.get("/collections/{collection_id}")
def collection_page(request: Request, collection_id: int, session: SessionDep) -> HTMLResponse:
    collection = collection_service.read(
        session=session, collections=[collection_service.get(session=session, collection_id=collection_id)]
    )[0]
    project = _project(session, collection.project_id)
    media = {i.interview_id: {"title": i.interview_title, "audio": i.audio} for i in collection.items}
    turns = interview_service.utterance_turns(session=session, utterance_ids=[i.utterance_id for i in collection.items])
    context = {"project": project, "section": "collections", "collection": collection, "media": media, "turns": turns}
    return render(request, "collection.html", context)
