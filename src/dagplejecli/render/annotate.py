"""``--annotate``: a copy of the roster with each problematic cell filled and commented.

The roster itself is never touched. The copy is built from the cell values (so it works for
every input format); CPR numbers in it are masked, like every other file for people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.domain.values import clean_text, normalise_cpr
from dagplejecli.files import write_atomic
from dagplejecli.findings import Finding, Severity
from dagplejecli.messages import finding_hint, finding_message, term
from dagplejecli.roster.sheets import RawSheet

FILLS = {
    Severity.ERROR: PatternFill("solid", start_color="FFC7CE"),
    Severity.WARNING: PatternFill("solid", start_color="FFEB9C"),
    Severity.INFO: PatternFill("solid", start_color="DDEBF7"),
}


def _safe_value(value: object) -> object:
    """Numbers stay numbers, except ones that could be a CPR; all text masked for CPRs."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        digits = normalise_cpr(value).digits
        return mask_cpr_in_text(digits) if digits else value
    return mask_cpr_in_text(clean_text(value) if not isinstance(value, str) else value)


def write_annotated(target: Path, sheets: Sequence[RawSheet], findings: Sequence[Finding]) -> int:
    """Write the annotated copy; returns how many cells were marked."""
    marks: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.location.sheet and f.location.cell:
            marks[(f.location.sheet, f.location.cell)].append(f)

    def produce(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        for sheet in sheets:
            ws = wb.create_sheet(title=sheet.name[:31])
            for r, row in enumerate(sheet.rows, start=1):
                for c, value in enumerate(row, start=1):
                    safe = _safe_value(value)
                    if safe is None or safe == "":
                        continue
                    cell = ws.cell(row=r, column=c, value=safe)
                    if isinstance(safe, str):
                        cell.data_type = "s"  # never a formula
            for (sheet_name, ref), items in marks.items():
                if sheet_name != sheet.name:
                    continue
                cell = ws[ref]
                worst = min(items, key=lambda f: list(Severity).index(f.severity))
                cell.fill = FILLS[worst.severity]
                text = "\n".join(_comment_line(f) for f in items)
                cell.comment = Comment(mask_cpr_in_text(text), "dagpleje", width=400, height=160)
        wb.save(tmp)

    write_atomic(target, produce, private=True)
    return len(marks)


def _comment_line(f: Finding) -> str:
    severity = term("severity", f.severity)
    return f"{f.code} ({severity}): {finding_message(f)}\n→ {finding_hint(f)}"
