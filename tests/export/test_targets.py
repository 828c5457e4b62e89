"""Outputs never overwrite inputs, an export's files, folders or anything not a regular file:
``--out`` and ``--annotate`` refuse such targets with exit 2 before anything is written."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from tests.builders import WHEN, no_traceback, run_cli


def unchanged_after(folder: Path, *args: str) -> str:
    """Run a command that must be refused; nothing in ``folder`` may change."""

    def files() -> dict[Path, bytes]:  # the empty lock file beside an export folder aside
        return {
            p: p.read_bytes()
            for p in folder.rglob("*")
            if p.is_file() and not p.name.endswith(".dagpleje-lock")
        }

    before = files()
    result = run_cli(*args)
    assert result.exit_code == 2 and no_traceback(result), result.output
    after = files()
    assert after == before
    return result.stderr


def test_plan_out_never_replaces_roster_or_configuration(project: Path) -> None:
    err = unchanged_after(project, "plan", "roster.xlsx", "--out", "roster.xlsx")
    assert "--out peger på rosteren (roster.xlsx)" in err
    err = unchanged_after(project, "plan", "roster.xlsx", "--out", "dagpleje.toml")
    assert "konfigurationen" in err
    os.symlink(project / "roster.xlsx", project / "link.xlsx")
    assert "rosteren" in unchanged_after(project, "plan", "roster.xlsx", "--out", "link.xlsx")


def test_plan_takes_the_plans_path_under_the_name_validate_gives_it(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx", "--plan", "nord-plan.xlsx").exit_code == 0
    assert (project / "nord-plan.xlsx").exists() and not (project / "dagpleje-plan.xlsx").exists()
    assert run_cli("validate", "--plan", "nord-plan.xlsx").exit_code == 0


def test_annotate_never_replaces_plan_roster_or_configuration(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    err = unchanged_after(project, "validate", "--annotate", "dagpleje-plan.xlsx")
    assert "--annotate peger på planen" in err
    assert "rosteren" in unchanged_after(project, "validate", "--annotate", "roster.xlsx")


def test_init_force_never_replaces_the_roster(project: Path) -> None:
    err = unchanged_after(project, "init", "roster.xlsx", "--out", "roster.xlsx", "--force")
    assert "rosteren" in err


def test_outputs_are_regular_files_only(project: Path) -> None:
    (project / "mappe.xlsx").mkdir()
    err = unchanged_after(project, "plan", "roster.xlsx", "--out", "mappe.xlsx")
    assert "Her ligger en mappe" in err
    if sys.platform != "win32":
        os.mkfifo(project / "pipe.xlsx")
        err = unchanged_after(project, "plan", "roster.xlsx", "--out", "pipe.xlsx")
        assert "ikke er en almindelig fil" in err
        assert (project / "pipe.xlsx").is_fifo()


def test_no_output_replaces_an_exported_file(four: Path) -> None:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    for target in ("eksport/unilogin/AB0001.xml", "eksport/manifest.json"):
        err = unchanged_after(four, "plan", "roster.xlsx", "--out", target)
        assert "en fil, som en eksport har skrevet" in err
    err = unchanged_after(four, "validate", "--annotate", "eksport/unilogin/brugere.xlsx")
    assert "eksport" in err


def test_export_never_writes_over_its_inputs(four: Path) -> None:
    plan = "ud/dtr/dtr-oprettelse.xlsx"  # where the export's workbook goes
    (four / "ud" / "dtr").mkdir(parents=True)
    assert run_cli("plan", "roster.xlsx", "--out", plan).exit_code == 0
    err = unchanged_after(four, "export", "-t", "dtr", "--plan", plan, "--out", "ud")
    assert "planen" in err
