"""The single executable (``make exe``) on this system: its version, and the demo run with it
on a copy of ``examples/``. Not part of ``make test``: it needs the built file
(``DAGPLEJE_EXE``, else ``dist/dagpleje``) and fails, not skips, without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dagplejecli import __version__

ROOT = Path(__file__).resolve().parent.parent
NAME = "dagpleje.exe" if sys.platform == "win32" else "dagpleje"
EXE = Path(os.environ.get("DAGPLEJE_EXE", ROOT / "dist" / NAME)).resolve()


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(EXE), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=300,
    )


@pytest.fixture(scope="module", autouse=True)
def built() -> None:
    assert EXE.is_file(), f"{EXE} is not built: run make exe (or tools/build_exe.py) first"


def test_the_executable_says_its_version(tmp_path: Path) -> None:
    done = run(tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"dagpleje {__version__}"


def test_the_demo_runs_with_the_executable(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Aarhus Kommune" / "eksempel"
    left = ("eksport", "*.py", "dagpleje-plan.xlsx", "dagpleje-hemmelighed.txt", "ny.toml", ".*")
    shutil.copytree(ROOT / "examples", folder, ignore=shutil.ignore_patterns(*left))
    for args in (
        ("plan", "roster.xlsx"),
        ("validate",),
        ("export", "--target", "dagtilbudsregisteret"),
        ("export", "--target", "unilogin"),
        ("explain", "DP202"),
    ):
        done = run(folder, *args)
        assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-2000:])
    assert (folder / "eksport" / "manifest.json").is_file()
    assert sorted(p.name for p in (folder / "eksport" / "unilogin").glob("*.xml"))
