"""The export's journal as a typed record: its format on disk is the one 0.2.0 writes and
reads, and a switch whose undo fails says so and leaves the journal for the next command."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from dagplejecli import files
from dagplejecli.files.journal import Journal, Staged, parse_journal

# A journal as 0.2.0 writes it, before and while undoing
WRITTEN = {
    "version": 1,
    "files": [["unilogin/AB0001.xml", 0, True], ["manifest.json", 1, False]],
    "obsolete": ["unilogin/AB0003.xml"],
    "made": ["unilogin"],
}


def test_the_journal_keeps_the_format_on_disk(tmp_path: Path) -> None:
    (tmp_path / "unilogin").mkdir()
    for undo in (False, True):
        raw = {**WRITTEN, "undo": True} if undo else WRITTEN
        journal = parse_journal(tmp_path, raw)
        assert journal == Journal(
            [Staged("unilogin/AB0001.xml", 0, True), Staged("manifest.json", 1, False)],
            ["unilogin/AB0003.xml"],
            ["unilogin"],
            undo,
        )
        assert json.loads(journal.to_json()) == raw


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_an_undo_that_fails_is_said_and_the_next_command_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "eksport"
    files.commit_files(root, {"a.txt": (b"old a", False), "b.txt": (b"old b", False)})
    old = _tree(root)
    real = os.replace
    held = {"b.txt"}  # the new b.txt cannot be placed, then the old a.txt cannot go back

    def replace(src: str | Path, dst: str | Path) -> None:
        source, target = Path(src), Path(dst)
        if target.name in held and files.STAGING in source.parts:
            raise PermissionError(errno.EACCES, "denied", str(target))
        if target.name == "a.txt" and files.BACKUP in source.parts:
            raise OSError(errno.EIO, "input/output error", str(target))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(files.UndoFailed) as caught:
        files.commit_files(root, {"a.txt": (b"new a", False), "b.txt": (b"new b", False)})
    assert caught.value.exit_code == 2
    assert caught.value.hint_key == "export_undo_failed_hint"
    assert "kunne ikke alle lægges tilbage" in str(caught.value)
    assert caught.value.where.endswith("a.txt")  # the file that could not go back
    journal = files.load_journal(root)
    assert journal is not None and journal.undo  # left for the next command, marked undone
    assert _tree(root) != old
    monkeypatch.setattr(os, "replace", real)
    assert files.recover(root)  # what every command does first
    assert _tree(root) == old
    assert not any(p.name.startswith(".dagpleje") for p in root.rglob("*"))


def test_an_interruption_during_undo_is_not_swallowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "eksport"
    files.commit_files(root, {"a.txt": (b"old a", False), "b.txt": (b"old b", False)})
    old = _tree(root)
    real = os.replace

    def replace(src: str | Path, dst: str | Path) -> None:
        source, target = Path(src), Path(dst)
        if target.name == "b.txt" and files.STAGING in source.parts:
            raise PermissionError(errno.EACCES, "denied", str(target))
        if target.name == "a.txt" and files.BACKUP in source.parts:
            raise KeyboardInterrupt
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        files.commit_files(root, {"a.txt": (b"new a", False), "b.txt": (b"new b", False)})
    monkeypatch.setattr(os, "replace", real)
    assert files.recover(root)
    assert _tree(root) == old


def test_open_project_finishes_what_a_kill_left_wherever_it_is_called_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dagplejecli import api

    project = tmp_path / "projekt"
    export = project / "eksport"
    files.commit_files(export, {"a.txt": (b"old a", False)})
    (export / files.STAGING).mkdir()
    (export / files.STAGING / "0").write_bytes(b"personal data")  # killed before its journal
    stale = project / ".dagpleje-plan.xlsx.k2j3.tmp"
    stale.write_text("personal data")
    os.utime(stale, (0, 0))
    monkeypatch.chdir(tmp_path)  # another folder than the project's
    opened = api.open_project(project / "dagpleje.toml")
    assert opened.export_dir == export and opened.plan_path() == project / "dagpleje-plan.xlsx"
    assert _tree(export) == {"a.txt": b"old a"}
    assert not stale.exists()
