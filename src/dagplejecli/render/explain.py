"""``dagpleje explain``: what a finding code means, why the rule exists, how to fix it."""

from __future__ import annotations

import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dagplejecli.errors import DagplejeError
from dagplejecli.messages import finding_text, term, ui
from dagplejecli.rules.registry import all_rules

_PLACEHOLDER = re.compile(r"\{\w+\}")


def print_code(out: Console, typed: str) -> None:
    """One code in full (``DP103``, ``dp103`` or ``103``). An unknown code is a DagplejeError
    (exit 2)."""
    code = typed.strip().upper()
    if code.isdigit():
        code = "DP" + code.zfill(3)
    rules = all_rules()
    if code not in rules:
        raise DagplejeError("unknown_code", code=code)
    rule, text = rules[code], finding_text(code)
    severity = term("severity", rule.severity)
    out.print(
        Text.assemble(
            (f"{code}: {text.title}", "bold"), f"  ({ui('explain_severity')}: {severity})"
        )
    )
    out.print()
    out.print(Text(ui("explain_why"), style="bold"))
    out.print(text.why)
    out.print(f"{ui('explain_source')}: {term('source', rule.source)}")
    out.print()
    out.print(Text(ui("explain_fix"), style="bold"))
    # no finding to fill the hint in from: each placeholder reads as "…"
    out.print(_PLACEHOLDER.sub("…", text.hint))
    if text.example:
        out.print()
        out.print(Text(ui("explain_example"), style="bold"))
        out.print(text.example)


def print_codes(out: Console) -> None:
    """Every code with its severity, family and title."""
    table = Table(title=ui("explain_list_title"), title_justify="left")
    for key in ("col_code", "col_severity", "col_family", "col_title"):
        table.add_column(ui(key))
    for code, rule in all_rules().items():
        table.add_row(
            code,
            term("severity", rule.severity),
            term("family", rule.family),
            Text(finding_text(code).title),
        )
    out.print(table)
