"""Windows' file rules, simulated on Linux: a file held for a moment by antivirus, OneDrive or
the search indexer is tried again; one held by Excel is named as held by another program; a
file dagpleje may not write is said to be that, not «close it in Excel»."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dagplejecli import files
from dagplejecli.errors import DagplejeError
from dagplejecli.i18n import set_language


def sharing_violation(path: object) -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file", str(path))
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def access_denied(path: object) -> PermissionError:
    exc = PermissionError(13, "Access is denied", str(path))
    exc.winerror = 5  # type: ignore[attr-defined]
    return exc


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files.target, "on_windows", lambda: True)
    monkeypatch.setattr(files.target, "HELD_WAIT_SECONDS", 0.3)
    set_language("da")


def held_for(
    monkeypatch: pytest.MonkeyPatch, times: int, make: object = sharing_violation
) -> list[str]:
    """os.replace of a user's file refused ``times`` times (a program holds it), then done;
    dagpleje's own journal is not held."""
    real = os.replace
    tries: list[str] = []

    def replace(src: object, dst: object) -> None:
        if str(dst).endswith(files.JOURNAL):
            return real(src, dst)  # type: ignore[arg-type]
        tries.append(str(dst))
        if len(tries) <= times:
            raise make(dst)  # type: ignore[operator]
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    return tries


def test_a_file_held_for_a_moment_is_replaced_all_the_same(
    tmp_path: Path, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dagpleje-plan.xlsx"
    target.write_bytes(b"old")
    tries = held_for(monkeypatch, 2)
    files.write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert len(tries) == 3


def test_a_whole_export_waits_for_a_file_held_for_a_moment(
    tmp_path: Path, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.csv").write_bytes(b"old")
    tries = held_for(monkeypatch, 1)
    files.commit_files(tmp_path, {"a.csv": (b"new", False), "b.csv": (b"b", False)})
    assert (tmp_path / "a.csv").read_bytes() == b"new"
    assert (tmp_path / "b.csv").read_bytes() == b"b"
    assert not (tmp_path / files.STAGING).exists()
    assert len(tries) > 1


def test_a_file_held_longer_is_named_as_held_by_another_program(
    tmp_path: Path, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "dagpleje-plan.xlsx"
    target.write_bytes(b"old")
    tries = held_for(monkeypatch, 10_000)
    with pytest.raises(DagplejeError) as caught:
        files.write_bytes_atomic(target, b"new")
    assert caught.value.message.startswith("Filen")
    assert "holdes åben af et andet program (Excel, OneDrive, antivirus)" in caught.value.message
    assert "Luk filen i Excel" in (caught.value.hint or "")
    assert target.read_bytes() == b"old"
    assert len(tries) > 1  # tried again for a while first
    assert [p.name for p in tmp_path.iterdir()] == ["dagpleje-plan.xlsx"]


def test_access_denied_on_windows_is_told_apart_by_opening_the_file(
    tmp_path: Path, windows: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rename onto a file Excel has open says only «access denied» on Windows, as a
    read-only file does: opening the file tells which it is."""
    target = tmp_path / "brugere.xlsx"
    target.write_bytes(b"old")
    real_open = os.open
    answer: list[PermissionError] = []

    def probe(path: object, flags: int, *args: int) -> int:
        if str(path) == str(target) and flags & os.O_RDWR and answer:
            raise answer[0]
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", probe)

    answer[:] = [sharing_violation(target)]  # Excel has it open
    assert files.in_use(access_denied(target), target)
    assert files.write_error(access_denied(target), target).key == "file_in_use"

    answer[:] = [access_denied(target)]  # read-only, or not this user's to write
    assert not files.in_use(access_denied(target), target)
    refused = files.write_error(access_denied(target), target)
    assert refused.key == "file_no_permission"
    assert "ikke lov til at skrive" in refused.message

    answer[:] = []  # writable again: it was held for a moment
    assert files.in_use(access_denied(target), target)


def test_no_permission_is_not_close_it_in_excel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Linux and macOS a PermissionError is a permission, never another program."""
    set_language("da")
    target = tmp_path / "dagpleje-plan.xlsx"
    tries = held_for(monkeypatch, 10_000, lambda p: PermissionError(13, "Permission denied", p))
    with pytest.raises(DagplejeError) as caught:
        files.write_bytes_atomic(target, b"new")
    assert caught.value.key == "file_no_permission"
    assert "Excel" not in caught.value.message + (caught.value.hint or "")
    assert len(tries) == 1  # not tried again: waiting does not give permission
