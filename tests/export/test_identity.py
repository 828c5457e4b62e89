"""Ids that reveal no CPR and that last: the municipality's secret, the manifest, id columns."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dagplejecli.secret import SECRET_NAME
from tests.builders import (
    ALL_CPRS,
    AREAS,
    BASE_CONFIG,
    CH1,
    CHILDREN,
    DP1,
    DP2,
    DP3,
    LATER,
    MOR1,
    NEW_CPR,
    WHEN,
    Result,
    _with,
    child_cpr,
    corrected,
    leaked_cprs,
    no_traceback,
    run_cli,
    small_roster,
    with_child_ids,
    write_project,
    write_xlsx,
)


def child_ids(folder: Path, out: str = "eksport") -> dict[str, str]:
    """Child CPR → its LocalPersonId in the folder's Unilogin export."""
    ids = {}
    for path in sorted((folder / out / "unilogin").glob("*.xml")):
        for ip in ET.fromstring(path.read_bytes()).iterfind(".//{*}InstitutionPerson"):
            if ip.find("{*}Student") is not None:
                cpr = ip.findtext("{*}Person/{*}CivilRegistrationNumber") or ""
                ids[cpr] = ip.findtext("{*}LocalPersonId")
    return ids


def exported(folder: Path, monkeypatch: pytest.MonkeyPatch, when: str = WHEN) -> None:
    """A folder set up as a user would (no secret given: dagpleje makes one) and exported."""
    folder.mkdir(exist_ok=True)
    write_project(folder)
    (folder / SECRET_NAME).unlink()
    monkeypatch.chdir(folder)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", when)
    assert result.exit_code == 0, result.output


def test_two_folders_differ_and_one_folder_keeps_its_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported(tmp_path / "a", monkeypatch)
    exported(tmp_path / "b", monkeypatch)
    a, b = child_ids(tmp_path / "a"), child_ids(tmp_path / "b")
    assert len(a) == len(CHILDREN) and a.keys() == b.keys()
    assert all(a[cpr] != b[cpr] for cpr in a)
    # the same folder, exported again: the same ids
    monkeypatch.chdir(tmp_path / "a")
    again = run_cli("export", "--target", "unilogin", "--source-datetime", LATER)
    assert again.exit_code == 0, again.output
    assert child_ids(tmp_path / "a") == a
    secret = tmp_path / "a" / SECRET_NAME
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    hexed = secret.read_text("ascii").strip()
    for path in (tmp_path / "a" / "eksport").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert hexed.encode() not in data and bytes.fromhex(hexed) not in data, path


def _endings(first6: str) -> list[str]:
    return [f"{first6}{n:04d}" for n in range(10_000)]


