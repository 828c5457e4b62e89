"""The files dagpleje writes for itself — the export's journal, the manifest, the lock and the
secret — are input when read back: anyone with write access to the folder (a shared drive, a
colleague's zip) can change them. A bad one stops the command (exit 2) and touches nothing."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from dagplejecli.files import JOURNAL, STAGING, lock_path
from dagplejecli.secret import SECRET_NAME
from tests.builders import WHEN, no_traceback, run_cli

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and mode bits: POSIX")


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file under ``folder`` (and its parent's files) → its bytes."""
    seen: dict[str, bytes] = {}
    for path in sorted(folder.parent.rglob("*")):
        if path.is_file() and not path.is_symlink():
            seen[str(path)] = path.read_bytes()
    return seen


def _exported(four: Path) -> Path:
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    return four / "eksport"


@pytest.mark.parametrize(
    "journal",
    [
        # a file outside the folder to be replaced, and the configuration to be deleted
        {"version": 1, "files": [["/tmp/x-outside", 0, True]], "obsolete": [], "made": []},
        {"version": 1, "files": [], "obsolete": ["../dagpleje.toml"], "made": []},
        {"version": 1, "files": [], "obsolete": ["..\\dagpleje.toml"], "made": []},
        {"version": 1, "files": [], "obsolete": ["C:/x"], "made": []},
        {"version": 1, "files": [["a", "../x", True]], "obsolete": [], "made": []},
        {"version": 1, "files": [["a", 7, True]], "obsolete": [], "made": []},
        {"version": 1, "files": [], "obsolete": [], "made": ["../.."], "undo": True},
        {"version": 1, "files": [], "obsolete": [".dagpleje-staging/0"], "made": []},
        {"version": 2, "files": [], "obsolete": [], "made": []},
        ["not", "a", "journal"],
    ],
)
def test_a_planted_journal_touches_nothing(four: Path, journal: object) -> None:
    out = _exported(four)
    (out / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    (out / STAGING).mkdir()
    (out / STAGING / "0").write_bytes(b"staged")
    before = _snapshot(four)
    for args in ([], ["validate"], ["export", "--target", "unilogin"]):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert no_traceback(result)
        assert "Journalen fra en afbrudt eksport" in result.stderr
        assert JOURNAL in result.stderr
        assert _snapshot(four) == before


def test_a_journal_that_leads_through_a_link_out_of_the_folder_is_refused(
    four: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    out = _exported(four)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "precious.txt").write_text("keep me", encoding="utf-8")
    (out / "link").symlink_to(elsewhere, target_is_directory=True)
    journal = {"version": 1, "files": [], "obsolete": ["link/precious.txt"], "made": []}
    (out / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    result = run_cli()
    assert result.exit_code == 2 and no_traceback(result)
    assert (elsewhere / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_a_huge_journal_is_not_read(four: Path) -> None:
    out = _exported(four)
    with open(out / JOURNAL, "wb") as fh:
        fh.truncate(5 * 1024 * 1024)
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "grænsen er 1024 KB" in result.stderr


def test_a_good_journal_is_still_recovered(four: Path) -> None:
    out = _exported(four)
    (out / "unilogin" / "ekstra.txt").write_text("gammel", encoding="utf-8")
    (out / STAGING).mkdir()
    (out / STAGING / "0").write_bytes(b"ny")
    journal = {
        "version": 1,
        "files": [["unilogin/ny.txt", 0, False]],
        "obsolete": ["unilogin/ekstra.txt"],
        "made": [],
    }
    (out / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert (out / "unilogin" / "ny.txt").read_bytes() == b"ny"
    assert not (out / "unilogin" / "ekstra.txt").exists()
    assert not (out / JOURNAL).exists() and not (out / STAGING).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m["files"]["unilogin"].update({"../../dagpleje.toml": "0" * 64}),
        lambda m: m["files"]["unilogin"].update({"/etc/passwd": "0" * 64}),
        lambda m: m.update({"version": "2"}),
        lambda m: m.update({"files": []}),
        lambda m: m.update({"ukendt": 1}),
    ],
)
def test_a_manifest_of_another_shape_stops_every_command(
    four: Path,
    change: object,
) -> None:
    out = _exported(four)
    manifest = json.loads((out / "manifest.json").read_bytes())
    change(manifest)  # type: ignore[operator]
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    before = _snapshot(four)
    for args in ([], ["export", "--target", "unilogin"]):
        result = run_cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert no_traceback(result)
        assert "Manifestet fra sidste eksport kan ikke læses" in result.stderr
        assert _snapshot(four) == before


def test_a_huge_manifest_is_not_read(four: Path) -> None:
    out = _exported(four)
    with open(out / "manifest.json", "r+b") as fh:
        fh.truncate(65 * 1024 * 1024)
    result = run_cli("export", "--target", "unilogin", "--dry-run")
    assert result.exit_code == 2 and no_traceback(result)
    assert "manifestet fra sidste eksport" in result.stderr


def test_a_listed_file_is_hashed_in_pieces(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Plain ``dagpleje`` compares the export's files with the manifest; a listed file
    replaced by something big is read in pieces (it was read whole, 4 GB → exit 70)."""
    out = _exported(four)
    listed = out / "unilogin" / "brugere.xlsx"
    real_read_bytes = Path.read_bytes

    def refuse_whole(self: Path) -> bytes:
        assert self != listed, "a listed file was read whole"
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse_whole)
    with open(listed, "r+b") as fh:
        fh.truncate(8 * 1024 * 1024)
    result = run_cli()
    assert result.exit_code == 0 and no_traceback(result)
    assert "brugere.xlsx" in result.stdout


@posix_only
def test_a_fifo_as_secret_does_not_hang(four: Path) -> None:
    (four / SECRET_NAME).unlink()
    os.mkfifo(four / SECRET_NAME)
    for args in (["validate"], ["export", "--target", "unilogin"]):
        result = run_cli(*args)
        assert result.exit_code == 2, result.output
        assert no_traceback(result)
        assert "hemmeligheds-filen" in result.stderr
        assert "ikke en almindelig fil" in result.stderr


@posix_only
def test_a_link_to_an_endless_device_as_secret_is_refused(four: Path) -> None:
    (four / SECRET_NAME).unlink()
    (four / SECRET_NAME).symlink_to("/dev/zero")
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "ikke en almindelig fil" in result.stderr


def test_a_secret_over_a_kilobyte_is_refused(four: Path) -> None:
    (four / SECRET_NAME).write_text("0" * 5000, encoding="ascii")
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "hemmeligheds-filen" in result.stderr


@posix_only
def test_a_secret_others_can_read_is_used_with_a_warning(four: Path) -> None:
    os.chmod(four / SECRET_NAME, 0o644)
    result = run_cli("validate")
    assert result.exit_code == 0, result.output
    assert "chmod 600" in result.stderr
    assert result.stderr.count("chmod 600") == 1  # said once
    os.chmod(four / SECRET_NAME, 0o600)
    assert "chmod 600" not in run_cli("validate").stderr


@posix_only
@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_a_lock_that_is_not_a_regular_file_is_refused(
    four: Path,
    kind: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    lock = lock_path(four / "eksport")
    target = tmp_path_factory.mktemp("other") / "victim.txt"
    target.write_text("keep", encoding="utf-8")
    if kind == "fifo":
        os.mkfifo(lock)
    else:
        lock.symlink_to(target)
    result = run_cli("export", "--target", "unilogin", "--source-datetime", WHEN)
    assert result.exit_code == 2, result.output
    assert no_traceback(result)
    assert "eksportens lås" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep"
    assert not (four / "eksport" / "manifest.json").exists()
