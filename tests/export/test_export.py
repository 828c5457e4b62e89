"""export: golden files, refusals, all-or-nothing, determinism, the manifest diff, masking."""

from __future__ import annotations

import json
import os
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dagplejecli.errors import DagplejeError
from dagplejecli.export.unilogin_check import check_document
from dagplejecli.files import commit_files
from tests.builders import (
    AREAS4,
    BASE_CONFIG,
    C_HEADER,
    CHILDREN,
    D_HEADER,
    DAGPLEJERE,
    EVERY_CPR,
    GOLDEN,
    NAMESPACE,
    ROOT,
    WHEN,
    N,
    leaked_cprs,
    no_traceback,
    run_cli,
    write_project,
    write_xlsx,
)


def reported(code: str, *args: str) -> list[dict[str, Any]]:
    """``validate --format json``'s findings of ``code`` (with ``args`` before the command)."""
    result = run_cli(*args, "validate", "--format", "json")
    return [f for f in json.loads(result.stdout)["findings"] if f["code"] == code]


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("DAGPLEJE_UPDATE_GOLDEN") or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if not os.environ.get("DAGPLEJE_UPDATE_GOLDEN"):
            pytest.fail(
                f"golden file {name} was missing and has been written; check it and commit it"
            )
    assert data == path.read_bytes(), f"{name} differs; DAGPLEJE_UPDATE_GOLDEN=1 pytest rewrites it"


def test_dtr_golden_and_shape(four: Path) -> None:
    result = run_cli("export", "--target", "dtr")
    assert result.exit_code == 0, result.output
    inst = (four / "eksport/dtr/daginstitutioner.csv").read_bytes()
    units = (four / "eksport/dtr/anvisningsenheder.csv").read_bytes()
    assert inst.startswith(b"\xef\xbb\xbf") and units.startswith(b"\xef\xbb\xbf")
    lines = inst.decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "daginstitutionsNummer;daginstitutionsNavn;ejerformKode;lovgrundlagKode;admKommuneKode"
    )
    assert lines[1:] == [
        "DI0001;Dagplejen Aarhus;1;99;751",
        "DI0002;Dagplejen Vest og Øst;1;99;751",
    ]
    rows = [line.split(";") for line in units.decode("utf-8-sig").splitlines()]
    assert (
        rows[0][:2] == ["EnhedsNummer", "EnhedsNavn"]
        and "PNummer" in rows[0]
        and "InstType3" in rows[0]
    )
    # the address as DTR's public export names it (DOMAIN.md §3)
    assert rows[0][4:10] == ["vejNavn", "husNummer", "etage", "doer", "postNummer", "byNavn"]
    assert [r[1] for r in rows[1:]] == [
        "Dagplejen Nord",
        "Dagplejen Syd",
        "Dagplejen Vest",
        "Dagplejen Øst",
    ]
    assert rows[2][4:10] == ["Skanderborgvej", "100", "st", "tv", "8260", "Viby J"]
    golden("daginstitutioner.csv", inst)
    golden("anvisningsenheder.csv", units)
    wb = load_workbook(four / "eksport/dtr/dtr-oprettelse.xlsx")
    assert wb["2 Anvisningsenheder"]["A2"].value == "findes (AB0001)"


