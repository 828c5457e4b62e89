"""The catalogue file is checked as it is read: a text missing a language, languages with other
placeholders, an unknown plural form or an unknown part is refused, never half-translated."""

from __future__ import annotations

import copy
import marshal
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from dagplejecli.i18n import LANGUAGES
from dagplejecli.messages import CATALOGUES, catalogue
from dagplejecli.messages.catalogue import CatalogueError, Plural, choose, parse


def shipped() -> dict[str, Any]:
    raw = resources.files("dagplejecli.messages").joinpath("catalogue.toml").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def test_every_language_of_lang_is_in_the_catalogue() -> None:
    assert set(CATALOGUES) == set(LANGUAGES)


def test_the_shipped_catalogue_reads() -> None:
    assert parse(shipped())["en"].FINDINGS["DP001"].title == "Unknown municipality code"


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["findings"]["DP001"]["title"].pop("en"),
        lambda d: d["findings"]["DP001"]["message"].update(en="Code {other} is unknown."),
        lambda d: d["findings"]["DP001"].update(messsage={"da": "x", "en": "y"}),
        lambda d: d["ui"].update(x={"da": {"one": "1", "few": "2"}, "en": "x"}),
        lambda d: d["ui"].update(x={"da": {"one": "{n} {a}", "other": "{n}"}, "en": "{n}"}),
        lambda d: d["help"].update(x={"da": {"one": "1", "other": "2"}, "en": "x"}),
        lambda d: d["findings"]["DP001"].update(hints={"nope": {"da": "x", "en": "y"}}),
        lambda d: d["languages"].pop("en"),
        lambda d: d.update(extra={}),
    ],
)
def test_a_spoilt_catalogue_is_refused(spoil: Any) -> None:
    data = copy.deepcopy(shipped())
    spoil(data)
    with pytest.raises(CatalogueError):
        parse(data)


def test_a_plural_reads_one_only_for_one() -> None:
    text = Plural(one="1 barn", other="{n} børn")
    assert [choose(text, n) for n in (0, 1, 2, None)] == ["{n} børn", "1 barn", *["{n} børn"] * 2]
    assert choose("fejl", 1) == "fejl"


def test_the_kept_copy_reads_as_the_catalogue_and_a_spoilt_one_is_not_used(
    tmp_path: Path,
) -> None:
    fresh = parse(shipped())
    kept = tmp_path / "__pycache__" / "catalogue.x"
    catalogue._write_quietly(kept, marshal.dumps(catalogue._keepable(fresh)))
    assert catalogue._read_kept(kept) == fresh
    kept.write_bytes(kept.read_bytes()[:1000])
    assert catalogue._read_kept(kept) is None
    kept.write_bytes(marshal.dumps({"da": {}}))
    assert catalogue._read_kept(kept) is None
    assert catalogue._read_kept(tmp_path / "none") is None


def test_a_folder_that_cannot_be_written_keeps_no_copy(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    catalogue._write_quietly(blocked / "__pycache__" / "catalogue.x", b"data")
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_no_text_holds_markup() -> None:
    """A closing tag («[/]», «[/bold]») is markup; «[kommune]» is a section of dagpleje.toml."""
    marked = []
    for lang, cat in CATALOGUES.items():
        texts: list[object] = [*cat.UI.values(), *cat.HELP.values(), *cat.WORKBOOKS.values()]
        texts += [*cat.CONFIG_COMMENTS.values()]
        for f in cat.FINDINGS.values():
            texts += [f.title, f.message, f.hint, f.why, f.example, *f.variants.values()]
            texts += [*f.hints.values()]
        marked += [(lang, t) for t in texts if "[/" in str(t)]
    assert marked == []


def test_a_kept_copy_is_readable_by_all_and_replaces_the_earlier_ones(tmp_path: Path) -> None:
    import os
    import stat
    import sys

    tag = sys.implementation.cache_tag
    folder = tmp_path / "__pycache__"
    folder.mkdir()
    earlier = folder / f"catalogue.old.{tag}"
    earlier.write_bytes(b"an earlier catalogue's copy")
    other = folder / "module.pyc"
    other.write_bytes(b"bytecode")
    kept = folder / f"catalogue.new.{tag}"
    catalogue._write_quietly(kept, b"data")
    assert kept.read_bytes() == b"data" and other.exists() and not earlier.exists()
    if os.name == "posix":  # on Windows a file's mode says only whether it is read-only
        assert stat.S_IMODE(kept.stat().st_mode) == 0o644
