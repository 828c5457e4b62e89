"""New areas where none exist: whole postnumre in contiguous runs, sizes as even as they allow.

Danish postnumre are roughly geographic, and a run of them (``8000-8220``) is a rule a person
can read and edit. A postnummer is never split between areas. Among all ways to cut the sorted
postnumre into the wanted number of runs, the one chosen has the smallest sum of squared sizes
(so no area is needlessly large or small); ties go to the earliest cut, so the same roster gives
the same proposal. Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dagplejecli.model import Roster


@dataclass(frozen=True, slots=True)
class PostalGroup:
    """The dagplejere (and their children) of one postnummer."""

    postnr: str
    town: str
    dagplejere: int
    children: int


@dataclass(frozen=True, slots=True)
class ProposedArea:
    name: str
    groups: tuple[PostalGroup, ...]
    rest: bool = False  # takes every dagplejer no range covers (a new postnummer, none at all)

    @property
    def dagplejere(self) -> int:
        return sum(g.dagplejere for g in self.groups)

    @property
    def children(self) -> int:
        return sum(g.children for g in self.groups)

    @property
    def postnr_range(self) -> str:
        """``8000-8220``, or ``8000`` for one postnummer: the value of the area's rule."""
        first, last = self.groups[0].postnr, self.groups[-1].postnr
        return first if first == last else f"{first}-{last}"


@dataclass(frozen=True, slots=True)
class Proposal:
    areas: list[ProposedArea]
    without_postnr: int  # dagplejere with no postnummer: they go to the ``rest`` area
    by_children: bool


class CannotPropose(ValueError):
    """The roster cannot be divided as asked; ``key`` names the reason, ``params`` its values."""

    def __init__(self, key: str, **params: int) -> None:
        super().__init__(key)
        self.key, self.params = key, params


def postal_groups(roster: Roster) -> tuple[list[PostalGroup], int]:
    """The roster's dagplejere by postnummer, in numeric order, and how many have none."""
    children: dict[str, int] = {}
    for c in roster.children:
        if c.dagplejer_id:
            children[c.dagplejer_id] = children.get(c.dagplejer_id, 0) + 1
    counts: dict[str, list[int]] = {}
    towns: dict[str, dict[str, int]] = {}
    missing = 0
    for d in roster.dagplejere:
        postnr = d.address.postnr
        if not postnr:
            missing += 1
            continue
        count = counts.setdefault(postnr, [0, 0])
        count[0] += 1
        count[1] += children.get(d.id, 0)
        if d.address.city:
            seen = towns.setdefault(postnr, {})
            seen[d.address.city] = seen.get(d.address.city, 0) + 1
    groups = [
        PostalGroup(p, _most_common(towns.get(p, {})), n, kids)
        for p, (n, kids) in sorted(counts.items(), key=lambda kv: int(kv[0]))
    ]
    return groups, missing


def _most_common(spellings: dict[str, int]) -> str:
    return min(spellings, key=lambda t: (-spellings[t], t)) if spellings else ""


def balanced_cuts(
    weights: Sequence[int],
    parts: int,
    sizes: Sequence[int] | None = None,
    cap: int | None = None,
) -> list[int]:
    """Where to cut ``weights`` into ``parts`` non-empty contiguous runs: the start index of each
    run after the first. Minimises the sum of squared run weights, with every run's ``sizes``
    (default: the weights) at most ``cap``. Raises CannotPropose when no such cut exists."""
    n = len(weights)
    if not 1 <= parts <= n:
        raise CannotPropose("propose_too_many", parts=parts, count=n)
    sizes = weights if sizes is None else sizes
    pw, ps = [0], [0]
    for w, size in zip(weights, sizes, strict=True):
        pw.append(pw[-1] + w)
        ps.append(ps[-1] + size)
    inf = float("inf")
    # best[k][i]: the least cost of cutting the first i weights into k runs; start[k][i]: where
    # the last of those runs begins. O(parts · n²): a few hundred postnumre at most.
    best = [[inf] * (n + 1) for _ in range(parts + 1)]
    start = [[0] * (n + 1) for _ in range(parts + 1)]
    best[0][0] = 0
    for k in range(1, parts + 1):
        for i in range(k, n - (parts - k) + 1):
            for j in range(k - 1, i):
                if cap is not None and ps[i] - ps[j] > cap:
                    continue
                cost = best[k - 1][j] + (pw[i] - pw[j]) ** 2
                if cost < best[k][i]:
                    best[k][i], start[k][i] = cost, j
    if best[parts][n] == inf:
        raise CannotPropose("propose_cap_too_small", count=cap or 0, largest=max(sizes))
    cuts, i = [], n
    for k in range(parts, 0, -1):
        i = start[k][i]
        cuts.append(i)
    return sorted(cuts)[1:]


def fewest_parts(weights: Sequence[int], cap: int) -> int:
    """The fewest contiguous runs with every run at most ``cap`` (filling each run greedily is
    optimal for contiguous runs)."""
    if max(weights) > cap:
        raise CannotPropose("propose_cap_too_small", count=cap, largest=max(weights))
    parts, size = 1, 0
    for w in weights:
        if size + w > cap:
            parts, size = parts + 1, 0
        size += w
    return parts


def propose(
    roster: Roster,
    parts: int | None = None,
    max_dagplejere: int | None = None,
    by_children: bool = False,
    prefix: str = "Dagplejen",
) -> Proposal:
    """``parts`` new areas, or as few as keep each at or under ``max_dagplejere`` dagplejere,
    balanced by dagplejere (or by children)."""
    groups, missing = postal_groups(roster)
    if not groups:
        raise CannotPropose("propose_no_postnr")
    weights = [g.children if by_children else g.dagplejere for g in groups]
    dagplejere = [g.dagplejere for g in groups]
    if max_dagplejere is not None:
        parts = fewest_parts(dagplejere, max_dagplejere)
    cuts = balanced_cuts(weights, parts or 1, dagplejere, max_dagplejere)
    runs = [tuple(groups[a:b]) for a, b in zip([0, *cuts], [*cuts, len(groups)], strict=True)]
    names = _names(runs, prefix)
    smallest = min(range(len(runs)), key=lambda i: (sum(g.dagplejere for g in runs[i]), i))
    areas = [
        ProposedArea(name, run, rest=i == smallest)
        for i, (name, run) in enumerate(zip(names, runs, strict=True))
    ]
    return Proposal(areas, missing, by_children)


def _names(runs: list[tuple[PostalGroup, ...]], prefix: str) -> list[str]:
    """``Dagplejen Aarhus N – Risskov`` from the first and last town; unique, editable."""
    names: list[str] = []
    for run in runs:
        first = run[0].town or run[0].postnr
        last = run[-1].town or run[-1].postnr
        name = f"{prefix} {first}" if first == last else f"{prefix} {first} – {last}"
        candidate, n = name, 2
        while candidate.casefold() in {x.casefold() for x in names}:
            candidate, n = f"{name} {n}", n + 1
        names.append(candidate)
    return names
