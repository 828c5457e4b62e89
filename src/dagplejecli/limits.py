"""What dagpleje is willing to read, checked before anything is parsed, so that a small hostile
file cannot exhaust the machine. Each limit is far above what a real municipality has (a roster
of 10,000 dagplejere and 40,000 children: about 50,000 rows, 30 columns, 10 MB unpacked).

The README lists them under "Grænser".
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from dagplejecli.errors import DagplejeError, os_detail
from dagplejecli.wording import Place, Said

# A sheet: its claimed extent (the farthest row and column any cell names), before calamine
# allocates rows x columns cells for it.
MAX_SHEET_ROWS = 500_000
MAX_SHEET_COLUMNS = 702  # column ZZ
MAX_SHEET_CELLS = 20_000_000  # rows x columns of the extent
# every sheet's extent together: calamine builds each sheet's grid (about 12 bytes a cell, with
# the reader's copy), so many sheets each within the limits are not harmless (a national
# roster's sheets hold about 1.5 million cells)
MAX_WORKBOOK_CELLS = 40_000_000
MAX_CELL_TEXT = 32_767  # characters in a cell: Excel's limit, and what the writers keep
# characters in all the cells of a workbook, a shared string counted for every cell that shows
# it (a reader copies it into each): a national roster holds about 10 million
MAX_WORKBOOK_TEXT = 100_000_000
# An .xls (formats/xls.py) costs calamine more a byte, a cell and a character: it holds the
# file about six times over (its copies, its sectors, the workbook stream), builds every
# sheet's grid (32 bytes a cell, and a grid of its formulas) when it opens the file, copies a
# sheet's grid twice while the sheet is read (once more when it begins after A1), and keeps
# the texts in UTF-8 beside Python's; two sheets of A1 and IV65536 (an .xls sheet's last
# cell) in a 10 KB file cost 2.5 GB. An .xls is held to these: one at all of them at once
# (and DIMENSIONS records reserving a sheet's limit, and formulas) took dagpleje plan to
# 765 MB, within a 1 GiB address space
MAX_XLS_FILE_BYTES = 64 * 1024 * 1024
MAX_XLS_SHEET_CELLS = 4_000_000  # rows x columns of a sheet's extent
MAX_XLS_WORKBOOK_CELLS = 6_000_000  # every sheet's extent, and their formulas' grids
MAX_XLS_WORKBOOK_TEXT = 20_000_000  # characters, as MAX_WORKBOOK_TEXT counts them
# An .ods costs calamine about 130 bytes a cell of its extent (a repeated cell is built as
# many times, each with its own text, and Python's copy): 20 million cells took 2.6 GB and
# 35 s. An .ods is held to 6 million, in a sheet and in all together (about 800 MB)
MAX_ODS_CELLS = 6_000_000
MAX_CSV_FIELD = 131_072  # characters in one CSV field (the csv module's own limit)

# The configuration: a hand-written TOML file of a few kilobytes.
MAX_CONFIG_BYTES = 1024 * 1024
MAX_CONFIG_NESTING = 32  # tables and arrays inside each other
MAX_CONFIG_KEY_PARTS = 16  # a.b.c… in one dotted key
MAX_CONFIG_KEY_LENGTH = 256  # characters in one key

# The plan: a workbook dagpleje wrote (about 2 MB for 10,000 dagplejere).
MAX_PLAN_BYTES = 100 * 1024 * 1024

# State files dagpleje writes itself, read back as input (anyone with access to the folder can
# change them): the export's journal (a few KB), the manifest (about 10 MB for 10,000
# dagplejere and 40,000 children) and the secret (65 bytes).
MAX_JOURNAL_BYTES = 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_SECRET_BYTES = 1024

# STIL's XML schema for --xsd (about 50 KB).
MAX_XSD_BYTES = 16 * 1024 * 1024

# The registers' files that afstem reads: one unit's Unilogin export (about 5 MB for 1,600
# children with their contacts) and DTR's CSV export (the whole country's: a few MB).
MAX_UNILOGIN_BYTES = 100 * 1024 * 1024
MAX_DTR_BYTES = 50 * 1024 * 1024


def column_number(letters: str) -> int:
    """``A`` → 1, ``ZZ`` → 702, ``XFD`` → 16384."""
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def check_input_file(path: Path, role: str, limit: int) -> None:
    """``path`` is read only if it is a regular file (never a FIFO, a device or a folder, which
    could block or never end) of at most ``limit`` bytes. ``role`` names it (``input_config``).
    A missing file is left to the caller, which knows what to say about it."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise DagplejeError(
            "input_unreadable", where=str(path), what=Said(role), detail=os_detail(exc)
        ) from None
    if stat.S_ISDIR(info.st_mode):
        raise DagplejeError("input_is_folder", where=str(path), what=Said(role))
    if not stat.S_ISREG(info.st_mode):
        raise DagplejeError(
            "input_not_regular", where=str(path), hint="input_not_regular_hint", what=Said(role)
        )
    if info.st_size > limit:
        raise DagplejeError(
            "input_too_large",
            where=str(path),
            what=Said(role),
            size_kb=info.st_size // 1024,
            limit_kb=limit // 1024,
        )


