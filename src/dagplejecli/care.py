"""Who is in care on a day: the placement (a child's) or employment (a dagplejer's) period and
status the roster gives, judged at the day ``--dato`` names (default today).

The Unilogin import is a snapshot: whoever is in it is attached, whoever is left out is detached
at the next load, and it carries no person-level dates (DOMAIN.md §4). So a child whose period
ended is left out, and a child who has not started yet waits (``[unilogin] dage_foer_start`` days
before the start at the earliest). Each person left out is said (DP236), with why; a date that
cannot be read, a start after the end or an end before birth is an error on its cell (DP237),
never a guess; status words the tool does not know are said once per column (DP238), and the
dates decide for them.

The reader only keeps the cells (``Person.start_cell``, ``end_cell``, ``status_text``); this
module, applied in the pipeline before planning, decides.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from dagplejecli.config import Config
from dagplejecli.domain.identifiers import cpr_birth_date, mask_cpr_in_text
from dagplejecli.domain.shape import Field, Kind, Owner
from dagplejecli.domain.values import clean_text, id_key, name_key, normalise_bool, read_date
from dagplejecli.findings import OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import Child, Dagplejer, Person, Plan, Roster
from dagplejecli.roster.vocabulary import normalise_words, vocabulary

# not in care: left out, and why
DP236 = Rule(
    "DP236",
    S.INFO,
    Family.PERSONS,
    STIL_UNILOGIN,
    params=("cpr", "date", "day", "name", "role", "status"),
)
# a period that cannot be judged
DP237 = Rule(
    "DP237",
    S.ERROR,
    Family.PERSONS,
    OWN,
    params=("born", "cells", "cpr", "dagplejer", "end", "name", "role", "start", "value"),
)
# status words the tool does not know
DP238 = Rule("DP238", S.WARNING, Family.PERSONS, OWN, params=("column", "count", "values"))
# a status of yes or no («Indskrevet»: Ja, «Udmeldt»: X) the configuration does not map: the
# same tick takes a child in under one header and out under another, so it stops the export
DP268 = Rule("DP268", S.ERROR, Family.PERSONS, OWN, params=("column", "count", "values"))
# a one-sheet roster's dagplejer marked as a guest carer on some of her rows and not on others:
# not made one (a guest carer sees every group of her area), and said
DP263 = Rule("DP263", S.WARNING, Family.PERSONS, OWN, params=("id", "name", "rows"))

IN_CARE, NOT_IN_CARE, OFFERED, LEAVE = "i_pleje", "ikke_i_pleje", "tilbudt", "orlov"


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A person not in care on the day: why (``ended``, ``starts``, ``status``), the date
    that says so, and (once planned) the area."""

    person: Child | Dagplejer
    role: Kind
    reason: str
    when: dt.date | None
    status: str
    area: str | None = None

    @property
    def wording(self) -> str:
        """The reason as it is said: a dagplejer is employed or not, never «in care»."""
        return f"employee_{self.reason}" if self.role == Kind.DAGPLEJER else self.reason


@dataclass(slots=True)
class Care:
    """Who was left out on ``day``, and what judging the periods found."""

    day: dt.date
    left_out: list[LeftOut] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def per_area(self) -> dict[str, tuple[int, int]]:
        """Area → (dagplejere, children) left out (only areas with any)."""
        dagplejere: Counter[str] = Counter()
        children: Counter[str] = Counter()
        for x in self.left_out:
            if x.area is not None:
                (children if x.role == Kind.BARN else dagplejere)[x.area] += 1
        names = sorted(set(dagplejere) | set(children))
        return {name: (dagplejere[name], children[name]) for name in names}

    def totals(self) -> tuple[int, int]:
        """(dagplejere, children) left out, in an area or none."""
        children = sum(1 for x in self.left_out if x.role == Kind.BARN)
        return len(self.left_out) - children, children

    def ended_children(self) -> list[LeftOut]:
        """The children whose period ended before the day."""
        return [x for x in self.left_out if x.role == Kind.BARN and x.reason == "ended"]


