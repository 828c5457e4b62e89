"""``dagpleje afstem``: per area a table of its people (in both, roster only, Unilogin only,
other sources, moved) and its findings, then DTR, then what was skipped and the summary; or, with
``--format json``, ``validate``'s document with the comparison's numbers as its ``stats``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dagplejecli.afstem.result import BOTH, SKIPPED, STATUSES, AreaResult
from dagplejecli.findings import Finding, Severity, count
from dagplejecli.messages import term, ui, ui_count
from dagplejecli.render import OutputFormat
from dagplejecli.render.report import fill_findings, report_json
from dagplejecli.render.terminal import write_utf8

if TYPE_CHECKING:
    from dagplejecli.api import Reconciled

AfstemReporter = Callable[[Console, "Reconciled", bool, bool], None]


def _findings_table(
    out: Console, findings: Sequence[Finding], quiet: bool, title: str | None = None
) -> None:
    """The findings under the table they belong to (``title`` for those under none)."""
    items = [f for f in findings if not quiet or f.severity is not Severity.INFO]
    if not items:
        return
    if title is not None:
        out.print(Text(title, style="bold"), soft_wrap=True)
    table = Table(expand=False)
    fill_findings(out, table, items)
    out.print(table)


DTR_CODES = frozenset({"DP403", "DP404", "DP405", "DP416", "DP417", "DP422", "DP423"})
DTR_SKIPS = frozenset({"no_dtr", "no_pnumber", "no_units"})


def _about_dtr(f: Finding) -> bool:
    return f.code in DTR_CODES or (f.code == "DP425" and f.variant in DTR_SKIPS)


def _area_title(area: AreaResult) -> str:
    if area.file is None:
        return ui("afstem_area_no_file", area=area.name)
    key = "afstem_area_title" if area.in_plan else "afstem_area_foreign"
    return ui(key, area=area.name, number=area.number, file=area.file)


def _area_table(out: Console, area: AreaResult) -> None:
    """The area's people by status (the title alone when it was not compared)."""
    title = _area_title(area)
    if area.file is None:
        out.print(Text(title, style="bold"), soft_wrap=True)
        return
    counts = area.counts()
    out.print(Text(title, style="bold"), soft_wrap=True)  # a title of a narrow table wraps
    table = Table(expand=False)
    table.add_column(ui("afstem_col_people"))
    table.add_column(ui("col_dagplejere"), justify="right")
    table.add_column(ui("col_children"), justify="right")
    table.add_column(ui("afstem_col_others"), justify="right")
    for status in STATUSES:
        c = counts[status]
        if status != BOTH and not any(c.values()):
            continue
        table.add_row(
            ui(f"afstem_status_{status}"), str(c["dagplejere"]), str(c["boern"]), str(c["andre"])
        )
    out.print(table)


def print_afstem_text(out: Console, done: Reconciled, strict: bool, quiet: bool) -> None:
    """``--format text``: the comparison for people."""
    result = done.result
    out.print(ui("afstem_title", files=", ".join(result.files)), style="bold", soft_wrap=True)
    dtr_findings = [f for f in result.findings if _about_dtr(f)]
    by_area: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        if not _about_dtr(f):
            by_area[f.area or ""].append(f)
    for area in result.areas:
        findings = by_area.pop(area.name, [])
        if quiet:  # only errors and warnings, under their area's name
            shown = [f for f in findings if f.severity is not Severity.INFO]
            _findings_table(out, shown, quiet, _area_title(area) if shown else None)
            continue
        _area_table(out, area)
        _findings_table(out, findings, quiet)
    if result.dtr and not quiet:
        out.print(Text(ui("afstem_dtr_title"), style="bold"))
        table = Table(expand=False)
        for key in ("afstem_col_number", "afstem_col_name", "afstem_col_status", "col_pnummer"):
            table.add_column(ui(key))
        table.add_column(ui("afstem_col_area"))
        table.add_column(ui("afstem_col_codes"))
        for r in result.dtr:
            table.add_row(
                r.number, Text(r.name), r.status, r.p_number, Text(r.area), ", ".join(r.codes)
            )
        out.print(table)
    dtr_title = None if result.dtr and not quiet else ui("afstem_dtr_title")
    _findings_table(out, dtr_findings, quiet, dtr_title)
    rest = [f for fs in by_area.values() for f in fs]
    _findings_table(out, rest, quiet, ui("general"))
    skipped = [term("check", name) for name, state in result.checks.items() if state == SKIPPED]
    if skipped:
        out.print(ui("afstem_skipped", checks=", ".join(skipped)), soft_wrap=True)
    else:
        out.print(ui("afstem_all_ran"))
    summary = count(result.findings)
    errors = summary["fejl"] + (summary["advarsler"] if strict else 0)
    words = {
        "fejl_ord": ui_count("word_errors", summary["fejl"]),
        "advarsel_ord": ui_count("word_warnings", summary["advarsler"]),
    }
    out.print(ui("summary", **summary, **words), style="bold red" if errors else "bold green")
    if done.rapport is not None:
        out.print(ui("afstem_rapport_written", path=done.rapport), soft_wrap=True)
    out.print(ui("afstem_next_errors" if errors else "afstem_next_ok"), soft_wrap=True)


def print_afstem_json(out: Console, done: Reconciled, strict: bool, quiet: bool) -> None:
    """``--format json``: ``validate``'s document; ``stats`` holds the comparison's numbers
    and which checks ran and which were skipped."""
    result = done.result
    write_utf8(out, report_json(result.findings, result.stats(), strict) + "\n")


AFSTEM_REPORTERS: dict[OutputFormat, AfstemReporter] = {
    OutputFormat.TEXT: print_afstem_text,
    OutputFormat.JSON: print_afstem_json,
}
