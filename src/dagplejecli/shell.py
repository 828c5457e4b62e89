"""Commands printed for people to paste: each path one word, quoted where a shell needs it."""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

# What a command-line word may hold unquoted in every shell: letters (æøå too), digits and
# these; anything else (a space, as in every «OneDrive - X Kommune» folder) is quoted
_BARE = re.compile(r"[\w./:\\+-]+")


def shell_word(text: str | Path, windows: bool | None = None) -> str:
    """``text`` as one word of a command to paste: unchanged when it needs no quotes, else
    quoted by the rules of this system's shells — single quotes for sh, bash and zsh;
    double quotes on Windows, which ``cmd`` and PowerShell both read (a ``"``, ``%``, ``$``
    or backtick in a Windows path cannot be quoted for both, and is left as it is)."""
    text = str(text)
    on_windows = windows if windows is not None else os.name == "nt"
    bare = _BARE.fullmatch(text) and not text.startswith("-")
    if bare and (on_windows or "\\" not in text):  # a backslash is an escape in sh
        return text
    return f'"{text}"' if on_windows else shlex.quote(text)
