"""A project knows what it exported: plain ``dagpleje`` compares the manifest's plan with the
current one, and a plan made for another configuration is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.builders import DAGPLEJERE, WHEN, no_traceback, run_cli, write_project


def test_a_plan_made_again_after_the_export_is_not_called_exported(four: Path) -> None:
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


def test_two_configurations_in_one_folder_never_share_a_plan_or_an_export(
    four: Path,
) -> None:
    (four / "b.toml").write_bytes((four / "dagpleje.toml").read_bytes())
    # the plan beside them was made with dagpleje.toml
    validate = run_cli("validate", "--config", "b.toml")
    assert validate.exit_code == 2 and no_traceback(validate)
    assert "Planen hører til en anden konfiguration (dagpleje.toml)" in validate.stderr
    assert "--plan" in validate.stderr
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    assert (
        run_cli("plan", "roster.xlsx", "--config", "b.toml", "--out", "plan-b.xlsx").exit_code == 0
    )
    before = (four / "eksport" / "manifest.json").read_bytes()
    export = run_cli(
        "export", "--target", "unilogin", "--config", "b.toml", "--plan", "plan-b.xlsx"
    )
    assert export.exit_code == 2 and no_traceback(export)
    assert "en anden konfiguration (dagpleje.toml)" in export.stderr and "--out" in export.stderr
    assert (four / "eksport" / "manifest.json").read_bytes() == before
    ok = run_cli(
        "export", "--target", "unilogin", "--config", "b.toml", "--plan", "plan-b.xlsx",
        "--out", "eksport-b",
    )  # fmt: skip
    assert ok.exit_code == 0, ok.output


def test_an_export_interrupted_in_an_out_folder_is_finished_by_the_next_command(
    four: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import json

    from dagplejecli.files import EXPORT_FOLDERS, JOURNAL, STAGING

    elsewhere = tmp_path_factory.mktemp("share") / "ud"
    args = ("export", "--target", "unilogin", "--source-datetime", WHEN, "--out", str(elsewhere))
    assert run_cli(*args).exit_code == 0
    assert json.loads((four / EXPORT_FOLDERS).read_bytes()) == [str(elsewhere.absolute())]
    # what a kill after the journal leaves there
    (elsewhere / STAGING).mkdir()
    (elsewhere / STAGING / "0").write_bytes(b"ny")
    journal = {"version": 1, "files": [["unilogin/ny.txt", 0, False]], "obsolete": [], "made": []}
    (elsewhere / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    assert run_cli("validate").exit_code == 0
    assert (elsewhere / "unilogin" / "ny.txt").read_bytes() == b"ny"
    assert not (elsewhere / JOURNAL).exists() and not (elsewhere / STAGING).exists()


def test_a_planted_list_of_export_folders_stops_every_command(four: Path) -> None:
    from dagplejecli.files import EXPORT_FOLDERS

    (four / EXPORT_FOLDERS).write_text('["relative/path"]', encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert EXPORT_FOLDERS in result.stderr
