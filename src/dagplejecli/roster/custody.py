"""Custody (``childCustody``) decides who sees a child in Aula: it is read as the roster writes
it and never assumed. A blank is what ``[roster] tom_myndighed`` says (DP221 without it); a
value that is neither yes nor no grants nothing and is an error (DP250), never a quiet «nej»;
one column on the child's row is used only with ``[roster] raekke_myndighed = "alle"``
(DP245), or, when it names who has custody («Mor», «Far», «Fælles» for both), with
``raekke_myndighed = "navngivet"`` (said: DP258)."""

from __future__ import annotations

from collections.abc import Callable

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.domain.shape import Field, Owner
from dagplejecli.domain.values import clean_text, normalise_bool
from dagplejecli.findings import STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.model import ContactPerson, RowCustody
from dagplejecli.roster.columns import Cols
from dagplejecli.roster.headers import normalise_header, read_header
from dagplejecli.roster.rows import RowReader, filled
from dagplejecli.roster.vocabulary import vocabulary

# blank custody, no decision
DP221 = Rule(
    "DP221", S.ERROR, Family.PERSONS, STIL_UNILOGIN, params=("column", "count", "cpr", "name")
)
# One custody column on the child's row: it does not say which contact it is about (DP245)
DP245 = Rule("DP245", S.ERROR, Family.PERSONS, STIL_UNILOGIN, params=("column", "sheet"))
# a row's custody cell names a parent who is not on the row («Fælles», and only Mor there)
DP276 = Rule(
    "DP276", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("column", "relation", "value")
)
# custody neither yes nor no
DP250 = Rule(
    "DP250",
    S.ERROR,
    Family.PERSONS,
    STIL_UNILOGIN,
    params=("column", "cpr", "name", "relation", "value"),
)
# A custody column on the child's row that names who has custody («Mor», «Far», «Fælles»)
DP258 = Rule("DP258", S.INFO, Family.PERSONS, STIL_UNILOGIN, params=("column", "count", "granted"))
# The parents a row's custody cell may name: «Fælles» names both
PARENTS = frozenset({"Mor", "Far"})

# What pladsanvisning systems write for a parent who shares custody (the vocabulary's
# [myndighed] faelles): in that person's own custody cell it says the person has custody. On
# the child's row it says nothing of whom.
SHARED = frozenset(vocabulary().shared_custody)
BOTH = frozenset(vocabulary().both_parents)  # «Begge»: on the row, Mor and Far
ALONE = vocabulary().one_parent  # «Mor alene»: on the row, Mor only


def is_shared(raw: object) -> bool:
    """Whether a custody cell says «Fælles» (shared custody)."""
    return isinstance(raw, str) and normalise_header(raw) in SHARED


def custody_value(raw: object, own: bool) -> bool | None:
    """A custody cell's yes or no (``Ja``/``Nej`` and what ``normalise_bool`` reads), «Fælles»
    as yes in a contact's ``own`` cell; None when it is neither. A dash says nothing of custody
    («not stated»): None, said (DP250), never a quiet no."""
    if isinstance(raw, str) and raw.strip() and not raw.strip(" -–—"):
        return None
    value = normalise_bool(raw)
    if value is None and own and is_shared(raw):
        return True
    return value


def custody_header(headers: list[str]) -> str:
    """A header the reader takes as the custody column of the contact group whose columns have
    ``headers``: ``Far myndighed`` for ``CPR far``, ``Forælder 1 myndighed`` for ``Forælder 1
    CPR``; ``Forældremyndighed`` on a sheet of contacts (plain headers)."""
    for text in headers:
        meaning = read_header(normalise_header(text))
        if meaning is None or meaning.owner != Owner.KONTAKT:
            continue
        if meaning.implied in PARENTS:  # «Mor CPR»: «Mor myndighed»
            return f"{meaning.implied} {_CUSTODY_WORD}"
        words = text.split()
        for end in range(len(words), 0, -1):
            candidate = " ".join([*words[:end], _CUSTODY_WORD])
            found = read_header(normalise_header(candidate))
            if found is not None and (found.owner, found.field, found.group) == (
                Owner.KONTAKT,
                Field.MYNDIGHED,
                meaning.group,
            ):
                return candidate
        return f"Kontakt{meaning.group or ''} myndighed"
    return "Forældremyndighed"


_CUSTODY_WORD = vocabulary().fields[Field.MYNDIGHED][0]  # «myndighed»


class PerColumn:
    """A finding said once per sheet and missing column instead of once per person: the first
    person's finding, with ``count``, the number of people it concerns."""

    def __init__(self) -> None:
        self._first: dict[tuple[str, str], tuple[Finding, int]] = {}

    def add(self, key: tuple[str, str], finding: Finding) -> None:
        self.count(key, lambda: finding)

    def count(self, key: tuple[str, str], first: Callable[[], Finding]) -> None:
        """One more person under ``key``, the finding made for the first only (``first``:
        most people only count)."""
        found = self._first.get(key)
        self._first[key] = (first(), 1) if found is None else (found[0], found[1] + 1)

    def findings(self) -> list[Finding]:
        return [
            f.rule(f.location, f.area, variant=f.variant, **{**f.params, "count": count})
            for f, count in self._first.values()
        ]


