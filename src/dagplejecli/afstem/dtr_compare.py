"""DTR's units against the configured areas: numbers, status, P-number, name, address and type;
units the plan does not have; an area without a number whose name DTR has."""

from __future__ import annotations

from dagplejecli.afstem.dtr_export import DtrUnit
from dagplejecli.afstem.result import DtrRow
from dagplejecli.afstem.rules import DP403, DP404, DP405, DP416, DP417, DP422, DP423, DP425
from dagplejecli.afstem.run import Run
from dagplejecli.domain.values import comparable_text
from dagplejecli.findings import Location


def _row(u: DtrUnit) -> Location:
    """A DTR unit's row, said as a CSV's cell is: ``anvisningsenheder.csv!A7``."""
    return Location(file=u.file, sheet=u.file, cell=f"A{u.row}", row=u.row, column="A")


class DtrComparison(Run):
    """DTR's export against the configuration."""

    def dtr(self) -> list[DtrRow]:
        files = self.registers.dtr
        unit_files = [f for f in files if f.kind != "daginstitution"]
        if not files:
            for name in ("dtr_enheder", "dtr_pnummer", "dtr_daginstitution"):
                self.check(name, False)
            self.add(DP425(variant="no_dtr"))
            return []
        units: dict[str, DtrUnit] = {}
        for file in unit_files:
            for unit in file.units:
                units.setdefault(unit.number, unit)
        known_dag = {d for file in files for d in file.daginstitutioner} | {
            u.daginstitution for u in units.values()
        }
        kommune = str(self.config.config.kommune.kode)
        insttype = str(self.config.config.dtr.insttype)
        rows: dict[str, DtrRow] = {}
        named: set[str] = set()  # units DP416 gives an area without a number
        unknown_dag: set[str] = set()
        has_p = any(file.has_p_number for file in unit_files)
        self.check("dtr_enheder", bool(unit_files))
        self.check("dtr_pnummer", has_p)
        self.check("dtr_daginstitution", bool(known_dag))
        if unit_files and not has_p:
            names = tuple(file.path.name for file in unit_files)
            self.add(DP425(Location(file=names[0]), variant="no_pnumber", files=names))
        if not unit_files:
            self.add(DP425(Location(file=files[0].path.name), variant="no_units"))

        def row_of(u: DtrUnit, area: str) -> DtrRow:
            r = rows.get(u.number)
            if r is None:
                address = " ".join(x for x in (u.street, u.house_no) if x)
                address = ", ".join(
                    x for x in (address, " ".join(x for x in (u.postnr, u.city) if x)) if x
                )
                r = DtrRow(
                    u.number, u.name, u.status, u.p_number or "", address, u.insttype, area, u.file
                )
                rows[u.number] = r
            return r

        for area in self.plan.areas:
            number = area.institution_number.strip().upper()
            if not number:
                same = sorted(
                    u.number
                    for u in units.values()
                    if u.active
                    and (not u.kommune or u.kommune == kommune)
                    and comparable_text(u.name) == comparable_text(area.name)
                )
                named.update(same)
                if same:
                    f = self.add(DP416(self.key(*area.loc), area.name, numbers=tuple(same)))
                    for n in same:
                        row_of(units[n], area.name).codes.append(f.code)
                continue
            dag = area.daginstitution_number.strip().upper()
            if known_dag and dag and dag not in known_dag and dag not in unknown_dag:
                unknown_dag.add(dag)  # said once, however many areas it serves
                self.add(
                    DP404(
                        self.key(*area.sources.get("daginstitutionsnummer", area.loc)),
                        area.name,
                        variant="daginstitution",
                        number=dag,
                    )
                )
            if not unit_files:
                continue
            u = units.get(number)
            if u is None:
                self.add(
                    DP404(
                        self.key(*area.sources.get("institutionsnummer", area.loc)),
                        area.name,
                        number=number,
                    )
                )
                rows[number] = DtrRow(number, "", "", "", "", "", area.name, "", ["DP404"])
                continue
            r = row_of(u, area.name)
            where = _row(u)
            if not u.active:
                r.codes.append(
                    self.add(DP405(where, area.name, number=number, status=u.status)).code
                )
                continue
            ours_p = "".join(ch for ch in area.p_number if ch.isdigit())
            theirs_p = "".join(ch for ch in (u.p_number or "") if ch.isdigit())
            if u.p_number is not None and ours_p and theirs_p != ours_p:
                at = self.key(*area.sources.get("pnummer", area.loc))
                r.codes.append(
                    self.add(
                        DP403(
                            at,
                            area.name,
                            number=number,
                            theirs=theirs_p or "-",
                            ours=ours_p,
                            file=u.file,
                        )
                    ).code
                )
            if u.name and comparable_text(u.name) != comparable_text(area.name):
                r.codes.append(
                    self.add(DP417(where, area.name, variant="", number=number, theirs=u.name)).code
                )
            if u.insttype and u.insttype != insttype:
                r.codes.append(
                    self.add(
                        DP417(
                            where,
                            area.name,
                            variant="insttype",
                            number=number,
                            theirs=u.insttype,
                            ours=insttype,
                        )
                    ).code
                )
            a = area.address
            if area.address_understood and (u.street or u.postnr):
                ours_street = comparable_text(f"{a.street}{a.house_no}")
                theirs_street = comparable_text(f"{u.street}{u.house_no}")
                if ours_street != theirs_street or (a.postnr or "") != u.postnr:
                    r.codes.append(
                        self.add(
                            DP417(
                                where,
                                area.name,
                                variant="address",
                                number=number,
                                theirs=r.address,
                                ours=area.address_text,
                            )
                        ).code
                    )
        planned = set(self.area_of_number) | named  # each said once: DP416 names these
        configured_dag = {
            a.daginstitution_number.strip().upper()
            for a in self.plan.areas
            if a.daginstitution_number
        }
        closed = other = 0
        for u in units.values():
            if u.number in planned:
                continue  # compared above, a closed one named by DP405
            if u.kommune and u.kommune != kommune:
                other += 1
                continue
            if not u.active:
                closed += 1
                continue
            if u.insttype != insttype:
                continue
            if configured_dag and u.daginstitution not in configured_dag:
                continue
            f = self.add(DP422(_row(u), number=u.number, unit=u.name))
            row_of(u, "").codes.append(f.code)
        if closed or other:
            self.add(DP423(closed=closed, other=other))
        return sorted(rows.values(), key=lambda r: (r.area == "", r.area, r.number))