def test_unilogin_golden_counts_and_rules(four: Path) -> None:
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (four / "eksport/unilogin").glob("*.xml"))
    assert files == ["AB0001.xml", "AB0002.xml", "AB0003.xml", "AB0004.xml"]
    expected = {
        "AB0001.xml": (2, 3),
        "AB0002.xml": (1, 1),
        "AB0003.xml": (1, 1),
        "AB0004.xml": (1, 1),
    }
    for name, (employees, students) in expected.items():
        path = four / "eksport/unilogin" / name
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        root = ET.fromstring(path.read_bytes())
        assert root.get("source") == "dagpleje" and root.get("schoolYear") == "2026-2027"
        assert len(root.findall(f".//{N}Employee")) == employees
        assert len(root.findall(f".//{N}Student")) == students
        main_groups = {
            g.findtext(f"{N}GroupId")
            for g in root.iter(f"{N}Group")
            if g.findtext(f"{N}GroupType") == "Hovedgruppe"
        }
        assert all(s.findtext(f"{N}MainGroupId") in main_groups for s in root.iter(f"{N}Student"))
        for cpr in root.iter(f"{N}CivilRegistrationNumber"):
            assert cpr.text in EVERY_CPR
        for person in root.iter(f"{N}Person"):
            if person.get("protected") == "true":
                assert person.findtext(f"{N}AliasFirstName") and person.findtext(
                    f"{N}AliasFamilyName"
                )
        assert check_document(name, path.read_bytes(), NAMESPACE) == []
        golden(name, path.read_bytes())
    nord = ET.fromstring((four / "eksport/unilogin/AB0001.xml").read_bytes())
    assert (
        nord.findtext(f".//{N}InstitutionPerson/{N}Person/{N}CivilRegistrationNumber")
        == "0203751236"
    )
    syd = ET.fromstring((four / "eksport/unilogin/AB0002.xml").read_bytes())
    relation = syd.find(f".//{N}ContactPerson")
    assert relation is not None and relation.get("relation") == "Mor"  # Forælder, even last digit
    vest = ET.fromstring((four / "eksport/unilogin/AB0003.xml").read_bytes())
    assert vest.find(f".//{N}ContactPerson").get("relation") == "Far"  # type: ignore[union-attr]
    assert leaked_cprs(result.output, EVERY_CPR) == []


def test_exports_are_deterministic(four: Path) -> None:
    run_cli("export", "--target", "unilogin", "--source-datetime", WHEN, "--out", "a")
    run_cli("export", "--target", "unilogin", "--source-datetime", WHEN, "--out", "b")
    for name in ("AB0001.xml", "AB0002.xml", "AB0003.xml", "AB0004.xml"):
        assert (four / "a/unilogin" / name).read_bytes() == (
            four / "b/unilogin" / name
        ).read_bytes()


def test_no_export_while_validate_finds_errors(four: Path) -> None:
    (four / "dagpleje.toml").write_text(
        BASE_CONFIG.replace('"1003386512"', '"12345"') + AREAS4, encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "dtr")
    assert result.exit_code == 1
    assert "DP103" in result.stderr and "dagpleje validate" in result.stderr
    assert not (four / "eksport").exists()


def test_missing_institution_number_stops_unilogin(four: Path) -> None:
    (four / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS4.replace('institutionsnummer = "AB0003"\n', ""), encoding="utf-8"
    )
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "unilogin")
    assert result.exit_code == 1
    assert "Dagplejen Vest" in result.stderr and "EnhedsNummer" in result.stderr
    assert not (four / "eksport").exists()
    assert run_cli("export", "--target", "dtr").exit_code == 0  # DTR needs no numbers
    wb = load_workbook(four / "eksport/dtr/dtr-oprettelse.xlsx")
    assert wb["2 Anvisningsenheder"]["A4"].value == "ny"


def test_source_datetime_must_increase(four: Path) -> None:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    again = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert again.exit_code == 1 and "sourceDateTime" in again.stderr
    assert run_cli("export", "--target", "unilogin", "--source-datetime", "nonsense").exit_code == 2
    assert (
        run_cli(
            "export", "--target", "unilogin", "--source-datetime", "2026-11-28T08:00:00+01:00"
        ).exit_code
        == 0
    )


def test_an_export_in_the_same_second_as_the_last_comes_a_second_after_it(four: Path) -> None:
    import datetime as dt
    import json

    def last_time() -> dt.datetime:
        manifest = json.loads((four / "eksport" / "manifest.json").read_text("utf-8"))
        return dt.datetime.fromisoformat(manifest["unilogin"]["sourceDateTime"])

    # the last export a little ahead of this machine's clock (or in this same second)
    ahead = (dt.datetime.now().astimezone() + dt.timedelta(seconds=30)).replace(microsecond=0)
    first = run_cli("export", "-t", "unilogin", "--source-datetime", ahead.isoformat())
    assert first.exit_code == 0, first.output
    dry = run_cli("export", "-t", "unilogin", "--dry-run")
    assert dry.exit_code == 0, dry.output
    again = run_cli("export", "-t", "unilogin")
    assert again.exit_code == 0, again.output
    assert last_time() == ahead + dt.timedelta(seconds=1)
    # far ahead is no clock drift: refused, with advice that fits an option not given
    far = ahead + dt.timedelta(hours=1)
    assert run_cli("export", "-t", "unilogin", "--source-datetime", far.isoformat()).exit_code == 0
    refused = run_cli("export", "-t", "unilogin")
    assert refused.exit_code == 1 and "Tjek maskinens ur" in refused.stderr
    assert "Udelad --source-datetime" not in refused.stderr


