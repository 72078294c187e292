"""10,000 copy-test events from 8 parallel HTTP clients, with duplicated batches racing: each counts once."""

import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.helpers import serve_in_thread

pytestmark = pytest.mark.db

CLIENTS = 8
EVENTS = 10_000
BATCH = 250


def test_parallel_clients_with_duplicated_batches_count_each_event_once(settings) -> None:
    rng = random.Random(3)
    with serve_in_thread(settings) as base:
        with httpx.Client(base_url=base, timeout=60) as http:
            project = http.post("/api/projects", json={"name": "Ads"}).json()["id"]
            test = http.post(
                f"/api/projects/{project}/copy-tests",
                json={"name": "Headline", "variants": [{"text": "A"}, {"text": "B"}, {"text": "C"}]},
            ).json()
        variants = [v["id"] for v in test["variants"]]
        events: list[dict[str, str | int]] = []
        while len(events) < EVENTS:
            variant = rng.choice(variants)
            kind = rng.choices(["impression", "click", "conversion"], weights=[8, 1, 1])[0]
            events.append({"id": f"evt-{len(events)}", "variant_id": variant, "type": kind})
        batches = [events[i : i + BATCH] for i in range(0, EVENTS, BATCH)]
        # Every client posts its own share plus 5 batches that other clients also post (retries racing).
        plans = [
            batches[k::CLIENTS] + rng.sample([b for i, b in enumerate(batches) if i % CLIENTS != k], 5)
            for k in range(CLIENTS)
        ]
        for plan in plans:
            rng.shuffle(plan)

        def run(plan: list[list[dict]]) -> tuple[int, int, int]:
            accepted = duplicates = posted = 0
            with httpx.Client(base_url=base, timeout=120) as http:
                for batch in plan:
                    response = http.post(f"/api/copy-tests/{test['id']}/events", json={"events": batch})
                    assert response.status_code == 200, response.text
                    accepted += response.json()["accepted"]
                    duplicates += response.json()["duplicates"]
                    posted += len(batch)
            return accepted, duplicates, posted

        with ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(run, plans))
        with httpx.Client(base_url=base, timeout=60) as http:
            final = http.get(f"/api/copy-tests/{test['id']}").json()

    assert sum(r[0] for r in results) == EVENTS
    assert sum(r[1] for r in results) == sum(r[2] for r in results) - EVENTS == CLIENTS * 5 * BATCH
    truth = Counter((e["variant_id"], e["type"]) for e in events)
    for variant in final["variants"]:
        assert variant["impressions"] == truth[(variant["id"], "impression")]
        assert variant["clicks"] == truth[(variant["id"], "click")]
        assert variant["conversions"] == truth[(variant["id"], "conversion")]
