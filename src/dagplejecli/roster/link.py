"""Ids and links: ids for those the roster gives none, and each child linked to its dagplejer."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from dagplejecli.domain.identifiers import contains_cpr
from dagplejecli.domain.keyed import KeyedDigest
from dagplejecli.domain.shape import RefForm
from dagplejecli.domain.values import comparable_text, id_key, name_key, normalise_cpr
from dagplejecli.model import Child, Dagplejer
from dagplejecli.roster.columns import ColumnMap
from dagplejecli.roster.headers import normalise_header, read_header
from dagplejecli.roster.rows import cell_text, data_rows
from dagplejecli.roster.vocabulary import without_role_words


def derive_dagplejer_ids(dagplejere: list[Dagplejer], secret: Callable[[], bytes]) -> None:
    """Give dagplejere without an id one made from their name (never from the CPR number).
    Namesakes are told apart by their CPR numbers keyed with the municipality's ``secret`` (as
    a child's id is): each keeps her id when the rows are sorted otherwise. By their order,
    a re-sorted HR list gave one the other's id, her group and its families."""
    bases = {}
    for d in dagplejere:
        if not d.id:
            digest = hashlib.sha256(d.name.casefold().encode("utf-8")).hexdigest()[:8].upper()
            bases[id(d)] = f"D-{digest}"
    counts = Counter(bases.values())
    keyed: KeyedDigest | None = None
    seen: dict[str, int] = {}
    for d in dagplejere:
        base = bases.get(id(d))
        if base is None:
            continue
        d.id_derived = True
        if counts[base] == 1:
            d.id = base
        elif d.cpr:
            keyed = keyed or KeyedDigest(secret())
            d.id = f"{base}-{keyed('dagplejer', d.cpr)[:6].upper()}"
        else:  # no CPR to tell her by (DP213 says so): her place among her namesakes
            seen[base] = seen.get(base, 0) + 1
            d.id = f"{base}-{seen[base]}"


def derive_child_ids(children: list[Child], secret: Callable[[], bytes]) -> None:
    """Children without an id in the roster get one (LocalPersonId) derived from the CPR with
    the municipality's ``secret``: the same on every export that uses the same secret, and
    without the secret no one can find the CPR from it (a plain hash of a CPR can be reversed
    by trying the 10,000 endings of its birth date). An id column always wins. ``secret`` is
    asked for only when a child needs an id."""
    digest: KeyedDigest | None = None
    for c in children:
        if not c.id:
            digest = digest or KeyedDigest(secret())
            c.id = f"B-{digest('barn', c.cpr or c.name)[:16].upper()}"
            c.id_derived = True


@dataclass(slots=True)
class Mismatch:
    """A reference whose id is one dagplejer's and whose name is not that dagplejer's."""

    dagplejer: Dagplejer  # the one the id part names
    id: str  # the id part, as written
    name: str  # the name part, as written
    children: list[Child] = field(default_factory=list)


@dataclass(slots=True)
class LinkReport:
    """What linking noticed: names that more than one dagplejer has, each with the ids of
    those who share it and the children who named it; references whose id and name are not
    one dagplejer's."""

    ambiguous: dict[str, tuple[tuple[str, ...], list[Child]]] = field(default_factory=dict)
    by_name: list[Child] = field(default_factory=list)  # linked by a name only one has
    mismatched: dict[str, Mismatch] = field(default_factory=dict)
    forms: set[RefForm] = field(default_factory=set)  # the forms that linked a child


# Where a reference like "20100 - Anne Jensen", "20100 Anne Jensen" or "Anne Jensen (20100)"
# may part into an id and a name; the brackets and dashes around either part are not its own.
_SEPARATOR = re.compile(r"\s*[-–—:|/()\[\]]+\s*|\s+")
_AROUND = " -–—:|/()[]"


def id_and_name(ref: str) -> list[tuple[str, str]]:
    """The ways ``ref`` reads as a dagplejer's id and name written together, id first or last
    (a pladsanvisning's «20100 - Anne Jensen»): the id part has a digit, the name part letters
    and no digit."""
    out = []
    for m in _SEPARATOR.finditer(ref):
        head, tail = ref[: m.start()].strip(_AROUND), ref[m.end() :].strip(_AROUND)
        for ident, name in ((head, tail), (tail, head)):
            has_digit = any(ch.isdigit() for ch in ident)
            if has_digit and any(ch.isalpha() for ch in name) and not any(map(str.isdigit, name)):
                out.append((ident, name))
    return out


