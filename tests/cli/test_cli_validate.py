import json
import os
import stat
from pathlib import Path

from openpyxl import load_workbook

from dagplejecli.messages import da, en
from dagplejecli.messages.catalogue import forms
from dagplejecli.rules.registry import all_rules
from tests.builders import (
    AREAS,
    BASE_CONFIG,
    CH3,
    README,
    leaked_cprs,
    no_traceback,
    run_cli,
    small_roster,
    write_xlsx,
)


def test_clean_project_validates(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert "0 fejl, 0 advarsler, 2 info" in result.stdout
    assert "dagpleje export" in result.stdout.splitlines()[-1]


def test_summary_says_one_warning_and_one_error_in_the_singular(project: Path) -> None:
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + "[regler]\nmax_forskel = 1.5\n" + AREAS, encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    assert "0 fejl, 1 advarsel, 2 info" in run_cli("validate").stdout
    assert "0 errors, 1 warning, 2 info" in run_cli("--lang", "en", "validate").stdout
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG.replace('"1003386512"', '"12345"') + AREAS, encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    assert "1 error, 0 warnings" in run_cli("--lang", "en", "validate").stdout


def test_json_report(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["version"] == 1 and doc["valid"] is True
    assert doc["summary"] == {"fejl": 0, "advarsler": 0, "info": 2}
    assert doc["findings"][0]["code"] == "DP010"
    assert set(doc["findings"][0]["location"]) >= {"file", "sheet", "cell", "row", "column", "key"}
    assert doc["stats"]["dagplejere"] == 3


def test_errors_exit_1_and_are_masked(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][2][1] = sheets["Dagplejere"][1][1]  # same CPR on two dagplejere
    sheets["Børn"][1][3] = "D9"
    write_xlsx(project / "roster.xlsx", sheets)
    run_cli("plan", "roster.xlsx")
    text = run_cli("validate")
    assert text.exit_code == 1
    assert "DP203" in text.stdout and "DP205" in text.stdout
    data = run_cli("validate", "--format", "json")
    doc = json.loads(data.stdout)
    assert data.exit_code == 1 and doc["valid"] is False
    assert leaked_cprs(text.output) == [] and leaked_cprs(data.output) == []


def test_a_cpr_of_other_digits_is_folded_and_never_shown(project: Path) -> None:
    # fullwidth digits are read as the digits they are (one normalisation at the door): the
    # CPR is the parent's, and it is masked like any other
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")
    sheets = small_roster()
    written = str(sheets["Børn"][1][4]).translate(fullwidth)
    sheets["Børn"][1][4] = written
    write_xlsx(project / "roster.xlsx", sheets)
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate", "--format", "json")
    doc = json.loads(result.stdout)
    assert [f["code"] for f in doc["findings"] if f["severity"] == "fejl"] == []
    assert written not in result.output and leaked_cprs(result.output) == []


def test_strict_counts_warnings(project: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][1][7] = "Nej"  # no contact with custody: a warning
    write_xlsx(project / "roster.xlsx", sheets)
    run_cli("plan", "roster.xlsx")
    assert run_cli("validate").exit_code == 0
    strict = run_cli("validate", "--strict")
    assert strict.exit_code == 1
    assert "--strict" in strict.stdout


def test_stale_plan_tells_to_plan_again(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anna"
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("validate")
    assert result.exit_code == 1
    assert "DP301" in result.stdout and "dagpleje plan roster.xlsx" in result.stdout


def test_missing_plan_and_invalid_toml(project: Path) -> None:
    result = run_cli("validate")
    assert result.exit_code == 2 and "dagpleje plan" in result.stderr and no_traceback(result)
    run_cli("plan", "roster.xlsx")
    (project / "dagpleje.toml").write_text(BASE_CONFIG + "[[omraade]\nnavn = 1\n", encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "linje" in result.stderr or "line" in result.stderr
    assert no_traceback(result)


def test_annotate_marks_cells_and_masks_cpr(project: Path) -> None:
    sheets = small_roster()
    sheets["Børn"][2][0] = "3102254561"
    write_xlsx(project / "roster.xlsx", sheets)
    before = (project / "roster.xlsx").read_bytes()
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate", "--annotate", "rettelser.xlsx")
    assert result.exit_code == 1
    assert (project / "roster.xlsx").read_bytes() == before
    wb = load_workbook(project / "rettelser.xlsx")
    cell = wb["Børn"]["A3"]
    assert cell.comment is not None and "DP201" in cell.comment.text
    assert cell.fill.start_color.rgb.endswith("FFC7CE")
    values = " ".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert leaked_cprs(values) == []
    assert stat.S_IMODE(os.stat(project / "rettelser.xlsx").st_mode) == 0o600


def test_annotate_keeps_dates_and_hidden_sheets_as_they_were(project: Path) -> None:
    import datetime as dt

    sheets = small_roster()
    sheets["Børn"][0].append("Startdato")
    for row in sheets["Børn"][1:]:
        row.append(dt.datetime(2026, 10, 1))
    sheets["Opslag"] = [["Gruppe"], ["Nord"], ["Syd"]]
    write_xlsx(project / "roster.xlsx", sheets, hidden=["Opslag"])
    run_cli("plan", "roster.xlsx")
    run_cli("validate", "--annotate", "rettelser.xlsx")
    wb = load_workbook(project / "rettelser.xlsx")
    assert wb["Opslag"].sheet_state == "hidden" and wb["Børn"].sheet_state == "visible"
    start = wb["Børn"].cell(row=2, column=len(sheets["Børn"][0])).value
    assert start == dt.datetime(2026, 10, 1)  # a date, not the text «2026-10-01»


def test_english(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate", "--lang", "en")
    assert "0 errors, 0 warnings, 2 info" in result.stdout
    os.environ["DAGPLEJE_LANG"] = "en"
    try:
        result = run_cli("validate")
        assert "errors" in result.stdout
    finally:
        del os.environ["DAGPLEJE_LANG"]


def test_explain() -> None:
    result = run_cli("explain", "DP103")
    assert result.exit_code == 0
    assert "P-nummer" in result.stdout and "Hvorfor" in result.stdout and "Kilde" in result.stdout
    listing = run_cli("explain")
    assert all(code in listing.stdout for code in all_rules())
    assert run_cli("explain", "DP999").exit_code == 2
    assert run_cli("explain", "103").exit_code == 0
    # a hint's placeholders have no finding to come from: each reads as "…", never as a name
    placeholder = run_cli("explain", "DP007").stdout
    assert "Udfyld … i … linje … med" in placeholder and " key " not in placeholder


def test_every_code_has_both_languages_and_an_explanation() -> None:
    for catalogue in (da, en):
        for code, text in catalogue.FINDINGS.items():
            variants = [form for v in (text.message, *text.variants.values()) for form in forms(v)]
            for part in (text.title, text.hint, text.why, *variants):
                assert part.strip(), code


def test_config_with_no_areas_from_cli(project: Path) -> None:
    (project / "dagpleje.toml").write_text(BASE_CONFIG, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 1
    result = run_cli("validate", "--format", "json")
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert {"DP101", "DP206"} <= codes
    (project / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")


def documented_json_keys() -> dict[str, set[str]]:
    """The README's list of the JSON report's stable keys: ``part: key, key, …`` per line."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("#### JSON-rapportens faste nøgler", 1)[1]
    block = section.split("```text\n", 1)[1].split("```", 1)[0]
    return {
        part.strip(): {k.strip() for k in keys.split(",")}
        for part, keys in (line.split(":", 1) for line in block.splitlines() if line.strip())
    }


def test_the_json_keys_the_readme_calls_stable_are_the_reports_in_both_languages(
    project: Path,
) -> None:
    from dagplejecli.findings import Family, Severity

    documented = documented_json_keys()
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG.replace('"1003386512"', '"12345"') + AREAS, encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    for lang in ("da", "en"):
        doc = json.loads(run_cli("--lang", lang, "validate", "--format", "json").stdout)
        assert set(doc) == documented["rapport"]
        assert set(doc["summary"]) == documented["summary"]
        assert set(doc["stats"]) == documented["stats"]
        assert doc["findings"]
        for f in doc["findings"]:
            assert set(f) == documented["findings[]"]
            assert set(f["location"]) == documented["location"]
            assert f["severity"] in {s.value for s in Severity}
            assert f["family"] in {m.value for m in Family}
        for counts in doc["stats"]["per_omraade"].values():
            assert set(counts) == {"dagplejere", "boern", "kontaktpersoner"}
    readme = README.read_text(encoding="utf-8")
    section = readme.split("#### JSON-rapportens faste nøgler", 1)[1].split("\n### ", 1)[0]
    values = section.split("- `severity` er ", 1)[1].split("\n- ", 1)[0]
    assert all(f"`{s.value}`" in values for s in Severity)
    assert all(f"`{m.value}`" in values for m in Family)


def test_an_unknown_code_is_named_as_written(project: Path) -> None:
    result = run_cli("explain", "XX")
    assert result.exit_code == 2
    assert "Koden XX findes ikke" in result.stderr
    assert "DP0XX" not in result.output


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
