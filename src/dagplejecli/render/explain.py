"""``dagpleje explain``: what a finding code means, why the rule exists, how to fix it."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from dagplejecli.errors import DagplejeError
from dagplejecli.findings import REGISTRY
from dagplejecli.i18n import pick
from dagplejecli.messages import FINDING_TEXTS, ui


def print_code(out: Console, code: str) -> None:
    if code not in REGISTRY:
        raise DagplejeError("unknown_code", code=code)
    info, text = REGISTRY[code], FINDING_TEXTS[code]
    out.print(
        f"[bold]{code}: {escape(pick(*text.title))}[/]  "
        f"({ui('explain_severity')}: {info.severity.label})"
    )
    out.print()
    out.print(f"[bold]{ui('explain_why')}[/]")
    out.print(escape(pick(*text.why)))
    out.print(f"{ui('explain_source')}: {escape(info.source)}")
    out.print()
    out.print(f"[bold]{ui('explain_fix')}[/]")
    hint = pick(*text.hint)
    out.print(escape(hint.replace("{", "").replace("}", "")))
    example = pick(*text.example)
    if example:
        out.print()
        out.print(f"[bold]{ui('explain_example')}[/]")
        out.print(escape(example))


def print_codes(out: Console) -> None:
    table = Table(title=ui("explain_list_title"), title_justify="left")
    for key in ("col_code", "col_severity", "col_family", "col_title"):
        table.add_column(ui(key))
    for code, info in REGISTRY.items():
        table.add_row(
            code, info.severity.label, info.family, escape(pick(*FINDING_TEXTS[code].title))
        )
    out.print(table)
