"""The real entry point, as a separate process: ``python -m dagplejecli`` (= the ``dagpleje``
console script). These tests check that the output arrives whole through a pipe and that the
exit codes are the documented ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.builders import AREAS, BASE_CONFIG, run_cli, small_roster, write_xlsx


def dagpleje(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # the output read as the process writes it: UTF-8 here, whatever PYTHONIOENCODING the
    # tests run with (tests/desktops/test_console_encoding.py is about other code pages)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "dagplejecli", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_a_whole_run_as_a_process(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")

    planned = dagpleje(tmp_path, "plan", "roster.xlsx")
    assert planned.returncode == 0, planned.stderr
    assert "Planen er skrevet til dagpleje-plan.xlsx" in planned.stdout
    assert (tmp_path / "dagpleje-plan.xlsx").is_file()

    validated = dagpleje(tmp_path, "validate")
    assert validated.returncode == 0, validated.stderr
    # the last lines are printed last, right before the process ends: they must all arrive
    assert "0 fejl, 0 advarsler, 2 info" in validated.stdout
    assert validated.stdout.rstrip().splitlines()[-1].startswith("Klar til")

    exported = dagpleje(tmp_path, "export", "--target", "dtr", "-q")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "eksport" / "manifest.json").is_file()


def test_a_users_mistake_as_a_process(tmp_path: Path) -> None:
    done = dagpleje(tmp_path, "validate", "--plan", "findes-ikke.xlsx")
    assert done.returncode == 2
    assert "Konfigurationsfilen findes ikke" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_refused_export_exits_1_as_a_process(tmp_path: Path) -> None:
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    config = BASE_CONFIG + AREAS.replace('institutionsnummer = "AB1234"\n', "")
    (tmp_path / "dagpleje.toml").write_text(config, encoding="utf-8")
    assert dagpleje(tmp_path, "plan", "roster.xlsx").returncode == 0
    refused = dagpleje(tmp_path, "export", "--target", "unilogin")
    assert refused.returncode == 1
    assert refused.stderr.strip(), "the refusal says why"


def test_a_long_output_arrives_whole_as_a_process(tmp_path: Path) -> None:
    done = dagpleje(tmp_path, "explain")
    assert done.returncode == 0, done.stderr
    assert done.stdout == run_cli("explain").stdout  # every line, the last one too


def test_a_cp1252_console_gets_validate_whole(tmp_path: Path) -> None:
    """A Windows console's encoding (simulated with PYTHONIOENCODING): what it cannot show
    (→, box lines) is replaced, and the report arrives whole instead of stopping with exit 70."""
    import os

    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    assert dagpleje(tmp_path, "plan", "roster.xlsx").returncode == 0
    done = subprocess.run(
        [sys.executable, "-m", "dagplejecli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
        timeout=60,
    )
    out = done.stdout.decode("cp1252")
    assert done.returncode == 0, done.stderr.decode("cp1252")
    assert "0 fejl, 0 advarsler, 2 info" in out  # the CVR extract skipped, the namespace (DP012)
    # laid out as written: a fix's «->» is in the table's width, so its border stays in line
    table = [line for line in out.splitlines() if line.startswith(("|", "+"))]
    assert any("-> " in line for line in table)
    assert len({len(line) for line in table}) == 1, table
