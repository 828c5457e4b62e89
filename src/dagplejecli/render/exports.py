"""What an export writes and changes, for people."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dagplejecli.export.run import PreparedExport
from dagplejecli.messages import ui


def print_export(out: Console, prepared: PreparedExport, dry_run: bool) -> None:
    if prepared.changes is not None:
        print_changes(out, prepared)
    if dry_run:
        out.print(ui("export_dry_run"), markup=False, soft_wrap=True)
    else:
        out.print(ui("export_written", path=prepared.out_dir), markup=False, soft_wrap=True)
    for rel in sorted(prepared.files):
        out.print(f"  {prepared.out_dir / rel}", markup=False, soft_wrap=True)


def print_changes(out: Console, prepared: PreparedExport) -> None:
    changes = prepared.changes
    assert changes is not None
    if changes.first_export:
        out.print(ui("changes_first"), markup=False, soft_wrap=True)
    table = Table(title=ui("changes_title"), title_justify="left")
    table.add_column(ui("col_area"), no_wrap=True)
    for key in ("col_before", "col_after", "col_added", "col_removed"):
        table.add_column(ui(key), justify="right")
    too_many = {name for name, _ in prepared.refused_share}
    for c in changes.areas:
        removed = f"[bold red]{c.removed}[/]" if c.area in too_many else str(c.removed)
        table.add_row(escape(c.area), str(c.before), str(c.after), str(c.added), removed)
    out.print(table)
    if changes.moves:
        out.print(f"[yellow]{escape(ui('moves_title', n=len(changes.moves)))}[/]")
        for m in changes.moves:
            out.print(
                ui("move_line", id=m.dagplejer_id, name=m.name, old=m.old_area, new=m.new_area),
                markup=False,
            )
