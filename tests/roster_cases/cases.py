"""The roster corpus: every shape dagpleje reads, each with the reading it must give.

A case writes its roster (one or more files, made here or by ``generated.py``, which writes
rosters the way municipal systems export them, without knowledge of the reader) and says what
reading it must give, decision by decision: which sheet has which role, which column is which
field for whom, how many dagplejere, children and contact persons, some children's dagplejere,
some contact persons' custody, and the codes of the findings reading makes. ``roster`` holds the
decisions a user writes in ``[roster]`` (the ones the tool asks for), never a fix to the data.

A new shape is a new case here; ``tests/reading/test_roster_cases.py`` runs them all, and a
failing case names the decision that broke.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from dagplejecli.domain.shape import Role
from tests.builders import (
    CH1,
    CH2,
    CH3,
    DP1,
    DP2,
    DP3,
    FAR1,
    FAR3,
    MOR1,
    MOR2,
    MOR3,
    child_cpr,
    small_roster,
    write_csv,
    write_ods,
    write_xlsx,
)
from tests.roster_cases import generated

Rows = list[list[object]]
FAR2 = "0304871237"  # synthetic, as in tests/custody/test_custody.py


@dataclass(frozen=True)
class Built:
    """What a case's ``write`` made: the roster's files, and what the generator knows of them
    (counts, links, custody), when a generator made them."""

    files: list[Path]
    known: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    name: str
    write: Callable[[Path], Built]
    roles: dict[str, Role]  # sheet → role
    # sheet → {"cpr": header, "barn.cpr": header (one sheet), "kontakt1.relation": header …}
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    counts: tuple[int, int, int] | None = None  # dagplejere, children, contact persons
    links: dict[str, str] = field(default_factory=dict)  # child's name → dagplejer's name
    custody: dict[str, bool] = field(default_factory=dict)  # contact's name → custody
    relations: dict[str, str] = field(default_factory=dict)  # contact's name → Unilogin's
    codes: frozenset[str] = frozenset()  # every code reading gives, no more
    roster: str = ""  # [roster] settings: the decisions the tool asks for
    long_form: frozenset[str] = frozenset()  # sheets read in the long form


def _generated(shape: str, seed: int) -> Callable[[Path], Built]:
    """A roster written by ``generated.py``, with its sidecar of what a reading must find."""

    def write(folder: Path) -> Built:
        generated.SHAPES[shape](folder, seed)
        expected_name = {"csv": "pladsliste-csv"}.get(shape, shape)
        known = json.loads((folder / f"{expected_name}.expected.json").read_text("utf-8"))
        return Built([folder / f for f in known["files"]], known)

    return write


def _xlsx(
    sheets: dict[str, Rows], name: str = "roster.xlsx", **kw: object
) -> Callable[[Path], Built]:
    def write(folder: Path) -> Built:
        return Built([write_xlsx(folder / name, sheets, **kw)])  # type: ignore[arg-type]

    return write


def _two_sheets() -> dict[str, Rows]:
    return small_roster()


def _report_with_a_trailer() -> dict[str, Rows]:
    """A report's children: a total, and under it the system's own line of several cells."""
    sheets = small_roster()
    sheets["Børn"] += [["I alt: 3 børn"], ["KMD Institution", "Rapport 4711", "07-12-2026"]]
    return sheets


def _mor_far_columns() -> dict[str, Rows]:
    """The contacts as «Mor …»/«Far …» columns, each with a custody column of its own."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Fornavn",
            "Efternavn",
            "Dagplejer",
            "Mor CPR",
            "Mor navn",
            "Mor myndighed",
            "Far CPR",
            "Far navn",
            "Far myndighed",
        ],
        [CH1, "Liv", "Jensen", "D1", MOR1, "Mette Jensen", "Ja", FAR1, "Ole Jensen", "Nej"],
        [CH2, "Emil", "Ærø", "D2", MOR2, "Sara Ærø", "Ja", "", "", ""],
        [CH3, "Ida", "Østergaard", "D3", "", "", "", "", "", ""],
    ]
    return sheets


def _parents_with_phones_by_role() -> dict[str, Rows]:
    """«Forælder 1 …» and «Forælder 2 …» side by side, and the phones headed «Mors mobil» and
    «Fars mobil»: which parent is the mother the headers do not say."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Fornavn",
            "Efternavn",
            "Dagplejer",
            "Forælder 1 navn",
            "Forælder 1 CPR",
            "Mors mobil",
            "Forælder 2 navn",
            "Forælder 2 CPR",
            "Fars mobil",
        ],
        [
            CH1,
            "Liv",
            "Jensen",
            "D1",
            "Mette Jensen",
            MOR1,
            "20304050",
            "Ole Jensen",
            FAR1,
            "60708090",
        ],
        [CH2, "Emil", "Ærø", "D2", "Sara Ærø", MOR2, "21314151", "", "", ""],
        [CH3, "Ida", "Østergaard", "D3", "", "", "", "", "", ""],
    ]
    return sheets


def _payroll() -> dict[str, Rows]:
    """A payroll system's dagplejere: title rows, «Medarb. nr.», CPR numbers stored as numbers
    (a leading zero lost), «Efternavn, Fornavn» and «Postnr./by» in one column each."""
    return {
        "Dagplejere": [
            ["Odense Kommune - Dagplejen"],
            ["Udtræk 01.11.2026"],
            [],
            [
                "Medarb. nr.",
                "Personnummer",
                "Efternavn, Fornavn",
                "Adresse",
                "Postnr./by",
                "Distrikt",
            ],
            [20100, int(DP1), "Jensen, Anne", "Søndergade 1", "5000 Odense C", "Nord"],
            [20101, int(DP2), "Ærø, Bo", "Vestergade 2", "5200 Odense V", "Nord"],
            [20102, int(DP3), "Østergaard, Åse", "Nørregade 3", "5250 Odense SV", "Syd"],
        ],
        "Børn": [
            ["Indskrevne børn"],
            [],
            ["Personnummer", "Navn", "Dagplejer nr.", "Mor CPR", "Mor navn"],
            [int(CH1), "Liv Jensen", 20100, int(MOR1), "Mette Jensen"],
            [int(CH2), "Emil Ærø", 20101, "", ""],
            [int(CH3), "Ida Østergaard", 20102, "", ""],
        ],
    }


def _parents_with_addresses() -> dict[str, Rows]:
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Fornavn", "Efternavn", "Dagplejer"],
        *[r[:4] for r in sheets["Børn"][1:]],
    ]
    sheets["Forældre"] = [
        ["Barn CPR", "CPR", "Navn", "Relation", "Forældremyndighed", "Adresse", "Postnr", "By"],
        [CH1, MOR1, "Mette Jensen", "Mor", "Ja", "Søndergade 1", "8200", "Aarhus N"],
        [CH2, MOR2, "Sara Ærø", "Mor", "Ja", "Vestergade 2", "8210", "Aarhus V"],
        [CH2, FAR1, "Ole Ærø", "Far", "Nej", "Havnegade 9", "8000", "Aarhus C"],
    ]
    return sheets


def _waiting_list() -> dict[str, Rows]:
    sheets = small_roster()
    sheets["Venteliste"] = [
        ["Barnets CPR", "Navn", "Adresse", "Postnr", "Ønsket start"],
        [CH1, "Liv Jensen", "Søndergade 1", "8200", "1.8.2026"],
    ]
    return sheets


def _one_sheet_csv_cp1252(folder: Path) -> Built:
    """One sheet saved as CSV by Danish Excel: semicolons, cp1252, the dagplejer's plain
    columns («Medarbejdernr», «Navn», «Postnr») beside the child's."""
    rows = [
        [
            "Medarbejdernr",
            "CPR",
            "Navn",
            "Postnr",
            "Distrikt",
            "Barnets CPR",
            "Barnets navn",
            "Mor CPR",
            "Mor navn",
            "Mor myndighed",
        ],
        ["D1", DP1, "Anne Jensen", "8200", "Nord", CH1, "Liv Jensen", MOR1, "Mette Jensen", "Ja"],
        ["D1", DP1, "Anne Jensen", "8200", "Nord", CH2, "Emil Jensen", MOR2, "Sara Ærø", "Ja"],
        ["D3", DP3, "Åse Østergaard", "8260", "Syd", CH3, "Ida Østergaard", "", "", ""],
    ]
    return Built([write_csv(folder / "roster.csv", rows, encoding="cp1252")])


