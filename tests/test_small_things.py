"""Small things a user notices, each held by a test through the command line."""

import json
from pathlib import Path

from tests.builders import CH3, run_cli, small_roster, write_xlsx


def test_an_unknown_code_is_named_as_written(project: Path) -> None:
    result = run_cli("explain", "XX")
    assert result.exit_code == 2
    assert "Koden XX findes ikke" in result.stderr
    assert "DP0XX" not in result.output


def test_help_shows_no_type_after_a_flag_and_no_sentence_broken_in_the_middle(
    project: Path,
) -> None:
    for command in ("validate", "export", "plan", "init"):
        text = run_cli(command, "--help").stdout
        assert "<bool>" not in text, command
    text = run_cli("export", "--help").stdout
    assert "mangler institutionsnummer (Unilogin)" in " ".join(text.split())
    flat = [line.strip(" │") for line in text.splitlines()]
    assert "(Unilogin), eller når et område ville miste mange brugere (uden --ja)." not in flat


def test_findings_of_a_code_are_in_sheet_and_row_order(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][2][2] = f"Bo {CH3}"
    sheets["Dagplejere"][1][2] = f"Anne {CH3}"
    sheets["Børn"][2][1] = f"Emil {CH3}"
    write_xlsx(project / "roster.xlsx", sheets)
    run_cli("plan", "roster.xlsx")
    report = json.loads(run_cli("validate", "--format", "json").stdout)
    places = [
        (f["location"]["sheet"], f["location"]["row"])
        for f in report["findings"]
        if f["code"] == "DP231"
    ]
    assert places == sorted(places) and len(places) == 3, places


def test_a_quiet_export_still_says_where_the_files_went(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "dtr", "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("filer skrevet til eksport."), lines
    again = run_cli("--lang", "en", "export", "--target", "dtr", "--quiet")
    assert again.stdout.strip().endswith("files written to eksport."), again.output


def test_an_unknown_configuration_key_suggests_the_near_one(project: Path) -> None:
    toml = project / "dagpleje.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("insttype =", "instype =", 1), encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "dtr.instype ukendt nøgle; mente du insttype?" in result.stderr
    english = run_cli("--lang", "en", "validate")
    assert "did you mean insttype?" in english.stderr


def test_a_misspelt_municipality_suggests_the_near_one(project: Path) -> None:
    result = run_cli("init", "roster.xlsx", "--kommune", "Høje Taastrup", "--out", "ny.toml")
    assert result.exit_code == 2
    assert "Mente du «Høje-Taastrup»?" in result.stderr
    assert not (project / "ny.toml").exists()
    far = run_cli("init", "roster.xlsx", "--kommune", "Zzz", "--out", "ny.toml")
    assert far.exit_code == 2 and "Mente du" not in far.stderr
