"""One export at a time per export folder; a file held open by Excel is named, not a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from dagplejecli import files
from tests.builders import LATER, WHEN, contents, no_traceback, run_cli


def test_a_second_export_refuses_while_the_first_holds_the_folder(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(files.lock, "LOCK_WAIT_SECONDS", 0.2)
    with files.export_lock(four / "eksport"):
        result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 2 and no_traceback(result)
    assert "En anden eksport skriver i denne mappe" in result.stderr
    assert "Vent til den er færdig" in result.stderr
    assert not (four / "eksport" / "manifest.json").exists()


def test_a_second_export_waits_briefly_for_the_first(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(files.lock, "LOCK_WAIT_SECONDS", 5.0)
    held, release = threading.Event(), threading.Event()

    def first() -> None:
        with files.export_lock(four / "eksport"):
            held.set()
            release.wait(5)

    worker = threading.Thread(target=first)
    worker.start()
    held.wait(5)
    tries: list[bool] = []
    try_lock = files.lock._try_lock

    def counted(fd: int) -> bool:
        got = try_lock(fd)
        tries.append(got)
        if not got:  # the second export found the folder held: the first now lets go
            release.set()
        return got

    monkeypatch.setattr(files.lock, "_try_lock", counted)
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    worker.join()
    assert result.exit_code == 0, result.output
    assert tries[0] is False and tries[-1] is True  # it waited for the first, then ran


def test_two_exports_at_once_never_leave_the_older(four: Path) -> None:
    def start(when: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dagplejecli",
                "export",
                "-t",
                "unilogin",
                "--source-datetime",
                when,
            ],
            cwd=four,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    older, newer = start(WHEN), start(LATER)
    codes = {older.wait(60), newer.wait(60)}
    assert newer.returncode == 0
    assert older.returncode in (0, 1)  # first, or refused as older than the one written
    assert codes <= {0, 1}
    manifest = json.loads((four / "eksport" / "manifest.json").read_bytes())
    assert manifest["unilogin"]["sourceDateTime"] == LATER


@pytest.mark.parametrize("moving", ["away", "in"])
def test_a_file_open_in_excel_is_named_and_nothing_changes(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
    moving: str,
) -> None:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    before = contents(four / "eksport")
    real_replace = os.replace

    refused: list[object] = []
    undoing: list[bool] = []
    monkeypatch.setattr(files.target, "HELD_WAIT_SECONDS", 0.2)  # tried again for 0.2 s, not 2

    def excel_holds_it(src: object, dst: object) -> None:
        # Windows refuses to move a file Excel has open, or to replace it, however often it
        # is tried; once the export gives up (its journal says undo), the old file goes back
        if refused and str(dst).endswith(files.JOURNAL):
            undoing.append(True)
        held = str(src if moving == "away" else dst).endswith("brugere.xlsx")
        if held and not undoing:
            refused.append(src)
            exc = PermissionError(13, "Permission denied", str(src), None, str(dst))
            exc.winerror = 32  # type: ignore[attr-defined]
            raise exc
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", excel_holds_it)
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER)
    assert result.exit_code == 2 and no_traceback(result)
    assert "brugere.xlsx" in result.stderr and "Luk filen i Excel" in result.stderr
    assert ".dagpleje" not in result.stderr  # the user's file is named, not a staging copy
    assert len(refused) > 1  # tried again before giving up
    monkeypatch.setattr(os, "replace", real_replace)
    assert contents(four / "eksport") == before


def test_other_commands_leave_a_running_export_alone(four: Path) -> None:
    with files.export_lock(four / "eksport"):
        staging = four / "eksport" / files.STAGING
        staging.mkdir(parents=True)
        (staging / "0").write_text("being written")
        assert run_cli().exit_code == 0  # would finish or undo a commit, but this one is live
        assert (staging / "0").exists()
    assert run_cli().exit_code == 0  # once it is gone, its leftovers are removed
    assert not staging.exists()


@pytest.mark.parametrize("target", ["unilogin", "dagtilbudsregisteret"])
def test_an_export_that_waited_while_a_newer_one_ran_writes_nothing(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    """Newest wins: an export records when it began before it waits for the folder; one that
    finds a manifest of an export begun after it stops (exit 1) and writes nothing."""
    import datetime as dt

    from dagplejecli import api

    assert run_cli("export", "--target", target).exit_code == 0
    manifest = json.loads((four / "eksport" / "manifest.json").read_bytes())
    newer = dt.datetime.fromisoformat(manifest[target]["started"])
    before = contents(four / "eksport")

    class Earlier(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Earlier:  # type: ignore[override]
            return cls.fromisoformat((newer - dt.timedelta(seconds=2)).isoformat())

    monkeypatch.setattr(api.dt, "datetime", Earlier)
    result = run_cli("export", "--target", target)
    assert result.exit_code == 1, result.output
    assert no_traceback(result)
    assert "en nyere eksport" in result.stderr
    assert contents(four / "eksport") == before


def test_the_manifest_records_when_the_export_began_and_its_plan(
    four: Path,
) -> None:
    from dagplejecli.planfile import PLAN_NAME, read_plan

    assert run_cli("export", "--target", "unilogin").exit_code == 0
    record = json.loads((four / "eksport" / "manifest.json").read_bytes())["unilogin"]
    assert record["plan"] == read_plan(four / PLAN_NAME).fingerprint
    assert "." in record["started"]  # to the microsecond
    # the default sourceDateTime is when the export began, not when it got the folder
    assert record["sourceDateTime"] == record["started"].split(".")[0] + record["started"][-6:]
