"""A project knows what it exported: plain ``dagpleje`` compares the manifest's plan with the
current one, and a plan made for another configuration is refused."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import no_traceback, run_cli
from tests.test_export import DAGPLEJERE, WHEN, four, write_project  # noqa: F401  (fixture)


def test_a_plan_made_again_after_the_export_is_not_called_exported(four: Path) -> None:  # noqa: F811
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    assert "Unilogin-filerne er eksporteret" in run_cli().stdout
    moved = [list(row) for row in DAGPLEJERE]
    moved[4][7] = "Syd"  # D5 moves from Nord to Syd
    write_project(four, moved)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    status = run_cli()
    assert status.exit_code == 0 and no_traceback(status)
    assert "Den nuværende plan er ikke eksporteret endnu" in status.stdout
    assert "Unilogin-filerne er eksporteret" not in status.stdout
