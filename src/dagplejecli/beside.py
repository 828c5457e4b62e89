"""Work done beside a command's main line, in a second process when that is safe.

Python runs one thread of Python code at a time, so the only way to use a second core for
Python work is a second process. On Linux a forked child shares the parent's memory (copied
only where written), so it can start at once on data the parent already built, and send back
only its result::

    with beside(lambda: workbook_bytes(sheets)) as pending:
        xml = build_xml()  # meanwhile, in this process
        workbook = pending.result()

Elsewhere (Windows, macOS), or when another thread is running in this process (a fork copies
only the calling thread, and whatever lock another one holds stays locked in the child;
``around_fork`` may stop such a thread for the moment of the fork), ``produce`` simply runs
in this process when ``result()`` is asked for. If the child fails in any way, ``result()``
runs ``produce`` here as well, so that its errors surface as usual. The result is therefore
always what ``produce()`` returns; only the time differs. ``produce`` must not write files or
print: the child's side effects are lost.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """True where ``beside`` would use a second process right now."""
    return (
        sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1
    )


class Pending(Generic[T]):
    """The result of ``produce``, computed beside (``pid``) or, failing that, on request."""

    def __init__(
        self,
        produce: Callable[[], T],
        around_fork: Callable[[], AbstractContextManager[object]] = nullcontext,
    ) -> None:
        self._produce = produce
        self._pid: int | None = None
        self._read_fd: int | None = None
        with around_fork():
            if can_fork():
                self._start()

    @property
    def in_child(self) -> bool:
        """Whether a child process is computing the result (for tests and measurements)."""
        return self._pid is not None

    def _start(self) -> None:
        try:
            read_fd, write_fd = os.pipe()
        except OSError:
            return
        try:
            pid = os.fork()
        except OSError:
            os.close(read_fd)
            os.close(write_fd)
            return
        if pid == 0:  # the child: compute, send, and end without any of the parent's cleanup
            status = 1
            try:
                os.close(read_fd)
                payload = pickle.dumps(self._produce(), pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_fd, "wb") as out:
                    out.write(payload)
                status = 0
            except BaseException:  # the parent computes it again, and reports what fails
                pass
            finally:
                os._exit(status)
        os.close(write_fd)
        self._pid, self._read_fd = pid, read_fd

    def result(self) -> T:
        """The result: the child's when it succeeded, else computed here and now."""
        if self._pid is not None and self._read_fd is not None:
            with os.fdopen(self._read_fd, "rb") as pipe:
                self._read_fd = None
                payload = pipe.read()
            _, status = os.waitpid(self._pid, 0)
            self._pid = None
            if os.waitstatus_to_exitcode(status) == 0:
                with contextlib.suppress(Exception):
                    value: T = pickle.loads(payload)  # our own child's bytes
                    return value
        return self._produce()

    def close(self) -> None:
        """Stop a child whose result is no longer wanted (the command failed meanwhile)."""
        if self._read_fd is not None:
            os.close(self._read_fd)
            self._read_fd = None
        if self._pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                os.waitpid(self._pid, 0)
            self._pid = None


@contextlib.contextmanager
def beside(
    produce: Callable[[], T],
    around_fork: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Iterator[Pending[T]]:
    """Start ``produce`` beside the caller; see the module's description. ``around_fork``:
    a context to fork in, e.g. one in which a progress bar's drawing thread stands still."""
    pending = Pending(produce, around_fork)
    try:
        yield pending
    finally:
        pending.close()