def test_dry_run_writes_nothing(four: Path) -> None:
    result = run_cli("export", "--target", "unilogin", "--dry-run")
    assert result.exit_code == 0 and "--dry-run" in result.stdout
    assert not (four / "eksport").exists()


def test_failure_mid_write_leaves_nothing_and_keeps_earlier_export(
    four: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    calls = {"n": 0}

    def failing_replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 2 and no_traceback(result)
    assert not (four / "eksport").exists()

    monkeypatch.setattr(os, "replace", real_replace)
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    before = {p: p.read_bytes() for p in (four / "eksport").rglob("*") if p.is_file()}
    calls["n"] = 0
    monkeypatch.setattr(os, "replace", failing_replace)
    result = run_cli(
        "export", "--target", "unilogin", "--source-datetime", "2026-11-28T08:00:00+01:00"
    )
    assert result.exit_code == 2
    after = {p: p.read_bytes() for p in (four / "eksport").rglob("*") if p.is_file()}
    assert after == before


def test_commit_files_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit_files(tmp_path, {"x/a.txt": (b"old a", False)})
    real_replace = os.replace

    def fail_on_b(src: object, dst: object) -> None:
        if str(dst).endswith("b.txt"):
            raise OSError(5, "I/O error")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail_on_b)
    with pytest.raises(DagplejeError):
        commit_files(tmp_path, {"x/a.txt": (b"new a", False), "y/b.txt": (b"b", True)})
    assert (tmp_path / "x/a.txt").read_bytes() == b"old a"
    assert not (tmp_path / "y").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.txt", "x"]


def test_changes_moves_and_removal_limit(four: Path) -> None:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    moved = [list(r) for r in DAGPLEJERE]
    moved[0][7] = "Syd"  # D1 moves from Nord to Syd
    write_project(four, moved)
    run_cli("plan", "roster.xlsx")
    result = run_cli(
        "export", "--target", "unilogin", "--source-datetime", "2026-11-28T08:00:00+01:00"
    )
    assert result.exit_code == 1  # Nord loses D1, Liv and both parents: more than 30 %
    assert "D1 Anne Jensen: Dagplejen Nord → Dagplejen Syd" in result.stdout
    assert "1 dagplejer er flyttet mellem områder" in result.stdout  # one, in the singular
    assert "--ja" in result.stderr
    dry = run_cli(
        "export",
        "--target",
        "unilogin",
        "--source-datetime",
        "2026-11-28T08:00:00+01:00",
        "--dry-run",
    )
    # the real run would be refused: the dry run says so, and its exit code too
    assert dry.exit_code == 1 and "uden --ja ville eksporten blive afvist" in dry.stdout
    when = "2026-11-28T08:00:00+01:00"
    assert run_cli("export", "--target", "unilogin", "--source-datetime", when).exit_code == 1
    dry_yes = run_cli("export", "-t", "unilogin", "--source-datetime", when, "--dry-run", "--ja")
    assert dry_yes.exit_code == 0, dry_yes.output
    ok = run_cli(
        "export", "--target", "unilogin", "--source-datetime", "2026-11-28T08:00:00+01:00", "--ja"
    )
    assert ok.exit_code == 0, ok.output
    assert "Aula" in ok.stdout
    manifest = (four / "eksport/manifest.json").read_text("utf-8")
    assert leaked_cprs(manifest, EVERY_CPR) == [] and '"D1"' not in manifest