_Found = tuple[str | None, tuple[str, ...], Mismatch | None]


def _by_id_and_name(ref: str, by_key: dict[str, list[Dagplejer]]) -> _Found:
    """``ref`` read as an id and a name (``id_and_name``): the dagplejer whose id is the id
    part and whose name is the name part (by ``name_key``), when exactly one is; the ids when
    more are; else the first dagplejer whose id it names with another name (a mismatch)."""
    both: dict[str, Dagplejer] = {}
    mismatch = None
    for ident, name in id_and_name(ref):
        for d in by_key.get(id_key(ident), []):
            if name_key(name) == name_key(d.name):
                both.setdefault(d.id, d)
            elif mismatch is None:
                mismatch = Mismatch(d, ident, name)
    if len(both) == 1:
        return next(iter(both)), (), None
    return None, tuple(both), None if both else mismatch


def reference_key(ref: str) -> str:
    """A reference as ``[roster.henvisninger]`` compares it: spaces made single, any case."""
    return " ".join(ref.split()).casefold()


def resolve_children(
    dagplejere: list[Dagplejer],
    children: list[Child],
    form: RefForm | None = None,
    named: dict[str, str] | None = None,
) -> LinkReport:
    """Link each child to its dagplejer's id, by id, by CPR or by name; by name only when the
    name is one dagplejer's (an ambiguous name links no one and is reported); by an id and a
    name written together (``id_and_name``) only when both are one dagplejer's (an id whose
    name is another's links no one and is reported). ``form``: only that form is read.
    ``named``: references the configuration says the dagplejer of ([roster.henvisninger], by
    ``reference_key``: her id), which win."""
    by_key: dict[str, list[Dagplejer]] = {}  # the dagplejere of each id
    by_name: dict[str, list[str]] = {}  # the ids of each name
    for d in dagplejere:
        by_key.setdefault(id_key(d.id), []).append(d)
        if d.name:
            by_name.setdefault(name_key(d.name), []).append(d.id)
    by_id = {key: same[0].id for key, same in by_key.items()}
    by_cpr = {d.cpr: d.id for d in dagplejere if d.cpr}
    both: dict[str, _Found] = {}  # each reference read as an id and a name, once
    report = LinkReport()
    said = {k: by_id.get(id_key(v)) for k, v in (named or {}).items()}
    for c in children:
        ref = c.dagplejer_ref
        if not ref:
            continue
        if (key := reference_key(ref)) in said:
            c.dagplejer_id = said[key]
            continue
        found = by_id.get(id_key(ref)) if form in (None, RefForm.ID) else None
        used = RefForm.ID
        # «Dagplejer Hanne Sørensen (41789)»: the role words set aside, the rest is read as an
        # id, a CPR number, a name, or an id and a name that must agree (findings keep the
        # reference as written, so that the user finds it in the sheet)
        bare = without_role_words(ref) if found is None else ref
        if found is None and form in (None, RefForm.CPR):
            digits = normalise_cpr(bare).digits
            found, used = by_cpr.get(digits) if digits else None, RefForm.CPR
        ids: list[str] = []
        if found is None and form in (None, RefForm.NAVN):
            ids = by_name.get(name_key(bare), [])
            if len(ids) == 1:
                found, used = ids[0], RefForm.NAVN
                report.by_name.append(c)
            elif ids:  # one finding for the name, however each child spells it
                key = f"navn:{name_key(bare)}"
                report.ambiguous.setdefault(key, (tuple(ids), []))[1].append(c)
        if found is None and not ids and form in (None, RefForm.ID_OG_NAVN):
            if ref not in both:
                both[ref] = _by_id_and_name(bare, by_key)
            found, several, mismatch = both[ref]
            used = RefForm.ID_OG_NAVN
            if several:
                report.ambiguous.setdefault(ref, (several, []))[1].append(c)
            elif mismatch is not None:
                report.mismatched.setdefault(ref, mismatch).children.append(c)
        c.dagplejer_id = found
        if found is not None:
            report.forms.add(used)
    return report


