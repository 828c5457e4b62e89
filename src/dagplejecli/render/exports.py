"""What an export writes and changes, for people."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dagplejecli.export import Target
from dagplejecli.messages import finding_hint, finding_message, term, ui, ui_count, where, who

if TYPE_CHECKING:
    from dagplejecli.api import PreparedExport


def print_interrupted_after_commit(out: Console, folder: Path) -> None:
    """Ctrl-C after the export's files were switched into place: the export is complete."""
    out.print(ui("export_interrupted_after_commit", path=folder), soft_wrap=True)


def print_export(out: Console, prepared: PreparedExport, quiet: bool, allowed: bool) -> None:
    """The changes, the files written (or that would be), and the next step."""
    dry_run = not prepared.written
    if quiet and not dry_run:  # the result only: how many files, and where
        n = len(prepared.files)
        out.print(ui_count("export_written_quiet", n, path=prepared.out_dir), soft_wrap=True)
        return
    if prepared.changes is not None:
        print_changes(out, prepared)
    print_identity(out, prepared)
    if dry_run:
        out.print(ui("export_dry_run"), soft_wrap=True)
    else:
        out.print(ui("export_written", path=prepared.out_dir), soft_wrap=True)
    for rel in sorted(prepared.files):
        out.print(f"  {prepared.out_dir / rel}", soft_wrap=True)
    if dry_run and prepared.too_many_removed and not allowed:
        areas = ", ".join(name for name, _ in prepared.too_many_removed)
        out.print(ui("dry_run_would_refuse", areas=areas), soft_wrap=True)
    if not dry_run:
        dtr = prepared.target is Target.DAGTILBUDSREGISTERET
        if dtr:
            from dagplejecli.status import plan_command

            planned = prepared.validation.planned
            if all(a.institution_number for a in planned.plan.areas):
                out.print(ui("next_dtr_numbered"), soft_wrap=True)
            else:
                command = plan_command([f.path for f in planned.roster.files], planned.config.path)
                out.print(ui("next_dtr", command=command), soft_wrap=True)
        else:
            out.print(ui("next_unilogin"))


def print_changes(out: Console, prepared: PreparedExport) -> None:
    """Users before and after, added and removed, per area; dagplejere moved between areas."""
    changes = prepared.changes
    assert changes is not None
    if changes.first_export:
        out.print(ui("changes_first"), soft_wrap=True)
    table = Table(title=ui("changes_title"), title_justify="left")
    table.add_column(ui("col_area"), no_wrap=True)
    for key in ("col_before", "col_after", "col_added", "col_removed"):
        table.add_column(ui(key), justify="right")
    too_many = {name for name, _ in prepared.too_many_removed}
    for c in changes.areas:
        removed = Text(str(c.removed), style="bold red" if c.area in too_many else "")
        table.add_row(c.area, str(c.before), str(c.after), str(c.added), removed)
    out.print(table)
    if prepared.ended:
        # who leaves because the period ended (the rest of "removed" have other reasons)
        out.print(ui_count("ended_title", len(prepared.ended)), soft_wrap=True)
        for x in sorted(prepared.ended, key=lambda x: (x.area or "", x.person.name)):
            when = x.when.strftime("%d-%m-%Y") if x.when else ""
            person = who(x.person.name, x.person.cpr_masked)
            out.print(ui("ended_line", area=x.area, who=person, date=when), soft_wrap=True)
    if changes.moves:
        out.print(ui_count("moves_title", len(changes.moves)), style="yellow")
        for m in changes.moves:
            out.print(
                ui("move_line", id=m.dagplejer_id, name=m.name, old=m.old_area, new=m.new_area)
            )


def print_identity(out: Console, prepared: PreparedExport) -> None:
    """People Unilogin will take as someone else, or refuse, with what to do first."""
    if not prepared.identity:
        return
    out.print(ui("identity_title", n=len(prepared.identity)), style="yellow")
    for f in prepared.identity:
        severity = term("severity", f.severity.value)
        out.print(f"{severity} {f.code} {where(f.location)}: {finding_message(f)}", soft_wrap=True)
        out.print(f"  → {finding_hint(f)}", soft_wrap=True)