def test_cpr_search_on_brugere_and_manifest_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an attacker holding the export (not the secret) would try: each masked CPR's
    10,000 endings against the id beside it (the old plain hash) and against the manifest's
    hashes, with any salt the manifest holds."""
    exported(tmp_path, monkeypatch)
    book = load_workbook(tmp_path / "eksport/unilogin/brugere.xlsx")
    rows = [r for sheet in book.worksheets for r in sheet.values]
    children = [r for r in rows if r and r[0] == "Barn"]
    assert len(children) == len(CHILDREN)
    manifest_text = (tmp_path / "eksport/manifest.json").read_text("utf-8")
    manifest = json.loads(manifest_text)
    assert "salt" not in manifest
    members = {h for area in manifest["unilogin"]["areas"].values() for h in area["members"]}
    salt = str(manifest.get("salt", ""))
    found = []
    for row in children:
        local_id, masked = str(row[1]), str(row[3])
        for cpr in _endings(masked[:6]):
            old = hashlib.sha256(f"dagpleje-barn:{cpr}".encode()).hexdigest()[:16].upper()
            if local_id == f"B-{old}":
                found.append(cpr)
            for kind in ("barn", "kontakt"):
                for ident in (cpr, f"B-{old}"):
                    digest = hashlib.sha256(f"{salt}|{kind}|{ident}".encode()).hexdigest()[:32]
                    if digest in members:
                        found.append(cpr)
    assert found == []
    for row in CHILDREN:
        assert row[0] not in manifest_text and row[0][:6] not in manifest_text


def test_a_lost_or_other_secret_stops_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported(tmp_path, monkeypatch)
    secret = tmp_path / SECRET_NAME
    kept = secret.read_bytes()
    secret.unlink()
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER)
    assert result.exit_code == 2 and no_traceback(result)
    assert SECRET_NAME in result.stderr and "Hemmeligheden mangler" in result.stderr
    assert "sikkerhedskopien" in result.stderr
    assert not secret.exists()  # not made anew behind the user's back
    # validate does not make a new one either: it sees the export's manifest
    refused = run_cli("validate")
    assert refused.exit_code == 2 and "Hemmeligheden mangler" in refused.stderr
    assert not secret.exists()
    # another secret (say, from another folder) is seen by export as another
    secret.write_text("00" * 32 + "\n", encoding="ascii")
    other = run_cli("export", "--target", "unilogin", "--source-datetime", LATER)
    assert other.exit_code == 2 and "ikke den, sidste eksport brugte" in other.stderr
    secret.write_bytes(kept)
    back = run_cli("export", "--target", "unilogin", "--source-datetime", LATER)
    assert back.exit_code == 0, back.output
    secret.write_text("not a secret", encoding="ascii")
    bad = run_cli("--lang", "en", "validate")
    assert bad.exit_code == 2 and no_traceback(bad) and "cannot be read" in bad.stderr


def test_a_child_id_column_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheets = small_roster()
    sheets["Børn"][0].append("Barnets nr.")
    for n, row in enumerate(sheets["Børn"][1:], start=1):
        row.append(f"K-{n}")
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 0, result.output
    assert sorted(child_ids(tmp_path).values()) == ["K-1", "K-2", "K-3"]


def _validate(folder: Path, sheets: dict[str, list[list[object]]], config: str = "") -> Result:
    write_xlsx(folder / "roster.xlsx", sheets)
    (folder / "dagpleje.toml").write_text(BASE_CONFIG + config + AREAS, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    return run_cli("validate", "--format", "json")


SUBSTITUTE = f"{int(CH1[:2]) + 60}{CH1[2:]}"
# (code, the roster, exit code, cell, words of the hint)
CLI_CASES = [
    ("DP219", with_child_ids("D1", "K-2", "K-3"), 1, "Børn!I2", "andet id"),
    ("DP220", _with("Børn", 2, 4, MOR1), 1, "Børn!F3", "ens alle steder"),
    ("DP221", _with("Børn", 1, 7, ""), 1, "Børn!H2", "tom_myndighed"),
    ("DP222", _with("Børn", 1, 6, ""), 1, "Børn!G2", "Mor, Far, Andet"),
    ("DP223", _with("Børn", 1, 6, "Medmor"), 0, "Børn!G2", "Intet at gøre"),
    ("DP224", _with("Børn", 1, 0, child_cpr(-30, "4568")), 1, "Børn!A2", "Ret CPR-nummeret"),
    ("DP225", _with("Børn", 1, 0, child_cpr(7 * 366, "4568")), 1, "Børn!A2", "max_alder_fejl"),
    ("DP226", _with("Børn", 1, 0, SUBSTITUTE), 0, "Børn!A2", "ikke har et CPR-nummer"),
]


@pytest.mark.parametrize(
    ("code", "sheets", "exit_code", "cell", "hint"), CLI_CASES, ids=[c[0] for c in CLI_CASES]
)
def test_person_rules_through_the_cli(
    project: Path,
    code: str,
    sheets: dict[str, list[list[object]]],
    exit_code: int,
    cell: str,
    hint: str,
) -> None:
    result = _validate(project, sheets)
    assert result.exit_code == exit_code, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == code]
    assert found, result.stdout
    where = found[0]["location"]
    assert f"{where['sheet']}!{where['cell']}" == cell
    assert hint in found[0]["hint"] or hint in found[0]["message"]
    assert leaked_cprs(result.output) == []


@pytest.mark.parametrize(
    ("code", "before", "after", "hint"),
    [
        ("DP227", small_roster(), _with("Børn", 1, 0, NEW_CPR), "gamle id"),
        (
            "DP228",
            with_child_ids("K1", "K2", "K3"),
            corrected(with_child_ids("K1", "K2", "K3")),
            "Omidentifikation i Unilogin lukket",
        ),
    ],
    ids=["DP227", "DP228"],
)
def test_identity_changes_are_named_at_export(
    project: Path,
    code: str,
    before: dict[str, list[list[object]]],
    after: dict[str, list[list[object]]],
    hint: str,
) -> None:
    write_xlsx(project / "roster.xlsx", before)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    first = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert first.exit_code == 0 and "DP22" not in first.output
    write_xlsx(project / "roster.xlsx", after)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja")
    assert result.exit_code == 0, result.output
    assert f"{code} roster.xlsx, Børn!A2" in result.stdout and hint in result.stdout
    assert "Identiteter der skifter (1)" in result.stdout
    assert leaked_cprs(result.output, (*ALL_CPRS, NEW_CPR)) == []
    if code == "DP227":  # the old id, to put back in an id column
        old = json.loads((project / "eksport/manifest.json").read_text("utf-8"))
        assert "(før B-" in result.stdout and "salt" not in old
    # the same roster again: nothing changes identity any more
    again = run_cli("export", "--target", "unilogin", "--source-datetime", "2026-11-29T08:00:00")
    assert again.exit_code == 0 and "DP22" not in again.stdout


def test_a_known_cpr_number_under_a_new_id_is_named_at_export(project: Path) -> None:
    """D2's employee number lost its leading 0 («02» became 2, as a number cell): Unilogin
    would make her a new user and her group a new group. Said before it happens (DP270)."""
    sheets = small_roster()
    sheets["Dagplejere"][2][0] = "02"
    sheets["Børn"][2][3] = "02"
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    first = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert first.exit_code == 0 and "DP270" not in first.output
    sheets["Dagplejere"][2][0] = sheets["Børn"][2][3] = 2
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja")
    assert result.exit_code == 0, result.output
    assert "DP270 roster.xlsx, Dagplejere!A3" in result.stdout and "foranstillet 0" in result.stdout
    assert leaked_cprs(result.output) == []


def test_a_dagplejer_whose_id_is_made_from_her_name_is_named_when_it_changes(
    project: Path,
) -> None:
    """Without an id column a dagplejer's id is made from her name: married, she would be a
    new user with a new group. Said at export (DP270, variant derived)."""
    sheets = small_roster()
    sheets["Dagplejere"] = [row[1:] for row in sheets["Dagplejere"]]
    sheets["Børn"][0][3] = "Dagplejer CPR"
    for row, dagplejer in zip(sheets["Børn"][1:], (DP1, DP2, DP3), strict=True):
        row[3] = dagplejer
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    sheets["Dagplejere"][1][2] = "Holm"  # Anne Jensen is Anne Holm now
    write_xlsx(project / "roster.xlsx", sheets)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja")
    assert result.exit_code == 0, result.output
    assert "DP270 roster.xlsx, Dagplejere!A2" in result.stdout and "id-kolonne" in result.stdout


def test_an_id_given_to_another_person_after_a_gap_is_named(project: Path) -> None:
    """D1 was Anne; one export without D1; then HR gives D1 to Karen. Unilogin still binds D1
    to Anne's CPR number: DP228 says so, though the last export did not have D1."""

    def export(sheets: dict[str, list[list[object]]], when: str) -> str:
        write_xlsx(project / "roster.xlsx", sheets)
        assert run_cli("plan", "roster.xlsx").exit_code == 0
        result = run_cli("export", "--target", "unilogin", "--source-datetime", when, "--ja")
        assert result.exit_code == 0, result.output
        return result.stdout

    assert "DP228" not in export(small_roster(), WHEN)
    without = small_roster()
    del without["Dagplejere"][1]
    without["Børn"][1][3] = "D2"  # Liv moved to Bo
    assert "DP228" not in export(without, LATER)
    karen = small_roster()
    karen["Dagplejere"][1][1:4] = ["0404701234", "Karen", "Holm"]
    said = export(karen, "2026-11-29T08:00:00+01:00")
    assert "DP228 roster.xlsx, Dagplejere!A2" in said and "tidligere eksport" in said
    assert leaked_cprs(said, (*ALL_CPRS, "0404701234")) == []


