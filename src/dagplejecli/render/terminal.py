"""Terminal output with rich: tables for people, errors on stderr. Colour follows NO_COLOR."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from dagplejecli.config import CONFIG_NAME
from dagplejecli.domain.identifiers import mask_cpr, mask_cpr_in_text
from dagplejecli.domain.shape import ColumnTable, Field, Kind, Layout, Role
from dagplejecli.domain.values import UNSAFE_CONTROLS, visible_controls
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import Finding, Location, Severity
from dagplejecli.init import Division
from dagplejecli.kommuner import Kommune
from dagplejecli.messages import (
    finding_message,
    reason_text,
    said_text,
    term,
    ui,
    ui_count,
    where,
    who,
)
from dagplejecli.model import AreaCounts, Child, Dagplejer, Plan, Roster, SheetInfo, contact_key
from dagplejecli.roster.read import CHILD_LINK_CODES, LINK_CODES
from dagplejecli.shell import shell_word
from dagplejecli.wording import Said

if TYPE_CHECKING:
    from dagplejecli.api import Initialised
    from dagplejecli.pipeline import Planned
    from dagplejecli.proposal import Proposal

PIPE_WIDTH = 140  # when output goes to a file or another program, do not wrap at 80


class SafeConsole(Console):
    """A console on which no text from a roster, a configuration or the command line can
    control the terminal: every segment of text is made visible before it is written (the
    console's own styles and cursor controls are separate segments and pass)."""

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not UNSAFE_CONTROLS.search(segment.text):
                yield segment
            else:
                yield Segment(visible_controls(segment.text), segment.style, segment.control)


def _console(stderr: bool) -> Console:
    # markup and emoji codes off: names, paths and values come from the user's files, and
    # "[/x]" or ":smile:" in them must print as written; styles are given as styles
    console = SafeConsole(stderr=stderr, highlight=False, markup=False, emoji=False)
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


def stdout() -> Console:
    """The console for results; wide when not writing to a terminal."""
    return _console(stderr=False)


def stderr() -> Console:
    """The console for errors."""
    return _console(stderr=True)


def write_utf8(out: Console, text: str) -> None:
    """Data for programs (``--format json``) as UTF-8 whatever the console's code page: a
    stream that encodes otherwise (cp1252 when Windows pipes it) gets the bytes directly."""
    stream = out.file
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", None) or "utf-8").replace("_", "-").lower()
    if buffer is None or encoding in ("utf-8", "utf8"):
        stream.write(text)
        return
    stream.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def print_error(err: Console, exc: DagplejeError) -> None:
    """A "cannot run" error: what, where, how to fix. CPR-like text is masked on the way out."""
    err.print(
        Text.assemble((f"{ui('error')}:", "bold red"), " ", mask_cpr_in_text(exc.message)),
        soft_wrap=True,
    )
    for line in exc.details:
        err.print(f"  • {mask_cpr_in_text(line)}", soft_wrap=True)
    if exc.where:
        err.print(f"  {ui('where')}: {mask_cpr_in_text(exc.where)}", soft_wrap=True)
    if exc.hint:
        err.print(f"  {ui('fix')}: {mask_cpr_in_text(exc.hint)}", soft_wrap=True)


def print_notices(err: Console, notices: list[str]) -> None:
    """Warnings that did not stop the work (``errors.notice``)."""
    for text in notices:
        err.print(Text(mask_cpr_in_text(text), style="yellow"), soft_wrap=True)


def print_internal_error(err: Console, exc: Exception) -> None:
    """A bug: one line saying so and how to report it (the traceback comes with --debug)."""
    message = ui("internal_error", kind=type(exc).__name__)
    err.print(Text.assemble((f"{ui('error')}:", "bold red"), " ", message), soft_wrap=True)


def print_overview(out: Console, status: tuple[Said, ...], export: Said | None = None) -> None:
    """``dagpleje`` alone: the workflow, where this folder stands and whether its export
    folder matches its manifest (the help follows)."""
    out.print(ui("workflow"), soft_wrap=True)
    out.print()
    out.print(ui("status_title"))
    out.print("\n".join(said_text(line) for line in status), soft_wrap=True)
    if export is not None:
        out.print(said_text(export), soft_wrap=True)
    out.print()


SHOWN_NOT_IN_CARE = 5  # the rest are named by dagpleje validate (DP236)


def print_not_in_care(out: Console, planned: Planned, names: bool = False) -> None:
    """Per area, how many dagplejere and children are not in care on the day (left out of the
    Unilogin files and the numbers), and with ``names`` the first few of them and why; validate
    names each (DP236)."""
    care = planned.care
    if care is None or not care.left_out:
        return
    if care.day == dt.date.today():  # the same words every day the command is run
        out.print(ui("not_in_care_title_today"), soft_wrap=True)
    else:
        out.print(ui("not_in_care_title", day=care.day.strftime("%d-%m-%Y")), soft_wrap=True)
    per_area = list(care.per_area().items())
    without = [x for x in care.left_out if x.area is None]
    if without:  # a child of no dagplejer, a dagplejer no rule places: as the plan says it
        children = sum(1 for x in without if x.role == Kind.BARN)
        per_area.append((ui("not_in_care_no_area"), (len(without) - children, children)))
    for area, (dagplejere, children) in per_area:
        parts = []
        if children:
            parts.append(ui_count("n_children", children))
        if dagplejere:
            parts.append(ui_count("n_dagplejere", dagplejere))
        out.print(f"  {area}: {', '.join(parts)}", soft_wrap=True)
    if not names:
        return
    for x in care.left_out[:SHOWN_NOT_IN_CARE]:
        when = x.when.strftime("%d-%m-%Y") if x.when else ""
        why = ui(f"not_in_care_{x.wording}", date=when, status=x.status)  # «fratrådt» too
        person = who(mask_cpr_in_text(x.person.name), x.person.cpr_masked)
        cell = {"ended": Field.SLUT, "starts": Field.START}.get(x.reason, Field.STATUS)
        place = where(Location.of_cell(x.person.cell(cell, Field.CPR)))
        out.print(f"  {place}: {person}: {why}", soft_wrap=True)
    hidden = len(care.left_out) - SHOWN_NOT_IN_CARE
    if hidden > 0:
        out.print("  " + ui("not_in_care_more", n=hidden), soft_wrap=True)


def print_plan_result(out: Console, planned: Planned, path: Path, quiet: bool) -> None:
    """The plan's table, the dagplejere without an area, and the next step."""
    if not quiet:
        print_plan(out, planned.plan, planned.roster, planned.counts)
        print_not_in_care(out, planned, names=True)
    missing = planned.unassigned()
    print_unassigned(out, missing)
    unlinked = planned.unlinked()
    print_links(out, planned, unlinked, quiet)
    orphans = sum(1 for f in planned.reading if f.code == "DP218")
    if orphans:  # not among the counts: their child is not in the roster (validate names them)
        out.print(ui_count("plan_orphan_contacts", orphans), soft_wrap=True)
    left = planned.sheets_left()
    # what the plan lacks is said even with --quiet; a note (rows set aside) is not
    print_sheets_left(out, [f for f in left if not quiet or f.severity is not Severity.INFO])
    out.print(ui("plan_written", path=path), soft_wrap=True)
    if missing:
        out.print(ui("plan_next_unassigned"), soft_wrap=True)
    if unlinked:
        out.print(ui_count("plan_next_unlinked", unlinked), soft_wrap=True)
    elif any(f.severity is Severity.ERROR for f in left):
        out.print(ui("plan_next_sheets"), soft_wrap=True)
    elif not quiet:
        from dagplejecli.status import project_flags

        flags = project_flags(planned.config.path, path)
        out.print(ui("plan_next_ok", path=path, flags=flags), soft_wrap=True)


def print_sheets_left(out: Console, findings: list[Finding]) -> None:
    """The sheets and child columns reading left (DP248, DP249), each with its fix: shown
    even with --quiet (but for notes), since what they hold is missing from the plan."""
    for f in findings:
        style = "bold red" if f.severity is Severity.ERROR else "yellow"
        line = Text.assemble((f.code, style), f" {where(f.location)}: {finding_message(f)}")
        out.print(line, soft_wrap=True)


SHOWN_UNLINKED = 5  # the rest are in dagpleje validate


def print_links(out: Console, planned: Planned, unlinked: int, quiet: bool) -> None:
    """How many children were linked to their dagplejer, and why not, when the cause is not
    each child's own cell (the linking findings)."""
    total = len(planned.roster.children)
    if not total or (quiet and not unlinked):
        return
    if total == 1:
        out.print(ui("plan_unlinked_one_child" if unlinked else "plan_linked_one_child"))
    elif not unlinked:
        out.print(ui("plan_linked_all", total=total), soft_wrap=True)
    elif unlinked == total:
        out.print(ui("plan_linked_none", total=total), soft_wrap=True)
    else:
        out.print(ui_count("plan_linked_some", unlinked, total=total), soft_wrap=True)
    lines: list[str] = []  # one for each child whose link failed; a few are shown
    for f in planned.reading:
        if f.code in LINK_CODES:
            line = f"  {f.code} {where(f.location)}: {finding_message(f)}"
            if f.code in CHILD_LINK_CODES:
                lines.append(line)
            else:
                out.print(line, soft_wrap=True)
    # the children no linking finding explains: each its own cell to correct
    own = planned.roster.unlinked_on_their_own()
    hidden = len(lines) + len(own) - SHOWN_UNLINKED
    lines += [_unlinked_line(c) for c in own[: max(0, SHOWN_UNLINKED - len(lines))]]
    for line in lines[:SHOWN_UNLINKED]:
        out.print(line, soft_wrap=True)
    if hidden > 0:
        out.print("  " + ui("plan_unlinked_more", n=hidden), soft_wrap=True)


def _unlinked_line(c: Child) -> str:
    """A child linked to no one, by its own cell: where it is, who, and whom it names."""
    place = where(Location.of_cell(c.cell(Field.DAGPLEJER)))
    person = who(mask_cpr_in_text(c.name), c.cpr_masked)
    ref = mask_cpr_in_text(c.dagplejer_ref)
    key = "plan_unlinked_child" if ref else "plan_unlinked_child_blank"
    return f"  {place}: {ui(key, who=person, ref=ref)}"


def print_annotated(out: Console, path: Path) -> None:
    out.print(ui("annotated", path=path), soft_wrap=True)


def print_plan(out: Console, plan: Plan, roster: Roster, counts: dict[str, AreaCounts]) -> None:
    rules: dict[str, list[str]] = {}
    for a in plan.assignments.values():
        rule = reason_text(a.rule)
        if a.area and rule not in rules.setdefault(a.area, []):
            rules[a.area].append(rule)
    table = Table(
        title=ui_count("plan_title", len(plan.areas), roster=roster.name),
        title_justify="left",
    )
    for key in (
        "col_area",
        "col_dagplejere",
        "col_children",
        "col_contacts",
        "col_rule",
        "col_pnummer",
        "col_instnr",
        "col_balance",
    ):
        justify = "right" if key in ("col_dagplejere", "col_children", "col_contacts") else "left"
        table.add_column(ui(key), justify=justify, no_wrap=key == "col_area")  # type: ignore[arg-type]
    totals = [0, 0, 0]
    largest = max((counts[a.name].dagplejere for a in plan.areas), default=0)
    for area in plan.areas:
        c = counts[area.name]
        totals = [totals[0] + c.dagplejere, totals[1] + c.children, totals[2] + c.contacts]
        shown_rules = rules.get(area.name, [])
        rule_text = "; ".join(shown_rules[:2]) + (" …" if len(shown_rules) > 2 else "")
        table.add_row(
            area.name,
            str(c.dagplejere),
            str(c.children),
            str(c.contacts),
            rule_text or "-",
            area.p_number or "-",
            area.institution_number or Text(ui("not_created"), style="dim"),
            _bar(c.dagplejere, largest, out.encoding),
        )
    table.add_section()
    table.add_row(ui("total"), *(str(t) for t in totals), "", "", "", "", style="bold")
    out.print(table)
    # a parent of children in two areas is in both areas' Unilogin files, so in both counts
    shown_in: dict[str, set[str]] = {}  # contact person → the areas of their children
    for child in roster.children:
        if (name := plan.area_of(child.dagplejer_id)) is not None:
            for p in child.contacts:
                shown_in.setdefault(contact_key(child, p), set()).add(name)
    if several := sum(1 for found in shown_in.values() if len(found) > 1):
        out.print(ui_count("plan_contacts_in_several", several, distinct=len(shown_in)))


BAR_WIDTH = 8
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(value: int, largest: int, encoding: str) -> Text:
    """A bar of ``value`` against ``largest`` in block characters, to an eighth of a block;
    ``#`` where the output cannot hold them (a Windows code page, output to a file)."""
    eighths = round(value * BAR_WIDTH * 8 / largest) if largest else 0
    full, part = divmod(eighths, 8)
    if not encoding.lower().startswith("utf"):
        return Text("#" * round(eighths / 8), style="cyan")
    return Text("█" * full + (_EIGHTHS[part] if part else ""), style="cyan")


def print_unassigned(out: Console, missing: list[Dagplejer]) -> None:
    if missing:
        out.print(ui_count("plan_unassigned", len(missing)), style="bold red")
        for d in missing:
            ident, name = mask_cpr_in_text(d.id), mask_cpr_in_text(d.name)
            out.print(ui("unassigned_line", id=ident, name=name, cpr=mask_cpr(d.cpr)))


def print_init(out: Console, result: Initialised, roster_args: Sequence[Path], quiet: bool) -> None:
    """What ``init`` found and wrote, and the next step."""
    if not quiet:
        proposed = result.proposal is not None
        found = (result.roster, result.kommune, result.division, proposed, result.id_column)
        print_found(out, *found)
    if result.proposal is not None:
        print_proposal(out, result.proposal)
    print_sheets_left(out, result.sheets_left)
    if not result.written:
        out.print(ui("init_kept", path=result.path), soft_wrap=True)
        return
    out.print(ui("init_written", path=result.path), soft_wrap=True)
    if result.replaced is not None:  # the user's sheets and columns replaced: said, with why
        reason = result.replaced.message.rstrip(".")
        out.print(
            ui("init_replaced", path=result.path, reason=reason), style="yellow", soft_wrap=True
        )
    if result.rereads is not None:  # the file reads the roster otherwise: never in silence
        (d, c, k), again = result.rereads
        key, shown = (
            ("init_rereads_none", {})
            if again is None
            else ("init_rereads", {"d2": again[0], "c2": again[1], "k2": again[2]})
        )
        out.print(ui(key, path=result.path, d=d, c=c, k=k, **shown), style="yellow", soft_wrap=True)
    default = result.path == Path(CONFIG_NAME)
    roster_arg = " ".join(shell_word(p) for p in roster_args)
    plan_args = roster_arg if default else f"{roster_arg} --config {shell_word(result.path)}"
    key = "init_next" if result.kommune is not None else "init_next_no_kommune"
    if any(f.severity is Severity.ERROR for f in result.sheets_left):
        # the roster was not read whole: its fix in the configuration comes first
        codes = ", ".join(sorted({f.code for f in result.sheets_left}))
        key = "init_next_fix_roster"
        out.print(ui(key, path=result.path, roster=roster_arg, codes=codes), soft_wrap=True)
        return
    out.print(ui(key, path=result.path, roster=plan_args), soft_wrap=True)


def print_proposal(out: Console, proposal: Proposal) -> None:
    """The proposed areas: postnumre with their towns, sizes, and how far each is from the mean."""
    basis = ui("basis_boern" if proposal.by_children else "basis_dagplejere")
    title = ui_count("proposal_title", len(proposal.areas), basis=basis)
    table = Table(title=title, title_justify="left")
    table.add_column(ui("col_area"), no_wrap=True)
    table.add_column(ui("col_postnumre"), overflow="fold")
    for key in ("col_dagplejere", "col_children", "col_from_mean"):
        table.add_column(ui(key), justify="right")
    sizes = [a.children if proposal.by_children else a.dagplejere for a in proposal.areas]
    mean = sum(sizes) / len(sizes)
    for area, size in zip(proposal.areas, sizes, strict=True):
        towns = ", ".join(f"{g.postnr} {g.town}".strip() for g in area.groups)
        away = f"{(size - mean) / mean:+.0%}" if mean else "-"
        table.add_row(area.name, towns, str(area.dagplejere), str(area.children), away)
    out.print(table)
    rest = next(a for a in proposal.areas if a.rest)
    out.print(ui("proposal_rest", name=rest.name), soft_wrap=True)
    if proposal.without_postnr:
        out.print(ui_count("proposal_without_postnr", proposal.without_postnr), soft_wrap=True)


# The configuration table that names a column of a sheet in each role (a one-sheet roster's
# columns are the dagplejer's, [roster.kolonner], or the child's, [roster.boern_kolonner]).
COLUMN_TABLES = {
    Role.BOERN: ColumnTable.BOERN_KOLONNER,
    Role.KONTAKTER: ColumnTable.KONTAKT_KOLONNER,
}


def print_planned_roster(out: Console, roster: Sequence[Path]) -> None:
    """The files a ``plan`` without any reads: the last plan's."""
    files = ", ".join(visible_controls(str(p)) for p in roster)
    out.print(ui("plan_roster_from_plan", files=files))


def _listed(header: str) -> str:
    """A header in a list separated by commas: quoted when it holds one («Efternavn, Fornavn»)."""
    return f"«{header}»" if "," in header else header


def unrecognised_by_table(info: SheetInfo) -> list[tuple[ColumnTable, list[str]]]:
    """The sheet's unrecognised columns by the configuration table that would map them."""
    own = [h for h in info.unrecognised if h not in info.child_columns]
    groups = [
        (COLUMN_TABLES.get(info.role, ColumnTable.KOLONNER), own),
        (ColumnTable.BOERN_KOLONNER, info.child_columns),
    ]
    return [(table, headers) for table, headers in groups if headers]


# the sheets whose people Unilogin needs CPR numbers of, and the table that names the column
_NEEDS_CPR = {Role.DAGPLEJERE: ColumnTable.KOLONNER, Role.BOERN: ColumnTable.BOERN_KOLONNER}


def print_found(
    out: Console,
    roster: Roster,
    kommune: Kommune | None,
    division: Division | None,
    proposed: bool = False,
    id_column: str | None = None,
) -> None:
    """What ``init`` found in the roster, so the user can check it before filling in the rest
    (``proposed``: the areas are new ones from postnumre, shown after this; ``id_column``: the
    dagplejere's column the children's references match, shown as their id)."""
    # a roster of two sheets may have a third, of contact persons: name the sheets read
    layout = roster.layout
    if layout is Layout.TO_ARK and len(roster.sheet_info) == 3:
        layout = Layout.TRE_ARK
    out.print(ui("init_roster", name=roster.name, layout=term("layout", layout)))
    for info in roster.sheet_info:
        role = term("sheet_role", info.role)
        recognised = info.recognised
        if id_column and info.role is Role.DAGPLEJERE and id_column in info.unrecognised:
            # the children name their dagplejer by this column's values: it is her id
            recognised = {**recognised, str(Field.ID): id_column}
            unread = [h for h in info.unrecognised if h != id_column]
            info = dataclasses.replace(info, recognised=recognised, unrecognised=unread)
        out.print(
            ui_count(
                "init_sheet", len(recognised), sheet=info.name, role=role, row=info.header_row
            ),
        )
        items = ", ".join(f"{k}={_listed(v)}" for k, v in recognised.items())
        out.print(ui("init_recognised", items=items), soft_wrap=True)
        if info.role in _NEEDS_CPR and str(Field.CPR) not in recognised:
            # Unilogin needs everyone's CPR number: said now, not as a finding per person later
            table = _NEEDS_CPR[info.role]
            out.print(ui("init_no_cpr", role=role, table=table), soft_wrap=True)
        if info.contact_groups:
            out.print(ui_count("init_contacts", info.contact_groups))
        for table, headers in unrecognised_by_table(info):
            items = ", ".join(map(_listed, headers))
            out.print(ui("init_unrecognised", items=items, table=table), soft_wrap=True)
    contacts = len({contact_key(c, p) for c in roster.children for p in c.contacts})
    out.print(
        ui(
            "init_counts",
            dagplejere=ui_count("count_dagplejere", len(roster.dagplejere)),
            boern=ui_count("count_children", len(roster.children)),
            kontakter=ui_count("count_contacts", contacts),
        ),
    )
    people = [*roster.dagplejere, *roster.children]
    if any(p.start_cell is not None or p.end_cell is not None or p.status_text for p in people):
        # init counts everyone on the rows; who is in care today is plan's to say
        out.print(ui("init_counts_everyone"), soft_wrap=True)
    if kommune is None:
        out.print(ui("init_no_kommune"))
    else:
        out.print(ui("init_kommune", navn=kommune.navn, kode=kommune.kode, cvr=kommune.cvr))
    if proposed:
        return
    if division is None:
        out.print(ui("init_no_division"))
    else:
        values = ", ".join(f"{v} ({n})" for v, n in division.counts)
        out.print(ui("init_division", column=division.column, values=values), soft_wrap=True)