_NAMES_HEADER = ["Dagplejer", "Dagplejers CPR", "Adresse", "Postnr", "By", "Barn", "CPR-nummer"]


def _one_sheet_of_names() -> dict[str, Rows]:
    """One sheet where «Dagplejer» and «Barn» hold names, the CPR numbers beside them, and no
    column of ids: the names are read as names, and the dagplejere's ids are made."""
    anne = ["Anne Jensen", DP1, "Søndergade 1", "8200", "Aarhus N"]
    return {
        "Ark1": [
            [*_NAMES_HEADER, "Mor", "Mors CPR", "Mor myndighed"],
            [*anne, "Liv Jensen", CH1, "Mette Jensen", MOR1, "Ja"],
            [*anne, "Emil Ærø", CH2, "Sara Ærø", MOR2, "Ja"],
            ["Bo Ærø", DP2, "Vestergade 2", "8210", "Aarhus V", "Ida Holm", CH3, "", "", ""],
        ]
    }


def _children_side_by_side() -> dict[str, Rows]:
    """A dagplejer per row with her children in numbered blocks to the right («Barn 1», «CPR
    barn 1», «Start barn 1», «Barn 2» …; a block left blank where she has fewer), the whole
    address in one cell, a total under the rows; the parents on a sheet of their own, mother
    and father side by side by the child's CPR, custody as «Begge» or «Mor»."""
    blocks = [f"{h} {n}" for n in (1, 2) for h in ("Barn", "CPR barn", "Start barn")]
    liv, emil = (
        ["Liv Jensen", f"{CH1[:6]}-{CH1[6:]}", "01-08-2025"],
        ["Emil Ærø", CH2, "01-02-2026"],
    )
    ida, none = ["Ida Holm", CH3, "01-03-2026"], ["", "", ""]
    return {
        "Oversigt": [
            ["Dagplejen – oversigt pr. 1. december 2026"],
            [],
            ["Dagplejer", "Medarbejdernr.", "CPR", "Adresse", "Distrikt", *blocks],
            ["Anne Jensen", 40101, DP1, "Søndergade 1, 8200 Aarhus N", "Nord", *liv, *emil],
            ["Bo Ærø", 40102, DP2, "Vestergade 2, 8210 Aarhus V", "Nord", *ida, *none],
            ["Åse Østergaard", 40103, DP3, "Nørregade 3, 8260 Viby J", "Syd", *none, *none],
            ["I alt", "", "", "", "", 3],
        ],
        "Forældre": [
            ["Barnets CPR", "Mor", "Mors CPR", "Far", "Fars CPR", "Forældremyndighed"],
            [CH1, "Mette Jensen", MOR1, "Ole Jensen", FAR1, "Begge"],
            [CH2, "Sara Ærø", MOR2, "", "", "Mor"],
            [CH3, "Line Holm", MOR3, "Per Holm", FAR3, "Mor"],
        ],
    }


def _ods(folder: Path) -> Built:
    return Built([write_ods(folder / "roster.ods", small_roster())])


def _note_with_commas(folder: Path) -> Built:
    """A semicolon CSV whose first line is a note with more commas than the header has
    semicolons: the delimiter is the one that splits the lines alike."""
    lines = [
        "Udtræk, dagpleje, alle distrikter, alle børn, pr. dato, 01-12-2026, side 1, af 1, "
        "sorteret, efter dagplejer, og barn, kun aktive, uden venteliste",
        "Medarb. nr.;CPR;Navn;Distrikt;Barnets CPR;Barnets navn;Mor CPR;Mor navn;Mor myndighed",
        f"D1;{DP1};Anne Jensen;Nord;{CH1};Liv Jensen;{MOR1};Mette Jensen;Ja",
        f"D2;{DP2};Bo Ærø;Nord;{CH2};Emil Ærø;{MOR2};Sara Ærø;Ja",
        f"D3;{DP3};Åse Østergaard;Syd;{CH3};Ida Østergaard;;;",
    ]
    path = folder / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return Built([path])


def _long_form_sole_guardians() -> dict[str, Rows]:
    """The long form where each child has one contact person: no child on two rows, so the
    reader cannot tell the long form by itself; ``lang_form = true`` says it."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "Barnets CPR",
            "Barnets navn",
            "Dagplejer",
            "Kontaktperson",
            "Kontaktperson CPR",
            "Relation",
            "Forældremyndighed",
            "Telefon",
        ],
        [CH1, "Liv Jensen", "D1", "Mette Jensen", MOR1, "Mor", "Ja", "11 22 33 44"],
        [CH2, "Emil Ærø", "D2", "Ole Ærø", FAR1, "Far", "Nej", "+45 55 66 77 88"],
        [CH3, "Ida Østergaard", "D3", "Sara Østergaard", MOR2, "Mor", "Ja", ""],
    ]
    return sheets


def _last_child_with_a_name_only() -> dict[str, Rows]:
    """A new child at the end with only a name so far: a child with missing details (the
    checks say which), never a note set aside."""
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Navn", "Dagplejer"],
        [CH1, "Liv Jensen", "D1"],
        [CH2, "Emil Ærø", "D2"],
        ["", "Ida Østergaard", ""],
    ]
    return sheets


def _one_child_written_twice() -> dict[str, Rows]:
    """One row per child with a single contact group, and one child written twice by mistake:
    still one row per child (the row's «Forældremyndighed» is not the contact's own)."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Navn",
            "Dagplejer",
            "Forælder CPR",
            "Forælder navn",
            "Relation",
            "Forældremyndighed",
        ],
        [CH1, "Liv Jensen", "D1", MOR1, "Mette Jensen", "Mor", "Ja"],
        [CH1, "Liv Jensen", "D1", FAR1, "Ole Jensen", "Far", "Ja"],
        [CH2, "Emil Ærø", "D2", MOR2, "Sara Ærø", "Mor", "Ja"],
        [CH3, "Ida Østergaard", "D3", FAR2, "Per Østergaard", "Far", "Ja"],
    ]
    return sheets


def _custody_named_both_or_yes() -> dict[str, Rows]:
    """A row's custody cell that names who has it, as a booking system writes «both»
    («Begge»: Mor and Far), and one that says «Ja», which names no one."""
    sheets = small_roster()
    sheets["Børn"] = [
        ["CPR", "Navn", "Dagplejer", "Mor CPR", "Mor navn", "Far CPR", "Far navn", "Myndighed"],
        [CH1, "Liv Jensen", "D1", MOR1, "Mette Jensen", FAR1, "Ole Jensen", "Begge"],
        [CH2, "Emil Ærø", "D2", MOR2, "Sara Ærø", FAR2, "Bo Ærø", "Ja"],
    ]
    return sheets


def _custody_named_for_parents_by_cpr() -> dict[str, Rows]:
    """«Mor» on the child's row, and two contacts written «Forælder» (Mor or Far only by the
    CPR number): whose custody the cell means cannot be told, so no one gets it."""
    sheets = small_roster()
    sheets["Børn"] = [
        [
            "CPR",
            "Navn",
            "Dagplejer",
            "Kontakt1 CPR",
            "Kontakt1 navn",
            "Kontakt1 relation",
            "Kontakt2 CPR",
            "Kontakt2 navn",
            "Kontakt2 relation",
            "Forældremyndighed",
        ],
        [
            CH1,
            "Liv Jensen",
            "D1",
            MOR1,
            "Mette Jensen",
            "Forælder",
            MOR2,
            "Sara Jensen",
            "Forælder",
            "Mor",
        ],
        [CH2, "Emil Ærø", "D2", MOR2, "Sara Ærø", "Mor", FAR1, "Ole Ærø", "Far", "Mor"],
    ]
    return sheets


