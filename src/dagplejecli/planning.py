"""Rules → Plan (pure): which area each dagplejer belongs to, and every area's resolved values.

Order: explicit ``dagplejere`` ids, then the first ``[[omraade]]`` whose ``hvor`` matches, then
``[opdeling]`` by the column's value, then the area with ``resten = true``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from dagplejecli.config import AREA_VALUE_KEYS, AddressTable, AreaValues, Config
from dagplejecli.domain.address import Address, parse_address
from dagplejecli.domain.identifiers import is_digits
from dagplejecli.domain.values import comparable_text, id_key, without_controls
from dagplejecli.errors import DagplejeError
from dagplejecli.model import Area, Assignment, Dagplejer, Plan, Reason, Why
from dagplejecli.roster.headers import normalise_header

_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")
OPDELING_PLACEHOLDER = "{værdi}"


def _address(value: str | AddressTable | None) -> tuple[str, Address, bool]:
    if value is None:
        return "", Address(), False
    if isinstance(value, str):
        parsed, ok = parse_address(value)
        return value.strip(), parsed, ok
    addr = Address(
        street=(value.vejnavn or "").strip() or None,
        house_no=(value.husnr or "").strip() or None,
        floor=(value.etage or "").strip().rstrip(".") or None,
        door=(value.doer or "").strip() or None,
        postnr=(value.postnr or "").strip() or None,
        city=(value.by or "").strip() or None,
    )
    return addr.one_line(), addr, True


def resolve_area(
    name: str,
    loc: tuple[str | int, ...],
    own: AreaValues | None,
    standard: AreaValues,
    institution_number: str | None,
) -> Area:
    """An area's values: its own where set, otherwise [standard]'s; remembers each value's key."""
    values: dict[str, object] = {}
    sources: dict[str, tuple[str | int, ...]] = {}
    for key in AREA_VALUE_KEYS:
        mine = getattr(own, key) if own is not None else None
        if mine is not None:
            values[key], sources[key] = mine, (*loc, key)
        else:
            values[key], sources[key] = getattr(standard, key), ("standard", key)
    raw_address = values["adresse"]
    assert raw_address is None or isinstance(raw_address, str | AddressTable)
    text, address, understood = _address(raw_address)
    sources["navn"] = (*loc, "navn")
    sources["institutionsnummer"] = (*loc, "institutionsnummer")
    return Area(
        name=name.strip(),
        loc=loc,
        daginstitution=str(values["daginstitution"] or "").strip(),
        daginstitution_number=str(values["daginstitutionsnummer"] or "").strip(),
        p_number=str(values["pnummer"] or "").strip(),
        address_text=text,
        address=address,
        address_understood=understood,
        email=str(values["email"] or "").strip(),
        phone=str(values["telefon"] or "").strip(),
        institution_number=(institution_number or "").strip(),
        sources=sources,
    )


def _column_lookup(dagplejere: Sequence[Dagplejer]) -> dict[str, str]:
    """Normalised header → header as written, over all dagplejere's columns."""
    out: dict[str, str] = {}
    for d in dagplejere[:1]:
        for header in d.extra:
            out.setdefault(normalise_header(header), header)
    return out


def _find_column(column: str, lookup: dict[str, str], key: str) -> str:
    found = lookup.get(normalise_header(column))
    if found is None:
        raise DagplejeError(
            "rule_column_missing",
            where=key,
            hint="rule_column_missing_hint",
            column=column,
            key=key,
            headers=", ".join(sorted(lookup.values())) or "-",
        )
    return found


def value_matches(cell: str, accepted: str, key: str) -> bool:
    """Case- and space-insensitive equality, or a numeric range ``"8270-8355"``."""
    m = _RANGE.match(accepted)
    if m:
        low, high = int(m.group(1)), int(m.group(2))
        if low > high:
            raise DagplejeError("bad_range", where=key, value=accepted, key=key)
        digits = cell.strip()
        return is_digits(digits) and low <= int(digits) <= high
    return comparable_text(cell) == comparable_text(accepted)


@dataclass(slots=True)
class _Condition:
    """One column of an area's ``hvor`` and the values it accepts. A column holds few distinct
    values (a district, a postnummer): each is judged once by ``value_matches``, as written,
    and remembered for this plan only."""

    column: str
    values: list[str]
    key: str
    judged: dict[str, bool] = field(default_factory=dict)

    def holds(self, d: Dagplejer) -> bool:
        cell = d.extra.get(self.column, "")
        found = self.judged.get(cell)
        if found is None:
            found = any(value_matches(cell, v, self.key) for v in self.values)
            self.judged[cell] = found
        return found


