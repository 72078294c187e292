"""Pure computation shared with forked copies of this process, to use more than one core (the mine task's job
descriptions: spaCy parsing and slot rules hold the GIL, so threads would take turns on one core).

A forked copy sees this process's memory as it was at the fork (rows, vectors, loaded models, the parse cache) and
gives back only the results, pickled through a pipe: what it writes anywhere else is lost. So the function handed
in must compute and return, never write to a database, a file or shared state. The copy runs nothing but that
function (no other thread of this process lives in it) and ends with `os._exit`."""

from __future__ import annotations

import gc
import logging
import os
import signal
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

T = TypeVar("T")

log = logging.getLogger(__name__)


def usable_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_map(fn: Callable[[int], T], order: Iterable[int], *, processes: int) -> dict[int, T]:
    """`fn(k)` for each k of `order`, by key: this process and `processes - 1` forked copies of it each take the next
    k not yet taken (in `order`: put the costliest first), until none is left. A copy that fails or dies leaves the
    ks it took to this process, which computes them itself (so an error is raised here, as without copies).
    With one process, one k, or no fork (not POSIX): `fn` in this process, in order."""
    order = list(order)
    processes = min(processes, len(order))
    if processes <= 1 or not hasattr(os, "fork"):
        return {k: fn(k) for k in order}
    import multiprocessing

    context = multiprocessing.get_context("fork")
    try:
        taken = context.Value("q", 0)  # the next position of `order` to compute, shared by every copy
    except OSError:  # no shared semaphores here (a container without /dev/shm)
        return {k: fn(k) for k in order}

    def next_key() -> int | None:
        with taken.get_lock():
            position = taken.value
            taken.value = position + 1
        return order[position] if position < len(order) else None

    children: list[tuple[int, Connection]] = []
    out: dict[int, T] = {}
    collected = False
    try:
        # Objects alive now are never collected in the copies: the collector would write to every page it visits,
        # and each page written is copied.
        gc.freeze()
        try:
            for _ in range(processes - 1):
                reader, writer = context.Pipe(duplex=False)
                pid = os.fork()
                if pid == 0:  # the copy
                    code = 1
                    try:
                        reader.close()
                        signal.signal(signal.SIGINT, signal.SIG_DFL)
                        signal.signal(signal.SIGTERM, signal.SIG_DFL)
                        done: dict[int, T] = {}
                        while (k := next_key()) is not None:
                            done[k] = fn(k)
                        writer.send(done)
                        code = 0
                    finally:
                        os._exit(code)
                writer.close()
                children.append((pid, reader))
        finally:
            gc.unfreeze()
        while (k := next_key()) is not None:
            out[k] = fn(k)
        for pid, reader in children:
            try:
                out.update(reader.recv())
            except (EOFError, OSError) as exc:
                log.warning("a forked copy (pid %s) gave nothing back (%s): its work is done here", pid, exc)
        collected = True
    finally:
        for pid, reader in children:
            reader.close()
            if not collected:  # an error in this process: the copies' work is not wanted
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    for k in order:
        if k not in out:
            out[k] = fn(k)
    return {k: out[k] for k in order}