def test_dagplejer_ids_from_names_are_a_warning_that_says_what_a_name_change_costs(
    project: Path,
) -> None:
    sheets = small_roster()
    sheets["Dagplejere"] = [row[1:] for row in sheets["Dagplejere"]]
    sheets["Børn"][0][3] = "Dagplejer CPR"
    for row, dagplejer in zip(sheets["Børn"][1:], (DP1, DP2, DP3), strict=True):
        row[3] = dagplejer
    result = _validate(project, sheets)
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "DP217"]
    assert result.exit_code == 0 and [f["severity"] for f in found] == ["advarsel"]
    assert "navn" in found[0]["message"] and "historik i Aula" in found[0]["message"]
    assert "[roster.kolonner] id" in found[0]["hint"]
    assert run_cli("validate", "--strict").exit_code == 1


def test_blank_custody_setting_names_its_values(project: Path) -> None:
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + '[roster]\ntom_myndighed = "ja"\n' + AREAS, encoding="utf-8"
    )
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "roster.tom_myndighed" in result.stderr and "'nej', 'forældre'" in result.stderr


def test_an_export_from_before_the_secret_is_not_a_lost_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A version 1 manifest (a salt, no fingerprint): the first export with a secret makes one
    and drops the salt."""
    exported(tmp_path, monkeypatch)
    manifest = tmp_path / "eksport/manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    data.pop("hemmelighed")
    data["unilogin"].pop("personer")
    data.update({"version": 1, "salt": "ab" * 16})
    manifest.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / SECRET_NAME).unlink()
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja")
    assert result.exit_code == 0, result.output
    data = json.loads(manifest.read_text("utf-8"))
    assert "salt" not in data and data["version"] == 2 and data["hemmelighed"]
    assert (tmp_path / SECRET_NAME).exists()


@pytest.mark.parametrize("header", ["Barn id", "Barnets nr.", "Barn nr", "Barn-ID", "Barnets id"])
def test_child_id_headers_are_recognised(header: str) -> None:
    from dagplejecli.roster.headers import HeaderMeaning, normalise_header, read_header

    assert read_header(normalise_header(header)) == HeaderMeaning("barn", "id")
    assert read_header(normalise_header("Nr")) is None  # alone, too often a row count


def test_a_lost_secret_stops_a_command_run_from_another_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The project's export folder is beside its configuration, not in the current folder: a
    command run elsewhere with ``--config`` sees the export and does not make a new secret."""
    project = tmp_path / "projekt"
    exported(project, monkeypatch)
    (project / SECRET_NAME).unlink()
    elsewhere = tmp_path / "andetsted"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = str(project / "dagpleje.toml")
    result = run_cli("validate", "--config", config)
    assert result.exit_code == 2 and no_traceback(result), result.output
    assert "Hemmeligheden mangler" in result.stderr
    assert not (project / SECRET_NAME).exists() and not (elsewhere / SECRET_NAME).exists()