def _payroll_and_children_csv(folder: Path) -> Built:
    """A payroll system's CSV and a children's CSV, cp1252, the parents under «Mor» and «Far»
    (their names) beside «Mor CPR» and «Far CPR»."""
    payroll = [
        ["Medarb.nr", "Navn", "Adresse", "Postnr. og by", "Tlf."],
        ["20100", "Anne Jensen", "Søndergade 1", "8200 Aarhus N", "11223344"],
        ["20101", "Bo Ærø", "Vestergade 2", "8210 Aarhus V", "55667788"],
    ]
    children = [
        ["CPR-nr. barn", "Navn barn", "Dagplejer medarb.nr", "Mor", "Mor CPR", "Far", "Far CPR"],
        [CH1, "Liv Jensen", "20100", "Mette Jensen", MOR1, "Ole Jensen", FAR1],
        [CH2, "Emil Ærø", "20101", "Sara Ærø", MOR2, "", ""],
    ]
    return Built(
        [
            write_csv(folder / "loen.csv", payroll),
            write_csv(folder / "boern.csv", children),
        ]
    )


def _kmd_style() -> dict[str, Rows]:
    """A placement system's list: title rows, «Forælder 1 …»/«Forælder 2 …» without a relation
    column (the header says a parent: Mor or Far by the CPR number), the dagplejer by her
    initials, and a count under the data."""
    return {
        "Pladsliste": [
            ["KMD Institution - Udtræk: Pladsliste dagpleje"],
            ["Udskrevet 07-12-2026 kl. 08:14"],
            [],
            [
                "Pladsnr",
                "Barn fornavn",
                "Barn efternavn",
                "Barn cpr",
                "Dagplejer (initialer)",
                "Forælder 1 navn",
                "Forælder 1 cpr",
                "Forælder 1 forældremyndighed",
                "Forælder 2 navn",
                "Forælder 2 cpr",
                "Forælder 2 forældremyndighed",
            ],
            [
                "P1001",
                "Liv",
                "Jensen",
                CH1,
                "AJ",
                "Mette Jensen",
                MOR1,
                "Ja",
                "Ole Jensen",
                FAR1,
                "Nej",
            ],
            ["P1002", "Emil", "Ærø", CH2, "BÆ", "Sara Ærø", MOR2, "Ja", "", "", ""],
            [],
            ["Antal børn: 2"],
        ],
        "Dagplejere": [
            ["Initialer", "Navn", "Cpr-nr", "Adresse", "Postnr", "By"],
            ["AJ", "Anne Jensen", DP1, "Søndergade 1", "8200", "Aarhus N"],
            ["BÆ", "Bo Ærø", DP2, "Vestergade 2", "8210", "Aarhus V"],
        ],
    }


def _one_sheet_long_form() -> dict[str, Rows]:
    """One sheet, a row per child and contact person, no sheet of dagplejere: each named as
    «Efternavn, Fornavn - id»; custody as «X» or blank; the parent's phone on the row."""
    return {
        "Børn og forældre": [
            [
                "Dagplejer",
                "Barnets navn",
                "Barnets CPR",
                "Kontaktperson",
                "Kontaktperson CPR",
                "Relation",
                "Forældremyndighed",
                "Telefon",
            ],
            [
                "Jensen, Anne - 5270",
                "Liv Jensen",
                CH1,
                "Mette Jensen",
                MOR1,
                "Mor",
                "X",
                "11223344",
            ],
            ["Jensen, Anne - 5270", "Liv Jensen", CH1, "Ole Jensen", FAR1, "Far", "", "22334455"],
            ["Ærø, Bo - 4841", "Emil Ærø", CH2, "Sara Ærø", MOR2, "Mor", "X", "33445566"],
            ["Ærø, Bo - 4841", "Emil Ærø", CH2, "Per Ærø", FAR2, "Far", "X", "44556677"],
            ["Ærø, Bo - 4841", "Ida Ærø", CH3, "Sara Ærø", MOR2, "Mor", "X", "33445566"],
        ]
    }


def _one_sheet_with_a_guest_carer() -> dict[str, Rows]:
    """The one-sheet long form with the dagplejer's plain «Gæstedagplejer» and «Stilling»."""
    rows = _one_sheet_long_form()["Børn og forældre"]
    guest = {"Ærø, Bo - 4841": ["Ja", "Gæstedagplejer"]}
    return {
        "Børn og forældre": [
            [*rows[0], "Gæstedagplejer", "Stilling"],
            *[[*row, *guest.get(str(row[0]), ["Nej", "Dagplejer"])] for row in rows[1:]],
        ]
    }


def sheet_per_district() -> dict[str, Rows]:
    """A workbook with a sheet per district, each a one-sheet roster under its own title
    block (of different lengths), and an overview sheet of counts before them."""
    header = [
        "Dagplejer nr.",
        "Dagplejer",
        "Dagplejers adresse",
        "Dagplejers CPR",
        "Barnets CPR",
        "Barnets fornavn",
        "Barnets efternavn",
        "Mor navn",
        "Mor CPR",
        "Far navn",
        "Far CPR",
        "Forældremyndighed",
    ]
    anne = ["D1", "Anne Jensen", "Lindholm Brygge 117B, 9200 Aalborg SV", DP1]
    bo = ["D2", "Bo Ærø", "Hobrovej 33, 9310 Vodskov", DP2]
    cecilie = ["D3", "Cecilie Holm", "Vestergade 2, 9000 Aalborg", DP3]
    return {
        "Oversigt": [["Dagplejen – oversigt"], [], ["Distrikt", "Dagplejere"], ["Nord", 1]],
        "Nord": [
            ["Dagplejen – distrikt Nord"],
            ["Udtrukket 01-12-2026"],
            header,
            [*anne, CH1, "Liv", "Jensen", "Mette Jensen", MOR1, "Ole Jensen", FAR1, "Fælles"],
        ],
        "Syd": [
            ["Dagplejen – distrikt Syd"],
            header,
            [*bo, CH2, "Emil", "Ærø", "Sara Ærø", MOR2, "", "", "Mor"],
            [*cecilie],  # a dagplejer without children this month
        ],
    }


def two_level_header() -> dict[str, Rows]:
    """A children's sheet under a two-level header: group headings in merged cells (the text
    in the first, blanks after it) over sub-headings that repeat («CPR», «Navn», «Mobil»)."""
    groups = ["Dagplejer", "", "Barn", "", "", "Mor", "", "", "", "Far", "", "", ""]
    subs = ["Nr.", "Navn", "CPR", "Fornavn", "Efternavn"]
    subs += ["CPR", "Navn", "Mobil", "Forældremyndighed"] * 2
    anne, bo = ["D1", "Anne Jensen"], ["D2", "Bo Ærø"]
    mette = [MOR1, "Mette Jensen", "20304050", "Ja"]
    ole = [FAR1, "Ole Jensen", "30405060", "Nej"]
    return {
        "Dagplejere": small_roster()["Dagplejere"],
        "Børneliste": [
            ["Børneliste pr. 1. december"],
            groups,
            subs,
            [*anne, CH1, "Liv", "Jensen", *mette, *ole],
            [*bo, CH2, "Emil", "Ærø", MOR2, "Sara Ærø", "40506070", "Ja", "", "", "", ""],
        ],
    }


