"""Ids and links: ids for those the roster gives none, and each child linked to its dagplejer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from dagplejecli.domain.keyed import keyed_digest
from dagplejecli.domain.values import id_key, name_key, normalise_cpr
from dagplejecli.model import Child, Dagplejer


def derive_dagplejer_ids(dagplejere: list[Dagplejer]) -> None:
    """Give dagplejere without an id one made from their name (never from the CPR number)."""
    seen: dict[str, int] = {}
    for d in dagplejere:
        if d.id:
            continue
        digest = hashlib.sha256(d.name.casefold().encode("utf-8")).hexdigest()[:8].upper()
        base = f"D-{digest}"
        n = seen.get(base, 0) + 1
        seen[base] = n
        d.id = base if n == 1 else f"{base}-{n}"
        d.id_derived = True


def derive_child_ids(children: list[Child], secret: Callable[[], bytes]) -> None:
    """Children without an id in the roster get one (LocalPersonId) derived from the CPR with
    the municipality's ``secret``: the same on every export that uses the same secret, and
    without the secret no one can find the CPR from it (a plain hash of a CPR can be reversed
    by trying the 10,000 endings of its birth date). An id column always wins. ``secret`` is
    asked for only when a child needs an id."""
    key: bytes | None = None
    for c in children:
        if not c.id:
            key = key or secret()
            c.id = f"B-{keyed_digest(key, 'barn', c.cpr or c.name)[:16].upper()}"
            c.id_derived = True


@dataclass(slots=True)
class LinkReport:
    """What linking noticed: names that more than one dagplejer has, each with the ids of
    those who share it and the children who named it."""

    ambiguous: dict[str, tuple[tuple[str, ...], list[Child]]] = field(default_factory=dict)
    by_name: list[Child] = field(default_factory=list)  # linked by a name only one has


def resolve_children(dagplejere: list[Dagplejer], children: list[Child]) -> LinkReport:
    """Link each child to its dagplejer's id, by id, by CPR or by name; by name only when the
    name is one dagplejer's (an ambiguous name links no one and is reported)."""
    by_id: dict[str, str] = {}
    for d in dagplejere:
        by_id.setdefault(id_key(d.id), d.id)
    by_cpr: dict[str, str] | None = None  # only needed when a child names its dagplejer so
    by_name: dict[str, list[str]] | None = None
    report = LinkReport()
    for c in children:
        ref = c.dagplejer_ref
        if not ref:
            continue
        found = by_id.get(id_key(ref))
        if found is None:
            if by_cpr is None:
                by_cpr = {d.cpr: d.id for d in dagplejere if d.cpr}
            digits = normalise_cpr(ref).digits
            found = by_cpr.get(digits) if digits else None
        if found is None:
            if by_name is None:
                by_name = {}
                for d in dagplejere:
                    if d.name:
                        by_name.setdefault(name_key(d.name), []).append(d.id)
            ids = by_name.get(name_key(ref), [])
            if len(ids) == 1:
                found = ids[0]
                report.by_name.append(c)
            elif ids:
                report.ambiguous.setdefault(ref, (tuple(ids), []))[1].append(c)
        c.dagplejer_id = found
    return report


def matching_column(dagplejere: list[Dagplejer], refs: list[str]) -> str | None:
    """The dagplejere's column whose values most of ``refs`` (the unlinked children's
    dagplejer references) match, compared as ids: the column to map as the id."""
    wanted = {id_key(r) for r in refs}
    best, best_hits = None, 0
    headers = list(dagplejere[0].extra) if dagplejere else []
    for header in headers:
        values = {id_key(d.extra.get(header, "")) for d in dagplejere} - {""}
        hits = len(wanted & values)
        if hits > best_hits:
            best, best_hits = header, hits
    return best if best_hits * 2 > len(wanted) else None
