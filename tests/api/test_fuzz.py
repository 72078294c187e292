"""Schemathesis over the OpenAPI schema: generated requests (valid and not) to every operation, never a 5xx, and
every answer documented: its status is in the operation's responses and an error's code in that status's codes.

Bounded in time: a few examples per operation and a wall-clock budget (VERBATIM_FUZZ_EXAMPLES, VERBATIM_FUZZ_SECONDS
raise them for a longer hunt); skipped when schemathesis is not installed."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import TRANSCRIPT, make_settings, undocumented

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

pytestmark = [pytest.mark.db, pytest.mark.slow]
EXAMPLES = int(os.environ.get("VERBATIM_FUZZ_EXAMPLES", "20"))
BUDGET_SECONDS = float(os.environ.get("VERBATIM_FUZZ_SECONDS", "150"))


def seed(settings: Any) -> None:
    """Rows for small generated ids to hit: two projects, an interview (its task queued), a copy test, a collection
    and a user."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    with TestClient(create_app(settings, start_worker=False)) as client:
        for name in ("Fuzz", "Other"):
            client.post("/api/projects", json={"name": name})
        client.post("/api/projects/1/interviews", files={"file": ("call.txt", TRANSCRIPT.encode())})
        body = {"name": "t", "variants": [{"text": "a"}, {"text": "b"}]}
        client.post("/api/projects/1/copy-tests", json=body)
        client.post("/api/projects/1/collections", json={"name": "Quotes"})
        client.post("/api/users", json={"email": "ana@example.com", "password": "a long passphrase", "role": "viewer"})


def test_no_operation_answers_5xx_or_undocumented(tmp_path: Path, database_url: str) -> None:
    from hypothesis import HealthCheck, Phase, given, settings

    from app.db import migrate
    from app.main import create_app

    app_settings = make_settings(tmp_path / "var", database_url)
    migrate(app_settings)
    seed(app_settings)
    app = create_app(app_settings, start_worker=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    paths = app.openapi()["paths"]
    started, requests, failures, skipped = time.monotonic(), [0], [], []
    statuses: Counter[int] = Counter()
    wrong: dict[str, str] = {}

    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() - started > BUDGET_SECONDS:
            skipped.append(operation.label)
            continue

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        @given(case=operation.as_strategy(), seeded=hypothesis.strategies.booleans())
        def run(case: Any, seeded: bool) -> None:
            if seeded and case.path_parameters:  # half the requests reach rows that exist, past the 404
                case.path_parameters = {name: 1 for name in case.path_parameters}
            requests[0] += 1
            try:
                response = case.call()
            except Exception as exc:  # the in-process client re-raises what the app did not handle
                failures.append(f"{type(exc).__name__}: {exc} {case.as_curl_command()}")
                return
            statuses[response.status_code] += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} {case.as_curl_command()}\n  {response.text[:300]}")
            documented = paths[case.operation.path][case.operation.method.lower()]
            problem = undocumented(documented, response.status_code, response.content)
            if problem is not None:
                wrong.setdefault(f"{case.operation.label}: {problem}", case.as_curl_command())

        run()
    print(
        f"schemathesis: {requests[0]} requests, {len(failures)} 5xx, {len(wrong)} undocumented answers, "
        f"statuses {dict(sorted(statuses.items()))}, operations skipped for time: {skipped}"
    )
    assert failures == [], "\n".join(failures[:20])
    assert wrong == {}, "\n".join(f"{problem}\n  {curl}" for problem, curl in list(wrong.items())[:20])
