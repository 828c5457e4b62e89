"""Output through a console that cannot show every character: Windows gives a redirected or
piped stream the console's code page (cp1252, cp850). Simulated in the process with a
CliRunner writing in that code page (strict, as Python's own stdout), and once as a real
process with ``PYTHONIOENCODING``. Text degrades a character it cannot show, never crashes;
JSON and files are UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dagplejecli.cli import app
from dagplejecli.cli_base import plain
from tests.builders import AREAS, BASE_CONFIG, small_roster, write_xlsx

NAME = "Łucja Şahin"  # neither Ł nor Ş is in cp1252 or cp850


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project whose third dagplejer is called «Łucja Şahin» and has no area (DP206)."""
    roster = small_roster()
    roster["Dagplejere"][3][2:4] = NAME.split()
    roster["Dagplejere"][3][7] = "Vest"  # no area takes Vest: the name is in the findings
    write_xlsx(tmp_path / "roster.xlsx", roster)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_on(encoding: str, *args: str) -> tuple[int, bytes, bytes]:
    """Run the command line writing to a console in ``encoding``; its exit code and bytes."""
    done = CliRunner(charset=encoding).invoke(app, list(args))
    if done.exception is not None and not isinstance(done.exception, SystemExit):
        raise done.exception
    return done.exit_code, done.stdout_bytes, done.stderr_bytes


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_text_output_degrades_what_the_console_cannot_show(folder: Path, encoding: str) -> None:
    code, out, err = run_on(encoding, "plan", "roster.xlsx")
    assert code == 1, err.decode(encoding)  # D3 has no area
    text = out.decode(encoding)  # strict: every byte is the console's own
    assert "Lucja Sahin" in text
    assert "Næste skridt" in text  # what the console can show stays as it is

    code, out, err = run_on(encoding, "validate")
    assert code == 1, err.decode(encoding)
    text = out.decode(encoding)
    assert "DP206" in text and "Lucja Sahin" in text
    assert "->" in text  # the hint's arrow
    assert err == b""

    for args in (["explain", "DP202"], ["--help"], [], ["validate", "--hjaelp"]):
        code, out, err = run_on(encoding, *args)
        said = (out + err).decode(encoding)
        assert code in (0, 2), said
        assert "Traceback" not in said and "uventet fejl" not in said
        assert "\\u" not in said  # not Python's escapes either


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_json_is_utf8_whatever_the_console(folder: Path, encoding: str) -> None:
    assert run_on(encoding, "plan", "roster.xlsx")[0] == 1
    code, out, err = run_on(encoding, "validate", "--format", "json")
    assert code == 1, err.decode(encoding)
    document = json.loads(out.decode("utf-8"))
    names = [f["params"].get("name") for f in document["findings"] if f["code"] == "DP206"]
    assert names == [NAME]


def test_as_a_process_piped_through_cp1252(folder: Path) -> None:
    """The real entry point, its output piped, as Windows pipes it: in the console's code page."""
    assert run_on("utf-8", "plan", "roster.xlsx")[0] == 1
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    env.pop("PYTHONUTF8", None)
    for args, check in (
        (["validate"], lambda out: "Lucja Sahin" in out.decode("cp1252")),
        (["validate", "--format", "json"], lambda out: NAME in out.decode("utf-8")),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "dagplejecli", *args],
            cwd=folder,
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr.decode("cp1252", "replace")
        assert check(done.stdout), done.stdout[-500:]


def test_plain_letters_for_what_a_code_page_lacks() -> None:
    assert plain("→") == "->"
    assert plain("Ş") == "S"  # the letter without its cedilla
    assert plain("Ł") == "L"
    assert plain("\u2588") == "#"
    assert plain("\u2409") == "?"  # a control character's picture
    assert plain("\udcff") == "?"  # a file name's undecodable byte
    assert all(plain(chr(c)).isascii() for c in range(0x80, 0x3000))
