"""The `verbatim` command."""

from __future__ import annotations

import json
import logging
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from app.errors import AppError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table
    from typer._click.core import Context, Parameter  # typer 0.29 ships its own copy of click

    from app.config import Settings
    from app.dbapi import Connection
    from app.runtime import Runtime

# Commands that load no model start in well under a second: settings, SQLAlchemy, Alembic, numpy, rich and the
# services are imported inside the commands that use them, never here (tests/benchmarks/cli_startup.py measures it).
# Output: plain lines go out as plain text (`_say`: never wrapped, never read as markup); rich draws only tables,
# bars and coloured errors, and never reads markup in what users, files or transcripts wrote ("[laughs]" stays).


def _plain_types(params: list[Parameter]) -> list[Parameter]:
    """Help shows no type after a flag (typer prints `<bool>`) nor after an argument that takes many values
    (`files...`, not `files... <list[Path]>`)."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""  # the help shows the metavar in place of the type
        elif param.param_type_name == "argument" and param.nargs != 1:
            param.display_type_rich = _no_type  # type: ignore[attr-defined]
    return params


def _no_type(ctx: Context) -> None:
    return None


class _Command(TyperCommand):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_types(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Context) -> list[Parameter]:
        return _plain_types(super().get_params(ctx))


class _Typer(typer.Typer):
    def __init__(self, **options: Any) -> None:
        super().__init__(cls=_Group, no_args_is_help=True, **options)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", _Command)
        return super().command(*args, **kwargs)


cli = _Typer(help="Verbatim: Jobs-to-be-Done mined from customer interviews.")
project_cli = _Typer(help="Create and list projects.")
cli.add_typer(project_cli, name="project")
users_cli = _Typer(help="People who sign in to the pages, with roles.")
cli.add_typer(users_cli, name="users")
keys_cli = _Typer(help="API keys for programs (used when VERBATIM_AUTH requires keys).")
cli.add_typer(keys_cli, name="keys")


class _LazyConsole:
    """A rich Console made on first use, so that commands printing no table, bar or error never import rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def get(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)


console = _LazyConsole(markup=False)  # stdout: data (table cells, bar labels) is shown as written
err_console = _LazyConsole(stderr=True)  # stderr: `[red]` markup for the word that says what failed; escape the rest


def _say(message: str) -> None:
    typer.echo(message)


def _escape(text: object) -> str:
    from rich.markup import escape

    return escape(str(text))


def _table(*headers: str, **options: Any) -> Table:
    from rich.table import Table

    return Table(*headers, **options)


def _settings() -> Settings:
    from pydantic import ValidationError

    from app.config import get_settings
    from app.logs import configure

    try:
        settings = get_settings()
    except ValidationError as exc:  # e.g. a broker with SQLite: say why in one line, not a traceback
        for error in exc.errors():
            err_console.print(f"[red]configuration error[/red]: {_escape(error['msg'].removeprefix('Value error, '))}")
        raise typer.Exit(code=2) from None
    configure(settings.log_level, settings.log_format)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin chatter drowns the progress bars
    return settings


def _runtime(migrate: bool = True) -> Runtime:
    from app.db import migrate as apply_migrations
    from app.runtime import Runtime

    settings = _settings()
    if migrate:
        apply_migrations(settings)
    return Runtime.create(settings)


@contextmanager
def _connection() -> Iterator[Connection]:
    """A DB-API connection whose transaction commits once at the end, for the quick commands: no SQLAlchemy, no
    models, no runtime (importing SQLAlchemy was half of `project create`'s CPU time; the ORM a third before that)."""
    from app.dbapi import transaction

    with transaction(_settings()) as connection:
        yield connection


