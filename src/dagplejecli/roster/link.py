"""Ids and links: ids for those the roster gives none, and each child linked to its dagplejer."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from dagplejecli.domain.keyed import keyed_digest
from dagplejecli.domain.values import normalise_cpr
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


def resolve_children(dagplejere: list[Dagplejer], children: list[Child]) -> None:
    """Link each child to its dagplejer's id, by id, by CPR or (one-sheet) by name."""
    by_id = {d.id: d.id for d in dagplejere}
    by_cpr: dict[str, str] | None = None  # only needed when a child names its dagplejer so
    by_name: dict[str, str] | None = None
    for c in children:
        ref = c.dagplejer_ref
        if not ref:
            continue
        found = by_id.get(ref)
        if found is None:
            if by_cpr is None:
                by_cpr = {d.cpr: d.id for d in dagplejere if d.cpr}
            digits = normalise_cpr(ref).digits
            found = by_cpr.get(digits) if digits else None
        if found is None:
            if by_name is None:
                by_name = {d.name: d.id for d in dagplejere if d.name}
            found = by_name.get(ref)
        c.dagplejer_id = found
