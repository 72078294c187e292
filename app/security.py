"""HTTP hardening in one pure ASGI middleware: allowed Host names (DNS rebinding), a body size limit that holds for
chunked uploads too, NUL bytes in addresses, CSRF for cookie sessions (token + Origin/Referer) and security headers
(a Content-Security-Policy on every page, nosniff everywhere)."""

from __future__ import annotations

import json
import secrets
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import unquote, urlsplit

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.auth import COOKIE_NAME, SESSION_COOKIE
from app.config import Settings
from app.errors import envelope
from app.schemas import MAX_DB_INT

CSRF_COOKIE = "verbatim_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Routes that check the CSRF token from their form themselves (they are posted by plain HTML forms).
FORM_ROUTES = frozenset({"/login", "/logout"})
PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# JSON, recordings and anything else that is not a page: nothing in it may run, even if a browser opens it.
OTHER_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'"
BODY_SLACK = 64 * 1024  # form fields beside the file


class BodyTooLarge(HTTPException):
    """Raised from `receive` once the body passes the limit; FastAPI re-raises HTTPExceptions from body parsing."""

    def __init__(self, limit: int, limit_mb: float):
        super().__init__(413, f"The upload is larger than the {limit_mb:g} MiB limit (VERBATIM_MAX_UPLOAD_MB).")
        self.limit = limit


def host_name(host_header: str) -> str:
    """The host of a Host header, without the port; IPv6 literals lose their brackets."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _too_big(part: str) -> bool:
    """A path segment that is an integer no id can be (ids are 32-bit in every database we support)."""
    digits = part.removeprefix("-").removeprefix("+")
    return digits.isdigit() and (len(digits) > 10 or int(digits) > MAX_DB_INT)


def _cookies(headers: dict[str, str]) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no cookie
        return {}
    return {name: morsel.value for name, morsel in jar.items()}


def same_origin(headers: dict[str, str]) -> bool:
    """False when the browser says the request comes from another origin (Origin, else Referer); True if unsaid."""
    source = headers.get("origin") or headers.get("referer")
    if not source:
        return True  # not a browser, or one that strips both: the token still guards cookie sessions
    if source == "null":
        return False
    try:
        netloc = urlsplit(source).netloc.lower()
    except ValueError:
        return False
    return bool(netloc) and netloc == headers.get("host", "").lower()


def csrf_matches(expected: str | None, given: str | None) -> bool:
    return bool(expected) and bool(given) and secrets.compare_digest(str(expected), str(given))


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.allowed = {h.lower() for h in settings.effective_allowed_hosts}
        self.limit = settings.max_upload_bytes + BODY_SLACK

    async def _reject(self, send: Send, status: int, code: str, message: str, details: Any = None) -> None:
        body = json.dumps(envelope(code, message, details)).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"content-security-policy", OTHER_POLICY.encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if "*" not in self.allowed and host_name(headers.get("host", "")) not in self.allowed:
            await self._reject(
                send, 400, "invalid_host", "This server does not answer to that host name (VERBATIM_ALLOWED_HOSTS)."
            )
            return
        raw_path = scope.get("raw_path") or scope["path"].encode()
        query = scope.get("query_string", b"")
        if b"\x00" in raw_path or b"%00" in raw_path or b"%00" in query or "\x00" in unquote(query.decode("latin-1")):
            await self._reject(send, 422, "validation_error", "The address contains a NUL character.")
            return
        if any(_too_big(part) for part in scope["path"].split("/")):
            await self._reject(send, 404, "not_found", f"No such resource: ids are at most {MAX_DB_INT}.")
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await self._reject(
                send,
                413,
                "payload_too_large",
                f"The upload is larger than the {self.settings.max_upload_mb:g} MiB limit (VERBATIM_MAX_UPLOAD_MB).",
                {"limit_bytes": self.settings.max_upload_bytes},
            )
            return
        method = scope["method"]
        cookies = _cookies(headers)
        if method not in SAFE_METHODS and "authorization" not in headers:
            # Requests a browser could send on its own: from this origin only, and with the token for a cookie session.
            if not same_origin(headers):
                await self._reject(send, 403, "csrf_failed", "Cross-site request refused (Origin/Referer mismatch).")
                return
            cookie_session = self.settings.auth_required and (COOKIE_NAME in cookies or SESSION_COOKIE in cookies)
            if cookie_session and scope["path"] not in FORM_ROUTES:
                if not csrf_matches(cookies.get(CSRF_COOKIE), headers.get(CSRF_HEADER)):
                    await self._reject(
                        send, 403, "csrf_failed", "Missing or wrong CSRF token (send the X-CSRF-Token header)."
                    )
                    return

        token = cookies.get(CSRF_COOKIE)
        new_token = None
        if not token:
            token = new_token = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf_token"] = token

        received = 0
        limit, limit_mb = self.limit, self.settings.max_upload_mb

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit, limit_mb)
            return message

        secure = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in response_headers}
                content_type = next((v for k, v in response_headers if k.lower() == b"content-type"), b"")
                is_html = content_type.startswith(b"text/html")
                if b"x-content-type-options" not in names:
                    response_headers.append((b"x-content-type-options", b"nosniff"))
                if b"referrer-policy" not in names:
                    response_headers.append((b"referrer-policy", b"same-origin"))
                if b"content-security-policy" not in names:
                    policy = PAGE_POLICY if is_html else OTHER_POLICY
                    response_headers.append((b"content-security-policy", policy.encode()))
                if is_html:
                    response_headers.append((b"x-frame-options", b"DENY"))
                    if new_token and b"set-cookie" not in names:
                        cookie = f"{CSRF_COOKIE}={new_token}; Path=/; SameSite=Strict" + ("; Secure" if secure else "")
                        response_headers.append((b"set-cookie", cookie.encode()))
                if message["status"] >= 500 and b"connection" not in names:
                    response_headers.append((b"connection", b"close"))
                message = {**message, "headers": response_headers}
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)