def _fail(exc: AppError) -> None:
    err_console.print(f"[red]error[/red] ({exc.code}): {_escape(exc.message)}")
    raise typer.Exit(code=1)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to bind (default VERBATIM_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default VERBATIM_PORT).")] = None,
    no_migrate: Annotated[bool, typer.Option("--no-migrate", help="Do not apply pending migrations first.")] = False,
    no_warm: Annotated[
        bool, typer.Option("--no-warm", help="Do not load the models and indexes in the background at start.")
    ] = False,
) -> None:
    """Start the HTTP service: with its in-process worker (embedded default), or only queueing tasks for
    `verbatim worker` (VERBATIM_WORKERS=0, or a broker)."""
    import uvicorn

    from app.db import migrate
    from app.main import create_app

    settings = _settings()
    # The bind address decides whether keys are required (VERBATIM_AUTH=auto), so settings must know it.
    settings = settings.model_copy(update={"host": host or settings.host, "port": port or settings.port})
    if not no_migrate:
        migrate(settings)
        _say("database is up to date")
    if settings.auth_required:
        _say("API keys required on /api (create one with `verbatim keys create --scopes admin`)")
    uvicorn.run(create_app(settings, warm=not no_warm), host=settings.host, port=settings.port, log_level="info")


@cli.command()
def worker(
    queues: Annotated[
        str | None,
        typer.Option(
            help="Scale-out: comma-separated broker queues to consume, `media` (transcription), `text` (utterances, "
            "embeddings, index, mining) or `media,text`; needs VERBATIM_BROKER_URL. Default: both with a broker."
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, help="Tasks run at once by this process (broker only).")] = 1,
    pool: Annotated[
        str, typer.Option(help="Celery pool: threads (one copy of the models), prefork or solo (broker only).")
    ] = "threads",
) -> None:
    """Run a task worker: polls the task table (embedded), or consumes broker queues (VERBATIM_BROKER_URL)."""
    settings = _settings()
    if not settings.broker_url:
        if queues is not None:
            err_console.print("[red]error[/red]: --queues needs a broker: set VERBATIM_BROKER_URL (e.g. redis://...)")
            raise typer.Exit(code=2)
        from app.worker import Worker

        runtime = _runtime()
        runner = Worker(runtime)
        _say(f"worker {runner.worker_id} waiting for tasks (Ctrl-C to stop)")
        # SIGTERM stops the running task at its next batch (it goes back to the queue) and then the loop.
        signal.signal(signal.SIGTERM, lambda _signum, _frame: runner.stop(timeout=0))
        try:
            runner.run_forever()
        except KeyboardInterrupt:
            pass
        finally:
            runtime.close()
        return

    from app.broker import QUEUES, run_worker

    names = [q.strip() for q in (queues or ",".join(QUEUES)).split(",") if q.strip()]
    if not names or set(names) - set(QUEUES):
        err_console.print(f"[red]error[/red]: --queues takes {', '.join(QUEUES)} or both, comma-separated")
        raise typer.Exit(code=2)
    if pool not in ("threads", "prefork", "solo"):
        err_console.print("[red]error[/red]: --pool is threads, prefork or solo")
        raise typer.Exit(code=2)
    runtime = _runtime()
    try:
        run_worker(runtime, queues=names, concurrency=concurrency, pool=pool)
    finally:
        runtime.close()


@cli.command()
def migrate() -> None:
    """Apply pending database migrations."""
    from app.dbapi import ensure_migrated

    ensure_migrated(_settings())
    _say("database is up to date")


@project_cli.command("create")
def project_create(name: str) -> None:
    """Create a project and print its id."""
    from app.schemas.projects import ProjectCreate
    from app.services import project_rows

    with _connection() as connection:
        project = project_rows.create(connection=connection, project_in=ProjectCreate(name=name))
    _say(f"created project {project.id}: {project.name}")


@project_cli.command("list")
def project_list() -> None:
    """List projects with their interview and utterance counts."""
    from app.services import project_rows

    with _connection() as connection:
        projects = project_rows.list(connection=connection)
    table = _table("id", "name", "interviews", "utterances")
    for p in projects:
        table.add_row(str(p.id), p.name, str(p.interview_count), str(p.utterance_count))
    console.print(table)


