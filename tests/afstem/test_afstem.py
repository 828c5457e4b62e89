"""``dagpleje afstem``: the registers' own files against the plan, as a user runs it.

The register files are synthetic, made from DOMAIN.md §8 by ``tests/registers.py``; each code's
own case is in ``tests/afstem_cases.py`` (run by ``test_checks``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dagplejecli.afstem import read as read_module
from dagplejecli.afstem.result import RAN, SKIPPED
from dagplejecli.findings import Severity
from tests.afstem_cases import (
    NORD,
    SYD,
    Project,
    default_units,
    make_project,
    write_manifest,
)
from tests.builders import ALL_CPRS, leaked_cprs, no_traceback, run_cli
from tests.registers import (
    COMMON,
    DTR_HEADER,
    IDS,
    PKG,
    WHEN,
    XPerson,
    dtr_csv,
    dtr_unit,
    export_xml,
)


@pytest.fixture
def proj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return make_project(tmp_path)


def codes(p: Project, exports: list[Path] | None = None, dtr: list[Path] | None = None) -> set[str]:
    return {f.code for f in p.afstem(exports, dtr).result.findings}


def args(p: Project, **options: object) -> list[str]:
    out = []
    for path in p.write_exports(**options):
        out += ["--unilogin", path.name]
    return [*out, "--dtr", p.write_dtr().name]


# ------------------------------------------------------------------------ agreeing files


@pytest.mark.parametrize(
    "options",
    [{}, {"soap": True}, {"package": "fullmyndighed"}, {"package": "fullmyndighed", "soap": True}],
    ids=["bare", "soap", "myndighed", "myndighed-soap"],
)
def test_registers_that_hold_the_plan_give_no_finding(
    proj: Project, options: dict[str, object]
) -> None:
    done = proj.afstem(proj.write_exports(**options))
    assert done.result.findings == []
    by_area = {a.name: a.counts() for a in done.result.areas}
    assert by_area["Dagplejen Nord"]["begge"] == {"dagplejere": 2, "boern": 2, "andre": 0}
    assert by_area["Dagplejen Syd"]["begge"] == {"dagplejere": 1, "boern": 1, "andre": 0}
    assert all(
        a.counts()[s] == {"dagplejere": 0, "boern": 0, "andre": 0}
        for a in done.result.areas
        for s in ("roster", "unilogin", "anden_kilde", "flyttet")
    )
    # no manifest here: that check is said skipped, every other one ran
    assert done.result.checks.pop("unilogin_kilde_eksport") == SKIPPED
    assert set(done.result.checks.values()) == {RAN}


def test_the_cli_says_it_and_exits_0(proj: Project) -> None:
    result = run_cli("afstem", *args(proj))
    assert result.exit_code == 0, result.output
    assert "Dagplejen Nord (AB1234) — unilogin-AB1234.xml" in result.stdout
    assert "I begge" in result.stdout
    assert "Sprunget over (ikke tjekket): vores import mod sidste eksport." in result.stdout
    assert "0 fejl, 0 advarsler, 0 info" in result.stdout


def test_a_folder_of_exports_is_read(proj: Project) -> None:
    folder = proj.folder / "unilogin"
    folder.mkdir()
    for path in proj.write_exports():
        path.rename(folder / path.name)
    result = run_cli("afstem", "--unilogin", "unilogin", "--dtr", proj.write_dtr().name)
    assert result.exit_code == 0, result.output
    assert "unilogin-AB1235.xml" in result.stdout


def test_files_are_recognised_by_content_not_by_option(proj: Project) -> None:
    exports = proj.write_exports()
    dtr = proj.write_dtr()
    # the DTR file given as --unilogin and an export as --dtr: each read as what it is
    result = run_cli(
        "afstem", "--unilogin", dtr.name, "--dtr", exports[0].name, "--unilogin", exports[1].name
    )
    assert result.exit_code == 0, result.output


def test_elements_are_matched_by_namespace_not_by_prefix_or_local_name(proj: Project) -> None:
    [nord, syd] = proj.write_exports()
    # the same document with other prefixes reads the same
    text = nord.read_text("utf-8").replace("c:", "common7:").replace("xmlns:c=", "xmlns:common7=")
    nord.write_text(text, "utf-8")
    assert codes(proj, [nord, syd]) == set()
    # LocalPersonId in the wrong namespace (…/7/common, not …/common/3) is not a LocalPersonId
    wrong = text.replace(f'xmlns:i="{IDS}"', f'xmlns:i="{COMMON}"')
    nord.write_text(wrong, "utf-8")
    found = proj.afstem([nord, syd]).result.findings
    assert {f.code for f in found if f.area == "Dagplejen Nord"} >= {"DP411"}
    assert not any(f.code == "DP411" and f.area == "Dagplejen Syd" for f in found)


def test_a_v6_export_is_read_by_local_names_and_said(proj: Project) -> None:
    found = proj.afstem(proj.write_exports(v6=True)).result.findings
    assert {(f.code, f.severity) for f in found} == {("DP424", Severity.INFO)}


# ---------------------------------------------------------------------------- findings


def test_a_move_across_files_is_a_move_not_a_removal_and_a_creation(proj: Project) -> None:
    d2 = proj.person(NORD, "D2")
    proj.people[NORD].remove(d2)
    proj.people[SYD].append(d2)
    done = proj.afstem()
    found = {f.code for f in done.result.findings}
    assert "DP413" in found and "DP410" not in found and "DP420" not in found
    nord = next(a for a in done.result.areas if a.name == "Dagplejen Nord")
    assert nord.counts()["flyttet"]["dagplejere"] == 1


def test_a_second_source_and_its_people(proj: Project) -> None:
    proj.people[NORD].append(XPerson("P1", "Pia", "Pedersen", "0505801235", "employee", "booking"))
    exports = proj.write_exports(sources=[("dagpleje", WHEN), ("booking", WHEN)])
    done = proj.afstem(exports)
    [dp412] = [f for f in done.result.findings if f.code == "DP412" and f.area == "Dagplejen Nord"]
    assert dp412.params == {"source": "booking", "count": 1}
    nord = next(a for a in done.result.areas if a.name == "Dagplejen Nord")
    assert (
        nord.counts()["anden_kilde"]["dagplejere"] == 0
        and nord.counts()["anden_kilde"]["andre"] == 1
    )


def test_our_import_missing_or_old(proj: Project) -> None:
    none = proj.afstem(proj.write_exports(sources=[("booking", WHEN)])).result.findings
    assert {f.variant for f in none if f.code == "DP415"} == {"none"}
    old = proj.afstem(proj.write_exports(sources=[("dagpleje", "2025-01-02T08:00:00+01:00")]))
    assert {f.variant for f in old.result.findings if f.code == "DP415"} == {"old"}


def test_our_import_is_the_last_export(proj: Project) -> None:
    write_manifest(proj.folder, WHEN)
    done = proj.afstem()
    assert not any(f.code == "DP415" for f in done.result.findings)
    assert done.result.checks["unilogin_kilde_eksport"] == RAN


def test_contacts_differ(proj: Project) -> None:
    child = proj.child(NORD)
    parent = f"{child.contacts[0].first} {child.contacts[0].last}"
    child.contacts = []
    found = proj.afstem().result.findings
    [dp414] = [f for f in found if f.code == "DP414"]
    assert dp414.variant == "contacts" and dp414.params["missing"] == (parent,)


def test_name_group_and_level_differ_as_info(proj: Project) -> None:
    child = proj.child(NORD)
    child.main_group, child.level = "X1", "0"  # the configuration says DT
    found = proj.afstem().result.findings
    assert {(f.code, f.variant) for f in found} == {("DP421", "group"), ("DP421", "level")}
    assert all(f.severity is Severity.INFO for f in found)


def test_a_possible_match_is_only_possible(proj: Project) -> None:
    proj.child(NORD).local_id = "GAMMEL-1"
    found = proj.afstem(proj.write_exports(cpr=False)).result.findings
    dp410 = [f for f in found if f.code == "DP410"]
    assert [f.variant for f in dp410] == ["possible"]
    # the person under the old id is still ours and not in the plan: the next import removes it
    assert any(f.code == "DP420" for f in found)


def test_an_export_without_cpr_skips_the_cpr_checks_and_says_so(proj: Project) -> None:
    proj.person(NORD, "D1").cpr = "0505801235"  # a difference only a CPR number shows
    done = proj.afstem(proj.write_exports(cpr=False))
    found = {(f.code, f.variant) for f in done.result.findings}
    assert ("DP401", "") not in found and ("DP425", "no_cpr") in found
    assert done.result.checks["unilogin_cpr"] == SKIPPED
    assert done.result.checks["unilogin_kontakter"] == SKIPPED


def test_errors_exit_1_warnings_only_with_strict(proj: Project) -> None:
    proj.person(NORD, "D1").cpr = "0505801235"
    result = run_cli("afstem", *args(proj))
    assert result.exit_code == 1 and "DP401" in result.stdout
    assert "050580-xxxx" in result.stdout
    p2 = proj
    p2.person(NORD, "D1").cpr = p2.planned.roster.dagplejere[0].cpr or ""
    p2.people[NORD].remove(p2.child(NORD))
    assert run_cli("afstem", *args(p2)).exit_code == 0
    assert run_cli("afstem", *args(p2), "--strict").exit_code == 1


def test_dtr_without_a_p_number_column_skips_that_check_and_never_passes_it(proj: Project) -> None:
    header = [h for h in DTR_HEADER if h != "pNummer"]
    rows = [dtr_unit(NORD, "Dagplejen Nord", pNummer="1029829825"), dtr_unit(SYD, "Dagplejen Syd")]
    path = proj.write_dtr(rows, header=header)
    done = proj.afstem(dtr=[path])
    found = {(f.code, f.variant) for f in done.result.findings}
    assert ("DP425", "no_pnumber") in found and not any(c == "DP403" for c, _ in found)
    assert done.result.checks["dtr_pnummer"] == SKIPPED
    document = json.loads(run_cli("afstem", "--dtr", path.name, "--format", "json").stdout)
    assert document["stats"]["kontroller"]["dtr_pnummer"] == "sprunget over"


@pytest.mark.parametrize("spelling", ["pNummer", "pnummer", "pNumber", "P-nummer"])
def test_the_p_number_column_is_found_by_several_spellings(proj: Project, spelling: str) -> None:
    header = [spelling if h == "pNummer" else h for h in DTR_HEADER]
    rows = [{spelling: r.pop("pNummer"), **r} for r in default_units()]
    rows[0][spelling] = "1029829825"
    done = proj.afstem(dtr=[proj.write_dtr(rows, header=header)])
    assert [f.code for f in done.result.findings] == ["DP403"]


def test_dtr_differences(proj: Project) -> None:
    rows = default_units()
    rows[0].update(vejNavn="Skolegade", husNummer="9", instType3="6010")
    found = {(f.code, f.variant) for f in proj.afstem(dtr=[proj.write_dtr(rows)]).result.findings}
    assert found == {("DP417", "address"), ("DP417", "insttype")}


def test_no_unilogin_export_says_the_people_were_not_compared(proj: Project) -> None:
    result = run_cli("afstem", "--dtr", proj.write_dtr().name)
    assert result.exit_code == 0
    assert "Ingen Unilogin-eksport er givet" in result.stdout
    assert "personer i Unilogin" in result.stdout  # in the list of what was skipped


# ------------------------------------------------------------------------------- output


def test_json_is_validates_document_and_names_skipped_checks(proj: Project) -> None:
    proj.people[NORD].remove(proj.child(NORD))
    result = run_cli("afstem", *args(proj), "--format", "json")
    document = json.loads(result.stdout)
    assert set(document) == {"version", "valid", "strict", "summary", "findings", "stats"}
    assert [f["code"] for f in document["findings"]] == ["DP410"]
    assert document["findings"][0]["family"] == "afstemning"
    assert document["stats"]["per_omraade"]["Dagplejen Nord"]["roster"]["boern"] == 1


def test_rapport_masks_cpr_and_shows_the_user_id(proj: Project) -> None:
    from openpyxl import load_workbook

    proj.person(NORD, "D1").cpr = "0505801235"
    result = run_cli("afstem", *args(proj), "--rapport", "afstemning.xlsx")
    assert result.exit_code == 1
    wb = load_workbook(proj.folder / "afstemning.xlsx")
    assert wb.sheetnames == ["AB1234 Dagplejen Nord", "AB1235 Dagplejen Syd", "DTR", "Fund"]
    cells = " ".join(
        str(c) for ws in wb for row in ws.iter_rows(values_only=True) for c in row if c
    )
    assert not leaked_cprs(cells, (*ALL_CPRS, "0505801235"))
    assert "ud1xx" in cells and "050580-xxxx" in cells


def test_nothing_printed_carries_a_full_cpr(proj: Project) -> None:
    proj.person(NORD, "D1").cpr = "0505801235"
    proj.child(NORD).contacts = []
    for fmt in ("text", "json"):
        result = run_cli("afstem", *args(proj), "--format", fmt)
        assert not leaked_cprs(result.output, (*ALL_CPRS, "0505801235")), fmt


def test_english(proj: Project) -> None:
    proj.people[NORD].remove(proj.child(NORD))
    result = run_cli("--lang", "en", "afstem", *args(proj))
    assert "DP410" in result.stdout and "0 errors, 1 warning, 0 info" in result.stdout
    assert "Roster only" in result.stdout


def test_rapport_must_be_xlsx_and_not_an_input(proj: Project) -> None:
    result = run_cli("afstem", *args(proj), "--rapport", "a.csv")
    assert result.exit_code == 2 and ".xlsx" in result.output
    exports = proj.write_exports()
    result = run_cli("afstem", "--unilogin", exports[0].name, "--rapport", "dagpleje-plan.xlsx")
    assert result.exit_code == 2 and no_traceback(result)


# --------------------------------------------------------------------------- bad input


def _fails(result_args: list[str], *words: str) -> None:
    result = run_cli("afstem", *result_args)
    assert result.exit_code == 2, result.output
    assert no_traceback(result)
    for w in words:
        assert w in result.output, (w, result.output)


def test_neither_kind_of_file(proj: Project) -> None:
    (proj.folder / "noter.txt").write_text("Husk at ringe til STIL\n", "utf-8")
    _fails(["--unilogin", "noter.txt"], "hverken", "noter.txt")
    (proj.folder / "andet.xml").write_text("<root><a/></root>", "utf-8")
    _fails(["--unilogin", "andet.xml"], "hverken", "andet.xml")
    _fails(["--dtr", "roster.xlsx"], "hverken", "roster.xlsx")


def test_truncated_xml(proj: Project) -> None:
    [nord, _] = proj.write_exports()
    data = nord.read_bytes()
    nord.write_bytes(data[: len(data) // 2])
    _fails(["--unilogin", nord.name], "ikke hel XML", nord.name)


def test_a_dtd_or_entities_are_refused(proj: Project) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
        "<r>&b;</r>"
    )
    (proj.folder / "bombe.xml").write_text(bomb, "utf-8")
    _fails(["--unilogin", "bombe.xml"], "DTD", "bombe.xml")


def test_a_huge_file_is_not_read(proj: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    [nord, _] = proj.write_exports()
    monkeypatch.setattr(read_module, "MAX_UNILOGIN_BYTES", 1024)
    monkeypatch.setattr(read_module, "MAX_DTR_BYTES", 1024)
    _fails(["--unilogin", nord.name], "fylder", nord.name)


def test_dtr_in_cp1252_or_with_commas(proj: Project) -> None:
    rows = default_units()
    (proj.folder / "cp1252.csv").write_bytes(dtr_csv(rows, encoding="cp1252"))
    _fails(["--dtr", "cp1252.csv"], "ikke UTF-8", "cp1252.csv")
    (proj.folder / "komma.csv").write_bytes(dtr_csv(rows, delimiter=","))
    _fails(["--dtr", "komma.csv"], "kommaer", "komma.csv")


def test_an_export_of_a_unit_no_one_knows(proj: Project) -> None:
    (proj.folder / "ukendt.xml").write_bytes(export_xml("ZZ9999", []))
    _fails(["--unilogin", "ukendt.xml", "--dtr", proj.write_dtr().name], "ZZ9999", "ukendt.xml")


def test_two_exports_of_one_unit(proj: Project) -> None:
    [nord, _] = proj.write_exports()
    (proj.folder / "igen.xml").write_bytes(nord.read_bytes())
    _fails(["--unilogin", nord.name, "--unilogin", "igen.xml"], "samme enhed")


def test_no_files_a_missing_file_and_an_empty_folder(proj: Project) -> None:
    _fails([], "ingen filer")
    _fails(["--unilogin", "findes-ikke.xml"], "findes ikke", "findes-ikke.xml")
    (proj.folder / "tom").mkdir()
    _fails(["--unilogin", "tom"], "ingen .xml")


def test_a_stale_plan_is_refused(proj: Project) -> None:
    config = proj.config.read_text("utf-8").replace('["Syd"]', '["Syd", "Øst"]')
    proj.config.write_text(config.replace("Dagplejen Nord", "Dagplejen Nordøst"), "utf-8")
    result = run_cli("afstem", "--dtr", proj.write_dtr().name)
    assert result.exit_code == 1 and "forældet" in result.output and no_traceback(result)


def test_files_are_only_read(proj: Project) -> None:
    exports = proj.write_exports()
    dtr = proj.write_dtr()
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in [*exports, dtr]}
    listing = sorted(p.name for p in proj.folder.iterdir())
    run_cli("afstem", *[a for e in exports for a in ("--unilogin", e.name)], "--dtr", dtr.name)
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before
    assert sorted(p.name for p in proj.folder.iterdir()) == listing


def test_a_cp1252_console_gets_the_report_whole(proj: Project) -> None:
    """As on a Windows desktop: what the console cannot show is replaced, never a crash."""
    import os
    import subprocess
    import sys

    proj.people[NORD].remove(proj.child(NORD))
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "dagplejecli", "afstem", *args(proj)],
        cwd=proj.folder,
        capture_output=True,
        env=env,
        timeout=120,
    )
    out = done.stdout.decode("cp1252") + done.stderr.decode("cp1252")
    assert done.returncode == 0, out
    assert "Traceback" not in out
    assert "DP410" in out and "I begge" in out
    assert out.rstrip().splitlines()[-1].startswith("Registrene stemmer")


def test_another_packages_export_compares_what_it_carries(proj: Project) -> None:
    """A root in a namespace DOMAIN.md does not document (as a smaller package's would be), with
    no CPR numbers and no contact persons: read by local names and said, the people compared,
    the CPR and contact checks said skipped — never passed."""
    for people in proj.people.values():
        for x in people:
            x.contacts = []
    exports = proj.write_exports(cpr=False)
    for path in exports:
        text = path.read_text("utf-8")
        path.write_text(text.replace(PKG["full"], PKG["full"] + "-anden"), "utf-8")
    done = proj.afstem(exports)
    found = {(f.code, f.variant) for f in done.result.findings}
    assert found == {("DP424", "namespace"), ("DP425", "no_cpr")}
    assert done.result.checks["unilogin_personer"] == RAN
    assert done.result.checks["unilogin_cpr"] == SKIPPED
    assert done.result.checks["unilogin_kontakter"] == SKIPPED
    nord = next(a for a in done.result.areas if a.name == "Dagplejen Nord")
    assert nord.counts()["begge"] == {"dagplejere": 2, "boern": 2, "andre": 0}


def test_another_cpr_of_the_same_birth_date_says_so(proj: Project) -> None:
    from tests.builders import renders_in_both_languages

    d1 = proj.person(NORD, "D1")
    d1.cpr = d1.cpr[:6] + ("1235" if d1.cpr[6:] != "1235" else "1237")
    [dp401] = [f for f in proj.afstem().result.findings if f.code == "DP401"]
    assert dp401.variant == "serial" and dp401.severity is Severity.ERROR
    assert renders_in_both_languages(dp401)


def test_any_cut_or_changed_export_is_read_or_refused_never_a_crash(tmp_path: Path) -> None:
    """Properties: a register file cut anywhere, or with bytes changed, is either read or
    stopped with a message naming it (a DagplejeError, exit 2) — never another exception."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from dagplejecli.afstem.read import Registers, read_file
    from dagplejecli.errors import DagplejeError

    person = XPerson("D1", "Anne", "Jensen", "0203751236", "employee")
    xml = export_xml(NORD, [person], soap=True)
    csv_bytes = dtr_csv(default_units())

    @settings(max_examples=60, deadline=None)
    @given(
        st.sampled_from([xml, csv_bytes]),
        st.integers(min_value=0, max_value=len(xml)),
        st.binary(max_size=4),
    )
    def check(data: bytes, cut: int, noise: bytes) -> None:
        path = tmp_path / "fil"
        path.write_bytes(data[:cut] + noise + data[cut + len(noise) :])
        try:
            read_file(path, Registers())
        except DagplejeError as exc:
            assert exc.where.startswith(str(path))

    check()


def test_a_person_fed_by_two_sources_is_said(proj: Project) -> None:
    from tests.builders import renders_in_both_languages

    d1 = proj.person(NORD, "D1")
    twin = XPerson("HR-17", d1.first, d1.last, d1.cpr, "employee", "loen", "hr17")
    proj.people[NORD].append(twin)
    exports = proj.write_exports(sources=[("dagpleje", WHEN), ("loen", WHEN)])
    found = proj.afstem(exports).result.findings
    dp411 = [f for f in found if f.code == "DP411"]
    assert [(f.variant, f.params["source"]) for f in dp411] == [("also", "loen")]
    assert renders_in_both_languages(dp411[0])
    assert not any(f.code in ("DP410", "DP420") for f in found)


def test_samlet_udtraek_and_the_daginstitution_export(proj: Project) -> None:
    """«Samlet udtræk» with its own column names (DOMAIN.md §8: dagtilbudsNavn, instType3_Tekst,
    kommuneKode_Tekst …) is read as units; the Daginstitution export gives the numbers a
    configured daginstitutionsnummer is looked up among."""
    samlet = [
        "dagtilbudsType",
        "dagtilbudsNavn",
        "anvisningsenhedsNummer",
        "daginstitutionsNummer",
        "instType3",
        "instType3_Tekst",
        "aktivitetsstatus",
        "kommuneKode",
        "kommuneKode_Tekst",
        "admKommuneKode_Tekst",
        "cvrNummer",
        "ejerformKode",
        "vejNavn",
        "husNummer",
        "postNummer",
        "byNavn",
        "email",
        "telefonNummer",
    ]
    rows = [
        {
            **r,
            "dagtilbudsNavn": r["navn"],
            "dagtilbudsType": "Dagpleje",
            "kommuneKode_Tekst": "Aarhus",
        }
        for r in default_units()
    ]
    (proj.folder / "samlet.csv").write_bytes(dtr_csv(rows, header=samlet))
    dag = ["daginstitutionsNummer", "ejerformKode", "ejerformKode_Tekst"]
    (proj.folder / "daginst.csv").write_bytes(
        dtr_csv([{"daginstitutionsNummer": "DI0002", "ejerformKode": "1"}], header=dag)
    )
    done = proj.afstem(dtr=[proj.folder / "samlet.csv"])
    assert {(f.code, f.variant) for f in done.result.findings} == {("DP425", "no_pnumber")}
    assert [r.name for r in done.result.dtr] == ["Dagplejen Nord", "Dagplejen Syd"]
    # DI0001 (the configuration's) is under the units, so DTR knows it; DI0002 alone is not it
    only_dag = proj.afstem(dtr=[proj.folder / "daginst.csv"]).result
    found = {(f.code, f.variant) for f in only_dag.findings}
    assert ("DP404", "daginstitution") in found and ("DP425", "no_units") in found
    assert only_dag.checks["dtr_enheder"] == SKIPPED


def test_an_export_declaring_another_encoding_is_refused(tmp_path: Path) -> None:
    """UTF-7 could hide a DTD from the check before parsing; an export is UTF-8."""
    from dagplejecli.afstem.unilogin_export import parse_xml
    from dagplejecli.errors import DagplejeError

    for name in ("UTF-7", "ATF-8"):
        data = f'<?xml version="1.0" encoding="{name}"?><a/>'.encode("ascii")
        with pytest.raises(DagplejeError):
            parse_xml(data, tmp_path / "x.xml")
    assert parse_xml(b'<?xml version="1.0" encoding="UTF-8"?><a/>', tmp_path / "x.xml").tag == "a"
