"""Terminal output with rich: tables for people, errors on stderr. Colour follows NO_COLOR."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from dagplejecli.domain.identifiers import mask_cpr, mask_cpr_in_text
from dagplejecli.errors import DagplejeError
from dagplejecli.init import Division
from dagplejecli.kommuner import Kommune
from dagplejecli.messages import term, ui
from dagplejecli.model import AreaCounts, Plan, Roster, contact_key

PIPE_WIDTH = 140  # when output goes to a file or another program, do not wrap at 80


def consoles() -> tuple[Console, Console]:
    """(stdout, stderr) consoles; wide when not writing to a terminal."""
    out = Console(highlight=False)
    err = Console(stderr=True, highlight=False)
    for console in (out, err):
        if not console.is_terminal:
            console.width = PIPE_WIDTH
    return out, err


def print_error(err: Console, exc: DagplejeError) -> None:
    """A "cannot run" error: what, where, how to fix. CPR-like text is masked on the way out."""
    err.print(f"[bold red]{ui('error')}:[/] {mask_cpr_in_text(exc.message)}", soft_wrap=True)
    for line in exc.details:
        err.print(f"  • {mask_cpr_in_text(line)}", soft_wrap=True, markup=False)
    if exc.where:
        err.print(f"  {ui('where')}: {mask_cpr_in_text(exc.where)}", soft_wrap=True, markup=False)
    if exc.hint:
        err.print(f"  {ui('fix')}: {mask_cpr_in_text(exc.hint)}", soft_wrap=True, markup=False)


def print_plan(out: Console, plan: Plan, roster: Roster, counts: dict[str, AreaCounts]) -> None:
    rules: dict[str, list[str]] = {}
    for a in plan.assignments.values():
        if a.area and a.rule not in rules.setdefault(a.area, []):
            rules[a.area].append(a.rule)
    table = Table(
        title=ui("plan_title", n=len(plan.areas), roster=roster.path.name), title_justify="left"
    )
    for key in (
        "col_area",
        "col_dagplejere",
        "col_children",
        "col_contacts",
        "col_rule",
        "col_pnummer",
        "col_instnr",
    ):
        justify = "right" if key in ("col_dagplejere", "col_children", "col_contacts") else "left"
        table.add_column(ui(key), justify=justify, no_wrap=key == "col_area")  # type: ignore[arg-type]
    totals = [0, 0, 0]
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
            area.institution_number or f"[dim]{ui('not_created')}[/]",
        )
    table.add_section()
    table.add_row(ui("total"), *(str(t) for t in totals), "", "", "", style="bold")
    out.print(table)


def print_unassigned(out: Console, plan: Plan, roster: Roster) -> int:
    missing = [d for d in roster.dagplejere if plan.area_of(d.id) is None]
    if missing:
        out.print(f"[bold red]{ui('plan_unassigned', n=len(missing))}[/]")
        for d in missing:
            out.print(
                ui("unassigned_line", id=d.id, name=d.name, cpr=mask_cpr(d.cpr)), markup=False
            )
    return len(missing)


def print_init(
    out: Console, roster: Roster, kommune: Kommune | None, division: Division | None
) -> None:
    """What ``init`` found in the roster, so the user can check it before filling in the rest."""
    out.print(
        ui("init_roster", name=roster.path.name, layout=term("layout", roster.layout)),
        markup=False,
    )
    for info in roster.sheet_info:
        role = term("sheet_role", info.role)
        out.print(
            ui(
                "init_sheet",
                sheet=info.name,
                role=role,
                row=info.header_row,
                n=len(info.recognised),
            ),
            markup=False,
        )
        items = ", ".join(f"{k}={v}" for k, v in info.recognised.items())
        out.print(ui("init_recognised", items=items), markup=False, soft_wrap=True)
        if info.contact_groups:
            out.print(ui("init_contacts", n=info.contact_groups), markup=False)
        if info.unrecognised:
            out.print(
                ui("init_unrecognised", items=", ".join(info.unrecognised)),
                markup=False,
                soft_wrap=True,
            )
    contacts = len({contact_key(c, p) for c in roster.children for p in c.contacts})
    out.print(
        ui(
            "init_counts",
            dagplejere=len(roster.dagplejere),
            boern=len(roster.children),
            kontakter=contacts,
        ),
        markup=False,
    )
    if kommune is None:
        out.print(ui("init_no_kommune"), markup=False)
    else:
        out.print(
            ui("init_kommune", navn=kommune.navn, kode=kommune.kode, cvr=kommune.cvr), markup=False
        )
    if division is None:
        out.print(ui("init_no_division"), markup=False)
    else:
        values = ", ".join(f"{v} ({n})" for v, n in division.counts)
        out.print(
            ui("init_division", column=division.column, values=values), markup=False, soft_wrap=True
        )