def test_the_keyed_digest_made_once_per_secret_is_the_one_shot_digest() -> None:
    # ids and the manifest's hashes are made with KeyedDigest (the key's state made once);
    # they must be exactly keyed_digest's, or every child would become a new user
    import hmac as std_hmac
    from hashlib import sha256

    from dagplejecli.domain.keyed import KeyedDigest, keyed_digest

    for secret in (b"", b"k" * 32, bytes(range(200))):  # shorter and longer than a block
        made = KeyedDigest(secret)
        for kind, value in (("barn", "0101801234"), ("manifest-navn", "Åse Ærø|D1"), ("x", "")):
            expected = std_hmac.new(secret, f"{kind}|{value}".encode(), sha256).hexdigest()
            assert made(kind, value) == keyed_digest(secret, kind, value) == expected
            assert made.of_kind(kind)(value) == expected  # the manifest's per-kind functions


def test_the_keyed_digest_is_hmac_sha256_at_every_key_length() -> None:
    """KeyedDigest writes HMAC out over hashlib: the same digest as the standard library's at
    every key length around SHA-256's block (64 bytes), and for any text."""
    import hmac as std_hmac
    from hashlib import sha256

    from dagplejecli.domain.keyed import KeyedDigest

    for size in (0, 1, 32, 63, 64, 65, 128, 300):
        secret = bytes((7 * n + size) % 256 for n in range(size))
        made = KeyedDigest(secret)
        for value in ("", "0101801234", "Åse Ærø|D1", "x" * 200, "\x00\uffff"):
            expected = std_hmac.new(secret, f"kind|{value}".encode(), sha256).hexdigest()
            assert made("kind", value) == expected, (size, value)
