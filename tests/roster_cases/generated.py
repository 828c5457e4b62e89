#!/usr/bin/env python3
"""Write Danish family day care rosters in the shapes municipal systems export.

Usage: python make_shapes.py OUTDIR [--seed N]

Each roster gets a sidecar <name>.expected.json with what a correct reading finds:
number of dagplejere, children and contact persons (distinct per child), sample links
(child's name -> dagplejer's name) and sample custody values (contact's name -> bool).
Requires Python 3.11+ and openpyxl.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

KOMMUNE = "Aalborg"
PRINT_DATE = "01-12-2026"

FEMALE = [
    "Hanne",
    "Maria",
    "Karen",
    "Bente",
    "Susanne",
    "Lene",
    "Mette",
    "Anne",
    "Pia",
    "Tina",
    "Camilla",
    "Louise",
    "Sofie",
    "Julie",
    "Line",
    "Helle",
    "Dorthe",
    "Rikke",
    "Sanne",
    "Trine",
    "Maja",
    "Ida",
    "Emma",
    "Freja",
    "Clara",
    "Alma",
    "Ella",
    "Agnes",
    "Asta",
    "Olivia",
    "Karla",
    "Nora",
    "Josefine",
    "Lærke",
    "Sigrid",
    "Esther",
]
MALE = [
    "Søren",
    "Lars",
    "Jens",
    "Peter",
    "Michael",
    "Thomas",
    "Rasmus",
    "Anders",
    "Morten",
    "Jesper",
    "Martin",
    "Kasper",
    "Mads",
    "Jonas",
    "Christian",
    "Henrik",
    "Niels",
    "Bo",
    "William",
    "Noah",
    "Oscar",
    "Carl",
    "Alfred",
    "Emil",
    "Aksel",
    "Valdemar",
    "Malthe",
    "Lucas",
    "Arthur",
    "Viggo",
    "August",
    "Frederik",
    "Storm",
    "Elias",
    "Anton",
    "Otto",
]
LAST = [
    "Sørensen",
    "Andersen",
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Christensen",
    "Larsen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Holm",
    "Lund",
    "Kjær",
    "Bach",
    "Vestergaard",
    "Dahl",
    "Skov",
    "Bruun",
    "Lauridsen",
    "Frandsen",
    "Østergaard",
    "Iversen",
    "Mikkelsen",
    "Winther",
    "Bæk",
    "Krogh",
    "Søgaard",
    "Nørgaard",
    "Juhl",
]
STREETS = [
    "Lindholm Brygge",
    "Hasserisgade",
    "Vesterbro",
    "Hobrovej",
    "Sohngårdsholmsvej",
    "Skelagervej",
    "Th. Sauers Vej",
    "Kastetvej",
    "Nørholmsvej",
    "Gugvej",
    "Egholmvej",
    "Lindholmsvej",
    "Tornhøjvej",
    "Storemosevej",
    "Skalborgvej",
    "Byplanvej",
    "Ny Kærvej",
    "Humlebakken",
    "Smedegårdsvej",
    "Bredgade",
]
POSTNR = [
    ("9000", "Aalborg"),
    ("9200", "Aalborg SV"),
    ("9210", "Aalborg SØ"),
    ("9220", "Aalborg Øst"),
    ("9400", "Nørresundby"),
    ("9230", "Svenstrup J"),
    ("9240", "Nibe"),
    ("9260", "Gistrup"),
    ("9310", "Vodskov"),
]
DISTRIKTER = ["Nord", "Syd", "Øst", "Vest"]
CPR_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]


# ----------------------------------------------------------------------------- model


@dataclass
class Person:
    cpr: str  # DDMMYY-SSSS
    first: str
    last: str
    phone: str = ""
    email: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Dagplejer(Person):
    id: str = ""
    street: str = ""
    husnr: str = ""
    etage: str = ""
    doer: str = ""
    postnr: str = ""
    by: str = ""
    distrikt: str = ""

    @property
    def address_line(self) -> str:
        s = f"{self.street} {self.husnr}"
        if self.etage:
            s += f", {self.etage}. {self.doer}" if self.etage != "st" else f", st. {self.doer}"
        return s

    @property
    def full_address(self) -> str:
        return f"{self.address_line}, {self.postnr} {self.by}"


@dataclass
class Contact(Person):
    relation: str = "Mor"  # Mor / Far / Værge
    custody: bool = True


@dataclass
class Child(Person):
    dagplejer: int = 0  # index into roster.dagplejere
    contacts: list[Contact] = field(default_factory=list)
    start: str = ""


@dataclass
class Roster:
    dagplejere: list[Dagplejer]
    children: list[Child]


class Gen:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_cpr: set[str] = set()
        self.used_ids: set[str] = set()
        self.used_names: set[str] = set()

    # CPR: birth date + 4 digits; 7th digit fits the century; last digit even = female.
    def cpr(self, year: int, female: bool, mod11: bool = True) -> str:
        rng = self.rng
        while True:
            month = rng.randint(1, 12)
            day = rng.randint(1, 28)
            yy = year % 100
            first = rng.choice([4, 5, 6]) if year >= 2000 else rng.choice([0, 1, 2, 3])
            seq = f"{first}{rng.randint(0, 99):02d}"
            digits = f"{day:02d}{month:02d}{yy:02d}{seq}"
            candidates = []
            for last in range(10):
                if (last % 2 == 0) != female:
                    continue
                full = digits + str(last)
                ok = sum(int(c) * w for c, w in zip(full, CPR_WEIGHTS, strict=False)) % 11 == 0
                if ok == mod11:
                    candidates.append(full)
            if not candidates:
                continue
            full = rng.choice(candidates)
            text = f"{full[:6]}-{full[6:]}"
            if text not in self.used_cpr:
                self.used_cpr.add(text)
                return text

    def phone(self) -> str:
        n = f"{self.rng.choice([2, 3, 4, 5, 6, 7, 9])}{self.rng.randint(0, 9999999):07d}"
        return f"{n[0:2]} {n[2:4]} {n[4:6]} {n[6:8]}"

    def emp_id(self) -> str:
        while True:
            i = f"4{self.rng.randint(1000, 9999)}"
            if i not in self.used_ids:
                self.used_ids.add(i)
                return i

    def unique_name(self, female: bool, last: str | None = None) -> tuple[str, str]:
        for _ in range(1000):
            first = self.rng.choice(FEMALE if female else MALE)
            ln = last or self.rng.choice(LAST)
            if f"{first} {ln}" not in self.used_names:
                self.used_names.add(f"{first} {ln}")
                return first, ln
        raise RuntimeError("name space exhausted")

    def email(self, first: str, last: str) -> str:
        tr = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", " ": "", ".": ""})
        dom = self.rng.choice(["eksempel.dk", "postkasse.dk", "mail.eksempel.dk"])
        return f"{first.lower().translate(tr)}.{last.lower().translate(tr)}@{dom}"

    def dagplejer(self, female: bool = True, name: tuple[str, str] | None = None) -> Dagplejer:
        first, last = name or self.unique_name(female)
        pnr, by = self.rng.choice(POSTNR)
        flat = self.rng.random() < 0.35
        etage = self.rng.choice(["st", "1", "2", "3"]) if flat else ""
        husnr = str(self.rng.randint(1, 180))
        if self.rng.random() < 0.2:
            husnr += self.rng.choice("ABC")
        return Dagplejer(
            cpr=self.cpr(self.rng.randint(1960, 1995), female),
            first=first,
            last=last,
            phone=self.phone(),
            email=self.email(first, last),
            id=self.emp_id(),
            street=self.rng.choice(STREETS),
            husnr=husnr,
            etage=etage,
            doer=self.rng.choice(["tv", "th", "mf"]) if flat else "",
            postnr=pnr,
            by=by,
            distrikt=self.rng.choice(DISTRIKTER),
        )

    def family(self, n_children: int, dp_choices: list[int]) -> list[Child]:
        """One family: 1-2 contacts, n_children siblings placed with dagplejere."""
        rng = self.rng
        kind = rng.random()
        last = rng.choice(LAST)
        contacts: list[Contact] = []
        if kind < 0.78:  # two parents, joint custody (sometimes far without)
            mf, _ = self.unique_name(True, last)
            ff, _ = self.unique_name(False, last if rng.random() < 0.7 else rng.choice(LAST))
            far_last = _
            contacts.append(
                Contact(
                    self.cpr(rng.randint(1980, 1995), True),
                    mf,
                    last,
                    self.phone(),
                    self.email(mf, last),
                    "Mor",
                    True,
                )
            )
            contacts.append(
                Contact(
                    self.cpr(rng.randint(1978, 1995), False),
                    ff,
                    far_last,
                    self.phone(),
                    self.email(ff, far_last),
                    "Far",
                    rng.random() > 0.12,
                )
            )
        elif kind < 0.92:  # sole parent
            female = rng.random() < 0.7
            f, _ = self.unique_name(female, last)
            contacts.append(
                Contact(
                    self.cpr(rng.randint(1982, 1995), female),
                    f,
                    last,
                    self.phone(),
                    self.email(f, last),
                    "Mor" if female else "Far",
                    True,
                )
            )
        else:  # guardian (værge) with custody; sometimes a parent without
            gl = rng.choice(LAST)
            female = rng.random() < 0.5
            g, _ = self.unique_name(female, gl)
            contacts.append(
                Contact(
                    self.cpr(rng.randint(1960, 1985), female),
                    g,
                    gl,
                    self.phone(),
                    self.email(g, gl),
                    "Værge",
                    True,
                )
            )
            if rng.random() < 0.5:
                mf, _ = self.unique_name(True, last)
                contacts.append(
                    Contact(
                        self.cpr(rng.randint(1985, 1995), True),
                        mf,
                        last,
                        self.phone(),
                        self.email(mf, last),
                        "Mor",
                        False,
                    )
                )
        kids: list[Child] = []
        for i in range(n_children):
            female = rng.random() < 0.5
            f, _ = self.unique_name(female, last)
            year = 2025 - i if n_children > 1 else rng.choice([2023, 2024, 2024, 2025])
            kids.append(
                Child(
                    self.cpr(year, female, mod11=rng.random() > 0.1),
                    f,
                    last,
                    dagplejer=dp_choices[i],
                    contacts=contacts,
                    start=f"{rng.randint(1, 28):02d}-{rng.randint(1, 11):02d}-2026",
                )
            )
        return kids

    def roster(
        self,
        n_dp: int | None = None,
        n_ch: int | None = None,
        namesakes: tuple[str, str] | None = None,
        extra_named: list[tuple[str, str]] | None = None,
    ) -> Roster:
        rng = self.rng
        n_dp = n_dp or rng.randint(7, 10)
        n_ch = n_ch or rng.randint(max(20, 2 * n_dp), min(40, 4 * n_dp))
        dps: list[Dagplejer] = []
        for nm in extra_named or []:
            self.used_names.add(f"{nm[0]} {nm[1]}")
            dps.append(self.dagplejer(name=nm))
        if namesakes:
            self.used_names.add(f"{namesakes[0]} {namesakes[1]}")
            dps.append(self.dagplejer(name=namesakes))
            dps.append(self.dagplejer(name=namesakes))
        while len(dps) < n_dp:
            dps.append(self.dagplejer(female=rng.random() < 0.93))
        # places: each dagplejer at most 5 children, everyone at least 2
        slots = [i for i in range(n_dp) for _ in range(2)]
        while len(slots) < n_ch:
            i = rng.randrange(n_dp)
            if slots.count(i) < 5:
                slots.append(i)
        rng.shuffle(slots)
        children: list[Child] = []
        while len(children) < n_ch:
            left = n_ch - len(children)
            k = 2 if left >= 2 and rng.random() < 0.12 else 1
            take = [slots.pop() for _ in range(k)]
            children.extend(self.family(k, take))
        return Roster(dps, children)


# ----------------------------------------------------------------------------- expected


def expected(
    roster: Roster,
    rng: random.Random,
    files: list[str],
    skip_links: set[str] = frozenset(),
    custody_of=None,
    **extra,
) -> dict:
    child_names = [c.name for c in roster.children]
    unique_children = [
        c for c in roster.children if child_names.count(c.name) == 1 and c.name not in skip_links
    ]
    dp_names = [d.name for d in roster.dagplejere]

    def dp_label(i: int) -> str:
        d = roster.dagplejere[i]
        return d.name if dp_names.count(d.name) == 1 else f"{d.name} ({d.id})"

    links = {}
    sample = rng.sample(unique_children, min(6, len(unique_children)))
    for i, d in enumerate(roster.dagplejere):  # every namesake gets a sample link
        if dp_names.count(d.name) > 1:
            sample += [c for c in unique_children if c.dagplejer == i and c not in sample][:1]
    for c in sample:
        links[c.name] = dp_label(c.dagplejer)
    # contacts: distinct per child, keyed by name (only names that are one person)
    by_name: dict[str, set[str]] = {}
    contacts: dict[str, Contact] = {}
    for c in roster.children:
        for k in c.contacts:
            by_name.setdefault(k.name, set()).add(k.cpr)
            contacts[k.cpr] = k
    cands = sorted({k.name for k in contacts.values() if len(by_name[k.name]) == 1})
    get = custody_of or (lambda k: k.custody)
    falses = [n for n in cands if not get(next(k for k in contacts.values() if k.name == n))]
    pick = rng.sample(cands, min(5, len(cands)))
    if falses and not any(n in falses for n in pick):
        pick.append(rng.choice(falses))
    custody = {n: get(next(k for k in contacts.values() if k.name == n)) for n in sorted(pick)}
    per_dp = {}
    for c in roster.children:
        per_dp[dp_names[c.dagplejer]] = per_dp.get(dp_names[c.dagplejer], 0) + 1
    out = {
        "files": files,
        "dagplejere": len(roster.dagplejere),
        "children": len(roster.children),
        "contacts": sum(len(c.contacts) for c in roster.children),
        "distinct_contact_persons": len(contacts),
        "links": links,
        "custody": custody,
    }
    out.update(extra)
    return out


FIXED_TIME = "2026-12-01T07:30:00Z"


def save(wb: Workbook, path: Path) -> None:
    """Save with fixed timestamps so the same seed gives the same bytes."""
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.encode(),
                    data,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 1, 7, 30, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())


def write_expected(outdir: Path, name: str, data: dict) -> None:
    (outdir / f"{name}.expected.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# ----------------------------------------------------------------------------- helpers

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def header_row(ws, row: int, headers: list[str]) -> None:
    for col, h in enumerate(headers, 1):
        cell = ws.cell(row=row, column=col, value=h)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
    for col, h in enumerate(headers, 1):
        ws.column_dimensions[get_column_letter(col)].width = max(12, len(h) + 4)


def write_rows(ws, start: int, rows: list[list]) -> int:
    r = start
    for values in rows:
        for col, v in enumerate(values, 1):
            ws.cell(row=r, column=col, value=v)
        r += 1
    return r


def ja(b: bool) -> str:
    return "Ja" if b else "Nej"


def pladsliste_rows(roster: Roster) -> list[list]:
    """Long form: one row per child x contact person."""
    rows = []
    for c in sorted(
        roster.children,
        key=lambda c: (
            roster.dagplejere[c.dagplejer].last,
            roster.dagplejere[c.dagplejer].first,
            c.last,
        ),
    ):
        d = roster.dagplejere[c.dagplejer]
        for k in c.contacts:
            rows.append(
                [
                    c.cpr,
                    c.name,
                    f"Dagplejer {d.name} ({d.id})",
                    c.start,
                    k.name,
                    k.cpr,
                    k.relation,
                    ja(k.custody),
                    k.phone,
                    k.email,
                ]
            )
    return rows


PLADS_HEADERS = [
    "Barnets CPR",
    "Barnets navn",
    "Dagplejer",
    "Startdato",
    "Kontaktperson",
    "Kontaktperson CPR",
    "Relation",
    "Forældremyndighed",
    "Telefon",
    "E-mail",
]
HR_HEADERS = ["Medarb. nr.", "CPR-nr.", "Navn", "Adresse", "Telefon", "E-mail", "Distrikt"]


def hr_rows(roster: Roster) -> list[list]:
    return [
        [d.id, d.cpr, d.name, d.full_address, d.phone, d.email, d.distrikt]
        for d in sorted(roster.dagplejere, key=lambda d: d.id)
    ]


# ----------------------------------------------------------------------------- shapes


def shape_pladsliste(outdir: Path, seed: int) -> None:
    g = Gen(seed)
    roster = g.roster()
    wb = Workbook()
    ws = wb.active
    ws.title = "Pladsliste"
    ncol = len(PLADS_HEADERS)
    ws.cell(row=1, column=1, value=f"Pladsliste – Dagplejen, udskrevet {PRINT_DATE}").font = Font(
        bold=True, size=14
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(row=2, column=1, value=f"{KOMMUNE} Kommune · Børn og Unge · Pladsanvisningen")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws.cell(row=3, column=1, value="Filter: alle distrikter, status = indskrevet")
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=ncol)
    header_row(ws, 5, PLADS_HEADERS)
    rows = pladsliste_rows(roster)
    end = write_rows(ws, 6, rows)
    ws.auto_filter.ref = f"A5:{get_column_letter(ncol)}{end - 1}"
    ws.freeze_panes = "A6"
    ws.cell(row=end, column=1, value=f"I alt: {len(roster.children)} børn").font = HEADER_FONT
    ws.merge_cells(start_row=end, start_column=1, end_row=end, end_column=3)

    hr = wb.create_sheet("Dagplejere")
    header_row(hr, 1, HR_HEADERS)
    write_rows(hr, 2, hr_rows(roster))

    lk = wb.create_sheet("Opslag")
    write_rows(
        lk,
        1,
        [
            ["Relation", "Kode"],
            ["Mor", "M"],
            ["Far", "F"],
            ["Værge", "V"],
            ["Forældremyndighed", ""],
            ["Ja", 1],
            ["Nej", 0],
        ],
    )
    lk.sheet_state = "hidden"
    save(wb, outdir / "pladsliste.xlsx")
    write_expected(
        outdir,
        "pladsliste",
        expected(
            roster,
            random.Random(seed),
            ["pladsliste.xlsx"],
            layout="Pladsliste: title rows 1-3, header row 5, one row per child x contact, "
            f"totals row {end}; sheet Dagplejere (HR); hidden sheet Opslag",
            rows_per_child_contact=len(rows),
        ),
    )


def shape_csv(outdir: Path, seed: int) -> None:
    g = Gen(seed)
    roster = g.roster()
    buf = io.StringIO()
    buf.write(
        f"Udtræk, dagpleje, alle distrikter, pr. dato, {PRINT_DATE}, status indskrevet, "
        "sorteret efter dagplejer, side 1 af 1\r\n"
    )
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(PLADS_HEADERS)
    rows = pladsliste_rows(roster)
    w.writerows(rows)
    (outdir / "pladsliste.csv").write_bytes(buf.getvalue().encode("utf-8-sig"))
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(HR_HEADERS)
    w.writerows(hr_rows(roster))
    (outdir / "dagplejere.csv").write_bytes(buf.getvalue().encode("cp1252"))
    write_expected(
        outdir,
        "pladsliste-csv",
        expected(
            roster,
            random.Random(seed),
            ["pladsliste.csv", "dagplejere.csv"],
            encodings={"pladsliste.csv": "utf-8-sig", "dagplejere.csv": "cp1252"},
            layout="pladsliste.csv: note line 1, header line 2, one row per child x contact; "
            "dagplejere.csv: header line 1",
            rows_per_child_contact=len(rows),
        ),
    )


def shape_references(outdir: Path, seed: int) -> None:
    g = Gen(seed)
    roster = g.roster(
        n_dp=10, n_ch=36, namesakes=("Hanne", "Sørensen"), extra_named=[("Maria", "Andersen")]
    )
    dps = roster.dagplejere
    namesake_idx = [i for i, d in enumerate(dps) if d.name == "Hanne Sørensen"]
    guest_idx = next(i for i, d in enumerate(dps) if d.name == "Maria Andersen")
    # the ambiguous child: one child of the first namesake, referenced by name only
    amb_child = next(c for c in roster.children if c.dagplejer == namesake_idx[0])
    forms = ["id", "name", "last_first_id", "id_dash_name", "prefix_name_id", "vi_name"]
    refs: dict[str, str] = {}
    used_forms: dict[str, int] = {}
    for n, c in enumerate(roster.children):
        d = dps[c.dagplejer]
        if c is amb_child:
            ref = d.name
        else:
            form = forms[n % len(forms)]
            if c.dagplejer in namesake_idx and form in ("name", "vi_name"):
                form = "last_first_id"  # namesakes are only referenced with their id
            if c.dagplejer == guest_idx:
                form = "guest"
            ref = {
                "id": d.id,
                "name": d.name,
                "last_first_id": f"{d.last}, {d.first} ({d.id})",
                "id_dash_name": f"{d.id} - {d.name}",
                "prefix_name_id": f"Dagplejer {d.name} ({d.id})",
                "vi_name": f"Dagplejen v/ {d.name}",
                "guest": f"Gæstedagplejer {d.name} ({d.id})",
            }[form]
            used_forms[form] = used_forms.get(form, 0) + 1
        refs[c.cpr] = ref
    wb = Workbook()
    ws = wb.active
    ws.title = "Dagplejere"
    header_row(
        ws,
        1,
        [
            "Dagplejer nr.",
            "CPR",
            "Fornavn",
            "Efternavn",
            "Adresse",
            "Postnr",
            "By",
            "Telefon",
            "Distrikt",
        ],
    )
    write_rows(
        ws,
        2,
        [
            [d.id, d.cpr, d.first, d.last, d.address_line, d.postnr, d.by, d.phone, d.distrikt]
            for d in dps
        ],
    )
    bs = wb.create_sheet("Børn")
    heads = ["CPR", "Fornavn", "Efternavn", "Dagplejer"]
    for i in (1, 2):
        heads += [
            f"Kontakt{i} CPR",
            f"Kontakt{i} navn",
            f"Kontakt{i} relation",
            f"Kontakt{i} myndighed",
        ]
    header_row(bs, 1, heads)
    rows = []
    for c in roster.children:
        row = [c.cpr, c.first, c.last, refs[c.cpr]]
        for k in c.contacts:
            row += [k.cpr, k.name, k.relation, ja(k.custody)]
        rows.append(row)
    write_rows(bs, 2, rows)
    save(wb, outdir / "references.xlsx")
    write_expected(
        outdir,
        "references",
        expected(
            roster,
            random.Random(seed),
            ["references.xlsx"],
            skip_links={amb_child.name},
            namesakes={"Hanne Sørensen": sorted(dps[i].id for i in namesake_idx)},
            unresolved_links={
                amb_child.name: {
                    "reference": refs[amb_child.cpr],
                    "actual_dagplejer_id": dps[amb_child.dagplejer].id,
                    "must_be_reported": True,
                }
            },
            linked_children=len(roster.children) - 1,
            reference_forms=used_forms,
        ),
    )


def shape_english(outdir: Path, seed: int) -> None:
    g = Gen(seed)
    roster = g.roster()
    rel_en = {"Mor": "Mother", "Far": "Father", "Værge": "Legal guardian"}
    wb = Workbook()
    ws = wb.active
    ws.title = "Employees"
    header_row(
        ws,
        1,
        [
            "Employee ID",
            "SSN",
            "First name",
            "Last name",
            "Street address",
            "Zip code",
            "City",
            "Phone",
            "Email",
        ],
    )
    write_rows(
        ws,
        2,
        [
            [
                d.id,
                d.cpr.replace("-", ""),
                d.first,
                d.last,
                d.address_line,
                d.postnr,
                d.by,
                d.phone,
                d.email,
            ]
            for d in roster.dagplejere
        ],
    )
    cs = wb.create_sheet("Children")
    heads = ["Child SSN", "Child first name", "Child last name", "Caregiver ID", "Start date"]
    for i in (1, 2):
        heads += [
            f"Guardian {i} SSN",
            f"Guardian {i} name",
            f"Guardian {i} relationship",
            f"Guardian {i} custody",
            f"Guardian {i} phone",
            f"Guardian {i} email",
        ]
    header_row(cs, 1, heads)
    rows = []
    for c in roster.children:
        d = roster.dagplejere[c.dagplejer]
        dd, mm, yy = c.start.split("-")
        row = [c.cpr.replace("-", ""), c.first, c.last, d.id, f"{yy}-{mm}-{dd}"]
        for k in c.contacts:
            row += [
                k.cpr.replace("-", ""),
                k.name,
                rel_en[k.relation],
                "Yes" if k.custody else "No",
                k.phone,
                k.email,
            ]
        rows.append(row)
    write_rows(cs, 2, rows)
    save(wb, outdir / "english.xlsx")
    write_expected(
        outdir,
        "english",
        expected(
            roster,
            random.Random(seed),
            ["english.xlsx"],
            value_vocabulary={
                "relationship": sorted(set(rel_en.values())),
                "custody": ["Yes", "No"],
            },
        ),
    )


def shape_onesheet(outdir: Path, seed: int) -> None:
    """One row per child, dagplejer columns repeated; Mor/Far column groups; one custody column
    for the row with the values Fælles / Mor / Far (as booking systems write it)."""
    g = Gen(seed)
    roster = g.roster()
    # this shape has only Mor/Far columns: turn guardians into the mother's slot
    custody_word: dict[str, str] = {}
    custody_of: dict[str, bool] = {}
    for c in roster.children:
        mor = next((k for k in c.contacts if k.relation == "Mor"), None)
        far = next((k for k in c.contacts if k.relation == "Far"), None)
        if mor is None and far is None:  # guardian only: record as sole contact "Mor"/"Far"
            k = c.contacts[0]
            k.relation = "Mor" if int(k.cpr[-1]) % 2 == 0 else "Far"
            mor, far = (k, None) if k.relation == "Mor" else (None, k)
        elif mor is not None and far is None and any(k.relation == "Værge" for k in c.contacts):
            c.contacts = [mor]  # the guardian has no column in this export
            mor.custody = True
        if mor and far:
            word = "Fælles" if mor.custody and far.custody else ("Mor" if mor.custody else "Far")
        else:
            word = "Mor" if mor else "Far"
        custody_word[c.cpr] = word
        for k in c.contacts:
            custody_of[k.cpr] = (word == "Fælles") or (word == k.relation)
    wb = Workbook()
    ws = wb.active
    ws.title = "Børn pr. dagplejer"
    heads = [
        "Dagplejer nr",
        "Dagplejer navn",
        "Postnr",
        "Distrikt",
        "Barnets CPR",
        "Barnets navn",
        "Mor CPR",
        "Mor navn",
        "Far CPR",
        "Far navn",
        "Forældremyndighed",
    ]
    header_row(ws, 1, heads)
    rows = []
    for c in sorted(roster.children, key=lambda c: (roster.dagplejere[c.dagplejer].id, c.last)):
        d = roster.dagplejere[c.dagplejer]
        mor = next((k for k in c.contacts if k.relation == "Mor"), None)
        far = next((k for k in c.contacts if k.relation == "Far"), None)
        rows.append(
            [
                d.id,
                d.name,
                d.postnr,
                d.distrikt,
                c.cpr,
                c.name,
                mor.cpr if mor else None,
                mor.name if mor else None,
                far.cpr if far else None,
                far.name if far else None,
                custody_word[c.cpr],
            ]
        )
    end = write_rows(ws, 2, rows)
    note_row = end + 1
    ws.cell(
        row=note_row,
        column=1,
        value=(
            "Noter: Listen er udskrevet " + PRINT_DATE + ". Børn på venteliste og gæstepladser er "
            "ikke med. Kontakt pladsanvisningen ved spørgsmål, tlf. 99 31 00 00."
        ),
    )
    ws.cell(row=note_row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(heads))
    ws.row_dimensions[note_row].height = 45
    save(wb, outdir / "onesheet.xlsx")
    write_expected(
        outdir,
        "onesheet",
        expected(
            roster,
            random.Random(seed),
            ["onesheet.xlsx"],
            custody_of=lambda k: custody_of[k.cpr],
            custody_column={
                "column": "Forældremyndighed",
                "values": {
                    "Fælles": "Mor and Far have custody",
                    "Mor": "only Mor",
                    "Far": "only Far",
                },
            },
            notes_row=note_row,
        ),
    )


def shape_payroll(outdir: Path, seed: int) -> None:
    g = Gen(seed)
    roster = g.roster()
    # one dagplejer without children right now (on leave): still a dagplejer
    extra = g.dagplejer()
    roster.dagplejere.append(extra)
    wb = Workbook()
    ws = wb.active
    ws.title = "Dagplejere"
    header_row(
        ws,
        1,
        [
            "Medarb. nr.",
            "CPR-nr.",
            "Efternavn, Fornavn",
            "Adresse",
            "Postnr./by",
            "Telefon",
            "Distrikt",
            "Ansat dato",
        ],
    )
    rows = []
    for d in roster.dagplejere:
        rows.append(
            [
                f"0{d.id}",
                d.cpr.replace("-", ""),
                f"{d.last}, {d.first}",
                d.address_line,
                f"{d.postnr} {d.by}",
                d.phone,
                d.distrikt,
                f"{g.rng.randint(1, 28)}.{g.rng.randint(1, 12)}.{g.rng.randint(2005, 2024)}",
            ]
        )
    write_rows(ws, 2, rows)
    for r in range(2, 2 + len(rows)):  # payroll ids and CPR are text
        ws.cell(row=r, column=1).number_format = "@"
        ws.cell(row=r, column=2).number_format = "@"
    bs = wb.create_sheet("Børn")
    header_row(bs, 1, ["Barn CPR", "Fornavn", "Efternavn", "Dagplejer", "Startdato"])
    brows = []
    for c in roster.children:
        d = roster.dagplejere[c.dagplejer]
        # the Børn sheet was typed in Excel: CPR and employee no. became numbers
        brows.append([int(c.cpr.replace("-", "")), c.first, c.last, int(d.id), c.start])
    write_rows(bs, 2, brows)
    fs = wb.create_sheet("Forældre")
    header_row(
        fs, 1, ["Barn CPR", "CPR", "Navn", "Relation", "Forældremyndighed", "Telefon", "E-mail"]
    )
    frows = []
    for c in roster.children:
        for k in c.contacts:
            frows.append([c.cpr, k.cpr, k.name, k.relation, ja(k.custody), k.phone, k.email])
    write_rows(fs, 2, frows)
    save(wb, outdir / "payroll.xlsx")
    write_expected(
        outdir,
        "payroll",
        expected(
            roster,
            random.Random(seed),
            ["payroll.xlsx"],
            dagplejere_without_children=[extra.name],
            leading_zeros={
                "Dagplejere!Medarb. nr.": "text with leading 0",
                "Børn!Dagplejer": "number without the leading 0",
                "Børn!Barn CPR": "number (leading 0 lost when day < 10)",
            },
        ),
    )


SHAPES = {
    "pladsliste": shape_pladsliste,
    "csv": shape_csv,
    "references": shape_references,
    "english": shape_english,
    "onesheet": shape_onesheet,
    "payroll": shape_payroll,
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--only", choices=sorted(SHAPES), action="append")
    args = ap.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for n, (name, fn) in enumerate(SHAPES.items()):
        if args.only and name not in args.only:
            continue
        fn(args.outdir, args.seed * 100 + n)
    for p in sorted(args.outdir.iterdir()):
        print(p)


if __name__ == "__main__":
    main()