def _statuses(config: Config) -> dict[str, str]:
    words = dict(vocabulary().statuses)
    words.update({normalise_words(k): v for k, v in config.roster.status.items()})
    return words


def _date_text(when: dt.date) -> str:
    return when.strftime("%d-%m-%Y")


class _Judge:
    def __init__(self, config: Config, day: dt.date, roster: Roster) -> None:
        self.day = day
        # each sheet's status header as written, for DP238
        # (sheets read as one: by each part's name too, as a cell names its sheet)
        self.status_headers = {
            name: info.recognised.get(Field.STATUS)
            or info.recognised.get(f"{Owner.BARN}.{Field.STATUS}", "")
            for info in roster.sheet_info
            for name in (info.name, *info.parts)
        }
        self.latest_start = day + dt.timedelta(days=config.unilogin.dage_foer_start)
        self.statuses = _statuses(config)
        self.findings: list[Finding] = []
        # unknown status words per column: header → (first cell, words seen); ticks apart
        self.unknown: dict[str, tuple[Person, list[str]]] = {}
        self.ticks: dict[str, tuple[Person, list[str]]] = {}

    def bad(self, p: Person, role: Kind, cell: Field, variant: str, **params: str) -> None:
        """A period that cannot be judged (DP237), on ``cell`` of ``p``'s row."""
        where = Location.of_cell(p.cell(cell))
        self.findings.append(
            DP237(where, None, variant=variant, role=role, name=p.name, cpr=p.cpr_masked, **params)
        )

    def meaning(self, p: Person) -> str | None:
        """What the person's status says (None: no status, or one the tool does not know)."""
        if not p.status_text:
            return None
        found = self.statuses.get(normalise_words(p.status_text))
        if found is None:
            cell = p.cell(Field.STATUS)
            column = self.status_headers.get(cell.sheet, "") if cell else ""
            kind = self.ticks if normalise_bool(p.status_text) is not None else self.unknown
            _, seen = kind.setdefault(column, (p, []))
            text = mask_cpr_in_text(p.status_text)[:40]
            if text not in seen:
                seen.append(text)
        return found

    def judge(self, p: Child | Dagplejer, role: Kind) -> LeftOut | None:
        """None when ``p`` is in care on the day; else why not."""
        if p.start_cell is None and p.end_cell is None and not p.status_text:
            return None  # the common case: the roster says nothing of a period
        start, start_ok = read_date(p.start_cell)
        end, end_ok = read_date(p.end_cell)
        for ok, cell, value in (
            (start_ok, Field.START, p.start_cell),
            (end_ok, Field.SLUT, p.end_cell),
        ):
            if not ok:
                self.bad(p, role, cell, "", value=mask_cpr_in_text(clean_text(value))[:40])
        if start and end and start > end:
            self.bad(p, role, Field.START, "order", start=_date_text(start), end=_date_text(end))
        born = cpr_birth_date(p.cpr) if p.cpr and role == Kind.BARN else None
        if end and born and end < born:
            self.bad(p, role, Field.SLUT, "birth", end=_date_text(end), born=_date_text(born))
        meaning = self.meaning(p)
        status = p.status_text
        if end is not None and end < self.day:
            return LeftOut(p, role, "ended", end, status)
        if meaning == NOT_IN_CARE or (meaning == OFFERED and start is None):
            return LeftOut(p, role, "status", None, status)
        # a child may be in Unilogin days before her start; staff from their first day
        latest = self.latest_start if role == Kind.BARN else self.day
        if start is not None and start > latest:
            return LeftOut(p, role, "starts", start, status)
        return None

    def unknown_findings(self) -> list[Finding]:
        out = []
        for rule, columns in ((DP238, self.unknown), (DP268, self.ticks)):
            for column, (first, seen) in columns.items():
                where = Location.of_cell(first.cell(Field.STATUS))
                values = tuple(seen[:8])
                out.append(rule(where, None, column=column, values=values, count=len(seen)))
        return out


def status_meaning(config: Config, text: str) -> str | None:
    """What a status cell says of care (``i_pleje`` … ``orlov``), or None."""
    return _statuses(config).get(normalise_words(text)) if text else None


