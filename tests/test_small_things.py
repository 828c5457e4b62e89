"""Small things a user notices, each held by a test through the command line."""

import json
from pathlib import Path

from tests.conftest import CH3, run_cli, small_roster, write_xlsx


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