def read_bounded(path: Path, role: str, limit: int) -> bytes | None:
    """The bytes of ``path``, or None when it does not exist; exit 2 (naming ``role``) when it
    is not a regular file or holds more than ``limit`` bytes.

    The check is made on the open file, not on the name before it (a FIFO opened without
    O_NONBLOCK would block; a name can be swapped between a check and the open), and no more
    than ``limit`` + 1 bytes are ever read (a link to ``/dev/zero`` never ends)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DagplejeError("input_is_folder", where=str(path), what=Said(role)) from None
    except OSError as exc:
        raise DagplejeError(
            "input_unreadable", where=str(path), what=Said(role), detail=os_detail(exc)
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DagplejeError("input_is_folder", where=str(path), what=Said(role))
        if not stat.S_ISREG(info.st_mode):
            raise DagplejeError(
                "input_not_regular",
                where=str(path),
                hint="input_not_regular_hint",
                what=Said(role),
            )
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise DagplejeError(
                "input_too_large",
                where=str(path),
                what=Said(role),
                size_kb=max(info.st_size, size) // 1024,
                limit_kb=max(limit // 1024, 1),
            )
        return b"".join(chunks)
    except OSError as exc:
        raise DagplejeError(
            "input_unreadable", where=str(path), what=Said(role), detail=os_detail(exc)
        ) from None
    finally:
        os.close(fd)


def check_toml_shape(text: str, where: str) -> None:
    """Nesting, dotted keys and key length, counted before ``tomllib`` parses (a 40 KB file of
    one 20,000-part key costs it gigabytes; 5,000 nested tables exhaust the recursion)."""
    depth = parts = run = line = 0
    i, n = 0, len(text)
    line = 1
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            parts = 0
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            end = i + len(quote)
            while True:
                end = text.find(quote, end)
                if end < 0:
                    return  # unterminated: tomllib says where
                if ch == '"' and _escaped(text, end):
                    end += 1
                    continue
                break
            newlines = text.count("\n", i, end)
            line += newlines
            if newlines:
                parts = 0
            i = end + len(quote)
            continue
        if ch in "[{":
            depth += 1
            if depth > MAX_CONFIG_NESTING:
                raise _shape_error(where, line, "config_too_deep", MAX_CONFIG_NESTING)
        elif ch in "]}":
            depth -= 1
        elif ch == "," or ch == "=":
            parts = 0
        if ch.isalnum() or ch in "_-":
            run += 1
            if run > MAX_CONFIG_KEY_LENGTH:
                raise _shape_error(where, line, "config_key_too_long", MAX_CONFIG_KEY_LENGTH)
        else:
            run = 0
        # every dot counts, also between digits: ``0.0.0…`` is a dotted key of digits (a float
        # has one dot, and ``=``, ``,`` and a new line start a new count)
        if ch == ".":
            parts += 1
            if parts >= MAX_CONFIG_KEY_PARTS:
                raise _shape_error(where, line, "config_key_too_many_parts", MAX_CONFIG_KEY_PARTS)
        i += 1


def _escaped(text: str, at: int) -> bool:
    slashes = 0
    while at - 1 - slashes >= 0 and text[at - 1 - slashes] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _shape_error(where: str, line: int, key: str, limit: int) -> DagplejeError:
    return DagplejeError(key, where=Place(where, line), hint="config_shape_hint", limit=limit)