def matching_column(
    dagplejere: list[Dagplejer], refs: list[str], id_column: str = ""
) -> str | None:
    """The dagplejere's column (other than ``id_column``, the one read as their id) whose
    values most of ``refs`` (the unlinked children's dagplejer references) match, compared as
    ids, whole or as the id part of «id - navn»: the column to map as the id."""
    wanted = [{id_key(r), *(id_key(i) for i, _ in id_and_name(r))} for r in refs]
    best, best_hits = None, 0
    headers = [h for h in dagplejere[0].extra if h != id_column] if dagplejere else []
    for header in headers:
        values = {id_key(d.extra.get(header, "")) for d in dagplejere} - {""}
        hits = sum(1 for keys in wanted if keys & values)
        if hits > best_hits:
            best, best_hits = header, hits
    return best if best_hits * 2 > len(wanted) else None


def naming_column(
    rows: list[list[object]], columns: list[int], dagplejere: list[Dagplejer]
) -> int | None:
    """Of a children's sheet's ``columns`` (none read as a field), the one whose cells name
    the dagplejere — by CPR number or name, or id and name together («Dagplejer Lise Hansen
    (4711)»: both hers), never by a bare id (a column of small numbers, an age, would match
    ids 1, 2, 3) — in more than half of its filled cells; None when no column does, or more
    than one (never a guess between them). What a column holds decides, whatever its header
    («Stue», «Gruppe»)."""
    ids = {id_key(d.id) for d in dagplejere if d.id}
    names = {name_key(d.name) for d in dagplejere if d.name}
    cprs = {d.cpr for d in dagplejere if d.cpr}

    def names_one(value: object) -> bool:
        text = without_role_words(" ".join(str(value).split()))
        if name_key(text) in names or normalise_cpr(text).digits in cprs:
            return True
        return any(id_key(i) in ids and name_key(n) in names for i, n in id_and_name(text))

    found = []
    for col in columns:
        cells = [row[col] for row in rows if col < len(row) and row[col] not in ("", None)]
        if cells and sum(map(names_one, cells)) * 2 > len(cells):
            found.append(col)
    return found[0] if len(found) == 1 else None


class ChildColumns:
    """The columns of the children's sheet whose header names no field and which the
    dagplejere's sheet does not have («Distrikt» in a booking system's list, none in the HR
    list), each child's values in them, kept until the children are linked (``give``)."""

    def __init__(self, cmap: ColumnMap, children: list[Child], theirs: set[str]) -> None:
        read = cmap.read_columns()
        # with sheets read as one, «Ark» and the title blocks' columns too: a sheet per
        # district says each dagplejer's district by the sheet her children are on
        self.columns = [
            (col, text)
            for col, text in enumerate(cmap.header.texts)
            if text
            and col not in read
            and (norm := normalise_header(text)) not in theirs
            and read_header(norm) is None
        ]
        self.values: dict[int, list[str]] = {}
        if self.columns:
            for child, (_, row) in zip(children, data_rows(cmap), strict=True):
                self.values[id(child)] = [cell_text(row, col) for col, _ in self.columns]

    def give(self, children: list[Child], dagplejere: list[Dagplejer]) -> list[tuple[int, str]]:
        """A column whose values every dagplejer's children agree on where they write one (as
        the rules compare), with a dagplejer whose two children or more write it (so that
        agreeing shows something: not an allergy on two dagplejere's one child each), becomes
        hers, for the rules and ``init``'s areas; the columns given, with their headers. One
        that differs between one dagplejer's children, or holds a CPR number, is the
        children's own."""
        seen: list[dict[str, dict[str, str]]] = [{} for _ in self.columns]  # id → key → text
        shown: list[Counter[str]] = [Counter() for _ in self.columns]  # id → children with one
        for child in children:
            values = self.values.get(id(child))
            if values is None or child.dagplejer_id is None:
                continue
            for i, value in enumerate(values):
                if value:
                    texts = seen[i].setdefault(child.dagplejer_id, {})
                    texts.setdefault(comparable_text(value), value)
                    shown[i][child.dagplejer_id] += 1
        given = []
        for (col, header), found, count in zip(self.columns, seen, shown, strict=True):
            if not found or any(len(v) > 1 for v in found.values()):
                continue
            if max(count.values()) < 2:
                continue  # no dagplejer with two children writing it: nothing shows it is hers
            texts = {d: next(iter(v.values())) for d, v in found.items()}
            if any(contains_cpr(t) for t in texts.values()):
                continue
            given.append((col, header))
            for d in dagplejere:
                d.extra.setdefault(header, texts.get(d.id, ""))
        return given