def area_sheets_with_hr_list() -> dict[str, Rows]:
    """The children on a sheet per area («Nord», «Syd»), each row naming its dagplejer as
    «Navn (medarbejdernr)», and the dagplejere on HR's list, which says nothing of areas."""
    header = ["Barnets navn", "CPR-nr.", "Dagplejer", "Mor", "Mors CPR", "Far", "Fars CPR"]
    header.append("Forældremyndighed")  # (each sheet its own copy, below)
    return {
        "Dagplejere": [
            ["Medarbejdernr", "CPR", "Navn", "Adresse"],
            ["41789", DP1, "Anne Jensen", "Søndergade 1, 8200 Aarhus N"],
            ["41450", DP2, "Bo Ærø", "Vestergade 2, 8210 Aarhus V"],
            ["41501", DP3, "Åse Holm", "Nørregade 3, 8260 Viby J"],
        ],
        "Nord": [
            header,
            ["Liv Jensen", CH1, "Anne Jensen (41789)", "Mette Jensen", MOR1, "", "", "Mor"],
            ["Ida Jensen", CH3, "Anne Jensen (41789)", "", "", "Ole Jensen", FAR1, "Far"],
            ["Alma Holm", child_cpr(400, "1124"), "Åse Holm (41501)", "", "", "", "", ""],
        ],
        "Syd": [
            list(header),
            ["Emil Ærø", CH2, "Bo Ærø (41450)", "Sara Ærø", MOR2, "", "", "Mor"],
        ],
    }


def area_sheets_in_their_own_order() -> dict[str, Rows]:
    """``area_sheets_with_hr_list`` with the headers of «Syd» in another order (another
    person keeps that sheet): the same headers, each once, read by their header."""
    sheets = area_sheets_with_hr_list()
    order = [2, 0, 1, 7, 5, 6, 3, 4]  # Dagplejer, Barnets navn, CPR-nr., Forældremyndighed …
    sheets["Syd"] = [[row[c] for c in order] for row in sheets["Syd"]]
    return sheets


def other_contact_beside_mor_and_far() -> dict[str, Rows]:
    """Mor and Far in columns of their own, and a third contact person («Anden kontakt»,
    «Anden kontakts CPR») whose relation stands in a plain «Relation»: the one group whose
    headers do not say its relation."""
    sheets = small_roster()
    parents = ["Mor", "Mors CPR", "Far", "Fars CPR"]
    other = ["Anden kontakt", "Anden kontakts CPR", "Relation"]
    sheets["Børn"] = [
        ["Barnets CPR", "Barnets navn", "Dagplejer", *parents, *other],
        [CH1, "Liv Jensen", "D1", "Mette Jensen", MOR1, "Ole Jensen", FAR1, "", "", ""],
        [CH2, "Emil Ærø", "D2", "", "", "", "", "Lene Holm", FAR2, "Plejemor"],
    ]
    return sheets


def grouped_by_dagplejer(with_column: bool = False) -> dict[str, Rows]:
    """A childcare system's «Børneliste pr. dagplejer»: per dagplejer a row with her name, the
    header again, her children, and «Antal børn»; ``with_column``: a «Dagplejer» column added
    and filled down (on the heading rows too, as copying down does)."""
    sheets = small_roster()
    header = ["Barnets navn", "CPR-nr.", "Mor", "Mors CPR", "Forældremyndighed"]
    rows: list[list[object]] = [["Børneliste pr. dagplejer – udskrevet 07-12-2026"], []]
    groups = {"D1": ("Anne Jensen", [sheets["Børn"][1]]), "D3": ("Åse Østergaard", [])}
    groups["D2"] = ("Bo Ærø", [sheets["Børn"][2], sheets["Børn"][3]])
    for ident, (name, children) in groups.items():
        rows.append([f"Dagplejer: {name} ({ident})"])
        rows.append(header)
        for child in children:
            rows.append([f"{child[1]} {child[2]}", child[0], child[5], child[4], "Mor"])
        rows += [[f"Antal børn: {len(children)}"], []]
    if with_column:
        ref = ""
        for row in rows:
            if row and str(row[0]).startswith("Dagplejer:"):
                ref = str(row[0]).split("(")[1].rstrip(")")
            row.extend([""] * (5 - len(row)))
            row.append("Dagplejer" if row[0] == "Barnets navn" else ref if row[0] else "")
    sheets["Børn"] = rows
    return sheets


def guardian_in_columns_of_their_own() -> dict[str, Rows]:
    """Mor and Far with custody columns, and for one child a guardian in «Værge» and «Værge
    CPR»: the header says the relation as a cell would («Værge»), which the configuration
    maps ([roster.relationer]), as DP211 asks."""
    sheets = small_roster()
    mor = ["Mor", "Mor CPR", "Mor myndighed"]
    far = ["Far", "Far CPR", "Far myndighed"]
    sheets["Børn"] = [
        ["Barnets CPR", "Barnets navn", "Dagplejer", *mor, *far, "Værge", "Værge CPR"],
        [CH1, "Liv Jensen", "D1", "Mette Jensen", MOR1, "X", "Ole Jensen", FAR1, "", "", ""],
        [CH2, "Emil Ærø", "D2", "", "", "", "", "", "", "Lene Holm", FAR2],
    ]
    return sheets


def grouped_by_dagplejer_per_area() -> dict[str, Rows]:
    """A list grouped by dagplejer on a sheet per area: on «Nord» two groups (Anne's, Åse's),
    on «Syd» one, each sheet's first heading over its header, in its title block."""
    sheets = small_roster()
    header = ["Barnets navn", "CPR-nr.", "Mor", "Mors CPR", "Forældremyndighed"]
    kids = {row[3]: row for row in sheets["Børn"][1:]}

    def kid(ident: str) -> list[object]:
        c = kids[ident]
        return [f"{c[1]} {c[2]}", c[0], c[5], c[4], "Mor"]

    title: Rows = [["Børneliste pr. dagplejer"], []]
    del sheets["Børn"]
    sheets["Nord"] = [
        *title,
        ["Dagplejer: Anne Jensen (D1)"],
        list(header),
        kid("D1"),
        ["Antal børn: 1"],
        [],
        ["Dagplejer: Åse Østergaard (D3)"],
        list(header),
        kid("D3"),
        ["Antal børn: 1"],
    ]
    sheets["Syd"] = [*title, ["Dagplejer: Bo Ærø (D2)"], list(header), kid("D2"), ["Antal børn: 1"]]
    return sheets


def sheet_per_dagplejer() -> dict[str, Rows]:
    """A sheet per dagplejer, named by her, who is said only in the title block above the
    children («Dagplejer: Anne Jensen», «Medarbejdernr: D1»), with a print date that is no
    one's end of care («Udskrevet: 01-12-2026»); no list of dagplejere beside them."""
    header = ["CPR", "Navn", "Forælder 1", "Forælder 1 CPR", "Forælder 2", "Forælder 2 CPR"]

    def block(name: str, number: str, address: str) -> Rows:
        return [
            [f"Dagplejer: {name}"],
            ["Medarbejdernr:", number],
            [f"Adresse: {address}"],
            ["Udskrevet: 01-12-2026"],
            [],
            header,
        ]

    return {
        "Anne Jensen": [
            *block("Anne Jensen", "D1", "Lindholm Brygge 117B, 9200 Aalborg SV"),
            [CH1, "Liv Jensen", "Mette Jensen", MOR1, "Ole Jensen", FAR1],
        ],
        "Bo Ærø": [
            *block("Bo Ærø", "D2", "Hobrovej 33, 9310 Vodskov"),
            [CH2, "Emil Ærø", "Sara Ærø", MOR2, "", ""],
            ["Bemærk: Bo holder ferie i uge 52"],  # no child: said once (DP256)
            [CH3, "Ida Østergaard", "Per Ærø", FAR2, "", ""],
            ["I alt: 2 børn"],  # no child either
        ],
    }


