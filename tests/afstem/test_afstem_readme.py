"""The README's «Afstemning» walkthrough runs, and prints what the README says it prints.

Its lines run in a copy of ``examples/`` after ``make demo``'s steps (as the first walkthrough's
do): ``$ python make_registers.py`` makes the synthetic register files, each ``$ dagpleje …``
line runs the tool. ``DAGPLEJE_UPDATE_README=1 pytest tests/afstem/test_afstem_readme.py`` writes the
real output into the README."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shlex
import shutil
from pathlib import Path

import pytest

from tests.builders import DEMO, README, ROOT, _clean, run_cli

START, END = "<!-- afstemning:start -->", "<!-- afstemning:end -->"


def _run(line: str) -> list[str]:
    if line == "$ python make_registers.py":
        from examples.make_registers import main

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main([])
        return _clean(out.getvalue())
    args = shlex.split(line[len("$ dagpleje ") :])
    result = run_cli(*args)
    assert result.exit_code in (0, 1), (line, result.output)
    assert "Traceback" not in result.output
    return _clean(result.output)


def test_afstemning_walkthrough(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("roster.xlsx", "dagpleje.toml"):
        shutil.copy(ROOT / "examples" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "140")
    earlier = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(timespec="seconds")
    for step in DEMO:
        when = ("--source-datetime", earlier) if "unilogin" in step else ()
        assert run_cli(*step, *when).exit_code == 0, step
    text = README.read_text("utf-8")
    head, rest = text.split(START, 1)
    section, tail = rest.split(END, 1)
    lines = section.split("\n")
    out: list[str] = []
    mismatches = []
    i, in_console = 0, False
    while i < len(lines):
        line = lines[i]
        if line.startswith("```console"):
            in_console = True
        elif line.startswith("```") and in_console:
            in_console = False
        elif in_console and line.startswith("$ "):
            got = _run(line)
            out.append(line)
            i += 1
            expected = []
            while i < len(lines) and not lines[i].startswith(("$ ", "```")):
                expected.append(lines[i])
                i += 1
            if _clean("\n".join(expected)) != got:
                mismatches.append((line, expected, got))
            out += got
            continue
        out.append(line)
        i += 1
    if os.environ.get("DAGPLEJE_UPDATE_README"):
        README.write_text(head + START + "\n".join(out) + END + tail, "utf-8")
        return
    assert not mismatches, mismatches[0]
