"""Desktops as they are: a dagpleje.toml written by Notepad, a Windows path in it, a project
folder others can read, and what a release carries (version, changelog, licence)."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest

import dagplejecli
from dagplejecli.domain.keyed import ID_VERSION
from dagplejecli.export.manifest import MANIFEST_VERSION
from tests.builders import AREAS, BASE_CONFIG, ROOT, no_traceback, run_cli


def notepad(text: str, encoding: str = "utf-8-sig") -> bytes:
    """``text`` as Notepad saves it: CRLF line ends, a byte order mark for UTF-8."""
    return text.replace("\n", "\r\n").encode(encoding)


def test_a_configuration_from_notepad_is_read(project: Path) -> None:
    (project / "dagpleje.toml").write_bytes(notepad(BASE_CONFIG + AREAS))
    done = run_cli("plan", "roster.xlsx")
    assert done.exit_code == 0, done.output
    assert "Dagplejen Nord" in done.stdout


def test_a_configuration_saved_as_ansi_is_said(project: Path) -> None:
    (project / "dagpleje.toml").write_bytes(notepad(BASE_CONFIG + AREAS, "cp1252"))
    done = run_cli("plan", "roster.xlsx")
    assert done.exit_code == 2 and no_traceback(done)
    assert "ikke UTF-8" in done.stderr and "Gem den som UTF-8" in done.stderr


@pytest.mark.parametrize(
    "path", [r"C:\Users\anne\roster.xlsx", r"C:\dagpleje\x.xlsx", r"\\server\share\x.xlsx"]
)
def test_a_windows_path_in_double_quotes_explains_single_quotes(project: Path, path: str) -> None:
    config = BASE_CONFIG.replace(
        'daginstitution = "Dagplejen Aarhus"', f'daginstitution = "{path}"'
    )
    (project / "dagpleje.toml").write_bytes(notepad(config + AREAS))
    done = run_cli("plan", "roster.xlsx")
    assert done.exit_code == 2 and no_traceback(done), done.output
    assert "omvendt skråstreg" in done.stderr
    assert "enkelte anførselstegn" in done.stderr and "C:/Users/anne/roster.xlsx" in done.stderr
    english = run_cli("--lang", "en", "plan", "roster.xlsx")
    assert "single quotes" in english.stderr and "forward slashes" in english.stderr


def test_the_fix_the_hint_gives_works(project: Path) -> None:
    config = BASE_CONFIG.replace(
        'daginstitution = "Dagplejen Aarhus"', r"daginstitution = 'C:\Users\anne'"
    )
    (project / "dagpleje.toml").write_bytes(notepad(config + AREAS))
    assert tomllib.loads(config)["standard"]["daginstitution"] == r"C:\Users\anne"
    assert run_cli("plan", "roster.xlsx").exit_code == 0


@pytest.mark.skipif(os.name == "nt", reason="a folder's mode means this on Linux and macOS only")
def test_plain_dagpleje_warns_when_others_can_read_the_folder(project: Path) -> None:
    project.chmod(0o755)
    shown = run_cli().stdout
    assert "andre brugere på maskinen kan læse denne mappe (rettigheder 755)" in shown
    assert "chmod 700" in shown
    project.chmod(0o700)
    assert "andre brugere" not in run_cli().stdout


def test_a_release_says_what_it_is() -> None:
    version = dagplejecli.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert f"## {version} " in changelog, "CHANGELOG.md lists this version"
    assert "MIT License" in (ROOT / "LICENSE").read_text("utf-8")
    assert (ROOT / "src" / "dagplejecli" / "py.typed").is_file()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["license"] == {"text": "MIT"}
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]


def test_the_manifest_names_the_release_and_its_formats(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("export", "--target", "dtr").exit_code == 0
    manifest = json.loads((project / "eksport" / "manifest.json").read_text("utf-8"))
    assert manifest["tool_version"] == dagplejecli.__version__
    assert manifest["version"] == MANIFEST_VERSION
    assert manifest["id_version"] == ID_VERSION


def test_completion_can_be_installed() -> None:
    shown = run_cli("--help").stdout
    assert "--install-completion" in shown and "--show-completion" in shown
