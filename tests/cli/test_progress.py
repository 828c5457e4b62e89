"""Progress on long work: a bar on stderr only when it helps, over the command's real steps."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console

from dagplejecli.render.progress import Steps, steps_for
from tests.builders import run_cli


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """stderr behaves as a terminal."""
    monkeypatch.setattr(Console, "is_terminal", property(lambda self: True))


def test_bar_only_for_a_large_file_on_a_terminal(tmp_path: Path, terminal: None) -> None:
    small, large = tmp_path / "small.xlsx", tmp_path / "large.xlsx"
    small.write_bytes(b"x" * 10)
    large.write_bytes(b"x" * 2000)
    assert steps_for(large, quiet=False, total=2, large_bytes=1000).enabled
    assert not steps_for(small, quiet=False, total=2, large_bytes=1000).enabled
    assert not steps_for(large, quiet=True, total=2, large_bytes=1000).enabled
    assert not steps_for(large, False, 2, machine_output=True, large_bytes=1000).enabled
    assert not steps_for(tmp_path / "gone.xlsx", False, 2, large_bytes=1).enabled


def test_no_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    large = tmp_path / "large.xlsx"
    large.write_bytes(b"x" * 2000)
    assert not steps_for(large, quiet=False, total=2, large_bytes=1000).enabled


def test_the_bar_names_each_step_and_counts_them() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with Steps(True, 3, console=console) as steps:
        steps.step("step_reading")
        steps.step("step_checking")
        steps.step("step_writing")
    shown = screen.getvalue()
    for label in ("Læser rosteren", "Tjekker reglerne", "Skriver filerne"):
        assert label in shown
    assert "0/3" in shown and "2/3" in shown
    assert steps.done == 3


def test_a_silent_bar_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with Steps(False, 2) as steps:
        steps.step("step_reading")
        steps.step("step_writing_plan")
    captured = capsys.readouterr()
    assert captured.out == captured.err == ""


def test_validate_and_export_report_their_steps(project: Path) -> None:
    from dagplejecli import api
    from dagplejecli.export import Target
    from dagplejecli.pipeline import validate_project

    assert run_cli("plan", "roster.xlsx").exit_code == 0
    heard: list[str] = []
    validate_project(None, Path("dagpleje-plan.xlsx"), on_step=heard.append)
    assert heard == ["step_reading", "step_checking"]
    heard.clear()
    plan, out = Path("dagpleje-plan.xlsx"), Path("eksport")
    api.export(Target.DTR, None, plan, out, dry_run=True, on_step=heard.append)
    assert heard == ["step_reading", "step_checking", "step_building"]
    heard.clear()
    api.export(Target.DTR, None, plan, out, on_step=heard.append)
    assert heard == ["step_reading", "step_checking", "step_building", "step_writing"]


@pytest.mark.slow
def test_the_bar_keeps_moving_during_a_long_step() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with Steps(True, 2, console=console) as steps:
        steps.step("step_reading")
        drawn = len(screen.getvalue())
        deadline = time.monotonic() + 60  # the bar redraws within a second; a hang fails
        while len(screen.getvalue()) == drawn and time.monotonic() < deadline:
            time.sleep(0.02)  # no step: only the bar itself can redraw (spinner, clock)
        assert len(screen.getvalue()) > drawn


def test_the_bar_is_on_stderr_and_only_when_wanted(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagplejecli.render import progress

    assert run_cli("plan", "roster.xlsx").exit_code == 0
    monkeypatch.setattr(progress, "LARGE_PLAN_BYTES", 1)  # the tiny plan counts as large
    done = run_cli("validate")
    assert done.exit_code == 0
    assert "Tjekker reglerne" in done.stderr
    assert "Tjekker reglerne" not in done.stdout
    assert "0 fejl" in done.stdout
    as_json = run_cli("validate", "--format", "json")
    assert as_json.stderr == ""
    quiet = run_cli("validate", "-q")
    assert "Tjekker reglerne" not in quiet.stderr
