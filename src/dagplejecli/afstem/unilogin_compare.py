"""The Unilogin exports against the plan's areas and people (DOMAIN.md §8).

A person of the plan meets a person of the exports by our import source and ``LocalPersonId``,
else by CPR where the export carries it, else by name and birth date — then only as a «possible
match». Every export is looked in at once: a dagplejer in another area's export is a move.
Contact persons are compared per child, by CPR."""

from __future__ import annotations

import datetime as dt

from dagplejecli.afstem.result import BOTH, MOVED, OTHER, ROSTER, UNILOGIN, AreaResult, PersonRow
from dagplejecli.afstem.rules import (
    DP401,
    DP402,
    DP410,
    DP411,
    DP412,
    DP413,
    DP414,
    DP415,
    DP420,
    DP421,
    DP424,
    DP425,
    DP426,
)
from dagplejecli.afstem.run import Run
from dagplejecli.afstem.unilogin_export import ExportPerson, UniloginExport
from dagplejecli.domain.identifiers import cpr_birth_date, mask_cpr, mask_cpr_in_text
from dagplejecli.domain.shape import Field, Kind
from dagplejecli.domain.values import comparable_text
from dagplejecli.export.manifest import parse_datetime
from dagplejecli.export.unilogin import AreaMembers, members_by_area
from dagplejecli.findings import Finding, Location
from dagplejecli.model import Area, Child, Person

IMPORT_MAX_MONTHS = 11  # STIL deletes imports older than 12 months: warn a month before


def _who(p: Person) -> dict[str, str]:
    """A person of the roster for a message: the name (a CPR typed into it masked) and the
    masked CPR. This family's params are masked here, where they are made."""
    return {"name": mask_cpr_in_text(p.name), "cpr": p.cpr_masked}


def _who_export(p: ExportPerson) -> dict[str, str]:
    return {
        "name": mask_cpr_in_text(p.name),
        "cpr": mask_cpr(p.cpr) if p.cpr else "",
        "user": p.user_id or "-",
    }


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _when(text: str) -> dt.datetime | None:
    try:
        return parse_datetime(text)
    except ValueError:
        return None


def _is_v6(e: UniloginExport) -> bool:
    return e.namespace.startswith(
        ("https://wsieksport.unilogin.dk/eksport", "https://unilogin.dk/data")
    )