def test_people_files_are_masked(four: Path) -> None:
    run_cli("export", "--target", "dtr")
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    wb = load_workbook(four / "eksport/unilogin/brugere.xlsx")
    assert wb.sheetnames == ["AB0001", "AB0002", "AB0003", "AB0004"]
    text = " ".join(
        str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value
    )
    assert "020375-xxxx" in text
    for path in [four / "eksport/unilogin/brugere.xlsx", *(four / "eksport/dtr").glob("*.csv")]:
        assert (
            leaked_cprs(
                path.read_bytes().decode("utf-8", "replace") if path.suffix == ".csv" else text,
                EVERY_CPR,
            )
            == []
        )
    assert leaked_cprs(result.output, EVERY_CPR) == []


XSD = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified"
  targetNamespace="https://unilogin.dk/data" xmlns="https://unilogin.dk/data">
  <xs:element name="UNILoginImport">
    <xs:complexType>
      <xs:sequence><xs:element name="Institution" type="Institution"/></xs:sequence>
      <xs:attribute name="sourceDateTime" type="xs:dateTime" use="required"/>
      <xs:attribute name="source" type="xs:string" use="required"/>
      <xs:attribute name="schoolYear" use="required">
        <xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\d{4}-\\d{4}"/></xs:restriction></xs:simpleType>
      </xs:attribute>
    </xs:complexType>
  </xs:element>
  <xs:complexType name="Institution">
    <xs:sequence>
      <xs:element name="InstitutionNumber"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[A-Za-z0-9]{6}"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="InstitutionName" type="xs:string" minOccurs="0"/>
      <xs:element name="Group" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType><xs:sequence>
          <xs:element name="GroupId" type="xs:string"/>
          <xs:element name="GroupName" type="xs:string" minOccurs="0"/>
          <xs:element name="GroupType">GROUPTYPE</xs:element>
          <xs:element name="GroupLevel" type="xs:string" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="InstitutionPerson" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType><xs:sequence>
          <xs:element name="LocalPersonId" type="xs:string"/>
          <xs:element name="Person" type="Person"/>
          <xs:choice>
            <xs:element name="Employee"><xs:complexType><xs:sequence>
              <xs:element name="Role" type="xs:string" maxOccurs="unbounded"/>
              <xs:element name="GroupId" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
            </xs:sequence></xs:complexType></xs:element>
            <xs:element name="Student"><xs:complexType><xs:sequence>
              <xs:element name="Role" type="xs:string"/>
              <xs:element name="Level" type="xs:string"/>
              <xs:element name="MainGroupId" type="xs:string"/>
              <xs:element name="ContactPerson" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
                <xs:sequence><xs:element name="Person" type="Person"/></xs:sequence>
                <xs:attribute name="relation" use="required"><xs:simpleType><xs:restriction base="xs:string">
                  <xs:enumeration value="Mor"/><xs:enumeration value="Far"/><xs:enumeration value="Andet"/>
                  <xs:enumeration value="Officielt tilknyttet person"/></xs:restriction></xs:simpleType></xs:attribute>
                <xs:attribute name="childCustody" type="xs:boolean" use="required"/>
                <xs:attribute name="accessLevel" type="xs:integer"/>
              </xs:complexType></xs:element>
            </xs:sequence></xs:complexType></xs:element>
          </xs:choice>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:sequence>
  </xs:complexType>
  <xs:complexType name="Person">
    <xs:sequence>
      <xs:element name="FirstName" type="xs:string"/>
      <xs:element name="FamilyName" type="xs:string"/>
      <xs:element name="CivilRegistrationNumber"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="\\d{10}"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="EmailAddress" type="xs:string" minOccurs="0"/>
      <xs:element name="BirthDate" type="xs:date" minOccurs="0"/>
      <xs:element name="Gender" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="M"/><xs:enumeration value="K"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="Address" minOccurs="0"><xs:complexType><xs:sequence>
        <xs:element name="StreetAddress" type="xs:string" minOccurs="0"/>
        <xs:element name="PostalCode" type="xs:string" minOccurs="0"/>
        <xs:element name="PostalDistrict" type="xs:string" minOccurs="0"/>
      </xs:sequence></xs:complexType></xs:element>
      <xs:element name="MobilePhoneNumber" minOccurs="0"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
        <xs:attribute name="protected" type="xs:boolean" use="required"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>
      <xs:element name="AliasFirstName" type="xs:string" minOccurs="0"/>
      <xs:element name="AliasFamilyName" type="xs:string" minOccurs="0"/>
    </xs:sequence>
    <xs:attribute name="protected" type="xs:boolean" use="required"/>
  </xs:complexType>
