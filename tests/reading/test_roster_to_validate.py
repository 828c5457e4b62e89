"""From a payroll-shaped roster to a validation, as a new user goes: ``init`` → fill in the
placeholders → ``plan`` → ``validate``, in xlsx, ods and a Danish Excel CSV, in Danish and in
English. Every child whose dagplejer exists is linked, and the only errors left are the defects
put into the data on purpose.

The roster is generated here (12 dagplejere, 2–4 children each, a parent per child) with the
traits real exports have: title rows above the headers, ``Medarb. nr.``, ``Personnummer``,
``Efternavn, Fornavn`` in one column, ``Postnr./by`` in one column, CPR numbers stored as numbers
(so a leading zero is lost), and the children's sheet naming the dagplejer by an id written as
text with a leading zero. All CPR numbers are synthetic.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.builders import no_traceback, run_cli, write_csv, write_ods, write_xlsx

FIRST = ["Anne", "Bo", "Åse", "Mette", "Søren", "Ida", "Jørgen", "Lone", "Ærtebjerg", "Karen"]
LAST = ["Jensen", "Ærø", "Østergaard", "Hansen", "Nørgaard", "Madsen", "Bæk", "Lund", "Møller"]
TOWNS = [("5000", "Odense C"), ("5200", "Odense V"), ("5210", "Odense NV"), ("5250", "Odense SV")]
DISTRICTS = ["Nord", "Syd", "Vest"]
BAD_CPR = "3102254561"  # 31 February: a defect of the data (DP201)
MISSING_DAGPLEJER = "029999"  # no dagplejer has this number: a defect of the data (DP205)


def adult_cpr(n: int, year: int) -> str:
    """A synthetic adult's CPR: a valid date in ``year`` (1900s), a made-up serial."""
    day = dt.date(year, 1, 1) + dt.timedelta(days=37 * n % 360)
    return day.strftime("%d%m%y") + f"{(1000 + 7 * n) % 10000:04d}"


def child_cpr(n: int) -> str:
    """A synthetic child's CPR, 1–2 years old today (seventh digit 4: born 2000–2036)."""
    born = dt.date.today() - dt.timedelta(days=300 + 11 * n)
    return born.strftime("%d%m%y") + f"4{n % 1000:03d}"


def people() -> tuple[list[list[object]], list[list[object]]]:
    """(dagplejer rows, child rows): CPR numbers as numbers, the child's dagplejer as text."""
    dagplejere, children = [], []
    n = 0
    for i in range(12):
        number = 20100 + i
        postnr, town = TOWNS[i % len(TOWNS)]
        dagplejere.append(
            [
                number,
                int(adult_cpr(i, 1960 + i)),
                f"{LAST[i % len(LAST)]}, {FIRST[i % len(FIRST)]}",
                f"Skovvej {i + 1}",
                f"{postnr} {town}",
                DISTRICTS[i % len(DISTRICTS)],
            ]
        )
        for _ in range(2 + i % 3):
            n += 1
            children.append(
                [
                    int(child_cpr(n)),
                    f"{FIRST[n % len(FIRST)]} {LAST[i % len(LAST)]}",
                    f"0{number}",
                    int(adult_cpr(100 + n, 1985 + n % 10)),
                    f"{FIRST[(n + 3) % len(FIRST)]} {LAST[i % len(LAST)]}",
                    "Ja",
                ]
            )
    children[4][0] = int(BAD_CPR)
    children[6][2] = MISSING_DAGPLEJER
    return dagplejere, children


DAGPLEJER_HEADER = ["Medarb. nr.", "Personnummer", "Efternavn, Fornavn", "Adresse", "Postnr./by"]
CHILD_HEADER = ["Personnummer", "Navn", "Dagplejer nr.", "Mor CPR", "Mor navn", "Mor myndighed"]


def two_sheets() -> dict[str, list[list[object]]]:
    dagplejere, children = people()
    return {
        "Dagplejere": [
            ["Odense Kommune - Dagplejen"],
            ["Udtræk 01.11.2026"],
            [],
            [*DAGPLEJER_HEADER, "Distrikt"],
            *dagplejere,
        ],
        "Børn": [["Indskrevne børn"], [], CHILD_HEADER, *children],
    }


def one_sheet_csv(path: Path) -> None:
    """One row per child with the dagplejer's columns repeated, as Danish Excel saves a CSV:
    cp1252, semicolons, and a CPR with a leading zero written as nine digits."""
    dagplejere, children = people()
    by_number = {f"0{d[0]}": d for d in dagplejere}
    rows: list[list[object]] = [
        ["Dagplejen - børn pr. dagplejer"],
        [],
        [
            "Dagplejer medarb. nr.",
            "Dagplejer personnummer",
            "Dagplejer efternavn, fornavn",
            "Adresse",
            "Postnr./by",
            "Distrikt",
            "Barn personnummer",
            "Barn navn",
            "Mor CPR",
            "Mor navn",
            "Mor myndighed",
        ],
    ]
    for child in children:
        d = by_number.get(str(child[2]))
        if d is None:
            continue  # one sheet: a child is on its dagplejer's row, so it always has one
        rows.append([*(str(v) for v in d), *(str(v) for v in (child[:2] + child[3:]))])
    write_csv(path, rows)


