"""Generate the synthetic example roster (and rosters of any size for tests and benchmarks).

Every person is invented from a seeded random generator; no real CPR number is used. Adults get
numbers that fail modulus 11 (which real numbers issued before 2007 pass), so they cannot be a
real person's. The roster has the flaws real exports have: a title row and a blank row above the
headers, CPR numbers stored as numbers (lost leading zero), stray spaces, æøå, "Forælder" as a
relation, protected persons with alias names, and a few children whose place has ended (Slutdato).

    python examples/make_roster.py                 # examples/roster.xlsx (300 dagplejere)
    python examples/make_roster.py --dagplejere 10000 --out big.xlsx
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIRST_F = [
    "Anne",
    "Mette",
    "Sørine",
    "Birthe",
    "Lærke",
    "Åse",
    "Hanne",
    "Signe",
    "Maja",
    "Ida",
    "Freja",
    "Ellen",
]
FIRST_M = [
    "Søren",
    "Jørgen",
    "Mads",
    "Ole",
    "Bjørn",
    "Rasmus",
    "Emil",
    "Anders",
    "Niels",
    "Øjvind",
    "Kaj",
    "Ali",
]
LAST = [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Sørensen",
    "Møller",
    "Kjær",
    "Østergaard",
    "Lauridsen",
    "Nguyễn",
    "Ødegård",
    "Bæk",
    "Åberg",
]
STREETS = [
    "Søndergade",
    "Nørregade",
    "Vestergade",
    "Østervej",
    "Skovvej",
    "Åboulevarden",
    "Møllevej",
    "Kirkevej",
    "Bøgevej",
    "Ægirsvej",
]
DISTRICTS = {
    "Nord": ["8200", "8210", "8250"],
    "Syd": ["8260", "8270", "8300"],
    "Vest": ["8220", "8380", "8381"],
    "Midt": ["8000"],
}
CITY = {
    "8000": "Aarhus C",
    "8200": "Aarhus N",
    "8210": "Aarhus V",
    "8220": "Brabrand",
    "8250": "Egå",
    "8260": "Viby J",
    "8270": "Højbjerg",
    "8300": "Odder",
    "8380": "Trige",
    "8381": "Tilst",
}

DAGPLEJER_HEADERS = [
    "MEDARBEJDERNR",
    "CPR-NR.",
    "FORNAVN",
    "EFTERNAVN",
    "ADRESSE",
    "POSTNR",
    "BY",
    "TELEFON",
    "EMAIL",
    "DISTRIKT",
    "ANTAL PLADSER",
    "BESKYTTET",
    "ALIAS FORNAVN",
    "ALIAS EFTERNAVN",
]
ENDED = "31-07-2026"  # before the examples' day, so the walkthrough says the same every day
CHILD_HEADERS = [
    "CPR",
    "Fornavn",
    "Efternavn",
    "Dagplejer",
    "Beskyttet",
    "Alias fornavn",
    "Alias efternavn",
    "Kontakt1 CPR",
    "Kontakt1 navn",
    "Kontakt1 relation",
    "Kontakt1 myndighed",
    "Kontakt2 CPR",
    "Kontakt2 navn",
    "Kontakt2 relation",
    "Kontakt2 myndighed",
    "Slutdato",
]


def _mod11_ok(cpr: str) -> bool:
    weights = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)
    return sum(int(d) * w for d, w in zip(cpr, weights, strict=True)) % 11 == 0


def _cpr(rng: random.Random, born: dt.date, female: bool, used: set[str]) -> str:
    """A synthetic CPR with a valid date and century digit; adults fail modulus 11."""
    while True:
        yy = born.year % 100
        seventh = rng.choice("4" if yy <= 36 else "5") if born.year >= 2000 else rng.choice("0123")
        serial = seventh + f"{rng.randrange(0, 100):02d}"
        last = rng.choice("02468" if female else "13579")
        cpr = born.strftime("%d%m%y") + serial + last
        if cpr in used:
            continue
        if born.year < 2007 and _mod11_ok(cpr):
            continue
        used.add(cpr)
        return cpr


@dataclass
class Synthetic:
    dagplejere: list[list[object]] = field(default_factory=list)
    children: list[list[object]] = field(default_factory=list)


def _birth(rng: random.Random, start: int, end: int) -> dt.date:
    first = dt.date(start, 1, 1).toordinal()
    last = dt.date(end, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randrange(first, last))


def _cpr_cell(rng: random.Random, cpr: str) -> object:
    """As rosters carry it: mostly text with a dash, sometimes a number (lost zero), spaces."""
    style = rng.random()
    if style < 0.15:
        return int(cpr)  # stored as a number: a leading zero is lost
    if style < 0.2:
        return f" {cpr[:6]}-{cpr[6:]} "
    if style < 0.6:
        return f"{cpr[:6]}-{cpr[6:]}"
    return cpr


def generate(n_dagplejere: int = 300, seed: int = 751, today: dt.date | None = None) -> Synthetic:
    """Rows for a two-sheet roster: dagplejere and children (with up to two contacts each)."""
    rng = random.Random(seed)
    today = today or dt.date(2026, 11, 1)
    used: set[str] = set()
    out = Synthetic()
    districts = list(DISTRICTS)
    for i in range(n_dagplejere):
        ident = f"D{i + 1:05d}"
        district = districts[i % len(districts)] if i % 50 != 49 else "Midt"
        postnr = rng.choice(DISTRICTS[district])
        female = rng.random() < 0.95
        first = rng.choice(FIRST_F if female else FIRST_M)
        last = rng.choice(LAST)
        cpr = _cpr(rng, _birth(rng, 1962, 1998), female, used)
        protected = i % 97 == 13
        out.dagplejere.append(
            [
                ident,
                _cpr_cell(rng, cpr),
                f" {first}" if i % 23 == 0 else first,
                last,
                f"{rng.choice(STREETS)} {rng.randrange(1, 200)}",
                int(postnr) if i % 5 == 0 else postnr,
                CITY[postnr],
                f"{rng.randrange(20000000, 99999999)}",
                f"{first.lower()}.{i + 1}@dagpleje.example",
                district if i % 31 else f" {district.upper()} ",
                4,
                "Ja" if protected else "",
                "Dagplejer" if protected else "",
                f"Beskyttet {i}" if protected else "",
            ]
        )
        for k in range(rng.choice((3, 4, 4, 5))):
            child_female = rng.random() < 0.5
            born = today - dt.timedelta(days=rng.randrange(200, 1000))
            child_cpr = _cpr(rng, born, child_female, used)
            child_last = last if k == 0 else rng.choice(LAST)
            protected_child = (i * 7 + k) % 211 == 5
            mother = _cpr(rng, _birth(rng, 1980, 1998), True, used)
            father = _cpr(rng, _birth(rng, 1978, 1996), False, used)
            relation1 = rng.choice(["Mor", "Mor", "mor ", "Forælder"])
            relation2 = rng.choice(["Far", "Far", "Forælder"])
            two = rng.random() < 0.85
            out.children.append(
                [
                    _cpr_cell(rng, child_cpr),
                    rng.choice(FIRST_F if child_female else FIRST_M),
                    child_last,
                    ident,
                    "Ja" if protected_child else "Nej",
                    "Sol" if protected_child else "",
                    "Beskyttet" if protected_child else "",
                    _cpr_cell(rng, mother),
                    f"{rng.choice(FIRST_F)} {child_last}",
                    relation1,
                    "Ja",
                    _cpr_cell(rng, father) if two else "",
                    f"{rng.choice(FIRST_M)} {child_last}" if two else "",
                    relation2 if two else "",
                    "Ja" if two else "",
                    # a few children whose place has ended: left out of Unilogin (DP236)
                    ENDED if (i * 7 + k) % 400 == 11 else "",
                ]
            )
    return out


def rows_with_title(
    title: str, headers: list[str], rows: list[list[object]]
) -> Iterator[list[object]]:
    yield [title]
    yield []
    yield headers
    for n, row in enumerate(rows):
        if n and n % 40 == 0:
            yield []  # blank rows inside, as real exports have
        yield row


def write_xlsx(path: Path, data: Synthetic) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Dagplejere")
    for row in rows_with_title(
        "Dagplejeoversigt - udtræk fra pladsanvisningen", DAGPLEJER_HEADERS, data.dagplejere
    ):
        ws.append(row)
    ws = wb.create_sheet("Børn")
    for row in rows_with_title("Indskrevne børn", CHILD_HEADERS, data.children):
        ws.append(row)
    wb.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dagplejere", type=int, default=300)
    parser.add_argument("--seed", type=int, default=751)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("roster.xlsx"))
    args = parser.parse_args()
    write_xlsx(args.out, generate(args.dagplejere, args.seed))
    print(f"skrev {args.out}")


if __name__ == "__main__":
    main()
