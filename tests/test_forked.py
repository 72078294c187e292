"""Work shared with forked copies of the process: every key's result, once, whoever computed it."""

import os
import time

import pytest

from app.forked import fork_map


def test_one_process_computes_in_order_and_forks_nothing() -> None:
    seen: list[int] = []

    def fn(k: int) -> int:
        seen.append(k)
        return os.getpid()

    assert fork_map(fn, [3, 1, 2], processes=1) == {3: os.getpid(), 1: os.getpid(), 2: os.getpid()}
    assert seen == [3, 1, 2]
    assert fork_map(fn, [7], processes=4) == {7: os.getpid()}  # one key: nothing to share


def test_a_forked_copy_takes_keys_the_process_has_not_taken() -> None:
    parent = os.getpid()

    def fn(k: int) -> tuple[int, int]:
        if os.getpid() == parent:
            time.sleep(0.2)  # the copy takes the keys while this process is busy
        return k * k, os.getpid()

    found = fork_map(fn, range(10), processes=2)
    assert list(found) == list(range(10))
    assert [v for v, _ in found.values()] == [k * k for k in range(10)]
    assert {pid for _, pid in found.values()} - {parent}  # a copy did some


def test_a_copy_that_fails_leaves_its_keys_to_the_process() -> None:
    parent = os.getpid()

    def fn(k: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the copy fails")
        time.sleep(0.05)
        return k

    assert fork_map(fn, range(6), processes=2) == {k: k for k in range(6)}


def test_an_error_in_the_process_is_raised_and_its_copies_are_ended() -> None:
    parent = os.getpid()

    def fn(k: int) -> int:
        if os.getpid() == parent:
            raise ValueError("bad job")
        time.sleep(30)  # a copy still at work when the process fails
        return k

    started = time.monotonic()
    with pytest.raises(ValueError, match="bad job"):
        fork_map(fn, range(4), processes=2)
    assert time.monotonic() - started < 20  # the copy was killed, not waited for
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # and reaped


def test_a_copy_can_parse_while_another_thread_held_the_parse_lock_at_the_fork() -> None:
    from pipelines import nlp

    parent = os.getpid()

    def fn(k: int) -> bool | None:
        if os.getpid() == parent:
            time.sleep(0.3)
            return None
        free = nlp._LOCK.acquire(timeout=5)  # the lock this process holds is a fresh one there
        if free:
            nlp._LOCK.release()
        return free

    with nlp._LOCK:  # as another thread parsing at the moment of the fork would
        found = fork_map(fn, range(4), processes=2)
    assert True in found.values()
