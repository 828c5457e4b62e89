"""A case for every ``afstem`` code (DP4xx): the small project of builders.py, exported to the
registers as if our import were loaded, and one thing changed in the registers' files.

``test_checks`` takes ``AFSTEM_SCENARIOS`` into its ``SCENARIOS`` (each code raised, with its
severity, rendering in both languages); ``test_afstem`` uses the same building blocks.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dagplejecli import api
from dagplejecli.export.unilogin import members_by_area
from dagplejecli.findings import Finding
from dagplejecli.pipeline import Planned, plan_roster, validate_project
from dagplejecli.planfile import write_plan
from tests.builders import AREAS, BASE_CONFIG, Sheets, small_roster, write_xlsx
from tests.registers import WHEN, XPerson, dtr_csv, dtr_unit, export_xml, persons_of

NORD, SYD = "AB1234", "AB1235"
OTHER_CPR = "0505801235"  # synthetic


@dataclass
class Project:
    folder: Path
    planned: Planned
    people: dict[str, list[XPerson]]  # institution number → the people of a loaded import

    @property
    def config(self) -> Path:
        return self.folder / "dagpleje.toml"

    @property
    def plan(self) -> Path:
        return self.folder / "dagpleje-plan.xlsx"

    def person(self, number: str, local_id_start: str) -> XPerson:
        return next(p for p in self.people[number] if p.local_id.startswith(local_id_start))

    def child(self, number: str, index: int = 0) -> XPerson:
        return [p for p in self.people[number] if p.kind == "student"][index]

    def write_exports(self, **options: object) -> list[Path]:
        """Each area's export as a file of its own (``options`` for ``export_xml``)."""
        out = []
        for number, people in self.people.items():
            path = self.folder / f"unilogin-{number}.xml"
            path.write_bytes(export_xml(number, people, **options))  # type: ignore[arg-type]
            out.append(path)
        return out

    def write_dtr(self, rows: list[dict[str, str]] | None = None, **options: object) -> Path:
        rows = rows if rows is not None else default_units()
        path = self.folder / "anvisningsenheder.csv"
        path.write_bytes(dtr_csv(rows, **options))  # type: ignore[arg-type]
        return path

    def afstem(
        self, exports: list[Path] | None = None, dtr: list[Path] | None = None
    ) -> api.Reconciled:
        exports = self.write_exports() if exports is None else exports
        dtr = [self.write_dtr()] if dtr is None else dtr
        return api.afstem(self.config, self.plan, exports, dtr)


def default_units() -> list[dict[str, str]]:
    return [dtr_unit(NORD, "Dagplejen Nord"), dtr_unit(SYD, "Dagplejen Syd")]


def make_project(
    tmp: Path, config: str = BASE_CONFIG + AREAS, sheets: Sheets | None = None
) -> Project:
    """The roster and configuration, planned, and the people a loaded import would show."""
    write_xlsx(tmp / "roster.xlsx", sheets or small_roster())
    (tmp / "dagpleje.toml").write_text(config, encoding="utf-8")
    planned = plan_roster(tmp / "roster.xlsx", tmp / "dagpleje.toml")
    write_plan(tmp / "dagpleje-plan.xlsx", planned.plan, planned.roster, planned.config)
    # the full reading (contacts' custody and all), as afstem reads it
    full = validate_project(tmp / "dagpleje.toml", tmp / "dagpleje-plan.xlsx").planned
    people = {
        m.area.institution_number: persons_of(m, full.config.config)
        for m in members_by_area(full.plan, full.roster)
        if m.area.institution_number
    }
    return Project(tmp, full, people)


def changed(tmp: Path, change: Callable[[Project], None], **kwargs: object) -> list[Finding]:
    """The findings after ``change`` to the registers' (or the project's) files."""
    p = make_project(tmp, **kwargs)  # type: ignore[arg-type]
    change(p)
    return p.afstem().result.findings


def _other_cpr(p: Project) -> None:
    p.person(NORD, "D1").cpr = OTHER_CPR


def _protected_in_unilogin(p: Project) -> None:
    p.child(NORD).protected = True


def _dtr(p: Project, rows: list[dict[str, str]], header: list[str] | None = None) -> list[Finding]:
    return p.afstem(dtr=[p.write_dtr(rows, header=header)]).result.findings


def _with_dtr(rows: list[dict[str, str]]) -> Callable[[Path], list[Finding]]:
    return lambda tmp: _dtr(make_project(tmp), rows)


