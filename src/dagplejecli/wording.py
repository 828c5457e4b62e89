"""Words not yet said: what an error carries instead of sentences, so the language is chosen
where it is shown (``messages.said``, ``messages.place_text``, ``messages.detail_text``).

A ``Said`` names a text of the catalogue (``[ui]``) and its params; a ``Term`` a word of its
``[terms]``; a ``Place`` is where in a file (its line, a configuration key); a ``Detail`` is one
line under an error: a place and what is wrong there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    """A param said by the catalogue's ``[terms]`` when the message is read (a sheet's role)."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Said:
    """A param that is a text of its own, said when the message is read: its key and raw
    params (which may be ``Said`` or ``Term`` themselves)."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Place:
    """``dagpleje.toml, linje 12: omraade[2].pnummer`` or ``roster.csv, linje 3, kolonne 2``
    as data: a file, a sheet, a line or a sheet's row, a column (1-based), a key."""

    file: str
    line: int | None = None
    key: str = ""
    sheet: str = ""
    row: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class Detail:
    """One line under an error: where, and what is wrong there (a catalogue text, or words
    that are not ours, such as an XML schema validator's)."""

    place: Place
    what: Said | str


class SaidError(ValueError):
    """A ``ValueError`` that says what is wrong as a ``Said`` (a configuration validator's)."""

    def __init__(self, said: Said) -> None:
        super().__init__(said.key)
        self.said = said
