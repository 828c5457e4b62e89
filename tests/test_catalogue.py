"""The catalogue file is checked as it is read: a text missing a language, languages with other
placeholders, an unknown plural form or an unknown part is refused, never half-translated."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources
from typing import Any

import pytest

from dagplejecli.i18n import LANGUAGES
from dagplejecli.messages import CATALOGUES
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
