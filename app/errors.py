"""One error shape for every API error: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

# FastAPI and SQLAlchemy are imported inside the functions that need them: the CLI imports AppError, and `verbatim
# --help` must not pay for the web stack.
log = logging.getLogger(__name__)


class AppError(Exception):
    """An error the client can act on; raised by services, rendered by the API."""

    status_code = 400

    def __init__(
        self,
        code: str,
        message: str,
        *,
        status_code: int | None = None,
        details: Any = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers
        if status_code is not None:
            self.status_code = status_code


class NotFound(AppError):
    status_code = 404

    def __init__(self, what: str, ident: object):
        super().__init__("not_found", f"{what} {ident} does not exist.", details={"resource": what, "id": ident})


class InvalidInput(AppError):
    status_code = 422


class Conflict(AppError):
    status_code = 409


def envelope(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


# Every error code the API answers with: its HTTP status and when it happens. The OpenAPI schema documents each
# route's statuses from this table (app/api/openapi.py); a test checks that every code raised anywhere is listed.
ERROR_CODES: dict[str, tuple[int, str]] = {
    "bad_request": (400, "the body could not be parsed (a broken multipart form)"),
    "invalid_host": (400, "the Host header is not one of VERBATIM_ALLOWED_HOSTS"),
    "unauthorized": (401, "no valid API key or session"),
    "forbidden": (403, "the key or role lacks the scope, or is limited to another project"),
    "csrf_failed": (403, "a cookie-authenticated change without the CSRF token, or from another origin"),
    "not_found": (404, "the resource named by the address does not exist"),
    "method_not_allowed": (405, "the route does not take this method"),
    "copy_test_stopped": (409, "the copy test was stopped and takes no more events"),
    "task_finished": (409, "the task has already finished"),
    "user_exists": (409, "there is already an account for this email"),
    "no_recordings": (409, "none of the quotes comes from a readable recording"),
    "payload_too_large": (413, "the body is larger than VERBATIM_MAX_UPLOAD_MB"),
    "transcript_too_large": (413, "more words or turns than VERBATIM_MAX_TRANSCRIPT_WORDS/_TURNS"),
    "unsupported_media": (415, "neither a transcript nor a recording that can be decoded"),
    "range_not_satisfiable": (416, "the Range header asks for bytes past the end of the recording"),
    "no_audio_stream": (415, "a media file without an audio stream"),
    "validation_error": (422, "a parameter or body field is missing, malformed or out of range"),
    "invalid_value": (422, "a value the database cannot hold (out of range, or a NUL character)"),
    "invalid_metadata": (422, "interview metadata that does not validate"),
    "empty_file": (422, "the uploaded file is empty"),
    "audio_empty": (422, "the recording holds no audio samples"),
    "audio_corrupt": (422, "the recording cannot be decoded"),
    "recording_too_long": (422, "longer than VERBATIM_MAX_AUDIO_MINUTES"),
    "transcript_empty": (422, "the transcript holds no text"),
    "transcript_malformed": (422, "the transcript's format is broken"),
    "transcript_unrecognised": (422, "the text is in no transcript format we read"),
    "empty_query": (422, "the search query is empty"),
    "invalid_cursor": (422, "a feed cursor this feed did not return"),
    "invalid_candidate": (422, "the job has no such statement candidate"),
    "invalid_merge": (422, "jobs that cannot be merged into this one"),
    "invalid_job": (422, "the job is not in this project"),
    "invalid_phrases": (422, "phrases that are not in this project"),
    "invalid_statement": (422, "a statement that is not a job statement of this project"),
    "duplicate_variants": (422, "two copy-test variants with the same text"),
    "invalid_events": (422, "events naming unknown variants or unusable times"),
    "quote_from_another_project": (422, "the quote belongs to another project"),
    "collection_full": (422, "the collection holds its maximum number of quotes"),
    "invalid_email": (422, "not an email address"),
    "weak_password": (422, "the password is too short"),
    "invalid_role": (422, "an unknown role"),
    "invalid_scopes": (422, "unknown or missing key scopes"),
    "internal_error": (500, "a fault on the server (never expected; logged)"),
    "database_busy": (503, "SQLite's one writer stayed busy; nothing changed, retry (Retry-After)"),
}


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media",
    422: "validation_error",
}


# An absolute file path (POSIX or Windows) of two or more parts; not an /api/ route and not inside a URL.
_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.])(?!/api/)(?:[A-Za-z]:)?[\\/](?:[^\s'\"\\/:]+[\\/])+([^\s'\"\\/:]+)")


def scrub_paths(message: str) -> str:
    """Absolute server paths in a message become their file names: the server's layout is nobody's business."""
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1), message)


def is_bad_value(exc: BaseException) -> bool:
    """A value the database cannot hold (an integer past 64 bits on SQLite, NUL in text or an out-of-range number
    on PostgreSQL): the client's input, never our failure."""
    from sqlalchemy.exc import DataError

    if isinstance(exc, DataError):
        return True
    return isinstance(exc, OverflowError) and "SQLite INTEGER" in str(exc)


def bad_value_response() -> JSONResponse:
    from fastapi.responses import JSONResponse

    message = "A value in the request is out of range or contains a NUL character."
    return JSONResponse(envelope("invalid_value", message), status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    from fastapi import Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse
    from sqlalchemy.exc import DataError, OperationalError
    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(AppError)
    async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
        return JSONResponse(
            envelope(exc.code, scrub_paths(exc.message), exc.details), status_code=exc.status_code, headers=exc.headers
        )

    @app.exception_handler(DataError)
    async def _data_error(_request: Request, exc: DataError) -> JSONResponse:
        log.info("refused a value the database cannot hold: %s", str(exc).splitlines()[0])
        return bad_value_response()

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"), "message": err.get("msg")}
            for err in exc.errors()
        ]
        first = problems[0] if problems else {"field": "", "message": "invalid request"}
        message = f"Invalid request: {first['field']}: {first['message']}" if first["field"] else first["message"]
        return JSONResponse(envelope("validation_error", message, problems), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = "No such endpoint."
        return JSONResponse(envelope(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def _operational(request: Request, exc: OperationalError) -> JSONResponse:
        if "database is locked" not in str(exc.orig):
            return await _unexpected(request, exc)
        # SQLite's one writer is busy past the wait (a long task's transaction): the client may simply retry.
        log.warning("database busy: %s", exc.orig)
        return JSONResponse(
            envelope("database_busy", "The database is busy with other work; nothing was changed. Try again shortly."),
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> JSONResponse:
        return bad_value_response() if is_bad_value(exc) else await _unexpected(request, exc)

    @app.exception_handler(Exception)
    async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return JSONResponse(
            envelope("internal_error", "Something went wrong on our side; nothing you sent was lost."),
            status_code=500,
            headers={"Connection": "close"},
        )
