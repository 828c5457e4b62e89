"""beside: work in a second process where that is safe, with the same result as without."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

import pytest

from dagplejecli import beside as beside_module
from dagplejecli.beside import Pending, beside, can_fork
from tests.conftest import run_cli
from tests.test_export import WHEN, four  # noqa: F401 - the fixture

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")


@linux
def test_the_work_runs_in_a_second_process() -> None:
    assert can_fork()
    with beside(os.getpid) as pending:
        assert pending.in_child
        assert pending.result() != os.getpid()


def test_the_result_is_what_produce_returns() -> None:
    with beside(lambda: (b"x" * 200_000, {"a": [1, 2]})) as pending:
        assert pending.result() == (b"x" * 200_000, {"a": [1, 2]})


def test_a_failing_child_is_made_good_here() -> None:
    parent = os.getpid()

    def produce() -> str:
        if os.getpid() != parent:
            raise RuntimeError("only the child fails")
        return "computed here"

    with beside(produce) as pending:
        assert pending.result() == "computed here"


def test_errors_surface_as_if_computed_here() -> None:
    def produce() -> str:
        raise ValueError("broken")

    with beside(produce) as pending, pytest.raises(ValueError, match="broken"):
        pending.result()


def test_no_second_process_while_another_thread_runs() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not can_fork()
        with beside(os.getpid) as pending:
            assert not pending.in_child
            assert pending.result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_no_second_process_where_there_is_no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(beside_module.sys, "platform", "win32")
    with beside(os.getpid) as pending:
        assert not pending.in_child
        assert pending.result() == os.getpid()


@linux
def test_a_progress_bar_pauses_for_the_fork() -> None:
    import io

    from rich.console import Console

    from dagplejecli.render.progress import Steps

    console = Console(file=io.StringIO(), force_terminal=True, width=100)
    with Steps(True, 2, console=console) as steps:
        with beside(os.getpid) as pending:
            assert not pending.in_child  # the bar's thread runs: no fork
        with beside(os.getpid, steps.paused) as pending:
            assert pending.in_child
            assert pending.result() != os.getpid()


@linux
def test_an_unwanted_child_is_stopped() -> None:
    pending = Pending(lambda: time.sleep(600))
    pid = pending._pid
    assert pid is not None
    pending.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


def test_unilogin_export_is_the_same_either_way(
    four: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = ("export", "--target", "unilogin", "--source-datetime", WHEN, "--out")
    children: list[bool] = []
    start = Pending._start

    def spy(self: Pending[object]) -> None:
        start(self)
        children.append(self.in_child)

    monkeypatch.setattr(Pending, "_start", spy)
    assert run_cli(*args, "beside").exit_code == 0
    assert children == ([True] if sys.platform.startswith("linux") else [])
    monkeypatch.setattr(beside_module, "can_fork", lambda: False)
    assert run_cli(*args, "here").exit_code == 0
    beside_files = sorted(p.relative_to(four / "beside") for p in (four / "beside").rglob("*"))
    here_files = sorted(p.relative_to(four / "here") for p in (four / "here").rglob("*"))
    assert beside_files == here_files
    for rel in beside_files:
        if (four / "beside" / rel).is_file() and rel.name != "manifest.json":  # salt and time
            assert (four / "beside" / rel).read_bytes() == (four / "here" / rel).read_bytes()