def mark_guests(roster: Roster, config: Config) -> list[Finding]:
    """Guest carers (gæstedagplejere): the roster's own column (read by the Builder), a
    position (Stilling) that says so, or ``[roster] gaeste``. A guest carer is an Employee with
    ``[unilogin] vikar_rolle`` in every group of her area, not a dagplejer with a group of her
    own (DOMAIN.md §4). DP263 for one whose rows disagree and nothing else makes her one."""
    positions = set(vocabulary().guest_positions)
    listed = {id_key(i) for i in config.roster.gaeste}
    out = []
    for d in roster.dagplejere:
        if d.guest:
            continue
        if (d.position and normalise_words(d.position) in positions) or (
            listed and id_key(d.id) in listed  # no id to make comparable when none is listed
        ):
            d.guest = True
        elif d.guest_disputed:
            where = Location(file=d.row_ref.file, sheet=d.row_ref.sheet) if d.row_ref else None
            out.append(DP263(where or Location(), id=d.id, name=d.name, rows=d.guest_disputed))
    return out


def apply_care(roster: Roster, config: Config, day: dt.date) -> Care:
    """Leave out of ``roster`` the dagplejere and children not in care on ``day`` (kept in the
    returned ``Care``, with what judging found). Areas are not known yet: ``place`` sets them."""
    guests = mark_guests(roster, config)
    judge = _Judge(config, day, roster)
    care = Care(day, findings=guests)
    kept_dagplejere = []
    for d in roster.dagplejere:
        out = judge.judge(d, Kind.DAGPLEJER)
        if out is None:
            kept_dagplejere.append(d)
        else:
            care.left_out.append(out)
    kept_children = []
    for c in roster.children:
        out = judge.judge(c, Kind.BARN)
        if out is None:
            kept_children.append(c)
        else:
            care.left_out.append(out)
    _contradicting_placements(kept_children, care.left_out, judge)
    kept_children = _ongoing_placements(kept_children, day, care)
    if len(kept_dagplejere) != len(roster.dagplejere):
        gone = {x.person.id: x for x in care.left_out if x.role == Kind.DAGPLEJER}
        waiting: set[int] = set()
        for c in kept_children:
            if c.dagplejer_id not in gone:
                continue
            start = read_date(c.start_cell)[0]
            if gone[c.dagplejer_id].reason == "starts" and start is not None and start > day:
                # let in dage_foer_start days early, with a dagplejer who starts too: she
                # waits with her (her group is not in the import before the dagplejer is)
                care.left_out.append(LeftOut(c, Kind.BARN, "starts", start, c.status_text))
                waiting.add(id(c))
            else:  # in care with a dagplejer who is not: the child would vanish from Unilogin
                judge.bad(
                    c, Kind.BARN, Field.DAGPLEJER, "dagplejer", dagplejer=c.dagplejer_id or ""
                )
        kept_children = [c for c in kept_children if id(c) not in waiting]
    roster.dagplejere[:] = kept_dagplejere
    roster.children[:] = kept_children
    care.findings += judge.findings + judge.unknown_findings()
    return care


def _contradicting_placements(kept: list[Child], left_out: list[LeftOut], judge: _Judge) -> None:
    """A child on two rows with the same dagplejer whose periods overlap, one of them in care
    and the other not (a long form's row per parent, one of them not updated: «Slutdato» or
    «Udmeldt» on the father's row only): the rows contradict each other, and the export would
    leave out the contact persons of the row that is not in care (only those the row in care
    does not have: with none, nothing is lost). An error (DP237, variant
    ``overlap``) on the row in care, never a choice between them. Two periods one after the
    other are two placements; with two dagplejere, a move (``_ongoing_placements``)."""
    gone: dict[str, list[Child]] = {}
    for x in left_out:
        if isinstance(x.person, Child) and x.person.cpr:
            gone.setdefault(x.person.cpr, []).append(x.person)
    if not gone:
        return
    for c in kept:
        for other in gone.get(c.cpr or "", ()):
            # the same dagplejer, or none written on the row not in care (a row cleared)
            if other.dagplejer_id not in (c.dagplejer_id, None):
                continue
            # only a contact person the row in care lacks would be lost (a second placement
            # with the same parents, «Tilbudt» from next month, loses no one)
            if not _lost(other, c):
                continue
            if _overlap(_period(c), _period(other)):
                cells = f"{c.cell(Field.CPR)}, {other.cell(Field.CPR)}"
                judge.bad(c, Kind.BARN, Field.CPR, "overlap", cells=cells)
                break


