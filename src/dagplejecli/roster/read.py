"""From raw sheets to a Roster: pick the sheets, map the columns, normalise every value, in
the shape a ``Layout`` names (``domain/shape.py``)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path

from dagplejecli.config import RosterConfig
from dagplejecli.domain.identifiers import (
    INVISIBLE,
    cprs_written_as_such,
    fold_digits,
    is_valid_cpr,
    looks_like_cpr,
    mask_cpr_in_text,
    nfkc,
)
from dagplejecli.domain.shape import ColumnTable, Field, Layout, RefForm, Role
from dagplejecli.domain.values import id_key
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import OWN, STIL_UNILOGIN, Family, Finding, Location, Rule
from dagplejecli.findings import Severity as S
from dagplejecli.formats.sheets import RawSheet, read_roster_sheets, sheets_sha256
from dagplejecli.model import (
    CellRef,
    Child,
    Dagplejer,
    Person,
    Roster,
    RosterFile,
    SheetInfo,
    roster_fingerprint,
)
from dagplejecli.roster.columns import (
    ColumnMap,
    configured_columns,
    long_form,
    map_columns,
    require,
    sheet_info,
)
from dagplejecli.roster.grouped import names_dagplejer, ungroup
from dagplejecli.roster.headers import normalise_header, read_header
from dagplejecli.roster.joined import sheet_column
from dagplejecli.roster.layout import ROLE_KEYS, not_ignored, pick_sheets
from dagplejecli.roster.link import (
    ChildColumns,
    LinkReport,
    derive_child_ids,
    derive_dagplejer_ids,
    id_and_name,
    matching_column,
    naming_column,
    reference_key,
    resolve_children,
)
from dagplejecli.roster.onesheet import DP247, read_one_sheet
from dagplejecli.roster.records import (
    Builder,
    attach_contact_sheet,
    read_child_sheet,
    read_dagplejer_sheet,
)
from dagplejecli.roster.repeated import merge_repeated_children
from dagplejecli.roster.rows import data_rows
from dagplejecli.roster.unread import column_names, no_contact_read, unread_columns
from dagplejecli.roster.unused import (
    DP264,
    DP265,
    DP272,
    DP274,
    contacts_unattached,
    hidden_sheets,
    left_behind,
    nameless_groups,
    rows_set_aside,
)
from dagplejecli.roster.vocabulary import vocabulary

# ids made from names (was info)
DP217 = Rule("DP217", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("column", "count"))
# the dagplejere's ids are initials: they change with a name, and two may share them
DP277 = Rule("DP277", S.WARNING, Family.PERSONS, STIL_UNILOGIN, params=("column", "example"))
# a child names a name dagplejere share, or an id and a name that are not one dagplejer's
DP240 = Rule(
    "DP240", S.ERROR, Family.PERSONS, OWN, params=("count", "dagplejer", "id", "ids", "name", "ref")
)
# most children link to no dagplejer
DP241 = Rule(
    "DP241",
    S.ERROR,
    Family.PERSONS,
    OWN,
    params=("column", "count", "form", "id_column", "total", "values"),
)
# children linked by their dagplejer's name
DP243 = Rule("DP243", S.INFO, Family.PERSONS, OWN, params=("count", "name"))
# the children's sheet read in the long form without [roster] lang_form saying so
DP259 = Rule("DP259", S.WARNING, Family.PERSONS, OWN, params=("sheet",))
# ids with a CPR number's digits and birth date in them (no one's in the roster)
DP273 = Rule("DP273", S.WARNING, Family.PERSONS, OWN, params=("count", "example"))
# a column of the children's sheet read as their dagplejer's (every one's children agree)
DP271 = Rule("DP271", S.INFO, Family.PERSONS, OWN, params=("column", "sheet"))


# The findings about linking children to their dagplejere, which ``plan`` shows too.
LINK_CODES = frozenset({DP240.code, DP241.code, DP243.code, DP247.code})
# Of those, the ones made for each child (``plan`` shows a few, as it does children's cells).
CHILD_LINK_CODES = frozenset({DP247.code})

# From this many unlinked children, and more than half, the cause is the roster's columns,
# not each child's cell: one finding (DP241) instead of one per child (DP205).
SYSTEMIC_UNLINKED = 3


def read_roster(
    paths: Path | Sequence[Path],
    cfg: RosterConfig,
    sheets: list[RawSheet] | None = None,
    light: bool = False,
    today: dt.date | None = None,
    id_secret: Callable[[], bytes] | None = None,
    join_alike: bool = False,
) -> tuple[Roster, list[Finding]]:
    """Read and normalise the roster: one file, or several read as one workbook (a booking
    system's list and the HR list of dagplejere). ``sheets``: their cells, when already read.

    ``light``: contact persons get only their CPR and name (enough to count them, as ``plan``
    does); ``validate`` and ``export`` read them whole. ``today`` places two-digit years in
    dates (default: the day it runs). ``id_secret`` gives the secret that derives the ids of
    children the roster gives none, asked only when one does (the caller knows where the
    municipality keeps it; without one, ids hold for this run only, enough to count people).
    Raises DagplejeError when the roster cannot be read at all.
    """
    files = [paths] if isinstance(paths, Path) else list(paths)
    path = files[0]
    if sheets is None:
        sheets = read_roster_sheets(files)
    # each file's hash from the bytes its sheets were parsed from
    roster_files = [RosterFile(p, sheets_sha256(sheets, p)) for p in files]
    considered = not_ignored(sheets, cfg, path)  # [roster] ignorer_ark: no part of the roster
    chosen = pick_sheets(considered, cfg, path, join_alike)
    form = RefForm(cfg.henvisning) if cfg.henvisning else None
    if form is not None and Role.ET_ARK in chosen:  # the child is on its dagplejer's own row
        raise DagplejeError(
            "roster_reference_one_sheet", where=path.name, hint="roster_reference_one_sheet_hint"
        )
    builder = Builder(
        path.name,
        cfg.relationer,
        today or dt.date.today(),
        light,
        cfg.tom_myndighed,
        cfg.raekke_myndighed,
    )
    dagplejere: list[Dagplejer] = []
    children: list[Child] = []
    infos: list[SheetInfo] = []
    used: list[ColumnMap] = []
    inferred: list[Finding] = []  # DP259
    unread_maps: list[ColumnMap] = []  # sheets whose columns no field reads are looked at
    left: list[Finding] = []  # a contacts sheet that gave no child a contact (DP252)

    def use(role: Role, tables: tuple[ColumnTable, ...], *required: tuple[str, ...]) -> ColumnMap:
        """The chosen sheet for ``role``, its columns mapped and its required fields checked
        (against the first of ``tables``, the configuration tables that may name columns).
        A children's sheet in the long form takes the contacts' columns too."""
        sheet, header = chosen[role]
        if sheet.parts:  # sheets alike read as one: said, with the key that names them
            names = [part.name for part, _, _ in sheet.parts]
            titled = header.texts[sheet_column(header) + 1 :]  # the title block's columns
            inferred.append(
                DP264(
                    Location(file=sheet.file or path.name, sheet=names[0]),
                    variant="title_fields" if titled else "",
                    fields=tuple(titled),
                    sheets=tuple(names),
                    first=names[0],
                    key=ROLE_KEYS[role],
                    listed=", ".join(f'"{n}"' for n in names),
                    sheet_role=role,
                )
            )
        grouped = [part for part, _, _ in sheet.parts if part.elsewhere]
        if grouped:  # sheets read as one, each a list grouped by dagplejer (roster/grouped.py)
            inferred.append(_read_by_headings(grouped[0], sheet.name, path))
        elif role == Role.BOERN and not names_dagplejer(
            header, cfg.boern_kolonner.get(Field.DAGPLEJER)
        ):
            # a report grouped by dagplejer: each child's dagplejer from the heading above it
            ungrouped = ungroup(sheet, header)
            if ungrouped is not None:
                chosen[role] = sheet, header = ungrouped
                inferred.append(_read_by_headings(sheet, sheet.name, path))
        long = role in (Role.BOERN, Role.ET_ARK) and Role.KONTAKTER not in chosen
        long = long and long_form(sheet, header, cfg.lang_form)
        if long:
            tables = (*tables, ColumnTable.KONTAKT_KOLONNER)
            if cfg.lang_form is None:  # seen in the sheet, not decided: said, with the key
                where = Location(file=sheet.file or path.name, sheet=sheet.name)
                inferred.append(DP259(where, sheet=sheet.name))
        columns = configured_columns(cfg, *tables)
        cmap = map_columns(
            sheet.file or path.name, sheet, header, role, columns, long, cfg.kontaktgrupper
        )
        inferred.extend(nameless_groups(cmap))
        if cmap.guessed_status is not None:  # a status column found by its words: said
            col = cmap.guessed_status
            cell = cmap.header_cell(col)
            key = ColumnTable.KOLONNER if role == Role.DAGPLEJERE else ColumnTable.BOERN_KOLONNER
            column = cmap.header.texts[col]
            inferred.append(DP272(Location.of_cell(cell), sheet=cell.sheet, column=column, key=key))
        if role == Role.BOERN and Field.DAGPLEJER not in cmap.fields:
            _dagplejer_by_content(cmap, dagplejere, inferred)
        require(cmap, tables[0], *required)
        infos.append(sheet_info(cmap, long))
        used.append(cmap)
        # a CSV saved by Excel holds numbers as text: a CPR number there lost its 0 too
        builder.numbers_as_text = cmap.file.lower().endswith(".csv")
        unread_maps.append(cmap)
        return cmap

    carried: ChildColumns | None = None
    if Role.ET_ARK in chosen:
        tables = (ColumnTable.KOLONNER, ColumnTable.BOERN_KOLONNER)
        cmap = use(Role.ET_ARK, tables, (Field.ID,), (Field.CPR,))
        dagplejere, children = read_one_sheet(cmap, builder, cmap.file)
        layout = Layout.ET_ARK
    else:
        required = ((Field.ID,), (Field.CPR,), (Field.NAVN,), (Field.FORNAVN, Field.EFTERNAVN))
        cmap = use(Role.DAGPLEJERE, (ColumnTable.KOLONNER,), *required)
        dagplejere = read_dagplejer_sheet(cmap, builder, cmap.file)
        layout = Layout.TO_ARK if Role.BOERN in chosen else Layout.KUN_DAGPLEJERE
        if Role.BOERN in chosen:
            cm = use(Role.BOERN, (ColumnTable.BOERN_KOLONNER,), (Field.DAGPLEJER,))
            children = read_child_sheet(cm, builder, cm.file)
            theirs = {normalise_header(h) for h in cmap.header.texts if h}
            carried = ChildColumns(cm, children, theirs)
    if all(p.suffix.lower() == ".csv" for p in files):
        layout = Layout.CSV
    # one row per contact person: a child's rows are one child with all their contacts
    children, repeated = merge_repeated_children(children)
    builder.findings.extend(repeated)
    if Role.KONTAKTER in chosen:
        km = use(Role.KONTAKTER, (ColumnTable.KONTAKT_KOLONNER,), (Field.BARN,))
        before = _contacts(children)
        attach_contact_sheet(km, builder, km.file, children)
        left = contacts_unattached(km, _contacts(children) - before, children)
    builder.finish()  # what is said once: missing columns (DP221, DP222), row custody (DP245)
    # columns no field reads: CPR numbers (of people read nowhere else, or read), middle
    # names, protection
    ignored = _ignored_columns(unread_maps, cfg.ignorer_kolonner, path)
    # what no field reads (the plan only counts people)
    unread = [] if light else _unread(unread_maps, dagplejere, children, ignored)
    kids = next((m for m in used if m.role in (Role.BOERN, Role.ET_ARK)), None)
    if kids is not None and children and not _contacts(children):
        cprs = {d.cpr for d in dagplejere if d.cpr}
        left += no_contact_read(kids, len(children), cprs, builder.today)

    if not dagplejere:
        raise DagplejeError(
            "roster_no_rows",
            where=f"{cmap.file}, {cmap.sheet.name}",
            hint="roster_no_rows_hint",
            sheet=cmap.sheet.name,
            row=cmap.header.row,
            sheets=", ".join(s.name for s in sheets),
        )
    # the CPR numbers of the roster's people: an id that holds one of them is one's CPR
    known = {p.cpr for p in (*dagplejere, *children) if p.cpr}
    known |= {k.cpr for c in children for k in c.contacts if k.cpr}
    _refuse_cpr_ids(dagplejere, known)
    _refuse_cpr_ids(children, known)
    cpr_like = _cpr_like_ids(dagplejere) + _cpr_like_ids(children)
    derived = [d for d in dagplejere if not d.id]
    # the dagplejere's id column as written, when one gave them ids (DP241 does not advise
    # mapping a column that is mapped)
    id_col = cmap.fields.get(Field.ID)
    id_column = (
        cmap.header.texts[id_col] if id_col is not None and len(derived) < len(dagplejere) else ""
    )
    secret = id_secret or (lambda: secrets.token_bytes(32))
    derive_dagplejer_ids(dagplejere, secret)
    findings = builder.findings + unread
    if id_col is not None and (example := _initials(dagplejere)):
        where = Location.of_cell(cmap.header_cell(id_col))
        findings.append(DP277(where, column=cmap.header.texts[id_col], example=example))
    child_cprs = frozenset(c.cpr for c in children if c.cpr)
    parents = frozenset(p.cpr for c in children for p in c.contacts if p.cpr)
    count = len(children)
    findings += left_behind(
        path.name, considered, chosen, count, _contacts(children), child_cprs, parents
    )
    findings += left
    findings += rows_set_aside(used) + inferred + cpr_like
    findings += hidden_sheets(path.name, considered, [s for s, _ in chosen.values()])
    if derived:
        column = _id_like_column(derived) if len(derived) == len(dagplejere) else None
        findings.append(
            DP217(
                Location(file=cmap.file, sheet=cmap.header_sheet),
                variant="column" if column else "",
                count=len(derived),
                column=column or "",
            )
        )
    links = resolve_children(dagplejere, children, form, _references(cfg, dagplejere, path))
    if carried is not None:  # the children's sheet's columns that are their dagplejer's
        joined = sheet_column(cm.header) if cm.sheet.parts else None
        for col, header in carried.give(children, dagplejere):
            if joined is not None and col >= joined:  # «Ark» or a title block's: no cell
                where = Location(file=cm.file, sheet=cm.header_sheet)
                findings.append(DP271(where, variant="joined", column=header, sheet=cm.sheet.name))
                continue
            cell = cm.header_cell(col)
            findings.append(DP271(Location.of_cell(cell), column=header, sheet=cell.sheet))
    if Role.ET_ARK in chosen:
        links.by_name.clear()  # a one-sheet roster's child is on its dagplejer's own row
    explained = _link_findings(links, dagplejere, children, findings, id_column, form)
    if Role.ET_ARK in chosen:
        explained.add("")  # a child on a row without a dagplejer is DP247 already
    derive_child_ids(children, secret)
    sha = roster_fingerprint(roster_files)
    roster = Roster(path, sha, layout, [s.name for s in sheets], dagplejere, children, infos)
    roster.explained_refs = frozenset(explained)
    if len(links.forms) == 1 and Role.ET_ARK not in chosen:
        roster.reference_form = next(iter(links.forms))  # every linked child's, for init
    roster.files = roster_files
    return roster, findings


def _read_by_headings(sheet: RawSheet, name: str, path: Path) -> Finding:
    """DP274: the sheet (``name``: as read, with others) is read by its groups' headings,
    said at the first heading a child's row was given."""
    _, at, col = next(e for k, moved in sheet.elsewhere.items() for e in moved if e[1] != k)
    cell = CellRef(sheet.file or path.name, sheet.name, at, col + 1)
    text = mask_cpr_in_text(str(sheet.rows[at - 1][col]))[:60]
    return DP274(Location.of_cell(cell), sheet=name, text=text)


def _dagplejer_by_content(
    cmap: ColumnMap, dagplejere: list[Dagplejer], inferred: list[Finding]
) -> None:
    """A children's sheet with no column whose header says the child's dagplejer: the one
    column of unrecognised header whose cells name the dagplejere is read as it, and said
    (DP265, with the key that says it)."""
    texts = cmap.header.texts
    free = [c for c, t in enumerate(texts) if t and cmap.header.meanings[c] is None]
    col = naming_column([row for _, row in data_rows(cmap)], free, dagplejere)
    if col is None:
        return
    cmap.fields[Field.DAGPLEJER] = col
    where = Location.of_cell(cmap.header_cell(col))
    inferred.append(DP265(where, sheet=cmap.sheet.name, column=texts[col]))


def _ignored_columns(maps: list[ColumnMap], ignored: list[str], path: Path) -> set[str]:
    """The columns [roster] ignorer_kolonner names, as compared: each must be a column of a
    sheet read, and one no field reads on some sheet (else ignoring it would do nothing)."""
    if not ignored:
        return set()
    wanted = {normalise_header(h): h for h in ignored}
    # each column by its header, or by its letter where the header cell is blank (as DP275
    # names it)
    headers: dict[str, list[tuple[ColumnMap, int]]] = {}
    for m in maps:
        for col, name in enumerate(column_names(m)):
            headers.setdefault(normalise_header(name), []).append((m, col))
    if missing := [h for n, h in wanted.items() if n not in headers]:
        raise DagplejeError(
            "roster_ignored_column_missing",
            where=str(path),
            hint="roster_ignored_column_missing_hint",
            column=missing[0],
            sheets=", ".join(m.sheet.name for m in maps),
        )
    for norm, header in wanted.items():
        # a column read on every sheet that has it: ignoring it would do nothing, in silence
        if all(col in m.read_columns() for m, col in headers[norm]):
            m = headers[norm][0][0]
            raise DagplejeError(
                "roster_ignored_column_read",
                where=f"{path}, {m.sheet.name}",
                hint="roster_ignored_column_read_hint",
                column=header,
                sheet=m.sheet.name,
            )
    return set(wanted)


def _unread(
    maps: list[ColumnMap], dagplejere: list[Dagplejer], children: list[Child], ignored: set[str]
) -> list[Finding]:
    """What the sheets' unread columns hold (roster/unread.py), but the ``ignored`` columns."""
    read: set[str] = set()

    def everyone() -> set[str]:  # every CPR number read, once, when a column asks
        if not read:
            read.update(p.cpr for p in dagplejere if p.cpr)
            read.update(p.cpr for c in children for p in (c, *c.contacts) if p.cpr)
        return read

    return [f for m in maps for f in unread_columns(m, everyone, ignored)]


def _references(cfg: RosterConfig, dagplejere: list[Dagplejer], path: Path) -> dict[str, str]:
    """[roster.henvisninger] by ``reference_key``; each must name a dagplejer's id, and never
    a reference that the reader links to another dagplejer by itself, in any form it reads
    (her id, CPR number, name, or id and name: a stale line would move her children in
    silence). A name that namesakes share links no one: there the line decides."""
    ids = {id_key(d.id) for d in dagplejere if d.id}
    for ref, ident in cfg.henvisninger.items():
        if id_key(ident) not in ids:
            raise DagplejeError(
                "roster_reference_unknown",
                where=str(path),
                hint="roster_reference_unknown_hint",
                ref=mask_cpr_in_text(ref),
                id=ident,
            )
        other = _linked_without(ref, dagplejere)
        if other is not None and id_key(other.id) != id_key(ident):
            raise DagplejeError(
                "roster_reference_is_another",
                where=str(path),
                hint="roster_reference_is_another_hint",
                ref=mask_cpr_in_text(ref),
                id=ident,
                other=other.id,
                name=other.name,
            )
    return {reference_key(ref): ident for ref, ident in cfg.henvisninger.items()}


def _linked_without(ref: str, dagplejere: list[Dagplejer]) -> Dagplejer | None:
    """The dagplejer ``ref`` names without [roster.henvisninger], as a child's is linked."""
    probe = Child(dagplejer_ref=ref)
    resolve_children(dagplejere, [probe])
    return next((d for d in dagplejere if d.id == probe.dagplejer_id), None)


def _initials(dagplejere: list[Dagplejer]) -> str:
    """One of the dagplejere's ids as an example, when most of the ids written are initials
    (two or three capitals, dots between allowed: «HS», «ÅL», «H.S.»), else empty."""
    written = [d.id for d in dagplejere if d.id and not d.id_derived]
    letters = [(i, i.replace(".", "")) for i in written]
    initials = [
        i for i, bare in letters if 1 < len(bare) <= 3 and bare.isalpha() and bare.isupper()
    ]
    return initials[0] if written and len(initials) * 2 > len(written) else ""


def _contacts(children: list[Child]) -> int:
    return sum(len(c.contacts) for c in children)


def _id_like_column(dagplejere: list[Dagplejer]) -> str | None:
    """An unrecognised column that looks like the dagplejere's ids: its header says number or
    id, and every dagplejer has a value of their own in it."""
    for header in dagplejere[0].extra:
        norm = normalise_header(header)
        if read_header(norm) is not None:
            continue  # a column read as something else (Postnr)
        words = norm.split()
        v = vocabulary()
        if not any(w in v.id_words or w.endswith(v.id_endings) for w in words):
            continue
        values = [d.extra.get(header, "") for d in dagplejere]
        if all(values) and len(set(values)) == len(values):
            return header
    return None


def _link_findings(
    links: LinkReport,
    dagplejere: list[Dagplejer],
    children: list[Child],
    findings: list[Finding],
    id_column: str,
    form: RefForm | None = None,
) -> set[str]:
    """Findings for children linked to no dagplejer whose cause is not the child's own cell:
    a name that dagplejere share, or an id and a name that are not one dagplejer's (DP240),
    or a roster whose children mostly link to no one (DP241, naming the dagplejer column that
    matches when there is one, else what the references are not: ``id_column`` is the
    dagplejere's id column as written, "" when they have none). Returns the references these
    findings explain."""
    explained: set[str] = set()
    for ids, named in links.ambiguous.values():
        first = named[0]  # the name as the first of its children spells it
        findings.append(
            DP240(
                Location.of_cell(first.cell(Field.DAGPLEJER)),
                name=mask_cpr_in_text(first.dagplejer_ref),
                ids=ids,
                count=len(named),
            )
        )
        explained.update(c.dagplejer_ref for c in named)
    for ref, wrong in links.mismatched.items():
        findings.append(
            DP240(
                Location.of_cell(wrong.children[0].cell(Field.DAGPLEJER)),
                variant="mismatch",
                ref=mask_cpr_in_text(ref),
                id=mask_cpr_in_text(wrong.id),
                dagplejer=wrong.dagplejer.name,
                name=mask_cpr_in_text(wrong.name),
                count=len(wrong.children),
            )
        )
        explained.add(ref)
    if links.by_name:
        # a name links today, but a second dagplejer of that name, or a new spelling, breaks it
        first = links.by_name[0]
        findings.append(
            DP243(
                Location.of_cell(first.cell(Field.DAGPLEJER)),
                count=len(links.by_name),
                name=mask_cpr_in_text(first.dagplejer_ref),
            )
        )
    referring = [c for c in children if c.dagplejer_ref]
    unlinked = [c for c in referring if c.dagplejer_id is None and c.dagplejer_ref not in explained]
    if len(unlinked) < SYSTEMIC_UNLINKED or len(unlinked) * 2 <= len(referring):
        return explained
    refs = sorted({c.dagplejer_ref for c in unlinked})
    column = matching_column(dagplejere, refs, id_column)
    if form is not None:
        variant = "form"  # [roster] henvisning reads one form only: the likeliest cause
    elif column:
        variant = ""
    elif not id_column:
        variant = "no_column"  # no id column: name one
    elif sum(1 for r in refs if id_and_name(r)) * 2 > len(refs):
        variant = "id_name"  # «id - navn», whose ids are not the id column's
    else:
        variant = "no_match"  # the id column is named: mapping it again changes nothing
    cell = unlinked[0].cell(Field.DAGPLEJER)
    findings.append(
        DP241(
            Location.of_cell(cell),
            variant=variant,
            count=len(unlinked),
            total=len(referring),
            values=", ".join(mask_cpr_in_text(r) for r in refs[:3])
            + (" …" if len(refs) > 3 else ""),
            column=column or "",
            id_column=id_column,
            form=form.value if form is not None else "",
        )
    )
    return explained | set(refs)


def _holds(ident: str, known: set[str]) -> bool:
    """Whether the id's digits, read together, hold the CPR number of someone in the roster
    («B0103254234», «F-031189-1238», «F0908901236001»)."""
    return _masked_holding(ident, known) != ident


def _masked_holding(ident: str, known: set[str]) -> str:
    """The id with the last four digits of each CPR number of the roster its digits hold
    replaced by «x» (``_holds``): the masker finds a CPR number that stands alone, not one
    run together with other digits («F0908901236001» → «F090890xxxx001»)."""
    if len(ident) < 10:
        return ident  # (most ids: «D00017»)
    folded = fold_digits(ident)
    at = [i for i, ch in enumerate(folded) if ch.isdigit()]
    digits = "".join(folded[i] for i in at)
    hidden = {
        at[i + k]
        for i in range(len(digits) - 9)
        if digits[i : i + 10] in known
        for k in range(6, 10)
    }
    return "".join("x" if i in hidden else ch for i, ch in enumerate(ident)) if hidden else ident


def _cpr_like_ids(people: list[Dagplejer] | list[Child]) -> list[Finding]:
    """DP273, once per id column: ids that hold ten digits written as a CPR number with a
    real birth date (no one's in the roster: those are refused) — a family's key made of a
    parent's CPR number would reach LocalPersonId, which Unilogin does not filter."""
    found = [
        p
        for p in people
        if p.id and not p.id_derived and any(map(is_valid_cpr, cprs_written_as_such(p.id)))
    ]
    if not found:
        return []
    where = Location.of_cell(found[0].cell(Field.ID))
    return [DP273(where, example=mask_cpr_in_text(found[0].id), count=len(found))]


def _refuse_cpr_ids(people: list[Dagplejer] | list[Child], known: set[str]) -> None:
    """An id is shown in the plan, in ``brugere.xlsx`` and in messages, and Unilogin keeps it:
    a column of CPR numbers must not be the id column, nor one whose ids hold a CPR number of
    the roster's people («B» and the child's CPR number) (exit 2, with the fix). Digits that
    only look like a date («P-15012024-03») are an id."""
    person: Person
    for person in people:
        ident = person.id
        if ident and not ident.isascii():  # one normalisation at the door (domain/identifiers)
            if INVISIBLE.search(ident):
                cell = person.cell(Field.ID)
                raise DagplejeError(
                    "roster_id_invisible",
                    where=f"{cell.file}, {cell}" if cell else "",
                    hint="roster_id_invisible_hint",
                    shown=mask_cpr_in_text(_masked_holding(INVISIBLE.sub("", ident), known)),
                )
            person.id = ident = nfkc(ident)
        if ident and not person.id_derived and (looks_like_cpr(ident) or _holds(ident, known)):
            cell = person.cell(Field.ID)
            raise DagplejeError(
                "roster_id_is_cpr",
                where=f"{cell.file}, {cell}" if cell else "",
                hint="roster_id_is_cpr_hint",
                example=mask_cpr_in_text(_masked_holding(ident, known)),
                column=cell.a1.rstrip("0123456789") if cell else "?",
            )
