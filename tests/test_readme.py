"""The README's walkthrough runs, and prints what the README says it prints.

``DAGPLEJE_UPDATE_README=1 pytest tests/test_readme.py`` writes the real output into the README.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_init import fill_in

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START, END = "<!-- walkthrough:start -->", "<!-- walkthrough:end -->"
FILL = re.compile(r"<!-- udfyld (\S+) -->")


def _clean(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


DEMO = [
    ("plan", "roster.xlsx"),
    ("validate",),
    ("export", "--target", "dagtilbudsregisteret"),
    ("export", "--target", "unilogin"),
]


def test_demo_in_the_makefile_is_the_one_the_walkthrough_starts_from() -> None:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    for step in DEMO:
        assert f"cd examples && $(DAGPLEJE) {' '.join(step)}\n" in makefile, step


def test_walkthrough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("roster.xlsx", "dagpleje.toml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "140")
    # the reader has run make demo first, as the README says: its steps, in examples/
    # (its Unilogin export an hour back: a reader's next export comes later than the same second)
    earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(timespec="seconds")
    for step in DEMO:
        when = ("--source-datetime", earlier) if "unilogin" in step else ()
        assert run_cli(*step, *when).exit_code == 0, step
    text = README.read_text("utf-8")
    head, rest = text.split(START, 1)
    section, tail = rest.split(END, 1)
    out: list[str] = []
    in_console = False
    expected: list[str] = []
    actual: list[str] = []
    mismatches = []
    lines = section.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("```console"):
            in_console = True
        elif line.startswith("```") and in_console:
            in_console = False
        elif in_console and line.startswith("$ dagpleje "):
            args = shlex.split(line[len("$ dagpleje ") :])
            result = run_cli(*args)
            assert result.exit_code in (0, 1), (line, result.output)
            assert "Traceback" not in result.output
            got = _clean(result.output)
            out.append(line)
            out.extend(got)
            i += 1
            documented = []
            while i < len(lines) and not lines[i].startswith(("$ ", "```")):
                documented.append(lines[i])
                i += 1
            expected, actual = _clean("\n".join(documented)), got
            if expected != actual:
                mismatches.append(line)
            continue
        elif m := FILL.search(line):
            fill_in(tmp_path / m.group(1))
        out.append(line)
        i += 1
    if os.environ.get("DAGPLEJE_UPDATE_README"):
        README.write_text(head + START + "\n".join(out) + END + tail, "utf-8")
        return
    assert mismatches == [], (
        f"README output differs for {mismatches}; run DAGPLEJE_UPDATE_README=1 pytest {__file__}"
    )


LIBRARY_START, LIBRARY_END = "<!-- bibliotek:start -->", "<!-- bibliotek:end -->"
CODE_BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)


def test_library_example(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's «Som bibliotek» example runs in a copy of examples/ and prints what the
    README says it prints."""
    for name in ("roster.xlsx", "dagpleje.toml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    section = README.read_text("utf-8").split(LIBRARY_START, 1)[1].split(LIBRARY_END, 1)[0]
    (language, code), (_, shown) = CODE_BLOCK.findall(section)
    assert language == "python"
    exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})
    assert _clean(capsys.readouterr().out) == _clean(shown)
    assert (tmp_path / "dagpleje-plan.xlsx").is_file() and (tmp_path / "markeret.xlsx").is_file()
    assert not (tmp_path / "eksport").exists()  # a dry run writes nothing
