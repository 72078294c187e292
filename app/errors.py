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
