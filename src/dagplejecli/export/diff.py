"""What an export changes against the last one, from the last manifest and this export's
members: users added and removed per area, dagplejere moved between areas (``compare``), and
the people Unilogin will take as others or refuse (``identity_changes``, DP227, DP228 and
DP270).

The manifest's format (what is recorded, and how it is read back) is ``manifest.py``; this
module only compares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dagplejecli.domain.identifiers import mask_cpr
from dagplejecli.domain.shape import Field, Kind
from dagplejecli.export.manifest import AreaHashes, Manifest, area_key
from dagplejecli.export.unilogin import AreaMembers, child_person_id
from dagplejecli.findings import STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, Dagplejer


@dataclass(frozen=True, slots=True)
class Move:
    dagplejer_id: str
    name: str
    old_area: str
    new_area: str


@dataclass(slots=True)
class AreaChange:
    area: str
    before: int
    after: int
    added: int
    removed: int

    @property
    def removed_share(self) -> float:
        return self.removed / self.before if self.before else 0.0


@dataclass(slots=True)
class Changes:
    first_export: bool
    areas: list[AreaChange]
    moves: list[Move]


def compare(
    previous: Manifest | None,
    members: list[AreaMembers],
    hashes: dict[str, AreaHashes],
    kept: frozenset[str] = frozenset(),
) -> Changes:
    """What this Unilogin export changes compared with the last one (``kept``: the areas an
    export of some areas leaves as they are, neither compared nor removed)."""
    prev = previous.unilogin if previous else None
    if not prev:
        first = []
        for m in members:
            n = len(hashes[area_key(m)].members)
            first.append(AreaChange(m.area.name, 0, n, n, 0))
        return Changes(True, first, [])
    prev_areas: dict[str, Any] = prev.get("areas", {})
    prev_dagplejere: dict[str, str] = prev.get("dagplejere", {})

    def old_name(key: str) -> str:
        return str(prev_areas.get(key, {}).get("navn", key))

    changes = []
    for m in members:
        now = hashes[area_key(m)].members
        before = set(prev_areas.get(area_key(m), {}).get("members", []))
        changes.append(
            AreaChange(m.area.name, len(before), len(now), len(now - before), len(before - now))
        )
    current = {area_key(m) for m in members}
    for key, data in sorted(prev_areas.items()):
        if key not in current and key not in kept:
            before = set(data.get("members", []))
            changes.append(AreaChange(old_name(key), len(before), 0, 0, len(before)))
    moves = []
    for m in members:
        dagplejer_hashes = hashes[area_key(m)].dagplejere
        for d in m.dagplejere:
            old = prev_dagplejere.get(dagplejer_hashes[d.id])
            if old is not None and old != area_key(m):
                moves.append(Move(d.id, d.name, old_name(old), m.area.name))
    return Changes(False, changes, moves)


# Identity changes, named before Unilogin acts on them (the last export against this one).
# likely a corrected CPR
DP227 = Rule(
    "DP227", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("dagplejer", "id", "name", "old_id")
)
# a known id, another CPR
DP228 = Rule(
    "DP228", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("cpr", "id", "name", "role")
)
# a known CPR, another id (a new employee number, «05003» read as 5003): a new user in Unilogin
DP270 = Rule(
    "DP270", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("cpr", "id", "name", "role")
)


def identity_changes(
    previous: Manifest | None,
    records: dict[str, str],
    members: list[AreaMembers],
    hashes: dict[str, AreaHashes],
    kept: frozenset[str] = frozenset(),
) -> list[Finding]:
    """What Unilogin will take as another person, or refuse, compared with the last export
    (``records``: this export's ``person_records``): DP228 a known id with another CPR number
    (rejected: STIL has closed re-identification), DP227 a child gone while a child of the same
    name and dagplejer arrives with a new id (a new person, without the old one's history)."""
    prev_unilogin = previous.unilogin if previous else None
    # "hash cpr [navn [id]]" per person (a list, not an object: a list of texts is cheap to
    # write for a national roster's people)
    listed = (prev_unilogin or {}).get("personer") or []
    before = dict(str(line).split(" ", 1) for line in listed if " " in str(line))
    if not before:
        return []  # a first export, or one from before these records were kept
    # people of earlier exports, not of the last: their ids are theirs still
    earlier_listed = (prev_unilogin or {}).get("tidligere")
    earlier = dict(
        str(line).split(" ", 1)
        for line in (earlier_listed if isinstance(earlier_listed, list) else [])
        if " " in str(line)
    )
    # the people of areas this export leaves as they are (--omraade) are not gone
    prev_areas = (prev_unilogin or {}).get("areas") or {}
    staying = {str(h) for k in kept for h in (prev_areas.get(k) or {}).get("members", [])}
    gone: dict[str, list[str]] = {}
    gone_cprs: set[str] = set()  # the CPR digests of the ids gone since the last export
    for key, rec in before.items():
        if key in records or key in staying:
            continue  # exported now, or kept as it was: not gone
        parts = rec.split(" ")
        gone_cprs.add(parts[0])
        if len(parts) == 3:  # a derived id, which a new CPR changes
            gone.setdefault(parts[1], []).append(parts[2])
    out = []
    for m in members:
        area = hashes[area_key(m)]
        people: list[tuple[Kind, Dagplejer | Child, str, str, str]] = [
            (Kind.DAGPLEJER, d, d.id, "", area.dagplejere[d.id]) for d in m.dagplejere
        ]
        people += [
            (Kind.BARN, c, child_person_id(c), dagplejer, key)
            for (c, dagplejer), key in zip(m.children, area.children, strict=True)
        ]
        for role, p, ident, dagplejer, key in people:
            now, old = records[key].split(" "), before.get(key)
            if old is not None:
                if p.cpr and str(old).split(" ", 1)[0] != now[0]:
                    who = {"name": p.name, "cpr": mask_cpr(p.cpr)}
                    where = Location.of_cell(p.cell(Field.CPR))
                    out.append(DP228(where, m.area.name, role=role, id=ident, **who))
            elif p.cpr and key in earlier and earlier[key] != now[0]:
                who = {"name": p.name, "cpr": mask_cpr(p.cpr)}
                where = Location.of_cell(p.cell(Field.ID, Field.CPR))
                out.append(DP228(where, m.area.name, variant="earlier", role=role, id=ident, **who))
            elif p.cpr and now[0] in gone_cprs:
                # the person the last export sent under an id now gone, under another id (one
                # dagpleje made from her name: a new name, or a namesake hired)
                who = {"name": p.name, "cpr": mask_cpr(p.cpr)}
                where = Location.of_cell(p.cell(Field.ID, Field.CPR))
                # a dagplejer's id made from her name; a child's made from her CPR number
                # changes only with it, so hers is an id column removed: the default words
                variant = "derived" if p.id_derived and role == Kind.DAGPLEJER else ""
                out.append(DP270(where, m.area.name, variant=variant, role=role, id=ident, **who))
            elif role == Kind.BARN and len(same := gone.get(now[1], [])) == 1:
                where = Location.of_cell(p.cell(Field.CPR))
                out.append(
                    DP227(
                        where,
                        m.area.name,
                        name=p.name,
                        dagplejer=dagplejer,
                        id=ident,
                        old_id=same[0],
                    )
                )
    return out