def one_sheet_plain_child_columns() -> dict[str, Rows]:
    """One sheet: the dagplejer's columns named as hers («Dagplejer», «Medarbejdernr»), the
    child's plainly («CPR», «Navn»), two contact groups after them."""
    header = ["Medarbejdernr", "Dagplejer", "CPR", "Navn", "Forælder 1", "Forælder 1 CPR"]
    return {
        "Ark1": [
            [*header, "Forælder 2", "Forælder 2 CPR"],
            ["D1", "Anne Jensen", CH1, "Liv Jensen", "Mette Jensen", MOR1, "Ole Jensen", FAR1],
            ["D2", "Bo Ærø", CH2, "Emil Ærø", "Sara Ærø", MOR2],
        ]
    }


def _only_dagplejere() -> dict[str, Rows]:
    return {"Dagplejere": small_roster()["Dagplejere"]}


def _csv_pair_with_address_in_one_cell(folder: Path) -> Built:
    """A booking system's long-form list and HR's list of dagplejere as two files, the HR list
    with the whole address in one cell."""
    pladsliste = [
        [
            "Barnets CPR",
            "Barnets navn",
            "Dagplejer",
            "Kontaktperson",
            "Kontaktperson CPR",
            "Relation",
            "Forældremyndighed",
        ],
        [CH1, "Liv Jensen", "Dagplejer Anne Jensen (20100)", "Mette Jensen", MOR1, "Mor", "Ja"],
        [CH1, "Liv Jensen", "Dagplejer Anne Jensen (20100)", "Ole Jensen", FAR1, "Far", "Ja"],
        [CH2, "Emil Ærø", "Dagplejer Bo Ærø (20101)", "Sara Ærø", MOR2, "Mor", "Ja"],
        [CH2, "Emil Ærø", "Dagplejer Bo Ærø (20101)", "Per Ærø", FAR2, "Far", "Nej"],
        ["I alt: 2 børn"],
    ]
    hr = [
        ["Medarb. nr.", "CPR-nr.", "Navn", "Adresse"],
        ["20100", DP1, "Anne Jensen", "Lindholm Brygge 117B, 3. tv, 9200 Aalborg SV"],
        ["20101", DP2, "Bo Ærø", "Hobrovej 33, 9310 Vodskov"],
    ]
    return Built(
        [
            write_csv(folder / "pladsliste.csv", pladsliste, encoding="utf-8-sig"),
            write_csv(folder / "dagplejere.csv", hr, encoding="cp1252"),
        ]
    )


def _booking_csv_with_stue(folder: Path) -> Built:
    """A booking system's CSV (Windows-1252, semicolons) with the child as «Barn CPR» and
    «Barn navn», two numbered contact groups on the row, and the dagplejer in a column headed
    «Stue» as «Dagplejer Anne Jensen (20100)»; the dagplejere in HR's workbook."""
    header = [
        "Institution",
        "Stue",
        "Barn CPR",
        "Barn navn",
        "Kontakt 1 navn",
        "Kontakt 1 CPR",
        "Kontakt 1 relation",
        "Kontakt 1 forældremyndighed",
        "Kontakt 2 navn",
        "Kontakt 2 CPR",
        "Kontakt 2 relation",
        "Kontakt 2 forældremyndighed",
    ]
    anne, bo = "Dagplejer Anne Jensen (20100)", "Dagplejer Bo Ærø (20101)"
    jensen = ["Mette Jensen", MOR1, "Mor", "Ja", "Ole Jensen", FAR1, "Far", "Ja"]
    pladser = [
        header,
        ["Dagplejen Øst", anne, CH1, "Liv Jensen", *jensen],
        ["Dagplejen Øst", bo, CH2, "Emil Ærø", "Sara Ærø", MOR2, "Mor", "Ja", "", "", "", ""],
    ]
    hr = [
        ["Medarbejdernr", "Navn", "Adresse", "Postnr.", "By", "CPR-nr."],
        ["20100", "Anne Jensen", "Lindholm Brygge 117B", "9200", "Aalborg SV", DP1],
        ["20101", "Bo Ærø", "Hobrovej 33", "9310", "Vodskov", DP2],
    ]
    return Built(
        [
            write_csv(folder / "pladser.csv", pladser, encoding="cp1252"),
            write_xlsx(folder / "personale.xlsx", {"Medarbejdere": hr}),
        ]
    )


def _three_csv_files_with_placement_status(folder: Path) -> Built:
    """A booking system's children and contacts and HR's dagplejere as three CSV files
    (Windows-1252, semicolons, as Danish Excel saves them): the children's file says the
    placement by «Indmeldt»/«Udmeldt» and «Pasningsstatus» and the district by «Distrikt»
    (HR's list has none); the contacts' file has one row per contact person, with the child's
    CPR number."""
    hr = [
        ["Lønnummer", "Fornavn", "Efternavn", "CPR-nr.", "Adresse", "Postnr. og by"],
        ["31001", "Anne", "Jensen", DP1, "Birkevej 12, 1. th.", "8600 Silkeborg"],
        ["31002", "Bo", "Ærø", DP2, "Søvej 3", "8600 Silkeborg"],
    ]
    head = ["Barnets CPR", "Barnets navn", "Dagplejer (lønnr.)", "Indmeldt", "Udmeldt"]
    children = [
        [*head, "Pasningsstatus", "Distrikt"],
        [CH1, "Jensen, Liv", "31001", "01.03.2026", "", "Indskrevet", "Nord"],
        [CH2, "Ærø, Emil", "31001", "01.02.2026", "", "Indskrevet", "Nord"],
        [CH3, "Østergaard, Ida", "31002", "", "", "Venteliste", "Syd"],
    ]
    contacts = [
        ["Barnets CPR", "Kontaktpersonens CPR", "Fornavn", "Efternavn", "Relation", "Myndighed"],
        [CH1, MOR1, "Mette", "Jensen", "Mor", "Ja"],
        [CH1, FAR1, "Ole", "Jensen", "Far", "Ja"],
        [CH2, MOR2, "Sara", "Ærø", "Mor", "Ja"],
        [CH3, FAR2, "Jon", "Østergaard", "Far", "Ja"],
    ]
    return Built(
        [
            write_csv(folder / "boern.csv", children),
            write_csv(folder / "medarbejdere.csv", hr),
            write_csv(folder / "kontakter.csv", contacts),
        ]
    )


def _english_provider_files(folder: Path) -> Built:
    """A children's file with English headers, the dagplejer as «Provider ID», alias columns
    for a protected child, and the parents as «Guardian 1 …»/«Guardian 2 …»; the dagplejere
    in a file of their own, with English headers too."""
    children = [
        [
            "Child SSN",
            "Child first name",
            "Child last name",
            "Provider ID",
            "Navne- og adressebeskyttelse",
            "Alias first name",
            "Alias last name",
            "Guardian 1 name",
            "Guardian 1 SSN",
            "Guardian 1 relation",
            "Guardian 1 custody",
            "Guardian 2 name",
            "Guardian 2 SSN",
            "Guardian 2 relation",
            "Guardian 2 custody",
        ],
        [
            CH1,
            "Liv",
            "Jensen",
            "E1",
            "",
            "",
            "",
            "Mette Jensen",
            MOR1,
            "Mor",
            "Ja",
            "Ole Jensen",
            FAR1,
            "Far",
            "Ja",
        ],
        [
            CH2,
            "Emil",
            "Ærø",
            "E2",
            "Ja",
            "Anders",
            "And",
            "Sara Ærø",
            MOR2,
            "Mor",
            "Ja",
            "",
            "",
            "",
            "",
        ],
    ]
    providers = [
        ["Employee ID", "SSN", "First name", "Last name", "Zip code", "Team"],
        ["E1", DP1, "Anne", "Jensen", "8000", "Nord"],
        ["E2", DP2, "Bo", "Ærø", "8200", "Syd"],
    ]
    return Built(
        [
            write_csv(folder / "children.csv", children, encoding="utf-8"),
            write_csv(folder / "providers.csv", providers, encoding="utf-8"),
        ]
    )


