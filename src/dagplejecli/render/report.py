"""The validate report: a rich table per area on the terminal, or the stable JSON document."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from dagplejecli.findings import Finding, Severity, count
from dagplejecli.messages import finding_hint, finding_message, term, ui, where

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SHOWN_PER_CODE = 5
JSON_VERSION = 1


def print_report(
    out: Console, findings: Sequence[Finding], roster_name: str, strict: bool, quiet: bool
) -> None:
    """Findings grouped by area (general ones first), then the summary and the next step."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.area or ""].append(f)
    shown = [f for f in findings if not quiet or f.severity is not Severity.INFO]
    if shown:
        out.print(f"[bold]{ui('validate_title', roster=roster_name)}[/]")
    for area in sorted(groups, key=lambda a: (a != "", a)):
        items = [f for f in groups[area] if not quiet or f.severity is not Severity.INFO]
        if not items:
            continue
        table = Table(
            title=area or ui("general"), title_justify="left", expand=False, show_lines=False
        )
        table.add_column(ui("col_severity"))
        table.add_column(ui("col_code"))
        table.add_column(ui("col_where"), overflow="fold")
        table.add_column(ui("col_message"), overflow="fold")
        per_code: dict[str, int] = defaultdict(int)
        hidden: dict[str, int] = defaultdict(int)
        for f in items:
            per_code[f.code] += 1
            if per_code[f.code] > (SHOWN_PER_CODE if f.severity is not Severity.INFO else 3):
                hidden[f.code] += 1
                continue
            text = _escape(finding_message(f))
            hint = finding_hint(f)
            if hint and per_code[f.code] == 1:  # the fix is the same for every finding of a code
                text += f"\n[dim]→ {_escape(hint)}[/]"
            style = STYLE[f.severity]
            severity = term("severity", f.severity)
            table.add_row(f"[{style}]{severity}[/]", f.code, _escape(where(f.location)), text)
        for code, n in hidden.items():
            table.add_row("", code, "", f"[dim]{_escape(ui('more_of_code', n=n, code=code))}[/]")
        out.print(table)
    summary = count(findings)
    errors = summary["fejl"] + (summary["advarsler"] if strict else 0)
    style = "bold red" if errors else "bold green"
    out.print(f"[{style}]{ui('summary', **summary)}[/]")
    if summary["fejl"]:
        out.print(ui("next_errors"), markup=False, soft_wrap=True)
    elif strict and summary["advarsler"]:
        out.print(ui("next_strict"), markup=False, soft_wrap=True)
    else:
        out.print(ui("next_ok"), markup=False, soft_wrap=True)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def report_document(
    findings: Sequence[Finding], stats: dict[str, object], strict: bool
) -> dict[str, object]:
    """The stable JSON document (``version: 1``). CPR numbers are masked in every text."""
    summary = count(findings)
    errors = summary["fejl"] + (summary["advarsler"] if strict else 0)
    return {
        "version": JSON_VERSION,
        "valid": errors == 0,
        "strict": strict,
        "summary": summary,
        "findings": [
            {
                "code": f.code,
                "severity": f.severity.value,
                "family": f.rule.family.value,
                "variant": f.variant,
                "message": finding_message(f),
                "hint": finding_hint(f),
                "params": {k: list(v) if isinstance(v, tuple) else v for k, v in f.params.items()},
                "area": f.area,
                "location": f.location.as_dict(),
            }
            for f in findings
        ],
        "stats": stats,
    }


def report_json(findings: Sequence[Finding], stats: dict[str, object], strict: bool) -> str:
    return json.dumps(report_document(findings, stats, strict), ensure_ascii=False, indent=2)
