"""An export killed or interrupted at every step of its commit leaves one complete set: the
old one before the journal is written, the new one after, once the next command has run."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dagplejecli import files
from tests.builders import (
    AREAS4,
    DAGPLEJERE,
    LATER,
    WHEN,
    contents,
    no_traceback,
    run_cli,
    write_project,
)

pytestmark = pytest.mark.real_fsync  # exports as a user's run writes them, flushed to disk

# Three areas: Vest is gone, so the new set has one XML document fewer than the old one
AREAS3 = AREAS4.replace(
    '[[omraade]]\nnavn = "Dagplejen Vest"\ninstitutionsnummer = "AB0003"\n'
    'daginstitution = "Dagplejen Vest og Øst"\ndaginstitutionsnummer = "DI0002"\n'
    'hvor = { Distrikt = ["Vest"] }\n\n',
    "",
)


def matches_manifest(folder: Path) -> bool:
    """Every file is one the manifest lists, with the SHA-256 it lists (and nothing else)."""
    manifest = json.loads((folder / "manifest.json").read_bytes())
    listed = {rel: h for target in manifest["files"].values() for rel, h in target.items()}
    found = contents(folder)
    found.pop("manifest.json")
    return {rel: hashlib.sha256(data).hexdigest() for rel, data in found.items()} == listed


@pytest.fixture
def two_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, dict[str, bytes]]:
    """An export of four areas, and a project changed so the next export has three."""
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("export", "--target", "unilogin", "--source-datetime", WHEN).exit_code == 0
    old = contents(tmp_path / "eksport")
    assert "unilogin/AB0003.xml" in old
    write_project(tmp_path, DAGPLEJERE, AREAS3)
    assert AREAS3 != AREAS4 and run_cli("plan", "roster.xlsx").exit_code == 0
    return tmp_path, old


def export_later() -> int:
    return run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja").exit_code


def test_a_kill_at_every_step_leaves_one_complete_set(
    two_sets: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, old = two_sets
    snapshots: list[tuple[str, Path]] = []

    def snapshot(step: str) -> None:  # the disk as a kill at this instant leaves it
        copy = project.parent / f"snap{len(snapshots)}"
        shutil.copytree(project / "eksport", copy / "eksport")
        snapshots.append((step, copy))

    monkeypatch.setattr(files.commit, "checkpoint", snapshot)
    assert export_later() == 0
    new = contents(project / "eksport")
    assert new != old and matches_manifest(project / "eksport")
    assert len(new) == len(old) - 1  # the area that went has its document removed
    steps = [step for step, _ in snapshots]
    decided = steps.index("journal")
    assert any(s.startswith("backup:") for s in steps) and any(
        s.startswith("obsolete:") for s in steps
    )
    for number, (step, copy) in enumerate(snapshots):
        monkeypatch.chdir(copy)
        status = run_cli()  # any command finishes or undoes the commit first
        assert status.exit_code == 0 and no_traceback(status), step
        expected = old if number < decided else new
        assert contents(copy / "eksport") == expected, step
        assert "stemmer med sit manifest" in status.stdout, step
        assert not any(p.name.startswith(".dagpleje") for p in (copy / "eksport").rglob("*"))


def test_ctrl_c_at_every_step_leaves_one_complete_set(
    two_sets: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, old = two_sets
    steps: list[str] = []
    monkeypatch.setattr(files.commit, "checkpoint", steps.append)
    saved = project.parent / "saved"
    shutil.copytree(project / "eksport", saved)
    assert export_later() == 0
    new = contents(project / "eksport")
    for step in steps:
        shutil.rmtree(project / "eksport")
        shutil.copytree(saved, project / "eksport")

        def interrupt(at: str, step: str = step) -> None:
            if at == step:
                raise KeyboardInterrupt

        monkeypatch.setattr(files.commit, "checkpoint", interrupt)
        export_later()
        assert contents(project / "eksport") in (old, new), step
        assert not any(p.name.startswith(".dagpleje") for p in (project / "eksport").rglob("*"))


def test_a_real_kill_mid_switch_is_finished_by_the_next_command(
    two_sets: tuple[Path, dict[str, bytes]],
) -> None:
    project, _ = two_sets
    # a real process, ended at that step with no cleanup of any kind (as a kill leaves it)
    driver = (
        "import os, sys\n"
        "from dagplejecli import files\n"
        "def die(step):\n"
        "    if step == 'placed:unilogin/AB0001.xml':\n"
        "        os._exit(137)\n"
        "files.commit.checkpoint = die\n"
        "from dagplejecli.cli import main\n"
        "sys.argv = ['dagpleje', 'export', '-t', 'unilogin', '--ja']\n"
        "main()\n"
    )
    killed = subprocess.run(
        [sys.executable, "-c", driver],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert killed.returncode == 137, killed.stderr
    assert (project / "eksport" / files.JOURNAL).exists()
    status = run_cli()
    assert "stemmer med sit manifest" in status.stdout
    assert matches_manifest(project / "eksport")
    assert not any(p.name.startswith(".dagpleje") for p in (project / "eksport").rglob("*"))


def test_leftovers_of_older_versions_and_killed_plans_are_removed(
    two_sets: tuple[Path, dict[str, bytes]],
) -> None:
    project, _ = two_sets
    export = project / "eksport"
    old_manifest = (export / "manifest.json").read_bytes()
    (export / ".dagpleje-abc123").mkdir()
    (export / ".dagpleje-abc123" / "0.tmp").write_text("personal data")
    (export / "unilogin" / ".AB0001.xml.bak").write_text("newer copy")
    (export / "manifest.json").rename(export / ".manifest.json.bak")  # killed mid-switch
    stale = project / ".dagpleje-plan.xlsx.k2j3.tmp"
    stale.write_text("personal data")
    os.utime(stale, (0, 0))
    run_cli()
    assert not (export / ".dagpleje-abc123").exists()
    assert not (export / "unilogin" / ".AB0001.xml.bak").exists()
    assert (export / "manifest.json").read_bytes() == old_manifest  # put back, not deleted
    assert not stale.exists()


def test_a_folder_where_a_file_goes_is_refused_before_anything_is_written(
    two_sets: tuple[Path, dict[str, bytes]],
) -> None:
    project, _ = two_sets
    (project / "eksport" / "unilogin" / "AB0002.xml").unlink()
    (project / "eksport" / "unilogin" / "AB0002.xml").mkdir()
    before = contents(project / "eksport")
    result = run_cli("export", "--target", "unilogin", "--source-datetime", LATER, "--ja")
    assert result.exit_code == 2 and no_traceback(result)
    assert "mappe" in result.stderr and "AB0002.xml" in result.stderr
    assert contents(project / "eksport") == before
    assert not any(p.name.startswith(".dagpleje") for p in (project / "eksport").rglob("*"))


def test_status_names_a_changed_or_missing_file(
    two_sets: tuple[Path, dict[str, bytes]],
) -> None:
    project, _ = two_sets
    (project / "eksport" / "unilogin" / "AB0001.xml").write_text("edited")
    (project / "eksport" / "unilogin" / "brugere.xlsx").unlink()
    status = run_cli()
    assert status.exit_code == 0
    assert "stemmer IKKE med sit manifest" in status.stdout
    assert "Mangler: unilogin/brugere.xlsx" in status.stdout
    assert "Ændret: unilogin/AB0001.xml" in status.stdout


def test_an_edited_manifest_cannot_make_an_export_touch_files_outside(
    two_sets: tuple[Path, dict[str, bytes]],
) -> None:
    project, _ = two_sets
    outside = project / "outside.txt"
    outside.write_text("keep me")
    (project / "eksport" / "keep.txt").write_text("keep me too")
    path = project / "eksport" / "manifest.json"
    manifest = json.loads(path.read_bytes())
    manifest["files"]["unilogin"].update(
        {"../outside.txt": "0", "unilogin/../../outside.txt": "0", "keep.txt": "0", "/etc/x": "0"}
    )
    path.write_text(json.dumps(manifest), encoding="utf-8")
    before = contents(project / "eksport")
    # a manifest naming files outside the folder is not one dagpleje wrote: stop, touch nothing
    assert export_later() == 2
    assert outside.read_text() == "keep me"
    assert (project / "eksport" / "keep.txt").read_text() == "keep me too"
    assert contents(project / "eksport") == before
    status = run_cli()
    assert status.exit_code == 2 and "Manifestet fra sidste eksport" in status.stderr
