"""Nothing from a roster controls the terminal: control characters are shown as visible signs
in every message and table, and escaped in JSON."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from dagplejecli.render.terminal import visible_controls
from tests.builders import no_traceback, run_cli, small_roster, write_xlsx

# what the sheet XML holds: set the window title, clear the screen, recolour (Excel's _xHHHH_)
HOSTILE = "_x001B_]0;owned_x0007__x001B_[2J_x001B_[31m"
UNSAFE = ("\x1b", "\x07", "\x9b")


def roster_with(path: Path, marker: str, replacement: str) -> None:
    """Write the small roster, then put ``replacement`` into the XML where ``marker`` is
    (openpyxl itself refuses control characters, as Excel does not)."""
    plain = path.with_name("plain.xlsx")
    sheets = small_roster()
    sheets["Dagplejere"][2][2] = marker  # D2's first name
    sheets["Dagplejere"][2][7] = "Vest"  # no area: the name is printed
    write_xlsx(plain, sheets)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item).replace(marker.encode(), replacement.encode()))
    plain.unlink()


def test_escape_sequences_in_a_name_are_shown_not_obeyed(project: Path) -> None:
    roster_with(project / "roster.xlsx", "MARKER", "Bo" + HOSTILE)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 1 and no_traceback(result)
    assert "Bo␛]0;owned" in result.stdout and "␛[2J␛[31m" in result.stdout  # BEL removed
    assert not any(c in result.output for c in UNSAFE)
    validated = run_cli("validate", "--format", "json")
    assert not any(c in validated.stdout for c in UNSAFE)
    json.loads(validated.stdout)


def test_visible_controls() -> None:
    assert visible_controls("a\x1b[2Jb\x9bc\u202ed\te\nf") == "a␛[2Jb\ufffdc\ufffdd\te\nf"
