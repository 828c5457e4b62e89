"""The commands dagpleje prints as the next step can be pasted back, whatever the folder is
called: a space (every «OneDrive - X Kommune»), æøå, a drive letter."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from dagplejecli.shell import shell_word
from tests.builders import AREAS, BASE_CONFIG, run_cli, small_roster, write_xlsx

AWKWARD = [
    "roster.xlsx",
    "Roster 2026.xlsx",
    "OneDrive - Aarhus Kommune/Dagpleje/roster.xlsx",
    "Børn & dagplejere (ny).xlsx",
    "it's; $HOME `x` !1.xlsx",
    "-roster.xlsx",
    r"C:\Users\Anne Ærø\OneDrive - Aarhus Kommune\roster.xlsx",
    r"D:\dagpleje\roster.xlsx",
]


def windows_argv(line: str) -> list[str]:
    """A command line split as a Windows program's C runtime splits it (what ``cmd`` hands a
    program, and how PowerShell passes a double-quoted word without ``$`` or backtick)."""
    words: list[str] = []
    word, quoted, started, i = "", False, False, 0
    while i < len(line):
        c = line[i]
        if c == "\\":
            j = i
            while j < len(line) and line[j] == "\\":
                j += 1
            if j < len(line) and line[j] == '"':
                word += "\\" * ((j - i) // 2)
                if (j - i) % 2:
                    word += '"'
                    i = j + 1
                else:
                    i = j
                started = True
                continue
            word += line[i:j]
            i, started = j, True
            continue
        if c == '"':
            quoted, started = not quoted, True
        elif c in " \t" and not quoted:
            if started:
                words.append(word)
            word, started = "", False
        else:
            word += c
            started = True
        i += 1
    if started:
        words.append(word)
    return words


CMD_SPECIAL = set("&|<>^()")


@pytest.mark.parametrize("path", AWKWARD)
def test_a_word_reads_back_as_itself_in_sh_and_on_windows(path: str) -> None:
    assert shlex.split(f"dagpleje plan {shell_word(path, windows=False)}") == [
        "dagpleje",
        "plan",
        path,
    ]
    if not set('"%$`') & set(path):  # those cannot be quoted for cmd and PowerShell at once
        word = shell_word(path, windows=True)
        assert windows_argv(f"dagpleje plan {word}") == ["dagpleje", "plan", path]
        outside = "".join(re.split(r'"[^"]*"', word))  # cmd reads &|<>^() outside quotes
        assert not CMD_SPECIAL & set(outside), word


def test_a_plain_name_is_printed_as_it_is() -> None:
    assert shell_word("roster.xlsx") == "roster.xlsx"
    assert shell_word("Dagpleje/Rostere/marts-2026.xlsx") == "Dagpleje/Rostere/marts-2026.xlsx"
    assert shell_word("Børn.xlsx") == "Børn.xlsx"


@pytest.mark.skipif(os.name == "nt", reason="pastes into sh; Windows quoting is checked above")
def test_the_printed_next_step_runs_when_pasted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``init`` in a folder with a space and æøå names its next step; pasted into a shell,
    that command plans with the roster and configuration it names."""
    folder = tmp_path / "OneDrive - Aarhus Kommune" / "Dagpleje æøå"
    folder.mkdir(parents=True)
    write_xlsx(folder / "Roster 2026 (marts).xlsx", small_roster())
    monkeypatch.chdir(tmp_path)
    roster = "OneDrive - Aarhus Kommune/Dagpleje æøå/Roster 2026 (marts).xlsx"
    out = "OneDrive - Aarhus Kommune/Dagpleje æøå/ny konfig.toml"
    done = run_cli("init", roster, "--kommune", "751", "--out", out)
    assert done.exit_code == 0, done.output
    printed = re.search(r"kør (dagpleje plan .*)\.$", done.stdout, re.MULTILINE)
    assert printed, done.stdout
    command = printed.group(1)
    assert shlex.split(command)[2:] == [roster, "--config", out]

    (folder / "ny konfig.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)  # where the dagpleje script is installed
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    env["PYTHONIOENCODING"] = "utf-8"  # read as written, whatever the tests run with
    pasted = subprocess.run(
        ["sh", "-c", command],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert pasted.returncode == 0, pasted.stderr
    assert (folder / "dagpleje-plan.xlsx").is_file()


@pytest.mark.skipif(os.name == "nt", reason="sh's quotes; Windows quoting is checked above")
def test_a_stale_plan_names_a_roster_with_a_space_quoted(project: Path) -> None:
    (project / "roster.xlsx").rename(project / "Roster 2026.xlsx")
    assert run_cli("plan", "Roster 2026.xlsx").exit_code == 0
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anna"
    write_xlsx(project / "Roster 2026.xlsx", sheets)
    shown = run_cli("validate").stdout + run_cli().stdout + run_cli("export", "-t", "dtr").output
    assert shown.count("dagpleje plan 'Roster 2026.xlsx'") == 3, shown
    assert "dagpleje plan Roster 2026.xlsx" not in shown
