"""The reader's words are data: ``roster/vocabulary.toml`` is checked as it is loaded."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

import pytest

from dagplejecli.domain.shape import Field
from dagplejecli.roster.headers import normalise_header, read_header
from dagplejecli.roster.vocabulary import VocabularyError, parse_vocabulary, vocabulary


def shipped() -> dict[str, Any]:
    text = resources.files("dagplejecli.roster").joinpath("vocabulary.toml").read_text("utf-8")
    return tomllib.loads(text)


def test_every_field_word_reads_as_that_field() -> None:
    for field, words in vocabulary().fields.items():
        for word in words:
            meaning = read_header(word)
            assert meaning is not None and meaning.field == field, word


def test_a_word_of_two_fields_is_refused() -> None:
    data = shipped()
    data["felter"]["navn"].append("cpr")
    with pytest.raises(VocabularyError, match="'cpr' is both"):
        parse_vocabulary(data)


def test_an_unknown_field_is_refused() -> None:
    data = shipped()
    data["felter"]["skostørrelse"] = ["sko"]
    with pytest.raises(VocabularyError, match="not a field"):
        parse_vocabulary(data)


def test_words_are_written_as_the_reader_compares_them() -> None:
    data = shipped()
    data["felter"]["cpr"].append("CPR-nr.")
    with pytest.raises(VocabularyError, match="not written as compared"):
        parse_vocabulary(data)
    assert normalise_header("CPR-nr.") == "cpr nr"


def test_a_word_added_to_the_file_is_read() -> None:
    """A new header word needs no code: parsed from the data, the reader's lookup has it."""
    data = shipped()
    data["felter"]["cpr"].append("personnummer barn nr")
    assert "personnummer barn nr" in parse_vocabulary(data).fields[Field.CPR]


def test_every_field_has_words() -> None:
    fields = vocabulary().fields
    plain = set(Field) - {Field.DAGPLEJER, Field.BARN}  # named by reference headers
    assert plain <= set(fields)
    assert all(fields[f] for f in fields)


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("Dagplejer Hanne Sørensen (41789)", "Hanne Sørensen (41789)"),
        ("Gæstedagplejer Maria Andersen (41450)", "Maria Andersen (41450)"),
        ("Dagplejen v/ Hanne Sørensen", "Hanne Sørensen"),
        ("Dagplejer: Bo Ek", "Bo Ek"),
        ("V. Hansen", "V. Hansen"),  # an initial, not «v/»
        ("Dagpleje 3", "Dagpleje 3"),  # no name follows: kept as written
        ("Dagplejer", "Dagplejer"),
    ],
)
def test_role_words_before_a_reference_are_set_aside(written: str, read: str) -> None:
    from dagplejecli.roster.link import without_role_words

    assert without_role_words(written) == read