</xs:schema>
"""
GROUPTYPES = "".join(
    f'<xs:enumeration value="{v}"/>'
    for v in ("Hovedgruppe", "Årgang", "Retning", "Hold", "SFO", "Team", "Andet")
)


def test_xsd_valid_and_invalid(four: Path) -> None:
    good = XSD.replace(
        ">GROUPTYPE<",
        f'><xs:simpleType><xs:restriction base="xs:string">{GROUPTYPES}</xs:restriction></xs:simpleType><',
    )
    (four / "stil.xsd").write_text(good, encoding="utf-8")
    ok = run_cli(
        "export",
        "--target",
        "unilogin",
        "--source-datetime",
        WHEN,
        "--xsd",
        "stil.xsd",
        "--dry-run",
    )
    assert ok.exit_code == 0, ok.output
    bad = XSD.replace(
        ">GROUPTYPE<",
        '><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="Team"/></xs:restriction></xs:simpleType><',
    )
    (four / "strict.xsd").write_text(bad, encoding="utf-8")
    refused = run_cli(
        "export", "--target", "unilogin", "--source-datetime", WHEN, "--xsd", "strict.xsd"
    )
    assert refused.exit_code == 1
    assert "unilogin/AB0001.xml, linje" in refused.stderr and "GroupType" in refused.stderr
    assert not (four / "eksport").exists()
    english = run_cli(
        "--lang",
        "en",
        "export",
        "--target",
        "unilogin",
        "--source-datetime",
        WHEN,
        "--xsd",
        "strict.xsd",
    )
    assert english.exit_code == 1
    assert "unilogin/AB0001.xml, line" in english.stderr and "linje" not in english.stderr


def test_formula_like_names_stay_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = [list(r) for r in DAGPLEJERE]
    hostile[0][2] = '=HYPERLINK("http://example.invalid","klik")'
    hostile[1][2] = "+SUM(1,1)"
    hostile[2][3] = "@cmd"
    areas = AREAS4.replace('navn = "Dagplejen Nord"', "navn = \"=cmd|' /C calc'!A0\"")
    write_project(tmp_path, hostile, areas)
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("validate", "--annotate", "kopi.xlsx").exit_code == 0
    assert run_cli("export", "--target", "dtr").exit_code == 0
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    for book in [
        "dagpleje-plan.xlsx",
        "kopi.xlsx",
        "eksport/dtr/dtr-oprettelse.xlsx",
        "eksport/unilogin/brugere.xlsx",
    ]:
        wb = load_workbook(tmp_path / book)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (book, ws.title, cell.coordinate, cell.value)
    for csv_path in (tmp_path / "eksport/dtr").glob("*.csv"):
        for line in csv_path.read_text("utf-8-sig").splitlines():
            for field in line.split(";"):
                assert not field.startswith(("=", "+", "@")), (csv_path.name, field)
    assert "'=cmd" in (tmp_path / "eksport/dtr/anvisningsenheder.csv").read_text("utf-8-sig")


def test_renaming_an_area_is_not_a_move(four: Path) -> None:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    (four / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS4.replace('"Dagplejen Nord"', '"Dagplejen Nordområdet"'),
        encoding="utf-8",
    )
    run_cli("plan", "roster.xlsx")
    result = run_cli(
        "export", "--target", "unilogin", "--source-datetime", "2026-11-28T08:00:00+01:00"
    )
    assert result.exit_code == 0, result.output
    assert "flyttet" not in result.stdout
    assert "Dagplejen Nordområdet" in result.stdout


def test_xsd_in_another_namespace_names_the_setting(four: Path) -> None:
    """A schema without (or with another) targetNamespace: one line with the setting to use,
    not an error per document; with that setting the same schema passes."""
    good = XSD.replace(
        ">GROUPTYPE<",
        f'><xs:simpleType><xs:restriction base="xs:string">{GROUPTYPES}</xs:restriction></xs:simpleType><',
    )
    plain = good.replace(
        '\n  targetNamespace="https://unilogin.dk/data" xmlns="https://unilogin.dk/data"', ""
    )
    (four / "plain.xsd").write_text(plain, encoding="utf-8")
    args = ("export", "--target", "unilogin", "--source-datetime", WHEN, "--xsd", "plain.xsd")
    result = run_cli(*args)
    assert result.exit_code == 2 and no_traceback(result)
    assert 'sæt navnerum = "" under [unilogin]' in result.stderr
    assert "linje" not in result.stderr and not (four / "eksport").exists()
    english = run_cli("--lang", "en", *args)
    assert 'set navnerum = "" under [unilogin]' in english.stderr
    (four / "dagpleje.toml").write_text(
        BASE_CONFIG.replace("[unilogin]\n", '[unilogin]\nnavnerum = ""\n') + AREAS4,
        encoding="utf-8",
    )
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    ok = run_cli(*args)
    assert ok.exit_code == 0, ok.output
    written = (four / "eksport/unilogin/AB0001.xml").read_bytes()
    assert b"xmlns" not in written and check_document("AB0001.xml", written, "") == []


def test_export_stops_as_a_bug_when_a_document_breaks_the_structure(
    four: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagplejecli import api
    from tests.builders import document as unilogin_check_document

    def broken(*args: object) -> dict[str, bytes]:
        return {
            "unilogin/AB0001.xml": unilogin_check_document().replace(
                b"<Role>P\xc3\xa6dagog", b"<Role>Dagplejer"
            )
        }

    monkeypatch.setattr(api, "unilogin_files", broken)
    result = run_cli(
        "export", "--target", "unilogin", "--source-datetime", "2026-11-27T08:00:00+01:00"
    )
    assert result.exit_code == 70 and no_traceback(result)
    assert "StructureError" in result.stderr
    assert not (four / "eksport").exists()


def test_a_group_name_over_100_bytes_is_a_finding_and_written_cut(four: Path) -> None:
    """90 characters, but æ, ø and å take two bytes each: more than GroupName's 100 bytes."""
    long_name = ("Ærø Ødegård Åberg " * 5)[:90].strip()
    assert len(long_name) <= 100 < len(f"{long_name} Jensen".encode())
    named = [list(r) for r in DAGPLEJERE]
    named[0][2] = long_name
    write_project(four, named)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 0, result.output  # a warning: the export cuts the name
    (found,) = reported("DP230")
    assert (found["location"]["sheet"], found["location"]["cell"]) == ("Dagplejere", "C2")
    assert found["severity"] == "advarsel" and "Forkort navnet i rosteren" in found["hint"]
    assert found["params"]["length"] > found["params"]["limit"] == 100
    exported = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert exported.exit_code == 0, exported.output
    data = (four / "eksport/unilogin/AB0001.xml").read_bytes()
    names = [g.findtext(f"{N}GroupName") or "" for g in ET.fromstring(data).iter(f"{N}Group")]
    cut = next(n for n in names if n.startswith("Ærø"))
    assert len(cut.encode()) <= 100 and f"{long_name} Jensen".startswith(cut)
    assert check_document("AB0001.xml", data, NAMESPACE) == []