@keys_cli.command("create")
def keys_create(
    scopes: Annotated[
        str,
        typer.Option(
            help="Comma-separated: admin, projects:read, projects:write, feed:read, tests:write, events:write."
        ),
    ],
    project: Annotated[int | None, typer.Option(help="Limit the key to this project id.")] = None,
    name: Annotated[str, typer.Option(help="A name to tell keys apart.")] = "",
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    from app.db import session_scope
    from app.services import keys as key_service

    runtime = _runtime()
    try:
        with session_scope(runtime.session_factory) as session:
            row, key = key_service.create(session=session, name=name, scopes=scopes, project_id=project)
            _audit(session, "create_key", "key", row.id, {"scopes": row.scopes, "project_id": row.project_id})
            where = f"project {row.project_id}" if row.project_id else "all projects"
            err_console.print(f"created key {row.id} ({row.prefix}…) for {where} with {', '.join(row.scopes)}")
            err_console.print("store it now: it is not shown again")
    except AppError as exc:
        _fail(exc)
    print(key)  # alone on stdout, so scripts can capture it


@keys_cli.command("list")
def keys_list() -> None:
    """List API keys (prefix, project, scopes, last use); keys themselves are never shown again."""
    from app.db import session_scope
    from app.services import keys as key_service

    runtime = _runtime()
    table = _table("id", "name", "project", "scopes", "created", "last used", "revoked")
    table.add_column("prefix", no_wrap=True, min_width=11)
    with session_scope(runtime.session_factory) as session:
        for row in key_service.list(session=session):
            table.add_row(
                str(row.id),
                row.name,
                str(row.project_id or "all"),
                ",".join(row.scopes),
                row.created_at.strftime("%Y-%m-%d %H:%M"),
                row.last_used_at.strftime("%Y-%m-%d %H:%M") if row.last_used_at else "never",
                "yes" if row.revoked else "",
                row.prefix,
            )
    console.print(table)


@keys_cli.command("revoke")
def keys_revoke(key_id: int) -> None:
    """Revoke an API key; requests with it get 401 from then on."""
    from app.db import session_scope
    from app.services import keys as key_service

    runtime = _runtime()
    try:
        with session_scope(runtime.session_factory) as session:
            key_service.revoke(session=session, key_id=key_id)
            _audit(session, "revoke_key", "key", key_id, {})
    except AppError as exc:
        _fail(exc)
    _say(f"revoked key {key_id}")


def _audit(session, action: str, target: str, target_id: int, details: dict) -> None:
    import getpass

    from app.services import audit as audit_service

    audit_service.record(
        session=session, actor=f"cli:{getpass.getuser()}", action=action, target=target, target_id=target_id,
        details=details,
    )  # fmt: skip


@users_cli.command("create")
def users_create(
    email: Annotated[str, typer.Option(help="The person's email address (their sign-in name).")],
    role: Annotated[
        str,
        typer.Option(
            help="admin, researcher (upload, edit, mine), marketer (search, jobs, feed, "
            "copy tests) or viewer (read only)."
        ),
    ],
    password: Annotated[
        str | None, typer.Option(help="Their password (at least 10 characters); asked for when left out.")
    ] = None,
) -> None:
    """Create an account for the pages."""
    from app.db import session_scope
    from app.services import users as user_service

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    runtime = _runtime()
    try:
        with session_scope(runtime.session_factory) as session:
            user = user_service.create(session=session, email=email, password=password, role=role)
            _audit(session, "create_user", "user", user.id, {"email": user.email, "role": user.role})
            _say(f"created user {user.id} ({user.email}, {user.role})")
    except AppError as exc:
        _fail(exc)


@users_cli.command("list")
def users_list() -> None:
    """List accounts: email, role, whether disabled, last sign-in."""
    from app.db import session_scope
    from app.services import users as user_service

    runtime = _runtime()
    table = _table("id", "email", "role", "disabled", "last sign-in")
    with session_scope(runtime.session_factory) as session:
        for user in user_service.list(session=session):
            last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "never"
            table.add_row(str(user.id), user.email, user.role, "yes" if user.disabled else "", last)
    console.print(table)


@users_cli.command("update")
def users_update(
    user_id: int,
    role: Annotated[str | None, typer.Option(help="A new role.")] = None,
    disable: Annotated[bool | None, typer.Option("--disable/--enable", help="Stop (or allow) signing in.")] = None,
    reset_password: Annotated[bool, typer.Option(help="Ask for a new password.")] = False,
) -> None:
    """Change a role, disable or enable an account, or reset its password (ends its sessions)."""
    from app.db import session_scope
    from app.services import users as user_service

    password = typer.prompt("New password", hide_input=True, confirmation_prompt=True) if reset_password else None
    runtime = _runtime()
    try:
        with session_scope(runtime.session_factory) as session:
            user = user_service.change(session=session, user_id=user_id, role=role, disabled=disable, password=password)
            _audit(
                session, "update_user", "user", user.id, {"role": role, "disabled": disable, "password": bool(password)}
            )
            _say(f"updated user {user.id} ({user.email}, {user.role}{', disabled' if user.disabled else ''})")
    except AppError as exc:
        _fail(exc)


@cli.command()
def ingest(
    project: Annotated[str, typer.Argument(help="Project id or name.")],
    files: Annotated[list[Path], typer.Argument(help="Transcripts or recordings.", exists=True, dir_okay=False)],
    segment: Annotated[str | None, typer.Option(help="Segment for every file.")] = None,
    industry: Annotated[str | None, typer.Option(help="Industry for every file.")] = None,
) -> None:
    """Ingest files into a project, showing progress until every file is processed."""
    from app.db import session_scope
    from app.schemas.interviews import InterviewMetadata
    from app.services import projects as project_service
    from app.services import uploads as upload_service

    runtime = _runtime()
    task_ids: dict[int, str] = {}
    with session_scope(runtime.session_factory) as session:
        try:
            project_id = project_service.get_by_name_or_id(session=session, ref=project).id
        except AppError as exc:
            _fail(exc)
    for path in files:  # one transaction per file: a bad file is skipped, the others are stored
        try:
            with path.open("rb") as stream, session_scope(runtime.session_factory) as session:
                _, task = upload_service.accept(
                    session=session,
                    runtime=runtime,
                    project_id=project_id,
                    filename=path.name,
                    stream=stream,
                    metadata=InterviewMetadata(segment=segment, industry=industry),
                )
        except AppError as exc:
            err_console.print(f"[red]skipped[/red] {_escape(path.name)} ({exc.code}): {_escape(exc.message)}")
            continue
        task_ids[task.id] = path.name
    if not task_ids:
        raise typer.Exit(code=1)

    failed = _wait(runtime, task_ids)
    _say(f"{len(task_ids) - failed} ingested, {failed} failed")
    if failed:
        raise typer.Exit(code=1)


def _wait(runtime: Runtime, task_ids: dict[int, str]) -> int:
    """Run the tasks with a worker in this process, showing a progress bar each; returns how many failed."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from app.db import session_scope
    from app.services import tasks as task_service
    from app.stages import label
    from app.worker import Worker

    runner = None
    if runtime.settings.broker_url:
        _say("tasks sent to the broker: `verbatim worker --queues ...` processes run them")
    else:
        runner = Worker(runtime)
        runner.start(1)
    failed = 0
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[stage]}"),
        TimeElapsedColumn(),
    )
    try:
        with Progress(*columns, console=console.get()) as bar:
            rows = {tid: bar.add_task(name, total=1.0, stage=label("queued")) for tid, name in task_ids.items()}
            pending = set(task_ids)
            while pending:
                with session_scope(runtime.session_factory) as session:
                    for tid in list(pending):
                        task = task_service.get(session=session, task_id=tid)
                        bar.update(rows[tid], completed=task.progress, stage=label(task.stage))
                        if task.status in ("done", "failed"):
                            pending.discard(tid)
                            if task.status == "failed":
                                failed += 1
                                bar.update(rows[tid], stage=f"[red]failed: {_escape(task.error)}[/red]")
                time.sleep(0.3)
    finally:
        if runner is not None:
            runner.stop()
        runtime.close()
    return failed


@cli.command()
def mine(project: Annotated[str, typer.Argument(help="Project id or name.")]) -> None:
    """Mine a project's customer utterances into jobs and job statements, with a progress bar."""
    from app.db import session_scope
    from app.services import jobs as job_service
    from app.services import projects as project_service
    from app.services import tasks as task_service

    runtime = _runtime()
    with session_scope(runtime.session_factory) as session:
        try:
            project_id = project_service.get_by_name_or_id(session=session, ref=project).id
        except AppError as exc:
            _fail(exc)
        task = task_service.create(session=session, kind="mine", project_id=project_id)
        task_id = task.id
    if _wait(runtime, {task_id: f"mining project {project_id}"}):
        raise typer.Exit(code=1)
    with session_scope(runtime.session_factory) as session:
        # What mining queued (the phrase refresh, app/tasks/phrases.py) runs here too, so the feed is ready after.
        follow = {
            t.id: "refreshing phrases"
            for t in task_service.list(session=session, project_id=project_id, status="queued")
            if t.kind == "phrases"
        }
    if follow and _wait(runtime, follow):
        raise typer.Exit(code=1)
    with session_scope(runtime.session_factory) as session:
        jobs = job_service.list(session=session, project_id=project_id)
    table = _table("job", "interviews", "utterances", "title", "statement", show_lines=True)
    for job in jobs:
        support = job["support"]
        statement = (job["statement"] or {}).get("text", "")
        table.add_row(str(job["id"]), str(support["interviews"]), str(support["utterances"]), job["title"], statement)
    console.print(table)


@cli.command()
def search(
    project: Annotated[str, typer.Argument(help="Project id or name.")],
    query: Annotated[str, typer.Argument(help="What to look for.")],
    k: Annotated[int, typer.Option(help="How many hits.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search how customers phrased something."""
    from app.db import session_scope
    from app.services import projects as project_service
    from app.services import search as search_service

    runtime = _runtime()
    with session_scope(runtime.session_factory) as session:
        try:
            project_id = project_service.get_by_name_or_id(session=session, ref=project).id
            results = search_service.search(session=session, runtime=runtime, project_id=project_id, query=query, k=k)
        except AppError as exc:
            _fail(exc)
    if as_json:
        print(json.dumps(results.model_dump(), indent=2))
        return
    table = _table("score", "speaker", "interview", "at", "text", show_lines=True)
    for hit in results.hits:
        at = "" if hit.start is None else f"{int(hit.start // 60)}:{int(hit.start % 60):02d}"
        table.add_row(f"{hit.score:.2f}", hit.speaker, hit.interview_title, at, hit.text)
    console.print(table)


@cli.command()
def reindex(
    project: Annotated[str | None, typer.Argument(help="Project id or name (default: every project).")] = None,
    reembed: Annotated[
        bool,
        typer.Option(
            "--reembed",
            help="Re-embed utterances first (a task with progress): search vectors from VERBATIM_SEARCH_MODEL, and "
            "the shared vectors if VERBATIM_EMBEDDING_MODEL changed.",
        ),
    ] = False,
) -> None:
    """Rebuild the search index from the embeddings stored in the database (--reembed: re-embed them first)."""
    from app.db import session_scope
    from app.services import projects as project_service
    from app.services import tasks as task_service

    runtime = _runtime()
    with session_scope(runtime.session_factory) as session:
        try:
            targets = (
                [project_service.get_by_name_or_id(session=session, ref=project)]
                if project
                else project_service.list(session=session)
            )
        except AppError as exc:
            _fail(exc)
        if reembed:
            task_ids = {
                task_service.create(session=session, kind="reembed", project_id=p.id).id: f"re-embedding {p.name}"
                for p in targets
            }
        else:
            for p in targets:
                count = runtime.index_store.rebuild(session=session, project_id=p.id)
                _say(f"project {p.id} ({p.name}): {count} utterances indexed")
    if reembed:
        if _wait(runtime, task_ids):
            raise typer.Exit(code=1)
        with session_scope(runtime.session_factory) as session:
            for p in targets:
                count = runtime.index_store.rebuild(session=session, project_id=p.id)
                model = project_service.get(session=session, project_id=p.id).search_model
                model = model or runtime.settings.embedding_model
                _say(f"project {p.id} ({p.name}): {count} utterances indexed ({model})")


@cli.command("convert-model")
def convert_model(
    model: Annotated[str | None, typer.Argument(help="Whisper model name (default VERBATIM_WHISPER_MODEL).")] = None,
) -> None:
    """Convert the offline CTranslate2 Whisper weights into an openai-whisper checkpoint (cached)."""
    from pipelines.whisper_convert import openai_checkpoint_for
    from pipelines.whisper_models import resolve_whisper_model

    settings = _settings()
    cache = settings.cache_dir / "models"
    name = model or settings.whisper_model
    with console.status(f"converting {name}"):
        path = openai_checkpoint_for(resolve_whisper_model(name, cache), cache)
    _say(f"openai-whisper checkpoint for {name}: {path}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