class UniloginComparison(Run):
    """The exports' people against the plan's."""

    def unilogin(self) -> list[AreaResult]:
        exports = self.registers.exports
        if not exports:
            for name in ("unilogin_personer", "unilogin_cpr", "unilogin_kontakter"):
                self.check(name, False)
            self.add(DP425(variant="no_unilogin_all"))
            return []
        for e in exports:
            if e.version != "7":
                self.add(
                    DP424(
                        Location(file=e.name),
                        variant="" if _is_v6(e) else "namespace",
                        namespace=e.namespace or "-",
                    )
                )
            area = self.area_of_number.get(e.institution_number)
            self.area_names[id(e)] = (
                area.name if area else e.institution_name or e.institution_number
            )
        results: list[AreaResult] = []
        for m in members_by_area(self.plan, self.roster):
            results.append(self._area(m))
        for e in exports:
            if e.institution_number not in self.area_of_number:
                results.append(self._foreign(e))
        return results

    def _area(self, m: AreaMembers) -> AreaResult:
        area = m.area
        number = area.institution_number.strip().upper()
        export = self.exports.get(number) if number else None
        result = AreaResult(area.name, number, export.name if export else None, True)
        if not number:
            self.add(DP425(self.key(*area.loc), area.name, variant="no_number"))
            self.check("unilogin_personer", False)
            return result
        if export is None:
            self.add(DP425(self.key(*area.loc), area.name, variant="no_unilogin", number=number))
            self.check("unilogin_personer", False)
            return result
        self.check("unilogin_personer", True)
        where = Location(file=export.name)
        self._sources(area, export, where)
        cpr = export.carries_cpr
        self.check("unilogin_cpr", cpr)
        if not cpr:
            self.add(DP425(where, area.name, variant="no_cpr"))
        contacts = cpr and (
            export.carries_contacts or not m.children or export.package in ("full", "fullmyndighed")
        )
        self.check("unilogin_kontakter", contacts)
        if cpr and not contacts:
            self.add(DP425(where, area.name, variant="no_contacts"))
        level = self.config.config.unilogin.trin
        for d in m.dagplejere:
            result.rows.append(
                self._person(area, export, Kind.DAGPLEJER, d, d.id, None, level, False)
            )
        for child, group in m.children:
            result.rows.append(
                self._person(area, export, Kind.BARN, child, child.id, group, level, contacts)
            )
        for p in export.persons:
            if id(p) in self.matched:
                continue
            ours = p.source == self.ours
            status = UNILOGIN if ours else OTHER
            row = PersonRow(
                status,
                p.kind,
                p.local_id,
                p.name,
                mask_cpr(p.cpr) if p.cpr else "",
                p.user_id,
                p.source,
            )
            if ours:
                self.add(DP420(where, area.name, id=p.local_id or "-", **_who_export(p)))
                row.codes.append("DP420")
            result.rows.append(row)
        return result

    def _sources(self, area: Area, export: UniloginExport, where: Location) -> None:
        """Which imports feed the unit, and whether ours is the last export, and fresh."""
        others = sorted({s.source for s in export.sources if s.source != self.ours})
        for source in others:
            n = sum(1 for p in export.persons if p.source == source)
            self.add(DP412(where, area.name, source=source, count=n))
        ours = [s for s in export.sources if s.source == self.ours]
        if not ours:
            self.add(DP415(where, area.name, variant="none", source=self.ours))
            return
        loaded = max((w for s in ours if (w := _when(s.source_datetime))), default=None)
        if loaded is None:
            return
        self.check("unilogin_kilde_eksport", self.last_export is not None)
        if self.last_export is not None and loaded < self.last_export - dt.timedelta(seconds=1):
            self.add(
                DP415(
                    where,
                    area.name,
                    loaded=loaded.isoformat(),
                    last=self.last_export.isoformat(),
                )
            )
        limit = _months_before(self.today, IMPORT_MAX_MONTHS)
        if loaded.date() < limit:
            self.add(DP415(where, area.name, variant="old", loaded=loaded.date().isoformat()))

    def _person(
        self,
        area: Area,
        export: UniloginExport,
        role: str,
        p: Person,
        local_id: str,
        group: str | None,
        level: str,
        contacts: bool,
    ) -> PersonRow:
        """One person of the plan, looked for in every export."""
        where = Location.of_cell(p.cell(Field.ID, Field.CPR))
        row = PersonRow(ROSTER, role, local_id, p.name, p.cpr_masked, "", "")
        hits = self.index.by_local.get((self.ours, local_id), [])
        same = [x for x in hits if x[0] is export]
        if same:
            found = same[0][1]
            self.matched.add(id(found))
            row.status, row.user_id, row.source = BOTH, found.user_id, found.source
            self._details(area, export, role, p, local_id, found, group, level, contacts, row)
            self._fed_twice(area, export, role, p, local_id, found, row)
            return row
        if hits:
            other, found = hits[0]
            self.matched.add(id(found))
            row.status, row.user_id, row.source = MOVED, found.user_id, found.source
            there = self.area_names.get(id(other), other.institution_number)
            if role == Kind.DAGPLEJER:
                row.codes.append(
                    self.add(
                        DP413(
                            where, area.name, id=local_id, there=there, file=other.name, **_who(p)
                        )
                    ).code
                )
            else:
                row.codes.append(
                    self.add(
                        DP421(
                            where,
                            area.name,
                            variant="area",
                            role=role,
                            id=local_id,
                            there=there,
                            **_who(p),
                        )
                    ).code
                )
            return row
        if p.cpr and export.carries_cpr:
            same_cpr = self.index.by_cpr.get(p.cpr, [])
            same_cpr = sorted(same_cpr, key=lambda x: x[0] is not export)
            if same_cpr:
                other, found = same_cpr[0]
                self.matched.add(id(found))
                row.user_id, row.source = found.user_id, found.source
                row.status = OTHER if found.source != self.ours else BOTH
                variant = "id" if found.source == self.ours else ""
                there = self.area_names.get(id(other), other.institution_number)
                row.codes.append(
                    self.add(
                        DP411(
                            where,
                            area.name,
                            variant=variant,
                            role=role,
                            id=local_id,
                            other_id=found.local_id or "-",
                            source=found.source or "-",
                            there=there,
                            **_who(p),
                        )
                    ).code
                )
                return row
        born = cpr_birth_date(p.cpr) if p.cpr else None
        if born is not None:
            possible = [
                found
                for e, found in self.index.by_name.get(
                    (comparable_text(p.name), born.isoformat()), []
                )
                if e is export
            ]
            if possible:
                found = possible[0]
                row.codes.append(
                    self.add(
                        DP410(
                            where,
                            area.name,
                            variant="possible",
                            role=role,
                            id=local_id,
                            user=found.user_id or "-",
                            source=found.source or "-",
                            other_id=found.local_id or "-",
                            **_who(p),
                        )
                    ).code
                )
                return row
        row.codes.append(self.add(DP410(where, area.name, role=role, id=local_id, **_who(p))).code)
        return row

    def _fed_twice(
        self,
        area: Area,
        export: UniloginExport,
        role: str,
        p: Person,
        local_id: str,
        found: ExportPerson,
        row: PersonRow,
    ) -> None:
        """The same CPR number on the unit again, beside our own person: another source feeds
        the person too, or our source did before under another id."""
        if not p.cpr or not found.cpr:
            return
        where = Location.of_cell(p.cell(Field.ID, Field.CPR))
        for e, other in self.index.by_cpr.get(p.cpr, []):
            if other is found or e is not export or id(other) in self.matched:
                continue
            self.matched.add(id(other))
            variant = "id" if other.source == self.ours else "also"
            f = DP411(
                where,
                area.name,
                variant=variant,
                role=role,
                id=local_id,
                other_id=other.local_id or "-",
                source=other.source or "-",
                there=area.name,
                **_who(p),
            )
            row.codes.append(self.add(f).code)

    def _details(
        self,
        area: Area,
        export: UniloginExport,
        role: str,
        p: Person,
        local_id: str,
        found: ExportPerson,
        group: str | None,
        level: str,
        contacts: bool,
        row: PersonRow,
    ) -> None:
        """What differs for a person found under our source and id."""
        where = Location.of_cell(p.cell(Field.ID, Field.CPR))
        common = {"role": role, "id": local_id, **_who(p)}

        def add(f: Finding) -> None:
            self.add(f)
            row.codes.append(f.code)

        if found.cpr and p.cpr and found.cpr != p.cpr:
            # masked, two numbers of one birth date read alike: the variant says so
            same_date = found.cpr[:6] == p.cpr[:6]
            variant = "serial" if same_date else ""
            add(DP401(where, area.name, variant=variant, theirs=mask_cpr(found.cpr), **common))
        if found.protected is not None and found.protected != p.protected:
            add(DP402(where, area.name, variant="" if p.protected else "lifted", **common))
        if p.protected:
            ours_name, theirs_name = (
                f"{p.alias_first} {p.alias_last}",
                f"{found.alias_first} {found.alias_last}",
            )
            compare_name = bool(found.alias_first or found.alias_last)
        else:
            ours_name, theirs_name, compare_name = p.name, found.name, True
        if compare_name and comparable_text(ours_name) != comparable_text(theirs_name):
            shown = mask_cpr_in_text(theirs_name.strip()) if not p.protected else "-"
            add(DP421(where, area.name, variant="", theirs=shown, **common))
        if group is not None and found.kind == "student":
            if found.main_group != group:
                add(
                    DP421(
                        where,
                        area.name,
                        variant="group",
                        group=group,
                        theirs=found.main_group or "-",
                        **common,
                    )
                )
            if found.level != level:
                add(
                    DP421(
                        where,
                        area.name,
                        variant="level",
                        level=level,
                        theirs=found.level or "-",
                        **common,
                    )
                )
        if contacts and group is not None:
            self._contacts(area, p, found, where, common, row)

    def _contacts(
        self,
        area: Area,
        child: Person,
        found: ExportPerson,
        where: Location,
        common: dict[str, str],
        row: PersonRow,
    ) -> None:
        if not isinstance(child, Child):
            return
        ours = {c.cpr: c for c in child.contacts if c.cpr}
        theirs = {c.cpr: c for c in found.contacts if c.cpr}
        missing = sorted(ours.keys() - theirs.keys())
        extra = sorted(theirs.keys() - ours.keys())
        if missing or extra:
            names = tuple(mask_cpr_in_text(ours[c].name) for c in missing)
            their_names = tuple(
                mask_cpr_in_text(f"{theirs[c].first_name} {theirs[c].last_name}".strip())
                for c in extra
            )
            self.add(
                DP414(
                    where,
                    area.name,
                    variant="contacts",
                    missing=names or ("-",),
                    extra=their_names or ("-",),
                    **common,
                )
            )
            row.codes.append("DP414")
        for cpr in sorted(ours.keys() & theirs.keys()):
            mine, other = ours[cpr], theirs[cpr]
            if other.custody is not None and other.custody != mine.custody:
                self.add(
                    DP414(
                        where,
                        area.name,
                        variant="" if mine.custody else "lost",
                        contact=mask_cpr_in_text(mine.name),
                        contact_cpr=mask_cpr(cpr),
                        **common,
                    )
                )
                row.codes.append("DP414")

    def _foreign(self, export: UniloginExport) -> AreaResult:
        """An export of a unit no area has: its people are not compared, but they were looked
        at (a dagplejer of the plan there is a move)."""
        name = self.area_names[id(export)]
        self.add(
            DP426(
                Location(file=export.name), variant="", number=export.institution_number, unit=name
            )
        )
        result = AreaResult(name, export.institution_number, export.name, False)
        for p in export.persons:
            status = (
                MOVED if id(p) in self.matched else (UNILOGIN if p.source == self.ours else OTHER)
            )
            result.rows.append(
                PersonRow(
                    status,
                    p.kind,
                    p.local_id,
                    p.name,
                    mask_cpr(p.cpr) if p.cpr else "",
                    p.user_id,
                    p.source,
                )
            )
        return result