@dataclass(frozen=True, slots=True)
class _Rule:
    """An area's ``hvor``: every condition must hold (the Reason names them all)."""

    area: str
    conditions: list[_Condition]
    reason: Reason


def make_plan(config: Config, dagplejere: Sequence[Dagplejer]) -> Plan:
    """Assign every dagplejer to an area. Raises DagplejeError for rules that cannot work."""
    lookup = _column_lookup(dagplejere)
    areas: list[Area] = []
    rule_columns: list[str] = []
    rules: list[_Rule] = []
    for i, om in enumerate(config.omraade):
        areas.append(
            resolve_area(om.navn, ("omraade", i), om, config.standard, om.institutionsnummer)
        )
        conditions = []
        for column, accepted in om.hvor.items():
            key = f"omraade[{i + 1}].hvor.{column}"
            header = _find_column(column, lookup, key)
            values = [accepted] if isinstance(accepted, str) else list(accepted)
            conditions.append(_Condition(header, values, f"omraade[{i + 1}]"))
            if header not in rule_columns:
                rule_columns.append(header)
        if conditions:
            held = tuple((c.column, tuple(c.values)) for c in conditions)
            rules.append(_Rule(areas[-1].name, conditions, Reason(Why.WHERE, held)))

    assignments: dict[str, Assignment] = {}
    listing = any(om.dagplejere for om in config.omraade)
    # a listed id is compared as the children's references are ("020100" is 20100)
    roster_ids = {id_key(d.id): d.id for d in dagplejere} if listing else {}
    for area, om in zip(areas, config.omraade, strict=False):
        for listed in om.dagplejere:
            ident = roster_ids.get(id_key(listed), listed.strip())
            if ident and ident not in assignments:
                assignments[ident] = Assignment(ident, area.name, Reason(Why.EXPLICIT))

    opdeling_areas: dict[str, Area] = {}  # the column's value as written → its area
    opdeling_column = None
    if config.opdeling is not None:
        op = config.opdeling
        if OPDELING_PLACEHOLDER not in op.navn:
            raise DagplejeError(
                "opdeling_name", where="opdeling.navn", placeholder=OPDELING_PLACEHOLDER
            )
        opdeling_column = _find_column(op.kolonne, lookup, "opdeling.kolonne")
        if opdeling_column not in rule_columns:
            rule_columns.append(opdeling_column)
        comparable: dict[str, str] = {}  # each value as written → comparable_text, once
        distinct: dict[str, str] = {}  # comparable → the first value so written
        for d in dagplejere:
            value = d.extra.get(opdeling_column, "").strip()
            if value and value not in comparable:
                comparable[value] = comp = comparable_text(value)
                distinct.setdefault(comp, value)
        numbers = {comparable_text(k): v for k, v in op.institutionsnumre.items()}
        by_comparable: dict[str, Area] = {}
        for comp, value in sorted(distinct.items()):
            area = resolve_area(
                op.navn.replace(OPDELING_PLACEHOLDER, without_controls(value)),
                ("opdeling",),
                None,
                config.standard,
                numbers.get(comp),
            )
            by_comparable[comp] = area
            areas.append(area)
        opdeling_areas = {value: by_comparable[comp] for value, comp in comparable.items()}

    rest = next((a for a, om in zip(areas, config.omraade, strict=False) if om.resten), None)
    for d in dagplejere:
        if d.id in assignments:
            continue
        assignments[d.id] = _assign(d, rules, opdeling_column, opdeling_areas, rest)
    if listing:
        # ids listed in dagplejere = [...] that are not in the roster are not assignments
        # (DP122); without a list every assignment is a dagplejer's of the roster
        known = {d.id for d in dagplejere}
        assignments = {k: v for k, v in assignments.items() if k in known}
    return Plan(areas, assignments, rule_columns)


def _assign(
    d: Dagplejer,
    rules: list[_Rule],
    opdeling_column: str | None,
    opdeling_areas: dict[str, Area],
    rest: Area | None,
) -> Assignment:
    for rule in rules:
        for condition in rule.conditions:
            if not condition.holds(d):
                break
        else:  # every condition holds
            return Assignment(d.id, rule.area, rule.reason)
    if opdeling_column is not None:
        value = d.extra.get(opdeling_column, "").strip()
        area = opdeling_areas.get(value) if value else None
        if area is not None:
            return Assignment(d.id, area.name, Reason(Why.WHERE, ((opdeling_column, (value,)),)))
    if rest is not None:
        return Assignment(d.id, rest.name, Reason(Why.REST))
    return Assignment(d.id, None, Reason(Why.NONE))
