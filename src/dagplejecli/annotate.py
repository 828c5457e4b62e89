"""``--annotate``: a copy of the roster with each problematic cell filled and commented.

The roster itself is never touched. The copy is built from the cell values (so it works for
every input format); CPR numbers in it are masked, like every other file for people.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.domain.values import clean_text, normalise_cpr, visible_controls
from dagplejecli.files import write_atomic
from dagplejecli.findings import Finding, Severity
from dagplejecli.formats.sheets import RawSheet
from dagplejecli.messages import finding_hint, finding_message, term

FILLS = {
    Severity.ERROR: PatternFill("solid", start_color="FFC7CE"),
    Severity.WARNING: PatternFill("solid", start_color="FFEB9C"),
    Severity.INFO: PatternFill("solid", start_color="DDEBF7"),
}


def _safe_value(value: object) -> object:
    """Numbers stay numbers, except ones that could be a CPR, and dates stay dates; all text
    masked for CPRs."""
    if isinstance(value, bool | dt.date | dt.time) or value is None:  # (a datetime is a date)
        return value
    if isinstance(value, int | float):
        digits = normalise_cpr(value).digits
        return mask_cpr_in_text(digits) if digits else value
    text = clean_text(value) if not isinstance(value, str) else value
    return _visible(mask_cpr_in_text(text))


def _visible(text: str) -> str:
    """Control characters (which a workbook cannot hold) shown as visible signs."""
    return visible_controls(text) if _CONTROL.search(text) else text


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts: none of []:*?/\\, at most 31 characters, not used twice
    (a CSV roster's sheet is named after its file, e.g. ``roster[1].csv``)."""
    base = _BAD_TITLE.sub("_", visible_controls(name)).strip("'")[:31] or "Ark"
    title, n = base, 1
    while title.lower() in taken:
        n += 1
        title = f"{base[: 31 - len(str(n)) - 1]}_{n}"
    taken.add(title.lower())
    return title


def write_annotated(target: Path, sheets: Sequence[RawSheet], findings: Sequence[Finding]) -> int:
    """Write the annotated copy; returns how many cells were marked."""
    marks: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.location.sheet and f.location.cell:
            marks[(f.location.sheet, f.location.cell)].append(f)

    def produce(tmp: Path) -> None:
        wb = Workbook()
        wb.remove(wb.active)
        taken: set[str] = set()
        for sheet in sheets:
            ws = wb.create_sheet(title=sheet_title(sheet.name, taken))
            if sheet.hidden and not all(s.hidden for s in sheets):  # (a workbook shows one)
                ws.sheet_state = "hidden"  # as in the roster: a lookup list stays out of sight
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
                comment = _visible(mask_cpr_in_text(text))
                cell.comment = Comment(comment, "dagpleje", width=400, height=160)
        wb.save(tmp)

    write_atomic(target, produce, private=True)
    return len(marks)


def _comment_line(f: Finding) -> str:
    severity = term("severity", f.severity)
    return f"{f.code} ({severity}): {finding_message(f)}\n→ {finding_hint(f)}"