def who(p: ContactPerson) -> dict[str, str]:
    """A contact person's params for a message (``{who}``): the name and the masked CPR."""
    return {"name": p.name, "cpr": p.cpr_masked}


class Custody:
    """Reads custody cells and says what they leave undecided (into ``findings``)."""

    def __init__(
        self,
        findings: list[Finding],
        blank: str | None,
        row: str | None,
        relations: dict[str, str] | None = None,
    ) -> None:
        self.findings = findings
        self.relations = relations or {}  # normalised relation word → Unilogin's relation
        # custody read from a row's cell that names it (DP258), and contacts without a custody
        # column of their own, per sheet and column (one DP221 for each, with the count)
        self.named: list[tuple[RowCustody, bool]] = []
        self._no_column = PerColumn()
        self.blank = blank  # [roster] tom_myndighed: "nej", "forældre" or None
        # [roster] raekke_myndighed = "alle": a custody column on the child's row is every
        # contact's of that row; unset, it is not used (DP245) and grants no one custody
        self.row_for_all = row == "alle"
        # raekke_myndighed = "navngivet": the row's cell names the parent with custody («Mor»),
        # or both («Fælles»); unset, such a cell grants no one (DP250)
        self.row_named = row == "navngivet"
        self._headers: dict[tuple[int, ...], str] = {}  # a group's columns → custody header
        self.consulted: RowCustody | None = None  # the first row custody a contact needed
        # … and a contact on a sheet of its own, which the row's column is never about
        self.consulted_elsewhere: RowCustody | None = None

    def of_row(self, r: RowReader, cols: Cols) -> RowCustody | None:
        """A custody column on the child's row (``Forældremyndighed``), None when the sheet has
        none. It says nothing of whom it is about, so it counts for a contact without a custody
        cell of its own only with ``raekke_myndighed = "alle"``; without, it grants no one
        custody (and a "nej" is never overruled by ``tom_myndighed``): DP245 from ``finish``.
        «Fælles» here says no one: DP250, no custody."""
        col = cols.get(Field.MYNDIGHED)
        if col is None:
            return None
        raw = filled(r.row, col)
        value = None if raw is None else custody_value(raw, own=False)
        if raw is not None and (value is None or self.row_named):
            names = self._named(raw)
            if names is not None and self.row_named:  # «Mor», «Far», «Fælles»: whose it is
                text = mask_cpr_in_text(clean_text(raw))[:40]
                return RowCustody(None, r.cell(col), r.header(col), names, text)
            if self.row_named:  # a cell that names no one (a «Ja» too) gives no one custody
                self._unreadable(r, col, raw, "row_names_none", {})
                return RowCustody(False, r.cell(col), r.header(col), frozenset())
            self._unreadable(r, col, raw, "row_shared" if names else "row", {})
            value = False
        return RowCustody(value, r.cell(col), r.header(col))

    def _named(self, raw: object) -> frozenset[str] | None:
        """The parents a row's custody cell names: «Mor» or «Far» (in the vocabulary's relation
        words), or both for «Fælles»; None for anything else."""
        if is_shared(raw) or (isinstance(raw, str) and normalise_header(raw) in BOTH):
            return PARENTS
        words = normalise_header(raw) if isinstance(raw, str) else ""
        relation = self.relations.get(words) or ALONE.get(words)
        return frozenset({relation}) if relation in PARENTS else None

    def of_contact(
        self,
        p: ContactPerson,
        r: RowReader,
        cols: Cols,
        raw: object,
        row: RowCustody | None,
        elsewhere: bool = False,
    ) -> bool:
        """A contact's custody: the own cell (``raw``, None when blank), else the child's row's
        (see ``of_row``), else what a blank means. ``elsewhere``: the contact is on a sheet of
        its own, not on the child's row, so the row's column is not the contact's even with
        ``raekke_myndighed``: it grants nothing, and a «Nej» there is not overruled by
        ``tom_myndighed`` (DP245)."""
        if raw is not None:
            value = custody_value(raw, own=True)
            if value is None:
                self._unreadable(r, cols[Field.MYNDIGHED], raw, "", who(p))
                return False
            return value
        if row is not None and row.names is not None:
            if elsewhere:  # a named cell on the child's row is not this contact's: no guess
                self.consulted_elsewhere = self.consulted_elsewhere or row
            return False  # the cell names whose custody it is: ``settle_named`` decides per row
        if row is not None and row.value is not None:
            if elsewhere:
                self.consulted_elsewhere = self.consulted_elsewhere or row
                return False
            self.consulted = self.consulted or row
            return row.value and self.row_for_all
        if self.blank == "forældre":
            return p.relation in PARENTS
        if self.blank is None:
            self._missing(self._blank(p, r, cols, row))
        return False

    def _blank(self, p: ContactPerson, r: RowReader, cols: Cols, row: RowCustody | None) -> Finding:
        """DP221: no value for a contact's custody and no decision of what a blank means; its
        cell, or the contact group's when the group has no custody column (nor a row's that
        counts for it)."""
        if Field.MYNDIGHED in cols:
            return DP221(Location.of_cell(p.cell(Field.MYNDIGHED)), **who(p))
        if row is not None and self.row_for_all:
            return DP221(Location.of_cell(row.cell), **who(p))
        key = tuple(sorted(cols.values()))
        if key not in self._headers:
            self._headers[key] = custody_header([r.header(c) for c in key])
        where = Location.of_cell(p.cell(Field.CPR, Field.NAVN))
        return DP221(where, variant="no_column", column=self._headers[key], **who(p))

    def settle_named(
        self, r: RowReader, contacts: list[ContactPerson], row: RowCustody | None
    ) -> None:
        """Custody from a row's cell that names who has it («Mor», «Far», «Fælles» for both),
        with ``raekke_myndighed = "navngivet"``, for the row's contacts without a custody cell of
        their own: a named parent has it when exactly one contact on the row is that parent, and
        the relation is written as Mor or Far (in the header or the cell) — never one guessed
        from the CPR number («Forælder») or read from «Medmor»/«Medfar». Anyone else the cell
        names nothing for: no custody, and an error when it named a parent who could not be told
        (DP250), so no one is given access on a guess."""
        if row is None or not row.names:  # not named, or named no one (DP250 said so)
            return
        # a parent the cell names who is not on the row: no one in Unilogin has the custody
        # the roster says («Fælles», and the father's columns blank); a row without contacts
        # has them elsewhere (a contacts sheet: DP245 says what the cell is then)
        absent = row.names - {p.relation for p in contacts} if contacts else frozenset()
        for relation in sorted(absent):
            where = Location.of_cell(row.cell)
            column, value = row.column, row.value_text
            self.findings.append(DP276(where, column=column, relation=relation, value=value))
        own = [p for p in contacts if Field.MYNDIGHED not in p.columns]
        written = [p for p in own if self._written_parent(p)]
        for p in own:
            unique = sum(1 for q in written if q.relation == p.relation) == 1
            p.custody = p in written and unique and p.relation in row.names
            self.named.append((row, p.custody))
            if p.relation in row.names and not p.custody:
                where = Location.of_cell(row.cell)
                self.findings.append(
                    DP250(
                        where,
                        variant="row_named",
                        value=row.value_text,
                        column=row.column,
                        relation=str(p.relation),
                        **who(p),
                    )
                )

    def _written_parent(self, p: ContactPerson) -> bool:
        """Whether a contact's Mor or Far is written so (the header «Mor CPR», or the cell
        «Mor»/«Mother»), not made from «Forælder» by the CPR number nor from «Medmor»."""
        if p.relation not in PARENTS:
            return False
        return self.relations.get(normalise_header(p.relation_raw)) == p.relation

    def _missing(self, finding: Finding) -> None:
        """A DP221: one per contact with an empty cell; one per sheet and column when the
        column is missing, with the number of contact persons it concerns (``finish``)."""
        if finding.variant != "no_column":
            self.findings.append(finding)
            return
        self._no_column.add((finding.location.sheet or "", str(finding.params["column"])), finding)

    def _unreadable(
        self, r: RowReader, col: int, raw: object, variant: str, person: dict[str, str]
    ) -> None:
        """DP250: a custody cell that is neither yes nor no (shown masked and cut short)."""
        self.findings.append(
            DP250(
                Location.of_cell(r.cell(col)),
                variant=variant,
                value=mask_cpr_in_text(clean_text(raw))[:40],
                column=r.header(col),
                **person,
            )
        )

    def finish(self) -> None:
        """What custody reading says once: ``_finish_row`` and each missing column (DP221)."""
        self.findings.extend(self._no_column.findings())
        if self.named:
            row, _ = self.named[0]
            self.findings.append(
                DP258(
                    Location.of_cell(row.cell),
                    column=row.column,
                    count=len(self.named),
                    granted=sum(1 for _, has in self.named if has),
                )
            )
        self._finish_row()

    def _finish_row(self) -> None:
        """DP245, once: a custody column on a child's row was all some contact on that row
        had, and the configuration has not said it is every contact's of that row; and once
        (variant ``elsewhere``) when a contact on a sheet of its own had only the row's."""
        row = self.consulted
        if row is not None and not self.row_for_all:
            where = Location.of_cell(row.cell)
            self.findings.append(DP245(where, column=row.column, sheet=row.cell.sheet))
        row = self.consulted_elsewhere
        if row is not None:
            where = Location.of_cell(row.cell)
            sheet = row.cell.sheet
            self.findings.append(DP245(where, variant="elsewhere", column=row.column, sheet=sheet))