def _drop_child(p: Project) -> None:
    p.people[NORD].remove(p.child(NORD))


def _possible(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    p.child(NORD).local_id = "GAMMEL-1"
    exports = p.write_exports(cpr=False)
    return p.afstem(exports).result.findings


def _other_source(p: Project) -> None:
    child = p.child(NORD)
    child.local_id, child.source = "X-77", "booking"


def _second_source(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    p.people[NORD].append(XPerson("P1", "Pia", "Pedersen", OTHER_CPR, "employee", "booking"))
    exports = p.write_exports(sources=[("dagpleje", WHEN), ("booking", WHEN)])
    return p.afstem(exports).result.findings


def _moved(p: Project) -> None:
    d2 = p.person(NORD, "D2")
    p.people[NORD].remove(d2)
    p.people[SYD].append(d2)


def _custody(p: Project) -> None:
    p.child(NORD).contacts[0].custody = False


def write_manifest(folder: Path, source_datetime: str) -> None:
    (folder / "eksport").mkdir(exist_ok=True)
    data = {"version": 2, "unilogin": {"sourceDateTime": source_datetime}}
    (folder / "eksport" / "manifest.json").write_text(json.dumps(data), encoding="utf-8")


def _not_last(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    write_manifest(tmp, "2026-11-20T08:00:00+01:00")
    return p.afstem().result.findings


def _no_number_but_dtr(tmp: Path) -> list[Finding]:
    p = make_project(tmp, config=BASE_CONFIG + AREAS.replace('institutionsnummer = "AB1235"\n', ""))
    return p.afstem(exports=p.write_exports()).result.findings


def _ours_not_planned(p: Project) -> None:
    p.people[NORD].append(XPerson("D9", "Gitte", "Gammel", OTHER_CPR, "employee", user_id="gg1"))


def _renamed(p: Project) -> None:
    p.child(NORD).first = "Olivia"


def _v6(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    return p.afstem(p.write_exports(v6=True)).result.findings


def _foreign_export(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    extra = tmp / "unilogin-AB9999.xml"
    extra.write_bytes(export_xml("AB9999", [], sources=[("booking", WHEN)]))
    rows = [*default_units(), dtr_unit("AB9999", "Vuggestuen Solsikken", instType3="6010")]
    return p.afstem([*p.write_exports(), extra], [p.write_dtr(rows)]).result.findings


def _no_dtr(tmp: Path) -> list[Finding]:
    p = make_project(tmp)
    return p.afstem(dtr=[]).result.findings


def _with(change: Callable[[Project], None]) -> Callable[[Path], list[Finding]]:
    return lambda tmp: changed(tmp, change)


def _unit(number: str, name: str, **values: str) -> list[dict[str, str]]:
    rows = copy.deepcopy(default_units())
    for row in rows:
        if row["anvisningsenhedsNummer"] == number:
            row.update(values, navn=values.get("navn", name))
    return rows


AFSTEM_SCENARIOS: dict[str, Callable[[Path], list[Finding]]] = {
    "DP401": _with(_other_cpr),  # another birth date: the usual sentence
    "DP402": _with(_protected_in_unilogin),
    "DP403": _with_dtr(_unit(SYD, "Dagplejen Syd", pNummer="1029829825")),
    "DP404": _with_dtr(default_units()[:1]),
    "DP405": _with_dtr(_unit(SYD, "Dagplejen Syd", aktivitetsstatus="Nedlagt")),
    "DP410": _with(_drop_child),
    "DP411": _with(_other_source),
    "DP412": _second_source,
    "DP413": _with(_moved),
    "DP414": _with(_custody),
    "DP415": _not_last,
    "DP416": _no_number_but_dtr,
    "DP417": _with_dtr(_unit(SYD, "Dagplejen Sydvest")),
    "DP420": _with(_ours_not_planned),
    "DP421": _with(_renamed),
    "DP422": _with_dtr([*default_units(), dtr_unit("AB1236", "Dagplejen Øst")]),
    "DP423": _with_dtr(
        [
            *default_units(),
            dtr_unit("AB1237", "Dagplejen Vest", aktivitetsstatus="Nedlagt"),
            dtr_unit("XY0001", "Dagplejen København", kommuneKode="101"),
        ]
    ),
    "DP424": _v6,
    "DP425": _no_dtr,
    "DP426": _foreign_export,
}
