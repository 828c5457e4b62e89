"""Output through a console that cannot show every character: Windows gives a redirected or
piped stream the console's code page (cp1252, cp850), simulated with ``PYTHONIOENCODING``.
Text degrades a character it cannot show, never crashes; JSON and files are UTF-8."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dagplejecli.cli_base import plain
from tests.conftest import AREAS, BASE_CONFIG, small_roster, write_xlsx

NAME = "Łucja Şahin"  # neither Ł nor Ş is in cp1252 or cp850


def dagpleje(folder: Path, encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    env.pop("PYTHONUTF8", None)
    return subprocess.run(
        [sys.executable, "-m", "dagplejecli", *args],
        cwd=folder,
        capture_output=True,  # piped, as a redirect or a pipe on Windows
        env=env,
        timeout=60,
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose third dagplejer is called «Łucja Şahin» and has no area (DP206)."""
    here = tmp_path_factory.mktemp("console")
    roster = small_roster()
    roster["Dagplejere"][3][2:4] = NAME.split()
    roster["Dagplejere"][3][7] = "Vest"  # no area takes Vest: the name is in the findings
    write_xlsx(here / "roster.xlsx", roster)
    (here / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    return here


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_text_output_degrades_what_the_console_cannot_show(folder: Path, encoding: str) -> None:
    planned = dagpleje(folder, encoding, "plan", "roster.xlsx")
    assert planned.returncode == 1, planned.stderr.decode(encoding)  # D3 has no area
    out = planned.stdout.decode(encoding)  # strict: every byte is the console's own
    assert "Lucja Sahin" in out
    assert "Næste skridt" in out  # what the console can show stays as it is

    validated = dagpleje(folder, encoding, "validate")
    assert validated.returncode == 1, validated.stderr.decode(encoding)
    text = validated.stdout.decode(encoding)
    assert "DP206" in text and "Lucja Sahin" in text
    assert "->" in text  # the hint's arrow
    assert validated.stderr == b""

    for args in (["explain", "DP202"], ["--help"], [], ["validate", "--hjaelp"]):
        done = dagpleje(folder, encoding, *args)
        said = (done.stdout + done.stderr).decode(encoding)
        assert done.returncode in (0, 2), said
        assert "Traceback" not in said and "uventet fejl" not in said


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_json_is_utf8_whatever_the_console(folder: Path, encoding: str) -> None:
    done = dagpleje(folder, encoding, "validate", "--format", "json")
    assert done.returncode == 1, done.stderr.decode(encoding)
    document = json.loads(done.stdout.decode("utf-8"))
    names = [f["params"].get("name") for f in document["findings"] if f["code"] == "DP206"]
    assert names == [NAME]


def test_plain_letters_for_what_a_code_page_lacks() -> None:
    assert plain("→") == "->"
    assert plain("Ş") == "S"  # the letter without its cedilla
    assert plain("Ł") == "L"
    assert plain("\u2588") == "#"
    assert plain("\u2409") == "?"  # a control character's picture
    assert plain("\udcff") == "?"  # a file name's undecodable byte
    assert all(plain(chr(c)).isascii() for c in range(0x80, 0x3000))
