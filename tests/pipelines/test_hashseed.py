"""Mining gives the same result in every process: no choice may hang on the order a set of strings iterates in,
which changes with each process's string hashing (PYTHONHASHSEED)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.helpers import INTERVIEWS

ROOT = Path(__file__).resolve().parents[2]


def test_a_jobs_topic_words_tie_by_the_word_not_by_the_order_they_were_counted_in() -> None:
    from pipelines.statements import _topic

    # 30 words said twice and four said once: which of the tied words make the top 25 (and the top 3) must not
    # depend on the order they were first counted in (a Counter filled from sets keeps their hash order).
    words = [f"w{k:02d}" for k in range(30)] * 2 + ["a", "b", "c", "d"]
    forward, backward = Counter(words), Counter(reversed(words))
    assert list(forward) != list(backward)
    topic, common = _topic(forward)
    assert (topic, common) == _topic(backward)
    assert topic == frozenset(f"w{k:02d}" for k in range(25))
    assert common == frozenset({"w00", "w01", "w02"})


def _probe(seed: str, paths: list[Path]) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    script = ROOT / "tests" / "hashseed_probe.py"
    done = subprocess.run(
        [sys.executable, str(script), *map(str, paths)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_signals_keywords_statements_titles_and_families_are_the_same_under_every_hash_seed() -> None:
    paths = [INTERVIEWS / "donald-1-full.md", INTERVIEWS / "nick-1-full.md"]
    if not all(p.is_file() for p in paths):
        pytest.skip("../shared/data is not beside the repository")
    first, second = _probe("1", paths), _probe("2", paths)
    assert '"jobs"' in first
    assert first == second, "mining depends on string hashing: a tie is broken by a set's order"


class _Hashed(str):
    """A string whose hash is given: what each process's string hashing would make of it, chosen here."""

    hashed: int

    def __new__(cls, text: str, hashed: int) -> _Hashed:
        out = super().__new__(cls, text)
        out.hashed = hashed
        return out

    def __hash__(self) -> int:
        return self.hashed


def test_a_jobs_breakdown_lists_values_by_interviews_then_name_whatever_the_hash_order() -> None:
    from types import SimpleNamespace

    from app.services.jobs import _breakdown

    # Six segments over 21 interviews (one value has none: "unknown"): a dict built from a set of (value, interview)
    # pairs would list them in the order their hashes give, another in each process.
    counts = {"user": 6, "maintainer": 5, "admin": 4, "unknown": 3, "funder": 2, "board": 1}
    for order in (1, -1):
        members: list[SimpleNamespace] = []
        for rank, (value, n) in enumerate(counts.items()):
            segment = None if value == "unknown" else _Hashed(value, order * (rank + 1) * 7919)
            members += [SimpleNamespace(segment=segment, interview_id=len(members) + k) for k in range(n)]
        members += members  # several utterances of one interview count once
        assert list(_breakdown(members, "segment").items()) == list(counts.items())
