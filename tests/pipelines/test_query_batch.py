import threading
import time
from collections.abc import Sequence

import numpy as np
import pytest

from pipelines.query_batch import QueryBatcher


class FakeModel:
    """Rows [len(text), i]; the first call waits for `release`, so that other callers queue up behind it."""

    def __init__(self, fail_on: str | None = None):
        self.calls: list[list[str]] = []
        self.release = threading.Event()
        self.fail_on = fail_on

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            assert self.release.wait(10)
        if self.fail_on in texts:
            raise RuntimeError("model failed")
        return np.array([[len(t), i] for i, t in enumerate(texts)], dtype=np.float32)


def _queued(batcher: QueryBatcher, n: int) -> None:
    deadline = time.monotonic() + 10
    while len(batcher._queue) < n:
        assert time.monotonic() < deadline
        time.sleep(0.001)


def test_a_lone_query_runs_at_once() -> None:
    model = FakeModel()
    model.release.set()
    batcher = QueryBatcher(model)
    np.testing.assert_array_equal(batcher.embed_one("abc"), [3, 0])
    np.testing.assert_array_equal(batcher.embed_one("hello"), [5, 0])
    assert model.calls == [["abc"], ["hello"]]


def test_queries_arriving_during_a_run_go_together_in_the_next_one() -> None:
    model = FakeModel()
    batcher = QueryBatcher(model, max_batch=3)
    texts = ["first", "a", "bb", "ccc", "dddd"]
    out: dict[str, np.ndarray] = {}

    def ask(text: str) -> None:
        out[text] = batcher.embed_one(text)

    threads = [threading.Thread(target=ask, args=("first",))]
    threads[0].start()
    while not model.calls:  # "first" holds the model
        time.sleep(0.001)
    for text in texts[1:]:
        threads.append(threading.Thread(target=ask, args=(text,)))
        threads[-1].start()
    _queued(batcher, 4)
    model.release.set()
    for thread in threads:
        thread.join(10)
    # At most max_batch texts a run, in arrival order; every caller gets its own text's row.
    assert model.calls[0] == ["first"]
    assert sorted(len(call) for call in model.calls[1:]) == [1, 3]
    assert sorted(t for call in model.calls[1:] for t in call) == sorted(texts[1:])
    for text in texts:
        assert out[text][0] == len(text)
    assert not batcher._busy and not batcher._queue


def test_a_failed_run_fails_its_callers_only_and_the_next_batch_still_runs() -> None:
    model = FakeModel(fail_on="bad")
    batcher = QueryBatcher(model, max_batch=2)
    errors: dict[str, BaseException] = {}
    out: dict[str, np.ndarray] = {}

    def ask(text: str) -> None:
        try:
            out[text] = batcher.embed_one(text)
        except RuntimeError as exc:
            errors[text] = exc

    first = threading.Thread(target=ask, args=("first",))
    first.start()
    while not model.calls:
        time.sleep(0.001)
    others = []
    for text in ("bad", "same batch", "later"):
        others.append(threading.Thread(target=ask, args=(text,)))
        others[-1].start()
        _queued(batcher, len(others))  # in this order: "bad" and "same batch" share a run, "later" runs after
    model.release.set()
    for thread in [first, *others]:
        thread.join(10)
    assert set(errors) == {"bad", "same batch"}
    assert set(out) == {"first", "later"}
    assert out["later"][0] == len("later")
    assert not batcher._busy
    with pytest.raises(RuntimeError):
        batcher.embed_one("bad")
