"""The validate report: a rich table per area on the terminal, or the stable JSON document."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.errors import DagplejeError
from dagplejecli.findings import Finding, Severity, count
from dagplejecli.messages import (
    finding_hint,
    finding_message,
    hint_key,
    shown_params,
    term,
    ui,
    ui_count,
    where,
)
from dagplejecli.render import OutputFormat
from dagplejecli.render.terminal import write_utf8

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
SHOWN_PER_CODE = 5
JSON_VERSION = 1


if TYPE_CHECKING:
    from dagplejecli.pipeline import Validation

Reporter = Callable[[Console, "Validation", bool, bool], None]  # (out, result, strict, quiet)


def print_text(out: Console, result: Validation, strict: bool, quiet: bool) -> None:
    """``--format text``: the report for people."""
    from dagplejecli.render.terminal import print_not_in_care
    from dagplejecli.status import project_flags

    numbered = all(a.institution_number for a in result.planned.plan.areas)
    print_not_in_care(out, result.planned)
    flags = project_flags(result.planned.config.path, result.plan_path)
    print_report(out, result.findings, result.planned.roster.name, strict, quiet, numbered, flags)


def print_json(out: Console, result: Validation, strict: bool, quiet: bool) -> None:
    """``--format json``: the stable document, written as it is (no wrapping, no markup)."""
    write_utf8(out, report_json(result.findings, result.stats(), strict) + "\n")


REPORTERS: dict[OutputFormat, Reporter] = {
    OutputFormat.TEXT: print_text,
    OutputFormat.JSON: print_json,
}


def hint_arrow(out: Console) -> str:
    """The arrow before a fix, as the console can show it: laid out as it will be written
    (a cp1252 console's «->» is one character wider than «→»)."""
    try:
        "→".encode(out.encoding)
    except (UnicodeEncodeError, LookupError):
        return "->"
    return "→"


def fill_findings(
    out: Console, table: Table, items: Sequence[Finding], info_shown: int = SHOWN_PER_CODE
) -> None:
    """The findings table's columns and rows: each code shown ``SHOWN_PER_CODE`` times
    (``info_shown`` for info), then a line with how many more; a fix shown once per code."""
    table.add_column(ui("col_severity"))
    table.add_column(ui("col_code"))
    table.add_column(ui("col_where"), overflow="fold")
    table.add_column(ui("col_message"), overflow="fold")
    arrow = hint_arrow(out)
    per_code: dict[str, int] = defaultdict(int)
    hidden: dict[str, int] = defaultdict(int)
    hinted: set[tuple[str, str]] = set()
    for f in items:
        per_code[f.code] += 1
        if per_code[f.code] > (SHOWN_PER_CODE if f.severity is not Severity.INFO else info_shown):
            hidden[f.code] += 1
            continue
        text = Text(finding_message(f))
        hint = finding_hint(f)
        if hint and hint_key(f) not in hinted:  # a code's fix is shown once (per variant
            hinted.add(hint_key(f))  # with a fix of its own)
            text.append(f"\n{arrow} {hint}", style="dim")
        severity = Text(term("severity", f.severity), style=STYLE[f.severity])
        table.add_row(severity, f.code, Text(where(f.location)), text)
    for code, n in hidden.items():
        table.add_row("", code, "", Text(ui("more_of_code", n=n, code=code), style="dim"))


def print_report(
    out: Console,
    findings: Sequence[Finding],
    roster_name: str,
    strict: bool,
    quiet: bool,
    numbered: bool = False,
    flags: str = "",
) -> None:
    """Findings grouped by area (general ones first), then the summary and the next step
    (the Unilogin export once every area has its institutionsnummer, ``numbered``)."""
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        groups[f.area or ""].append(f)
    shown = [f for f in findings if not quiet or f.severity is not Severity.INFO]
    if shown:
        out.print(ui("validate_title", roster=roster_name), style="bold")
    for area in sorted(groups, key=lambda a: (a != "", a)):
        items = [f for f in groups[area] if not quiet or f.severity is not Severity.INFO]
        if not items:
            continue
        table = Table(
            title=Text(area or ui("general")), title_justify="left", expand=False, show_lines=False
        )
        fill_findings(out, table, items, info_shown=3)
        out.print(table)
    summary = count(findings)
    errors = summary["fejl"] + (summary["advarsler"] if strict else 0)
    style = "bold red" if errors else "bold green"
    words = {
        "fejl_ord": ui_count("word_errors", summary["fejl"]),
        "advarsel_ord": ui_count("word_warnings", summary["advarsler"]),
    }
    out.print(ui("summary", **summary, **words), style=style)
    if summary["fejl"]:
        out.print(ui("next_errors", flags=flags), soft_wrap=True)
    elif strict and summary["advarsler"]:
        out.print(ui("next_strict"), soft_wrap=True)
    else:
        out.print(ui("next_ok_unilogin" if numbered else "next_ok", flags=flags), soft_wrap=True)


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
                "params": {
                    k: list(v) if isinstance(v, tuple) else v for k, v in shown_params(f).items()
                },
                "area": f.area,
                "location": f.location.as_dict(),
            }
            for f in findings
        ],
        "stats": stats,
    }


# json.dumps escapes C0 controls but passes DEL, the C1 controls and bidi overrides as they are
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def error_json(exc: DagplejeError) -> str:
    """``validate --format json`` when it cannot run (exit 2) or refuses: a program still gets
    an answer on stdout, ``{"version", "error": {"code", "message", "where", "hint"}}``."""
    document = {
        "version": JSON_VERSION,
        "error": {
            "code": exc.key,
            "exit_code": exc.exit_code,
            "message": mask_cpr_in_text(exc.message),
            "details": [mask_cpr_in_text(line) for line in exc.details],
            "where": mask_cpr_in_text(exc.where),
            "hint": mask_cpr_in_text(exc.hint),
        },
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def report_json(findings: Sequence[Finding], stats: dict[str, object], strict: bool) -> str:
    """The JSON report; no character in it can control a terminal it is printed on."""
    text = json.dumps(report_document(findings, stats, strict), ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
