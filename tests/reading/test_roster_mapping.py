"""The mapping's keys for what the reader otherwise finds by itself: each sheet's header row
(``[roster] overskriftsraekke``) and the form of the children's dagplejer column
(``[roster] henvisning``). Read by them, the roster reads as they say; a key that cannot hold
is a clear error, never a guess."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagplejecli.config import RosterConfig, parse_config
from dagplejecli.domain.shape import RefForm
from dagplejecli.errors import DagplejeError
from dagplejecli.messages import finding_message
from dagplejecli.roster import read_roster
from tests.builders import small_roster, write_csv, write_xlsx

NOTES = 31  # more note rows above the headers than the reader looks through


def _deep_headers(folder: Path) -> Path:
    """The small roster with its dagplejere's headers under 31 rows of notes."""
    sheets = small_roster()
    notes: list[list[object]] = [[f"Note {n}"] for n in range(NOTES)]
    sheets["Dagplejere"] = notes + sheets["Dagplejere"]
    return write_xlsx(folder / "roster.xlsx", sheets)


def test_a_header_row_the_reader_does_not_find_is_read_by_the_mapping(tmp_path: Path) -> None:
    path = _deep_headers(tmp_path)
    unmapped, _ = read_roster(path, RosterConfig())  # no header row among the first 30
    assert "Dagplejere" not in {i.name for i in unmapped.sheet_info}
    cfg = RosterConfig(overskriftsraekke={"Dagplejere": NOTES + 1})
    roster, _ = read_roster(path, cfg)
    rows = {i.name: i.header_row for i in roster.sheet_info}
    assert rows == {"Dagplejere": NOTES + 1, "Børn": 1}
    assert len(roster.dagplejere) == 3 and len(roster.children) == 3
    assert all(c.dagplejer_id for c in roster.children)


def test_a_number_is_the_header_row_of_a_roster_of_one_sheet(tmp_path: Path) -> None:
    rows = small_roster()["Dagplejere"]
    path = write_csv(tmp_path / "dagplejere.csv", [["Dagplejere pr. 1. marts"], [], *rows])
    found, _ = read_roster(path, RosterConfig())
    given, _ = read_roster(path, RosterConfig(overskriftsraekke=3))
    assert [i.header_row for i in found.sheet_info] == [3]
    assert [i.header_row for i in given.sheet_info] == [3]
    assert len(given.dagplejere) == 3


@pytest.mark.parametrize(
    ("rows", "key", "said"),
    [
        (2, "roster_header_row_which", "siger ikke, hvilket ark"),
        ({"Børn": 40}, "roster_header_row_empty", "Række 40 i arket «Børn»"),
        ({"Boern": 1}, "roster_sheet_missing", "Arket «Boern» fra [roster] overskriftsraekke"),
    ],
)
def test_a_header_row_that_cannot_hold_is_a_clear_error(
    tmp_path: Path, rows: int | dict[str, int], key: str, said: str
) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", small_roster())
    with pytest.raises(DagplejeError) as caught:
        read_roster(path, RosterConfig(overskriftsraekke=rows))
    assert caught.value.key == key and said in caught.value.message
    assert caught.value.hint


@pytest.mark.parametrize(("name", "near"), [("Born", "Mente du «Børn»?"), ("Løn", None)])
def test_a_sheet_name_written_almost_right_is_named_in_the_hint(
    tmp_path: Path, name: str, near: str | None
) -> None:
    path = write_xlsx(tmp_path / "roster.xlsx", small_roster())
    with pytest.raises(DagplejeError) as caught:
        read_roster(path, RosterConfig(overskriftsraekke={name: 1}))
    hint = caught.value.hint or ""
    assert "[roster] overskriftsraekke" in hint
    assert (near in hint) if near else ("Mente du" not in hint)


@pytest.mark.parametrize("value", ["0", '{ "Børn" = 0 }', '{ "Børn" = "to" }'])
def test_the_configuration_refuses_a_header_row_that_is_no_row(value: str) -> None:
    text = f"[kommune]\nkode = 751\n\n[roster]\noverskriftsraekke = {value}\n"
    with pytest.raises(DagplejeError) as caught:
        parse_config(text, Path("dagpleje.toml"))
    assert any("linje 5: roster.overskriftsraekke" in d for d in caught.value.details)


def test_the_reference_form_reads_only_that_form(tmp_path: Path) -> None:
    """The children name their dagplejer by id: read so, every child links, and the reading
    says the form (init writes it); told the column holds names, none links by its id."""
    path = write_xlsx(tmp_path / "roster.xlsx", small_roster())
    found, _ = read_roster(path, RosterConfig())
    assert found.reference_form == RefForm.ID
    by_id, _ = read_roster(path, RosterConfig(henvisning="id"))
    assert [c.dagplejer_id for c in by_id.children] == ["D1", "D2", "D3"]
    by_name, findings = read_roster(path, RosterConfig(henvisning="navn"))
    assert [c.dagplejer_id for c in by_name.children] == [None, None, None]
    assert "DP241" in {f.code for f in findings}  # said, never linked in silence
    # and the form the configuration reads is named as the cause, with the key to change
    (told,) = [f for f in findings if f.code == "DP241"]
    assert told.variant == "form" and told.params["form"] == "navn"
    assert 'henvisning = "navn"' in finding_message(told)


def test_a_reference_form_on_a_one_sheet_roster_is_a_clear_error(tmp_path: Path) -> None:
    rows = [["Dagplejer nr", "Dagplejer navn", "Barn CPR", "Barn navn"]]
    rows.append(["D1", "Anne Jensen", "0101221234", "Liv Jensen"])
    path = write_xlsx(tmp_path / "roster.xlsx", {"Pladser": rows})
    with pytest.raises(DagplejeError) as caught:
        read_roster(path, RosterConfig(henvisning="id"))
    assert caught.value.key == "roster_reference_one_sheet"


def test_a_header_row_that_is_data_is_named_as_the_fault(tmp_path: Path) -> None:
    # [roster.overskriftsraekke] points at a row of children: the columns the mapping names
    # are not there, and the hint says the row looks like data, not which table to use
    path = write_xlsx(tmp_path / "roster.xlsx", small_roster())
    config = RosterConfig(
        overskriftsraekke={"Børn": 2}, boern_kolonner={"cpr": "CPR", "dagplejer": "Dagplejer"}
    )
    with pytest.raises(DagplejeError) as caught:
        read_roster(path, config)
    assert caught.value.key == "roster_column_missing"
    hint = caught.value.hint or ""
    assert "ligner data" in hint and "[roster.overskriftsraekke]" in hint
