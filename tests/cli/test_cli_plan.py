import json
import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dagplejecli.planfile import read_plan
from tests.builders import (
    AREAS,
    BASE_CONFIG,
    child_cpr,
    leaked_cprs,
    no_traceback,
    run_cli,
    small_roster,
    write_csv,
    write_xlsx,
)
from tests.roster_cases.cases import grouped_by_dagplejer


def workbook_text(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(
        " ".join("" if v is None else str(v) for v in row)
        for ws in wb.worksheets
        for row in ws.iter_rows(values_only=True)
    )


def test_plan_writes_workbook_without_cpr(project: Path) -> None:
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "Dagplejen Nord" in result.stdout and "ikke oprettet endnu" not in result.stdout
    plan_path = project / "dagpleje-plan.xlsx"
    wb = load_workbook(plan_path)
    assert wb.sheetnames == ["Oversigt", "Områder", "Dagplejere", "Metadata"]
    rows = list(wb["Dagplejere"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Id", "Navn", "Område", "Regel", "Børn")
    assert rows[1][:3] == ("D1", "Anne Jensen", "Dagplejen Nord")
    assert [r[4] for r in rows[1:]] == [1, 1, 1]  # each dagplejer's children, to check in Excel
    assert leaked_cprs(workbook_text(plan_path)) == []
    assert leaked_cprs(result.output) == []
    assert stat.S_IMODE(os.stat(plan_path).st_mode) == 0o600
    saved = read_plan(plan_path)
    assert saved.roster_path.resolve() == (project / "roster.xlsx").resolve()
    assert plan_areas(plan_path)["D3"] == "Dagplejen Syd"


def test_unassigned_dagplejer_exits_1_and_still_writes_plan(project: Path) -> None:
    sheets = small_roster()
    sheets["Dagplejere"][3][7] = "Vest"
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1
    assert "D3" in result.stdout and "Åse Østergaard" in result.stdout
    assert "210769-xxxx" in result.stdout
    assert (project / "dagpleje-plan.xlsx").exists()


def test_missing_roster(project: Path) -> None:
    result = run_cli("plan", "findes-ikke.xlsx")
    assert result.exit_code == 2
    assert "findes-ikke.xlsx" in result.stderr and "findes ikke" in result.stderr
    assert no_traceback(result)
    assert not (project / "dagpleje-plan.xlsx").exists()


def test_unreadable_roster(project: Path) -> None:
    (project / "bad.xlsx").write_text("dette er ikke et regneark", encoding="utf-8")
    result = run_cli("plan", "bad.xlsx")
    assert result.exit_code == 2
    assert "bad.xlsx" in result.stderr
    assert no_traceback(result)
    assert not (project / "dagpleje-plan.xlsx").exists()


def test_csv_without_any_mapping(project: Path) -> None:
    rows = small_roster()["Dagplejere"]
    write_csv(project / "roster.csv", rows, encoding="cp1252")
    result = run_cli("plan", "roster.csv", "--out", "plan.xlsx")
    assert result.exit_code == 0, result.output
    assert plan_areas(project / "plan.xlsx") == {
        "D1": "Dagplejen Nord",
        "D2": "Dagplejen Nord",
        "D3": "Dagplejen Syd",
    }


def test_version_and_help() -> None:
    assert run_cli("--version").stdout.startswith("dagpleje ")
    result = run_cli("plan", "--help")
    assert "Eksempel" in result.stdout


def plan_areas(path: Path) -> dict[str, str]:
    """Dagplejer id → area, as the plan's Dagplejere sheet shows it."""
    rows = list(load_workbook(path, read_only=True)["Dagplejere"].iter_rows(values_only=True))
    return {str(r[0]): str(r[2] or "") for r in rows[1:] if r and r[0]}


def test_plan_without_a_roster_reads_the_last_plans_again(project: Path) -> None:
    """«kør dagpleje plan igen», as the hints say: the files the plan was made from."""
    from dagplejecli.planfile import PLAN_NAME

    first = run_cli("--lang", "en", "plan")  # no plan yet: the user is asked to name the roster
    assert first.exit_code == 2 and no_traceback(first)
    assert "Name the roster" in first.stderr and "dagpleje plan ROSTER.xlsx" in first.stderr
    assert not (project / PLAN_NAME).exists()
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    made = (project / PLAN_NAME).stat().st_mtime_ns
    again = run_cli("plan")
    assert again.exit_code == 0, again.output
    assert "Rosteren fra den sidste plan:" in again.stdout and "roster.xlsx" in again.stdout
    assert (project / PLAN_NAME).stat().st_mtime_ns >= made
    assert run_cli("validate").exit_code in (0, 1)  # the plan is current for the same roster


def test_plan_without_a_roster_never_takes_another_configurations(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    other = project / "b.toml"
    other.write_text((project / "dagpleje.toml").read_text("utf-8"), "utf-8")
    result = run_cli("plan", "--config", "b.toml")  # the folder's plan is dagpleje.toml's
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "anden konfiguration (dagpleje.toml)" in result.stderr, result.stderr


def test_a_district_on_the_childrens_rows_only_divides_the_dagplejere(project: Path) -> None:
    """The booking system writes «Distrikt» on each child's row, the HR list has none: a
    dagplejer's district is her children's when they agree (said, DP271), and the areas'
    rules use it. A column that differs between one dagplejer's children is theirs alone."""
    sheets = small_roster()
    sheets["Dagplejere"] = [row[:-1] for row in sheets["Dagplejere"]]  # no Distrikt
    sheets["Børn"][0] += ["Distrikt", "Stue"]
    sheets["Børn"][2][3] = "D1"  # Emil with Anne too
    for row, district, room in zip(
        sheets["Børn"][1:], ("Nord", "nord ", "Syd"), ("Sol", "Måne", "Sol"), strict=True
    ):
        row += [district, room]
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    # Bo has no child, so no district: no area (exit 1), named
    assert result.exit_code == 1 and "D2" in result.output, result.output
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    areas = doc["stats"]["per_omraade"]
    assert [(a["dagplejere"], a["boern"]) for a in areas.values()] == [(1, 2), (1, 1)]
    said = doc["findings"]
    carried = [f for f in said if f["code"] == "DP271"]
    assert [(f["params"]["column"], f["location"]["cell"]) for f in carried] == [("Distrikt", "I1")]
    # a child whose district is not typed yet: her siblings' still says the dagplejer's
    sheets["Børn"][2][-2] = ""
    sheets["Børn"].append(["0101254561", "Alma", "Holm", "D3", "", "", "", "", "Syd", "Sol"])
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 1  # Bo still has no district
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert [a["dagplejere"] for a in doc["stats"]["per_omraade"].values()] == [1, 1]


def test_plan_says_why_contacts_of_no_child_are_not_counted(project: Path) -> None:
    sheets = small_roster()
    sheets["Kontakter"] = [
        ["Barnets CPR", "CPR", "Navn", "Relation", "Forældremyndighed"],
        [sheets["Børn"][1][0], "1105881233", "Ole Jensen", "Far", "Ja"],
        ["0101254561", "0303931236", "Eva Bæk", "Mor", "Ja"],  # a child not in the roster
    ]
    write_xlsx(project / "roster.xlsx", sheets)
    out = run_cli("plan", "roster.xlsx").output
    assert "1 kontaktperson hører til et barn, der ikke står i rosteren" in out, out
    assert "DP218" in out and not leaked_cprs(out)


def test_a_report_grouped_by_dagplejer_is_read_by_its_headings(project: Path) -> None:
    """Each child's dagplejer is the heading above it (the first over the header row), the
    repeated headers and «Antal børn» are no children, and the reading says how it read."""
    write_xlsx(project / "roster.xlsx", grouped_by_dagplejer(with_column=False))
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS + '[roster]\nraekke_myndighed = "navngivet"\n', encoding="utf-8"
    )
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "DP274" in result.stdout and "Alle 3 børn er knyttet" in result.stdout
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert (doc["stats"]["dagplejere"], doc["stats"]["boern"]) == (3, 3)
    assert not [f for f in doc["findings"] if f["code"] == "DP248"]  # the sheet is used
    # Liv under Anne's heading, Emil and Ida under Bo's: their areas say it
    export = run_cli("export", "--target", "unilogin")
    assert export.exit_code == 0, export.output
    nord = (project / "eksport" / "unilogin" / "AB1234.xml").read_text("utf-8")
    assert all(name in nord for name in ("Liv", "Emil", "Ida"))


def test_a_heading_that_names_no_dagplejer_is_said_at_the_heading(project: Path) -> None:
    sheets = grouped_by_dagplejer(with_column=False)
    heading = next(i for i, row in enumerate(sheets["Børn"]) if row and "(D2)" in str(row[0]))
    sheets["Børn"][heading][0] = "Dagplejer: Bo Ærø (D9)"  # no such id
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    # the children of that section are not linked, and the place to correct is the heading
    assert f"Børn!A{heading + 1}" in result.stdout, result.stdout


def test_a_grouped_report_with_its_dagplejer_column_reads_its_children_only(
    project: Path,
) -> None:
    """The headers repeated over each group and the groups' own rows (her name, «Antal
    børn») are no children: 3 children, each with the dagplejer of her group."""
    write_xlsx(project / "roster.xlsx", grouped_by_dagplejer(with_column=True))
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS + '[roster]\nraekke_myndighed = "navngivet"\n', encoding="utf-8"
    )
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    assert (doc["stats"]["dagplejere"], doc["stats"]["boern"]) == (3, 3)
    skipped = [f for f in doc["findings"] if f["code"] == "DP256"]
    assert len(skipped) == 1 and skipped[0]["params"]["count"] >= 6


def test_a_row_custody_cell_naming_the_parent_points_to_the_setting_that_reads_it(
    project: Path,
) -> None:
    """«Mor» in the child's row's «Forældremyndighed» is neither Ja nor Nej (DP250); the fix
    names [roster] raekke_myndighed = "navngivet", which reads it as who has custody."""
    write_xlsx(project / "roster.xlsx", grouped_by_dagplejer(with_column=True))
    run_cli("plan", "roster.xlsx")
    doc = json.loads(run_cli("validate", "--format", "json").stdout)
    unread = [f for f in doc["findings"] if f["code"] == "DP250"]
    assert unread and 'raekke_myndighed = "navngivet"' in unread[0]["hint"]
    for lang in ("da", "en"):  # and explain says it, where a user looks the code up
        said = " ".join(run_cli("--lang", lang, "explain", "DP250").stdout.split())
        assert 'raekke_myndighed = "navngivet"' in said, lang


def test_a_child_after_a_groups_end_without_a_heading_of_its_own_has_no_dagplejer(
    project: Path,
) -> None:
    """After a group's total, the header again and a child with no heading over it: that
    child is not Bo's (the last heading's), but linked to no one, and said."""
    sheets = grouped_by_dagplejer()
    header = ["Barnets navn", "CPR-nr.", "Mor", "Mors CPR", "Forældremyndighed"]
    sheets["Børn"] += [header, ["Karl Holm", child_cpr(200, "4577"), "Rikke Holm", "", "Mor"]]
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1, result.output
    assert "Karl Holm" in result.stdout and "har ingen dagplejer" in result.stdout


@pytest.mark.parametrize("where", ["title", "footer"])
def test_a_role_word_line_over_or_under_a_list_is_no_group(project: Path, where: str) -> None:
    """«Dagplejen Aarhus – børneliste» as a title, or a report's last line, beside a column
    whose cells name the dagplejere («Hos»): read by that column, as before (never groups)."""
    sheets = small_roster()
    sheets["Børn"][0][3] = "Hos"
    names = {"D1": "Anne Jensen", "D2": "Bo Ærø", "D3": "Åse Østergaard"}
    for row in sheets["Børn"][1:]:
        row[3] = names[str(row[3])]
    line = ["Dagplejen Aarhus – børneliste, udskrevet 07-12-2026"]
    if where == "title":
        sheets["Børn"][0:0] = [line, []]
    else:
        sheets["Børn"] += [[], line]
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0 and no_traceback(result), result.output
    assert "Alle 3 børn er knyttet" in result.stdout and "DP274" not in result.stdout


def _children_of(project: Path) -> dict[str, str | None]:
    from dagplejecli.config import load_config
    from dagplejecli.roster import read_roster

    cfg = load_config(project / "dagpleje.toml").config.roster
    roster, _ = read_roster(project / "roster.xlsx", cfg)
    return {c.name: c.dagplejer_id for c in roster.children}


def test_a_guest_carers_line_in_a_group_is_no_group_of_its_own(project: Path) -> None:
    """«Gæstedagplejer: Bo …» under Anne's heading, or «Vikar: Åse …» among her children,
    says who else looks after them: never a new group that takes Anne's children."""
    sheets = grouped_by_dagplejer()
    rows = sheets["Børn"]
    first = next(i for i, r in enumerate(rows) if r and "(D1)" in str(r[0]))
    rows.insert(first + 1, ["Gæstedagplejer: Bo Ærø (D2)"])  # over the header, under Anne's
    write_xlsx(project / "roster.xlsx", sheets)
    assert _children_of(project)["Liv Jensen"] == "D1"
    bo = next(i for i, r in enumerate(rows) if r and "(D2)" in str(r[0]) and "Gæst" not in r[0])
    rows.insert(bo + 3, ["Vikar: Åse Østergaard (D3)"])  # between Bo's children
    write_xlsx(project / "roster.xlsx", sheets)
    children = _children_of(project)
    assert (children["Emil Ærø"], children["Ida Østergaard"]) == ("D2", None)  # said: DP205


def test_a_heading_in_two_cells_is_a_heading(project: Path) -> None:
    sheets = grouped_by_dagplejer()
    rows = sheets["Børn"]
    bo = next(i for i, r in enumerate(rows) if r and "(D2)" in str(r[0]))
    rows[bo] = ["Dagplejer:", "Bo Ærø (D2)"]
    del rows[bo - 2 : bo]  # straight after Åse's group, no blank row or total between
    write_xlsx(project / "roster.xlsx", sheets)
    children = _children_of(project)
    assert (children["Emil Ærø"], children["Ida Østergaard"]) == ("D2", "D2")


def test_a_child_outside_any_group_is_said_at_its_own_row(project: Path) -> None:
    sheets = grouped_by_dagplejer()
    rows = sheets["Børn"]
    ida = next(i for i, r in enumerate(rows) if r and str(r[0]).startswith("Ida"))
    rows.insert(ida, [])  # a blank row after Emil ends Bo's group before Ida
    write_xlsx(project / "roster.xlsx", sheets)
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS + '[roster]\nraekke_myndighed = "navngivet"\n', encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    found = json.loads(run_cli("validate", "--format", "json").stdout)["findings"]
    [unlinked] = [f for f in found if f["code"] == "DP205"]
    assert unlinked["location"]["cell"] == f"A{ida + 2}", unlinked


def _grouped(*groups: list[list[object]], top: list[list[object]] | None = None) -> Path:
    """The small roster's children as a list grouped by dagplejer: ``groups``' rows after a
    title (``top``), written to the project's roster."""
    sheets = small_roster()
    kids = {row[3]: row for row in sheets["Børn"][1:]}
    header = ["Status", "Barnets navn", "CPR-nr.", "Mor", "Mors CPR", "Forældremyndighed"]
    rows: list[list[object]] = list(top if top is not None else [["Børneliste"], []])
    for group in groups:
        for row in group:
            if row and row[0] in kids:  # a child by its dagplejer's id, with a status
                c = kids[str(row[0])]
                row = [row[1], f"{c[1]} {c[2]}", c[0], c[5], c[4], "Mor"]
            elif row == ["H"]:
                row = header
            rows.append(row)
    sheets["Børn"] = rows
    return write_xlsx(Path.cwd() / "roster.xlsx", sheets)


@pytest.mark.parametrize(
    "case",
    [
        "guest_line_over_each_heading",
        "title_with_dagplejen",
        "mixed_heading_words",
        "status_i_pleje",
    ],
)
def test_grouped_lists_as_systems_write_them(project: Path, case: str) -> None:
    """Headings are the groups' own role words («Dagplejer», «Dagplejen v/»): a guest's line
    over one, a title «Dagplejen Aarhus – …» or a status «I pleje» first on a child's row never
    move a child to another group or out of it."""
    anne, bo = ["Dagplejer: Anne Jensen (D1)"], ["Dagplejer: Bo Ærø (D2)"]
    guest = ["Gæstedagplejer: Åse Østergaard (D3)"]
    status = "I pleje" if case == "status_i_pleje" else "Indskrevet"
    kids = [["D1", status]], [["D2", status], ["D3", status]]
    top = [["Dagplejen Aarhus – børneliste"], []] if case == "title_with_dagplejen" else None
    if case == "guest_line_over_each_heading":
        _grouped([guest, anne, ["H"], *kids[0], []], [guest, bo, ["H"], *kids[1]], top=top)
    elif case == "mixed_heading_words":
        _grouped([["Dagplejen v/ Anne Jensen"], ["H"], *kids[0], []], [bo, ["H"], *kids[1]])
    else:
        _grouped([anne, ["H"], *kids[0], ["Antal børn: 1"], []], [bo, ["H"], *kids[1]], top=top)
    assert _children_of(project) == {"Liv Jensen": "D1", "Emil Ærø": "D2", "Ida Østergaard": "D2"}


def test_a_child_without_a_cpr_number_in_the_last_group_is_no_report_line(project: Path) -> None:
    # under the last group's heading after an earlier group's total: a child (its missing CPR
    # number said), never the report's closing lines
    sheets = grouped_by_dagplejer()
    rows = sheets["Børn"]
    rows += [
        ["Dagplejer: Åse Østergaard (D3)"],
        rows[3],
        ["Noah Hansen", "", "Mette Hansen", "", "Mor"],
    ]
    write_xlsx(project / "roster.xlsx", sheets)
    assert _children_of(project).get("Noah Hansen") == "D3"
