"""Progress on long work: a bar on stderr over a command's steps, only when it helps.

Shown when stderr is a terminal, the roster is large and neither ``--quiet`` nor
``--format json`` was given; otherwise every step runs silently. The bar is transient: it is
gone before the command prints its result.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from dagplejecli.messages import ui

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

LARGE_ROSTER_BYTES = 1_000_000  # a roster of about 2,500 dagplejere with their children
LARGE_PLAN_BYTES = 80_000  # the plan of about 2,500 dagplejere


class Steps:
    """``with steps_for(…) as steps: steps.step("step_reading"); …`` — a bar that moves one
    step at a time, with the current step's name (a message key), or nothing at all."""

    def __init__(self, enabled: bool, total: int, console: Console | None = None) -> None:
        self.enabled = enabled
        self.total = total
        self.console = console
        self.done = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> Steps:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console or Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=self.total)
        return self

    def step(self, key: str) -> None:
        """The step named by the message ``key`` begins (the one before it is done)."""
        if self._progress is not None and self._task is not None:
            label = ui(key)
            self._progress.update(self._task, description=label, completed=self.done, refresh=True)
        self.done = min(self.done + 1, self.total)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def steps_for(
    file: Path,
    quiet: bool,
    total: int,
    machine_output: bool = False,
    large_bytes: int = LARGE_ROSTER_BYTES,
) -> Steps:
    """A bar only when ``file`` (the roster, or the plan) is large and stderr a terminal."""
    if quiet or machine_output:
        return Steps(False, total)
    from rich.console import Console

    try:
        large = file.stat().st_size >= large_bytes
    except OSError:
        large = False
    return Steps(large and Console(stderr=True).is_terminal, total)
