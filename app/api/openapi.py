"""Every status a route can answer is in the OpenAPI schema, with the error codes that come with it.

The statuses come from the error-code table (app.errors.ERROR_CODES): the codes every route can meet follow from
what the route is (its path ids, its auth dependency, its method and body, the security middleware in front of it)
and are added here; the codes only a route's own service raises are declared on the route with `raises(...)`.
Each error response names its codes in `x-error-codes` and has the error envelope as its body."""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.errors import ERROR_CODES
from app.schemas.errors import ErrorEnvelope

CODES_KEY = "x-error-codes"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_REF = "#/components/schemas/"


def raises(*codes: str) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the error codes its services raise beyond those every route can meet."""
    responses: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        status = ERROR_CODES[code][0]  # a KeyError here: add the code to app.errors.ERROR_CODES
        entry = responses.setdefault(status, {"description": HTTPStatus(status).phrase, CODES_KEY: []})
        entry[CODES_KEY].append(code)
    return responses


def _calls(dependant: Dependant) -> Iterator[Any]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _calls(dependency)


def common_codes(route: APIRoute, method: str) -> set[str]:
    """The codes a route can answer with before or around its own work: the middleware, auth, ids, bodies."""
    from app.api.deps import Require, current_principal, get_session

    calls = list(_calls(route.dependant))
    codes = {"invalid_host", "validation_error"}  # any Host header; NUL in the address or the query string
    dependant = route.dependant
    if dependant.path_params or dependant.query_params or route.body_field is not None:
        codes.add("invalid_value")
    if dependant.path_params:
        codes.add("not_found")
    if any(isinstance(call, Require) for call in calls):
        codes |= {"unauthorized", "forbidden"}
    elif current_principal in calls:
        codes.add("unauthorized")
    if get_session in calls or current_principal in calls or any(isinstance(call, Require) for call in calls):
        codes.add("database_busy")  # SQLite's writer busy past the wait, while reading keys or the route's rows
    if method in UNSAFE_METHODS:
        codes.add("csrf_failed")
    if route.body_field is not None:
        codes.add("payload_too_large")
        if dependant.body_params and any(_is_form(p) for p in dependant.body_params):
            codes.add("bad_request")  # a multipart body that cannot be parsed
    return codes


def _is_form(param: Any) -> bool:
    from fastapi.params import Form

    return isinstance(getattr(param, "field_info", None), Form)


def _describe(status: int, codes: list[str]) -> str:
    reasons = "; ".join(f"`{code}`: {ERROR_CODES[code][1]}" for code in codes)
    return f"{HTTPStatus(status).phrase}. {reasons}."


def api_routes(routes: list[Any]) -> Iterator[tuple[str, APIRoute]]:
    """(path, route) for every API route, those of included routers too (newer FastAPI keeps them nested)."""
    from fastapi import routing

    contexts = getattr(routing, "iter_route_contexts", None)
    if contexts is None:
        yield from ((route.path_format, route) for route in routes if isinstance(route, APIRoute))
        return
    for context in contexts(routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            yield context.path_format or route.path_format, route


def document_errors(schema: dict[str, Any], routes: list[Any]) -> dict[str, Any]:
    """Add each route's error statuses and codes to a generated schema; the error bodies are the envelope."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    envelope = ErrorEnvelope.model_json_schema(ref_template=_REF + "{model}")
    components.update(envelope.pop("$defs", {}))
    components["ErrorEnvelope"] = envelope
    body = {"application/json": {"schema": {"$ref": _REF + "ErrorEnvelope"}}}
    for path, route in api_routes(routes):
        if not route.include_in_schema:
            continue
        for method in sorted(route.methods or ()):
            operation = schema["paths"].get(path, {}).get(method.lower())
            if operation is None:
                continue
            responses = operation["responses"]
            by_status: dict[int, set[str]] = {}
            for code in common_codes(route, method):
                by_status.setdefault(ERROR_CODES[code][0], set()).add(code)
            for key, response in list(responses.items()):
                if CODES_KEY in response:
                    by_status.setdefault(int(key), set()).update(response[CODES_KEY])
                elif key == "422" and "HTTPValidationError" in str(response):
                    del responses[key]  # FastAPI's own 422 shape is not what the API sends: the envelope is
            for status, codes in sorted(by_status.items()):
                ordered = sorted(codes)
                responses[str(status)] = {
                    "description": _describe(status, ordered),
                    "content": body,
                    CODES_KEY: ordered,
                }
            operation["responses"] = dict(sorted(responses.items()))
    if "HTTPValidationError" not in str(schema["paths"]):
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
    return schema


def install(app: FastAPI) -> None:
    """Generate the schema once, with the error documentation added."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document_errors(generate(), app.routes)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
