"""Progress on long work: a spinner with the current step on stderr, only when it helps.

Shown when stderr is a terminal, the roster is large and neither ``--quiet`` nor
``--format json`` was given; otherwise every step runs silently.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

LARGE_ROSTER_BYTES = 1_000_000  # a roster of about 2,500 dagplejere with their children
LARGE_PLAN_BYTES = 80_000  # the plan of about 2,500 dagplejere


class Steps:
    """``with steps.step("Læser rosteren"): …`` — a live line on stderr, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    @contextlib.contextmanager
    def step(self, label: str) -> Iterator[None]:
        if not self.enabled:
            yield
            return
        from rich.console import Console

        console = Console(stderr=True)
        with console.status(label, spinner="dots"):
            yield


def steps_for(
    file: Path, quiet: bool, machine_output: bool = False, large_bytes: int = LARGE_ROSTER_BYTES
) -> Steps:
    """Progress only when ``file`` (the roster, or the plan) is large and stderr a terminal."""
    if quiet or machine_output:
        return Steps(False)
    from rich.console import Console

    try:
        large = file.stat().st_size >= large_bytes
    except OSError:
        large = False
    return Steps(large and Console(stderr=True).is_terminal)
