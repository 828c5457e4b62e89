"""The 98 Danish municipalities (kommunekode, name, CVR), from the copy shipped in the package."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Kommune:
    kode: int
    navn: str
    cvr: str


@cache
def all_kommuner() -> dict[int, Kommune]:
    """Kommunekode → Kommune."""
    text = resources.files("dagplejecli").joinpath("data/kommuner.csv").read_text("utf-8")
    reader = csv.DictReader(io.StringIO(text), delimiter=";")
    return {
        int(row["kommunekode"]): Kommune(int(row["kommunekode"]), row["navn"], row["cvr"])
        for row in reader
    }


def _plain(name: str) -> str:
    name = name.casefold().strip()
    for suffix in (" kommune", "s kommune", " kommunes"):
        name = name.removesuffix(suffix)
    return name.replace(" ", "")


def find_kommune(query: str | int) -> Kommune | None:
    """By code (``751``, ``"0751"``) or by name (``Aarhus``, ``Aarhus Kommune``, ``københavns``)."""
    table = all_kommuner()
    text = str(query).strip()
    if text.isascii() and text.isdigit():  # as domain.identifiers.is_digits
        return table.get(int(text))
    wanted = _plain(text)
    for k in table.values():
        plain = _plain(k.navn)
        if wanted in (plain, plain.removesuffix("s")):
            return k
    return None


def near_kommune(query: str) -> str | None:
    """The name of the municipality a misspelt name most likely means (``Høje Taastrup`` →
    ``Høje-Taastrup``), or None."""
    import difflib

    names = {_plain(k.navn): k.navn.removesuffix(" Kommune") for k in all_kommuner().values()}
    close = difflib.get_close_matches(_plain(query), list(names), n=1, cutoff=0.75)
    return names[close[0]] if close else None