def _lost(other: Child, kept: Child) -> bool:
    """Whether a contact person of ``other`` is not on ``kept``: by CPR number where both
    rows write one, else by name (a row that leaves the mother's CPR blank has her still)."""
    cprs = {p.cpr for p in kept.contacts if p.cpr}
    names = {name_key(p.name) for p in kept.contacts}

    def there(p: Person) -> bool:
        return p.cpr in cprs if p.cpr and cprs else name_key(p.name) in names

    return not all(map(there, other.contacts))


def _period(p: Person) -> tuple[dt.date, dt.date]:
    """The days a row's placement covers, as written (a blank start or end: open)."""
    start, end = read_date(p.start_cell)[0], read_date(p.end_cell)[0]
    return start or dt.date.min, end or dt.date.max


def _overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Whether two periods share more than the day one ends and the other begins."""
    return a == b or max(a[0], b[0]) < min(a[1], b[1])


def _ongoing_placements(children: list[Child], day: dt.date, care: Care) -> list[Child]:
    """A child moving to another dagplejer, in care on two rows on the day: the new placement
    let in ``dage_foer_start`` days before it begins waits while one has begun, said like any
    start (DP236); on the day she moves, the placement that ends that day gives way to the one
    that begins it."""
    rows: dict[str, list[Child]] = {}
    for c in children:
        if c.cpr:
            rows.setdefault(c.cpr, []).append(c)
    waiting: set[int] = set()
    for placements in rows.values():
        if len(placements) < 2:
            continue
        starts = [read_date(c.start_cell)[0] for c in placements]
        if any(s is None or s <= day for s in starts):
            for c, start in zip(placements, starts, strict=True):
                if start is not None and start > day:
                    care.left_out.append(LeftOut(c, Kind.BARN, "starts", start, c.status_text))
                    waiting.add(id(c))
        # the day she moves: the placement that ends on it gives way to the one that begins
        if day in starts:
            for c in placements:
                end = read_date(c.end_cell)[0]
                if end == day and id(c) not in waiting and read_date(c.start_cell)[0] != day:
                    care.left_out.append(LeftOut(c, Kind.BARN, "ended", end, c.status_text))
                    waiting.add(id(c))
    return [c for c in children if id(c) not in waiting] if waiting else children


def place(care: Care, plan: Plan, config: Config) -> None:
    """Give each person left out the area they would be in, and say each (DP236)."""
    from dagplejecli.planning import make_plan

    dagplejere: list[Dagplejer] = []
    for x in care.left_out:
        if isinstance(x.person, Dagplejer):
            dagplejere.append(x.person)
    gone_plan = make_plan(config, dagplejere) if dagplejere else None

    def area_of(x: LeftOut) -> str | None:
        if isinstance(x.person, Dagplejer):
            return gone_plan.area_of(x.person.id) if gone_plan else None
        ident = x.person.dagplejer_id
        return plan.area_of(ident) or (gone_plan.area_of(ident) if gone_plan else None)

    placed = []
    for x in care.left_out:
        area = area_of(x)
        placed.append(LeftOut(x.person, x.role, x.reason, x.when, x.status, area))
        cell = {"ended": Field.SLUT, "starts": Field.START}.get(x.reason, Field.STATUS)
        when = _date_text(x.when) if x.when else ""
        care.findings.append(
            DP236(
                Location.of_cell(x.person.cell(cell, Field.CPR)),
                area,
                variant=x.wording,
                role=x.role,
                name=x.person.name,
                cpr=x.person.cpr_masked,
                date=when,
                status=x.status,
                day=_date_text(care.day),
            )
        )
    care.left_out = placed