AREA_SHEETS = Case(
    "boern-paa-et-ark-pr-omraade-og-hr-liste",
    _xlsx(area_sheets_with_hr_list()),
    # the area sheets read as one, each row with its sheet in «Ark», which is read as the
    # dagplejer's (DP271: her children all on one sheet), for the areas' rules
    roles={"Dagplejere": Role.DAGPLEJERE, "Nord, Syd": Role.BOERN},
    columns={"Nord, Syd": {"dagplejer": "Dagplejer", "cpr": "CPR-nr."}},
    counts=(3, 4, 3),
    links={"Liv Jensen": "Anne Jensen", "Ida Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
    custody={"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": True},
    codes=frozenset({"DP258", "DP264", "DP271"}),  # custody by the named parent too
    roster='raekke_myndighed = "navngivet"\nboern_ark = ["Nord", "Syd"]',
)

CASES = [
    Case(
        "to-ark",
        _xlsx(_two_sheets()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={
            "Børn": {
                "cpr": "CPR",
                "dagplejer": "Dagplejer",
                "kontakt1.cpr": "Kontakt1 CPR",
                "kontakt1.myndighed": "Kontakt1 myndighed",
            }
        },
        counts=(3, 3, 3),
        links={"Liv Jensen": "Anne Jensen", "Ida Østergaard": "Åse Østergaard"},
        custody={"Mette Jensen": True},
    ),
    Case(
        "rapport-med-hale",
        _xlsx(_report_with_a_trailer()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 3),
        links={"Liv Jensen": "Anne Jensen"},
        codes=frozenset({"DP256"}),
    ),
    Case(
        "mor-og-far-kolonner",
        _xlsx(_mor_far_columns()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Børn": {"kontakt101.cpr": "Mor CPR", "kontakt102.myndighed": "Far myndighed"}},
        counts=(3, 3, 3),
        links={"Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": False},
    ),
    Case(
        "tre-ark-med-kontakter",
        _generated("payroll", 4),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN, "Forældre": Role.KONTAKTER},
        columns={"Forældre": {"barn": "Barn CPR"}},
        codes=frozenset({"DP202", "DP211"}),  # CPR numbers stored as numbers; «Værge» to map
    ),
    Case(
        "tre-ark-vaerge-mappet",
        _generated("payroll", 4),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN, "Forældre": Role.KONTAKTER},
        codes=frozenset({"DP202"}),
        roster='[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
    ),
    Case(
        "et-ark",
        _generated("onesheet", 3),
        roles={"Børn pr. dagplejer": Role.ET_ARK},
        columns={
            "Børn pr. dagplejer": {
                "id": "Dagplejer nr",
                "barn.cpr": "Barnets CPR",
                "kontakt101.cpr": "Mor CPR",
            }
        },
        codes=frozenset({"DP256", "DP258"}),  # the notes row; custody that names who
        roster='raekke_myndighed = "navngivet"',
    ),
    Case(
        "loenregister",
        _xlsx(_payroll()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={
            "Dagplejere": {
                "id": "Medarb. nr.",
                "postnr": "Postnr./by",
                "navn": "Efternavn, Fornavn",
            }
        },
        counts=(3, 3, 1),
        links={"Liv Jensen": "Anne Jensen", "Ida Østergaard": "Åse Østergaard"},
        codes=frozenset({"DP202"}),
        roster='tom_myndighed = "forældre"',
    ),
    Case(
        "foraeldre-med-adresse",
        _xlsx(_parents_with_addresses()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN, "Forældre": Role.KONTAKTER},
        counts=(3, 3, 3),
        custody={"Ole Ærø": False, "Sara Ærø": True},
    ),
    Case(
        "venteliste-ved-siden-af",
        _xlsx(_waiting_list()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 3),
        codes=frozenset({"DP248"}),  # the waiting list is said, never read as contacts
    ),
    Case(
        "engelsk",
        _generated("english", 2),
        roles={"Employees": Role.DAGPLEJERE, "Children": Role.BOERN},
        columns={
            "Children": {
                "cpr": "Child SSN",
                "dagplejer": "Caregiver ID",
                "kontakt1.cpr": "Guardian 1 SSN",
            }
        },
        roster='[roster.relationer]\n"Legal guardian" = "Officielt tilknyttet person"',
    ),
    Case(
        "et-ark-csv-cp1252",
        _one_sheet_csv_cp1252,
        roles={"roster.csv": Role.ET_ARK},
        columns={"roster.csv": {"id": "Medarbejdernr", "barn.cpr": "Barnets CPR"}},
        counts=(2, 3, 2),
        links={"Emil Jensen": "Anne Jensen"},
        custody={"Sara Ærø": True},
    ),
    Case(
        "ods",
        _ods,
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 3),
        links={"Liv Jensen": "Anne Jensen"},
    ),
    Case(
        "pladsliste",
        _generated("pladsliste", 0),
        roles={"Pladsliste": Role.BOERN, "Dagplejere": Role.DAGPLEJERE},
        columns={
            "Pladsliste": {
                "kontakt1.relation": "Relation",
                "kontakt1.myndighed": "Forældremyndighed",
                "kontakt1.telefon": "Telefon",
                "kontakt1.navn": "Kontaktperson",
            }
        },
        long_form=frozenset({"Pladsliste"}),
        # a child's rows read as one child; the totals row; the hidden lookup sheet
        codes=frozenset({"DP255", "DP256", "DP257", "DP259"}),
        roster='[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
    ),
    Case(
        "pladsliste-som-to-csv-filer",
        _generated("csv", 1),
        roles={"pladsliste.csv": Role.BOERN, "dagplejere.csv": Role.DAGPLEJERE},
        long_form=frozenset({"pladsliste.csv"}),
        codes=frozenset({"DP255", "DP259"}),
        roster='[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
    ),
    Case(
        "henvisninger-i-mange-former",
        _generated("references", 2),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Dagplejere": {"id": "Dagplejer nr."}},
        # a namesake never picked (DP240); children linked by a name only one dagplejer has
        codes=frozenset({"DP240", "DP243"}),
        roster='[roster.relationer]\n"Værge" = "Officielt tilknyttet person"',
    ),
    Case(
        "to-csv-filer-adresse-i-en-celle",
        _csv_pair_with_address_in_one_cell,
        roles={"pladsliste.csv": Role.BOERN, "dagplejere.csv": Role.DAGPLEJERE},
        columns={"dagplejere.csv": {"adresse": "Adresse", "id": "Medarb. nr."}},
        long_form=frozenset({"pladsliste.csv"}),
        counts=(2, 2, 4),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Ole Jensen": True, "Per Ærø": False},
        codes=frozenset({"DP255", "DP256", "DP259"}),
    ),
    Case(
        "overskrift-i-to-niveauer",
        _xlsx(two_level_header()),
        # each sub-heading read with its group's heading: «Mor Mobil» is the mother's phone,
        # never the child's
        roles={"Dagplejere": Role.DAGPLEJERE, "Børneliste": Role.BOERN},
        columns={
            "Børneliste": {
                "dagplejer": "Dagplejer Nr.",
                "cpr": "Barn CPR",
                "fornavn": "Barn Fornavn",
            }
        },
        counts=(3, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": False, "Sara Ærø": True},
        relations={"Mette Jensen": "Mor", "Ole Jensen": "Far"},
    ),
    Case(
        "booking-csv-med-stue-og-to-kontaktgrupper",
        _booking_csv_with_stue,
        # two contact groups on a row make it a child's, not a contact's, though «Barn CPR»
        # names the child as a contacts sheet does; «Stue» names the dagplejere (DP265)
        roles={"pladser.csv": Role.BOERN, "Medarbejdere": Role.DAGPLEJERE},
        columns={"pladser.csv": {"dagplejer": "Stue", "cpr": "Barn CPR", "navn": "Barn navn"}},
        counts=(2, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": True},
        codes=frozenset({"DP265"}),
    ),
    Case(
        "tre-csv-filer-med-pasningsstatus-og-distrikt-paa-boernene",
        _three_csv_files_with_placement_status,
        # the status by its header, the district carried to each dagplejer (DP271), the
        # contacts joined to their children by the child's CPR number
        roles={
            "boern.csv": Role.BOERN,
            "medarbejdere.csv": Role.DAGPLEJERE,
            "kontakter.csv": Role.KONTAKTER,
        },
        columns={
            "boern.csv": {
                "dagplejer": "Dagplejer (lønnr.)",
                "start": "Indmeldt",
                "slut": "Udmeldt",
                "status": "Pasningsstatus",
            },
            "medarbejdere.csv": {"id": "Lønnummer", "postnr": "Postnr. og by"},
            "kontakter.csv": {"barn": "Barnets CPR", "cpr": "Kontaktpersonens CPR"},
        },
        counts=(2, 3, 4),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Anne Jensen", "Ida Østergaard": "Bo Ærø"},
        custody={"Mette Jensen": True, "Jon Østergaard": True},
        codes=frozenset({"DP271"}),
    ),
    Case(
        "note-med-kommaer-foer-overskriften",
        _note_with_commas,
        roles={"roster.csv": Role.ET_ARK},
        columns={"roster.csv": {"id": "Medarb. nr.", "barn.cpr": "Barnets CPR"}},
        counts=(3, 3, 2),
        links={"Ida Østergaard": "Åse Østergaard"},
    ),
    Case(
        "lang-form-en-kontakt-pr-barn",
        _xlsx(_long_form_sole_guardians()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Børn": {"kontakt1.relation": "Relation", "kontakt1.telefon": "Telefon"}},
        long_form=frozenset({"Børn"}),
        counts=(3, 3, 3),
        custody={"Ole Ærø": False, "Mette Jensen": True},
        roster="lang_form = true",
    ),
    Case(
        "sidste-barn-kun-med-navn",
        _xlsx(_last_child_with_a_name_only()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 0),
        links={"Emil Ærø": "Bo Ærø"},
    ),
    Case(
        "et-barn-skrevet-to-gange",
        _xlsx(_one_child_written_twice()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 4),
        custody={"Sara Ærø": False, "Per Østergaard": False},  # the row's column is no one's
        codes=frozenset({"DP245", "DP255"}),
    ),
    Case(
        "skjult-kontaktark",
        _xlsx(_parents_with_addresses(), hidden=("Forældre",)),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 3, 0),
        # a hidden sheet of people is said with its key; of the parents, while no child has a
        # contact person, as an error (DP278): an export without them would look right
        codes=frozenset({"DP278"}),
    ),
    Case(
        "myndighed-navngivet-begge-og-ja",
        _xlsx(_custody_named_both_or_yes()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 2, 4),
        # «Begge» names both parents; «Ja» names no one (DP250, with what to write), and no
        # DP245 advising «alle»: the configuration said the column names who
        custody={"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": False, "Bo Ærø": False},
        codes=frozenset({"DP250", "DP258"}),
        roster='raekke_myndighed = "navngivet"',
    ),
    Case(
        "myndighed-navngivet-uden-skrevne-relationer",
        _xlsx(_custody_named_for_parents_by_cpr()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        counts=(3, 2, 4),
        custody={"Mette Jensen": False, "Sara Jensen": False, "Sara Ærø": True, "Ole Ærø": False},
        codes=frozenset({"DP269", "DP250", "DP258"}),
        roster='raekke_myndighed = "navngivet"',
    ),
    Case(
        "loen-csv-og-boern-csv-med-mor-og-far",
        _payroll_and_children_csv,
        roles={"loen.csv": Role.DAGPLEJERE, "boern.csv": Role.BOERN},
        columns={
            "boern.csv": {
                "kontakt101.navn": "Mor",
                "kontakt102.cpr": "Far CPR",
                "dagplejer": "Dagplejer medarb.nr",
            },
            "loen.csv": {"postnr": "Postnr. og by", "telefon": "Tlf."},
        },
        counts=(2, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Ole Jensen": False},
        roster='tom_myndighed = "nej"',
    ),
    Case(
        "kmd-forælder-1-og-2-uden-relation",
        _xlsx(_kmd_style()),
        roles={"Pladsliste": Role.BOERN, "Dagplejere": Role.DAGPLEJERE},
        columns={
            "Pladsliste": {"kontakt1.cpr": "Forælder 1 cpr", "dagplejer": "Dagplejer (initialer)"},
            "Dagplejere": {"id": "Initialer"},
        },
        counts=(2, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": False},
        relations={"Mette Jensen": "Mor", "Ole Jensen": "Far", "Sara Ærø": "Mor"},
        codes=frozenset({"DP269", "DP256", "DP277"}),  # DP277: the ids are initials
    ),
    Case(
        "et-ark-lang-form-navn-og-id-i-en-celle",
        _xlsx(_one_sheet_long_form()),
        roles={"Børn og forældre": Role.ET_ARK},
        columns={
            "Børn og forældre": {
                "kontakt1.telefon": "Telefon",
                "kontakt1.relation": "Relation",
                "kontakt1.myndighed": "Forældremyndighed",
            }
        },
        long_form=frozenset({"Børn og forældre"}),
        counts=(2, 3, 5),
        links={"Liv Jensen": "Anne Jensen", "Ida Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": False, "Per Ærø": True},
        codes=frozenset({"DP255", "DP259"}),
        roster='tom_myndighed = "nej"',
    ),
    Case(
        "foraeldre-og-mobiler-efter-rolle",
        _xlsx(_parents_with_phones_by_role()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Børn": {"kontakt1.navn": "Forælder 1 navn", "kontakt2.cpr": "Forælder 2 CPR"}},
        # the phones are no person of their own: not read, and said (DP262)
        counts=(3, 3, 3),
        codes=frozenset({"DP269", "DP262"}),
        roster='tom_myndighed = "forældre"',
    ),
    Case(
        "foraeldre-og-mobiler-efter-rolle-besluttet",
        _xlsx(_parents_with_phones_by_role()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        # whose phone is whose, as the user says it; the roster unchanged
        columns={"Børn": {"kontakt1.telefon": "Mors mobil", "kontakt2.telefon": "Fars mobil"}},
        counts=(3, 3, 3),
        codes=frozenset({"DP269"}),  # «Forælder» read as Mor/Far, said
        roster='tom_myndighed = "forældre"\n'
        'kontaktgrupper = { 1 = { telefon = "Mors mobil" }, 2 = { telefon = "Fars mobil" } }',
    ),
    Case(
        "et-ark-med-gaestedagplejer",
        _xlsx(_one_sheet_with_a_guest_carer()),
        roles={"Børn og forældre": Role.ET_ARK},
        # the plain «Gæstedagplejer» and «Stilling» are the dagplejer's, as on her own sheet
        columns={"Børn og forældre": {"gaest": "Gæstedagplejer", "stilling": "Stilling"}},
        long_form=frozenset({"Børn og forældre"}),
        counts=(2, 3, 5),
        codes=frozenset({"DP255", "DP259"}),
        roster='tom_myndighed = "nej"',
    ),
    Case(
        "et-ark-pr-distrikt",
        _xlsx(sheet_per_district()),
        # alike sheets whose names say no role are read as one, each row in its own sheet
        roles={"Nord, Syd": Role.ET_ARK},
        columns={"Nord, Syd": {"id": "Dagplejer nr.", "navn": "Dagplejer"}},
        counts=(3, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": True},
        codes=frozenset({"DP248", "DP258", "DP264"}),  # the overview; custody named; the join
        # init joins them and writes the list, which plan reads (never joined on a guess)
        roster='raekke_myndighed = "navngivet"\nark = ["Nord", "Syd"]',
    ),
    AREA_SHEETS,
    # the same with «Syd»'s headers in another order: read alike, by header
    replace(
        AREA_SHEETS,
        name="boern-paa-omraadeark-med-overskrifterne-i-hver-sin-raekkefoelge",
        write=_xlsx(area_sheets_in_their_own_order()),
    ),
    Case(
        "anden-kontakt-ved-siden-af-mor-og-far",
        _xlsx(other_contact_beside_mor_and_far()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={
            "Børn": {
                "kontakt1.navn": "Anden kontakt",
                "kontakt1.cpr": "Anden kontakts CPR",
                "kontakt1.relation": "Relation",
            }
        },
        counts=(3, 2, 3),
        relations={"Mette Jensen": "Mor", "Ole Jensen": "Far", "Lene Holm": "Andet"},
        codes=frozenset({"DP221"}),  # no custody column: the decision asked for
        roster='[roster.relationer]\n"Plejemor" = "Andet"',
    ),
    Case(
        "boerneliste-pr-dagplejer-i-afsnit",
        _xlsx(grouped_by_dagplejer()),
        # each child's dagplejer from the heading of its section, as a column «Dagplejer»
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Børn": {"dagplejer": "Dagplejer", "cpr": "CPR-nr."}},
        counts=(3, 3, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø", "Ida Østergaard": "Bo Ærø"},
        custody={"Mette Jensen": True},
        codes=frozenset({"DP256", "DP258", "DP274"}),
        roster='raekke_myndighed = "navngivet"',
    ),
    Case(
        "vaerge-i-egne-kolonner",
        _xlsx(guardian_in_columns_of_their_own()),
        roles={"Dagplejere": Role.DAGPLEJERE, "Børn": Role.BOERN},
        columns={"Børn": {"kontakt1.navn": "Værge", "kontakt1.cpr": "Værge CPR"}},
        counts=(3, 2, 3),
        relations={
            "Mette Jensen": "Mor",
            "Ole Jensen": "Far",
            "Lene Holm": "Officielt tilknyttet person",
        },
        custody={"Mette Jensen": True, "Ole Jensen": False, "Lene Holm": False},
        # the guardian's custody: no column of her own, and tom_myndighed decides
        roster='tom_myndighed = "nej"\nrelationer = { "Værge" = "Officielt tilknyttet person" }',
    ),
    Case(
        "boernelister-i-afsnit-paa-et-ark-pr-omraade",
        _xlsx(grouped_by_dagplejer_per_area()),
        # each sheet read by its headings first (never its first heading as every row's),
        # then the sheets as one
        roles={"Dagplejere": Role.DAGPLEJERE, "Nord, Syd": Role.BOERN},
        columns={"Nord, Syd": {"dagplejer": "Dagplejer"}},
        counts=(3, 3, 3),
        links={
            "Liv Jensen": "Anne Jensen",
            "Ida Østergaard": "Åse Østergaard",
            "Emil Ærø": "Bo Ærø",
        },
        custody={"Mette Jensen": True},
        codes=frozenset({"DP256", "DP258", "DP264", "DP274"}),
        roster='raekke_myndighed = "navngivet"\nboern_ark = ["Nord", "Syd"]',
    ),
    Case(
        "et-ark-pr-dagplejer-med-titelblok",
        _xlsx(sheet_per_dagplejer()),
        # the sheets read as one; who each sheet's dagplejer is comes from its title block,
        # the print date never (it would end every child's care)
        roles={"Anne Jensen, Bo Ærø": Role.ET_ARK},
        columns={
            "Anne Jensen, Bo Ærø": {
                "id": "Medarbejdernr",
                "navn": "Dagplejer",
                "adresse": "Adresse",
                "barn.cpr": "CPR",
                "barn.navn": "Navn",
            }
        },
        counts=(2, 3, 4),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø", "Ida Østergaard": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": True},
        codes=frozenset({"DP269", "DP256", "DP264"}),
        # init joins them and writes the list and the child's plain columns, which plan reads
        roster=(
            'tom_myndighed = "forældre"\nark = ["Anne Jensen", "Bo Ærø"]\n'
            '[boern_kolonner]\ncpr = "CPR"\nnavn = "Navn"'
        ),
    ),
    Case(
        "et-ark-med-barnets-kolonner-uden-barn-i-overskriften",
        _xlsx(one_sheet_plain_child_columns()),
        # init writes the plain «CPR» and «Navn» as the child's; plan reads them so
        roles={"Ark1": Role.ET_ARK},
        columns={"Ark1": {"id": "Medarbejdernr", "navn": "Dagplejer", "barn.cpr": "CPR"}},
        counts=(2, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Mette Jensen": True, "Ole Jensen": True, "Sara Ærø": True},
        codes=frozenset({"DP269"}),  # «Forælder» read as Mor/Far, said
        roster='tom_myndighed = "forældre"',
    ),
    Case(
        "engelske-overskrifter-provider-og-alias",
        _english_provider_files,
        roles={"children.csv": Role.BOERN, "providers.csv": Role.DAGPLEJERE},
        columns={
            "children.csv": {
                "dagplejer": "Provider ID",
                "alias_fornavn": "Alias first name",
                "alias_efternavn": "Alias last name",
                "kontakt2.cpr": "Guardian 2 SSN",
            }
        },
        counts=(2, 2, 3),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Bo Ærø"},
        custody={"Ole Jensen": True},
    ),
    Case(
        "et-ark-med-navne-under-dagplejer-og-barn",
        _xlsx(_one_sheet_of_names()),
        roles={"Ark1": Role.ET_ARK},
        columns={
            "Ark1": {
                "navn": "Dagplejer",
                "cpr": "Dagplejers CPR",
                "barn.navn": "Barn",
                "barn.cpr": "CPR-nummer",
                "kontakt101.cpr": "Mors CPR",
            }
        },
        counts=(2, 3, 2),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Anne Jensen", "Ida Holm": "Bo Ærø"},
        custody={"Mette Jensen": True, "Sara Ærø": True},
        codes=frozenset({"DP217"}),  # the dagplejere's ids are made from their names
    ),
    Case(
        "boern-i-blokke-ved-siden-af-dagplejeren-og-foraeldre-side-om-side",
        _xlsx(_children_side_by_side()),
        roles={"Oversigt": Role.ET_ARK, "Forældre": Role.KONTAKTER},
        columns={
            "Oversigt": {
                "id": "Medarbejdernr.",
                "navn": "Dagplejer",
                "cpr": "CPR",
                "barn1.navn": "Barn 1",
                "barn1.cpr": "CPR barn 1",
                "barn2.start": "Start barn 2",
            },
            "Forældre": {
                "barn": "Barnets CPR",
                "myndighed": "Forældremyndighed",
                "kontakt101.cpr": "Mors CPR",
                "kontakt102.navn": "Far",
            },
        },
        counts=(3, 3, 5),
        links={"Liv Jensen": "Anne Jensen", "Emil Ærø": "Anne Jensen", "Ida Holm": "Bo Ærø"},
        custody={"Ole Jensen": True, "Sara Ærø": True, "Per Holm": False},
        relations={"Ole Jensen": "Far", "Line Holm": "Mor"},
        codes=frozenset({"DP256", "DP258"}),  # the total; custody that names who
        roster='raekke_myndighed = "navngivet"',
    ),
    Case(
        "kun-dagplejere",
        _xlsx(_only_dagplejere()),
        roles={"Dagplejere": Role.DAGPLEJERE},
        counts=(3, 0, 0),
    ),
]
