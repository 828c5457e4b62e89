"""The journal of an export's commit: which staged file goes where, which old files go, which
folders the commit made, and whether the commit is being undone.

On disk it is ``.dagpleje-journal.json`` in the export folder, format 1 (as 0.2.0 writes it)::

    {"version": 1, "files": [[rel, index, existed], ...], "obsolete": [rel, ...],
     "made": [rel, ...], "undo": true}

``undo`` is written only when true. The journal is a file in a folder others may write to (a
shared drive, a colleague's zip), so reading it back is reading input: a regular file of
bounded size, of exactly this shape, every path relative and inside the folder (no ``..``, no
drive, no link out of the folder), every staged index a small number. Anything else stops with
exit 2 before a file is moved or removed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from dagplejecli.errors import DagplejeError
from dagplejecli.files.atomic import fsync_dir
from dagplejecli.files.folder import JOURNAL, JOURNAL_TMP, inside_folder

FORMAT = 1
_KEYS = frozenset({"version", "files", "obsolete", "made", "undo"})


@dataclass(frozen=True, slots=True)
class Staged:
    """One new file: its path in the export folder, its name in the staging folder (a
    number), and whether an old file was there before (undo removes the new one if not)."""

    rel: str
    index: int
    existed: bool


@dataclass(slots=True)
class Journal:
    """What a commit will do, decided before the switch begins."""

    files: list[Staged] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)  # old files the new set no longer has
    made: list[str] = field(default_factory=list)  # folders the commit made, deepest first
    undo: bool = False  # the switch failed and is being undone

    def to_json(self) -> bytes:
        """The journal as format 1 writes it."""
        data: dict[str, object] = {
            "version": FORMAT,
            "files": [[s.rel, s.index, s.existed] for s in self.files],
            "obsolete": list(self.obsolete),
            "made": list(self.made),
        }
        if self.undo:
            data["undo"] = True
        return json.dumps(data).encode("utf-8")


def write_journal(root: Path, journal: Journal) -> None:
    """``journal`` in ``root``, flushed to disk and renamed into place: from here on the
    commit it describes is decided."""
    tmp = root / JOURNAL_TMP
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(journal.to_json())
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, root / JOURNAL)
    fsync_dir(root)


def load_journal(root: Path) -> Journal | None:
    """The journal of an interrupted commit in ``root``, or None when there is none; a bad
    one stops with exit 2 (see the module's docstring)."""
    from dagplejecli.limits import MAX_JOURNAL_BYTES, read_bounded

    path = root / JOURNAL
    data = read_bounded(path, "input_journal", MAX_JOURNAL_BYTES)
    if data is None:
        return None
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise _bad_journal(path, "JSON") from None
    journal = parse_journal(root, raw)
    if isinstance(journal, str):
        raise _bad_journal(path, journal)
    return journal


def _bad_journal(path: Path, detail: str) -> DagplejeError:
    return DagplejeError("journal_bad", where=str(path), hint="journal_bad_hint", detail=detail)


def parse_journal(root: Path, raw: object) -> Journal | str:
    """``raw`` (decoded JSON) as a journal of ``root``, or what is wrong with it (the first
    thing found)."""
    if not isinstance(raw, dict) or raw.get("version") != FORMAT:
        return "version"
    if set(raw) - _KEYS:
        return ", ".join(sorted(set(raw) - _KEYS))
    files, obsolete, made, undo = raw.get("files"), raw.get("obsolete"), raw.get("made"), None
    if not isinstance(files, list) or not isinstance(obsolete, list):
        return "files"
    undo = raw.get("undo", False)
    if not isinstance(made, list) or not isinstance(undo, bool):
        return "made"
    staged: list[Staged] = []
    seen_index: set[int] = set()
    seen_rel: set[str] = set()
    for entry in files:
        if not (isinstance(entry, list) and len(entry) == 3):
            return "files"
        rel, index, existed = entry
        if not isinstance(rel, str) or not inside_folder(root, rel) or rel in seen_rel:
            return repr(rel)
        if type(index) is not int or not 0 <= index < len(files) or index in seen_index:
            return repr(index)
        if not isinstance(existed, bool):
            return repr(existed)
        seen_index.add(index)
        seen_rel.add(rel)
        staged.append(Staged(rel, index, existed))
    for rel in obsolete:
        if not isinstance(rel, str) or not inside_folder(root, rel):
            return repr(rel)
    for rel in made:
        if not isinstance(rel, str) or not inside_folder(root, rel, folder=True):
            return repr(rel)
    return Journal(staged, list(obsolete), list(made), undo)