def fill_in(config: Path) -> None:
    """What only the municipality knows, typed where ``init`` left a placeholder."""
    text = config.read_text("utf-8")
    assert text.count("UDFYLD") >= 3  # lovgrundlag, P-nummer, adresse
    text = re.sub(r'(?m)^lovgrundlag = "UDFYLD.*$', "lovgrundlag = 12", text)
    text = re.sub(r'(?m)^pnummer = "UDFYLD.*$', 'pnummer = "1003386512"', text)
    text = re.sub(r'(?m)^adresse = "UDFYLD.*$', 'adresse = "Flakhaven 2, 5000 Odense C"', text)
    assert "UDFYLD" not in re.sub(r"(?m)#.*$", "", text)
    config.write_text(text, "utf-8")


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("kind", ["xlsx", "ods", "csv"])
def test_init_fill_in_plan_validate_links_every_child_and_leaves_only_real_defects(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, lang: str
) -> None:
    monkeypatch.chdir(tmp_path)
    roster = f"roster.{kind}"
    if kind == "xlsx":
        write_xlsx(tmp_path / roster, two_sheets())
    elif kind == "ods":
        write_ods(tmp_path / roster, two_sheets())
    else:
        one_sheet_csv(tmp_path / roster)
    children = len(people()[1]) - (1 if kind == "csv" else 0)

    init = run_cli("--lang", lang, "init", roster, "--kommune", "Odense")
    assert init.exit_code == 0 and no_traceback(init), init.output
    address = re.search(
        r"(?m)^adresse = (\"UDFYLD.*)$", (tmp_path / "dagpleje.toml").read_text("utf-8")
    )
    assert address and "Odense" in address.group(1) and "Aarhus" not in address.group(1)
    fill_in(tmp_path / "dagpleje.toml")

    plan = run_cli("--lang", lang, "plan", roster)
    said = " ".join(plan.stdout.split())
    if kind == "csv":
        assert plan.exit_code == 0, plan.output
        everyone = f"Alle {children} børn" if lang == "da" else f"All {children} children"
        assert everyone in said, said
    else:  # the child whose dagplejer does not exist is the one not linked
        assert plan.exit_code == 1, plan.output
        unlinked = {
            "da": f"1 af {children} børn er ikke knyttet til sin dagplejer:",
            "en": f"1 of {children} children is not linked to their dagplejer:",
        }
        assert unlinked[lang] in said, said
        assert "Børn!C10: " in said and f"«{MISSING_DAGPLEJER}»" in said  # the cell to correct

    report = json.loads(run_cli("--lang", lang, "validate", "--format", "json").stdout)
    errors = sorted({f["code"] for f in report["findings"] if f["severity"] == "fejl"})
    expected = ["DP201"] if kind == "csv" else ["DP201", "DP205"]
    assert errors == expected, [f["message"] for f in report["findings"]]
    unlinked = [f for f in report["findings"] if f["code"] == "DP205"]
    assert len(unlinked) == (0 if kind == "csv" else 1)
    assert report["stats"]["boern"] == children
    assert report["stats"]["dagplejere"] == 12
    # every dagplejer got an area from the division init proposed, and an address
    assert sum(a["dagplejere"] for a in report["stats"]["per_omraade"].values()) == 12
    assert not any(f["code"] in ("DP206", "DP242", "DP217") for f in report["findings"])


def test_plan_names_the_cells_of_children_linked_to_no_one_and_counts_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    sheets = two_sheets()
    for n, row in enumerate(sheets["Børn"][3:10]):  # 7 of 36: a defect of each row, not systemic
        row[2] = f"0299{n:02d}"
    write_xlsx(tmp_path / "roster.xlsx", sheets)
    assert run_cli("init", "roster.xlsx", "--kommune", "461").exit_code == 0
    fill_in(tmp_path / "dagpleje.toml")
    plan = run_cli("plan", "roster.xlsx")
    said = " ".join(plan.stdout.split())
    assert plan.exit_code == 1 and "7 af 36 børn er ikke knyttet til deres dagplejer:" in said
    assert said.count("som ingen dagplejer har som id eller navn") == 5
    assert "… og 2 mere (dagpleje validate viser alle)." in said
    assert "DP241" not in said
    english = " ".join(run_cli("--lang", "en", "plan", "roster.xlsx").stdout.split())
    assert "7 of 36 children are not linked" in english and "… and 2 more" in english