def test_existing_units_under_a_daginstitution_without_number(four: Path) -> None:
    """Areas with an institutionsnummer exist in DTR, so their Daginstitution does: without its
    number it is a warning, and the DTR export does not list it as new."""
    config = BASE_CONFIG.replace('daginstitutionsnummer = "DI0001"\n', "") + AREAS4
    (four / "dagpleje.toml").write_text(config, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    (found,) = reported("DP116")
    assert found["severity"] == "advarsel"
    assert found["location"]["key"] == "standard.daginstitution" and found["location"]["line"]
    assert 'daginstitutionsnummer = "…"' in found["hint"]
    assert found["params"]["areas"] == ["Dagplejen Nord", "Dagplejen Syd"]
    (english,) = reported("DP116", "--lang", "en")
    assert "does not list it as new" in english["message"]
    assert run_cli("export", "--target", "dtr").exit_code == 0
    listed = (four / "eksport/dtr/daginstitutioner.csv").read_text("utf-8-sig").splitlines()
    assert listed[1:] == ["DI0002;Dagplejen Vest og Øst;1;99;751"]
    wb = load_workbook(four / "eksport/dtr/dtr-oprettelse.xlsx")
    assert wb["1 Daginstitutioner"]["A2"].value == "findes (nummer mangler)"


def test_daginstitutionsnummer_equal_to_an_area_number_is_an_error(four: Path) -> None:
    config = BASE_CONFIG + AREAS4.replace(
        'daginstitutionsnummer = "DI0002"', 'daginstitutionsnummer = "ab0001"', 1
    )
    (four / "dagpleje.toml").write_text(config, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 1
    (found,) = reported("DP117")
    assert found["severity"] == "fejl" and found["params"]["other"] == "Dagplejen Nord"
    assert found["location"]["key"] == "omraade[3].daginstitutionsnummer"
    assert "hver sit nummer" in found["hint"]
    assert run_cli("export", "--target", "dtr").exit_code == 1


def test_an_empty_level_or_source_is_a_finding_not_a_bug(four: Path) -> None:
    """Without a value, Level and source would be left out of the documents, which the
    structural self-check would stop as a bug: validate names the key first."""
    config = BASE_CONFIG.replace("[unilogin]", '[unilogin]\ntrin = ""\nkilde = " "') + AREAS4
    (four / "dagpleje.toml").write_text(config, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 1
    found = reported("DP020")
    assert {f["location"]["key"] for f in found} == {"unilogin.trin", "unilogin.kilde"}
    assert all(f["location"]["line"] and "fjern linjen" in f["hint"] for f in found)
    assert all("remove the line" in f["hint"] for f in reported("DP020", "--lang", "en"))
    refused = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert refused.exit_code == 1 and "DP020" in refused.stderr


def test_a_substitute_cpr_is_exported_as_a_replacement_id(four: Path) -> None:
    children = [list(r) for r in CHILDREN]
    children[4][0] = "8006254579"  # Noah: day 20 + 60
    write_xlsx(
        four / "roster.xlsx",
        {"Dagplejere": [D_HEADER, *DAGPLEJERE], "Børn": [C_HEADER, *children]},
    )
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 0, result.output
    root = ET.fromstring((four / "eksport/unilogin/AB0001.xml").read_bytes())
    types = {
        p.findtext(f"{N}FirstName"): p.findtext(f"{N}CivilRegistrationNumberType")
        for p in root.iter(f"{N}Person")
    }
    assert types["Noah"] == "CPR_REPLACEMENT_ID" and types["Ella"] is None


def test_the_examples_lovgrundlag_is_marked_as_an_example() -> None:
    """DOMAIN.md §3: the code list is not public, so the example's code must say it is none."""
    example = (ROOT / "examples/dagpleje.toml").read_text("utf-8")
    (line,) = [x for x in example.splitlines() if x.startswith("lovgrundlag")]
    assert "EKSEMPEL, ikke en rigtig kode" in line


@pytest.mark.parametrize("value", ["foo bar", "https://unilogin.dk/<data>", "æøå"])
def test_a_namespace_that_is_no_uri_is_a_configuration_error(four: Path, value: str) -> None:
    config = BASE_CONFIG.replace("[unilogin]\n", f'[unilogin]\nnavnerum = "{value}"\n') + AREAS4
    (four / "dagpleje.toml").write_text(config, encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "unilogin.navnerum" in result.stderr and "https://unilogin.dk/data" in result.stderr


def test_a_quiet_export_still_says_where_the_files_went(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "dtr", "-q")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].endswith("filer skrevet til eksport."), lines
    again = run_cli("--lang", "en", "export", "--target", "dtr", "--quiet")
    assert again.stdout.strip().endswith("files written to eksport."), again.output
