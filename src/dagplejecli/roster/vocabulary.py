"""The reader's words, loaded once from ``vocabulary.toml`` (data a municipal IT person can read
and extend) and checked as they are loaded: every field is a ``Field``, every word written as
the reader compares it, no word meaning two fields."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from dagplejecli.domain.shape import Field

_PUNCT = re.compile(r"[.\-_:/()#?*,;'\"]+")


def normalise_words(value: object) -> str:
    """A header or a cell as the reader compares words: ``' CPR-nr. '`` → ``'cpr nr'``."""
    if value is None:
        return ""
    text = _PUNCT.sub(" ", str(value).casefold())
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class OwnerWords:
    """The words that say a column is this owner's: before the field, after it."""

    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Parent(OwnerWords):
    """A parent whose relation a header says (``Mor CPR``): its words, relation and group."""

    relation: str
    group: int


@dataclass(frozen=True, slots=True)
class Vocabulary:
    fields: dict[Field, tuple[str, ...]]
    dagplejer: OwnerWords
    child: OwnerWords
    child_id: tuple[str, ...]
    contact: OwnerWords
    parent_words: tuple[str, ...]  # contact words that say a parent («Forælder 1 …»)
    # contact words that say the relation as a cell would («Værge CPR»: «Værge»)
    relation_words: dict[str, str]
    parents: tuple[Parent, ...]
    dagplejer_ref: tuple[str, ...]
    child_ref: tuple[str, ...]
    role_words: tuple[str, ...]
    group_words: tuple[str, ...]  # role words that head a dagplejer's own group of children
    cpr_words: tuple[str, ...]
    id_words: tuple[str, ...]
    id_endings: tuple[str, ...]
    sheet_names: dict[str, tuple[str, ...]]  # role → words
    footer: tuple[str, ...]
    notes: tuple[str, ...]  # a text alone that begins so is a note («NB …», «Ingen børn»)
    protection_parts: tuple[str, ...]
    protection_starts: tuple[str, ...]
    hidden: tuple[str, ...]
    middle_name: tuple[str, ...]
    relations: dict[str, str]
    co_parents: dict[str, str]
    shared_custody: tuple[str, ...]
    both_parents: tuple[str, ...]  # on the child's row only: Mor and Far
    one_parent: dict[str, str]  # on the child's row only: «Mor alene» → Mor
    division: tuple[str, ...]
    statuses: dict[str, str]  # a status word in a cell → what it says of care (care.py)
    placement_words: tuple[str, ...]  # status words that only a placement's status holds
    guest_positions: tuple[str, ...]  # positions (Stilling) of a guest carer


STATUS_MEANINGS = ("i_pleje", "ikke_i_pleje", "tilbudt", "orlov")  # what a status word says


class VocabularyError(ValueError):
    """The vocabulary file breaks its own rules (a developer's mistake, caught by the tests)."""


def _words(data: dict[str, Any], where: str, key: str, single: bool = False) -> tuple[str, ...]:
    """The list of words ``key`` of table ``where``, each written as the reader compares it
    (``single``: one word each, in lower case, as written — «v/» keeps its slash)."""
    words = data[where].get(key, [])
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise VocabularyError(f"{where}.{key}: a list of words")
    for w in words:
        ok = (w == w.casefold() and w.split() == [w]) if single else w == normalise_words(w)
        if not ok:
            raise VocabularyError(f"{where}.{key}: {w!r} is not written as compared")
    return tuple(words)


def _sides(data: dict[str, Any], name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An owner's words before the field and after it."""
    return _words(data["ejere"], name, "foran"), _words(data["ejere"], name, "efter")


def parse_vocabulary(data: dict[str, Any]) -> Vocabulary:
    """The vocabulary in ``data`` (a parsed ``vocabulary.toml``), checked."""
    fields: dict[Field, tuple[str, ...]] = {}
    seen: dict[str, Field] = {}
    for name in data["felter"]:
        try:
            field = Field(name)
        except ValueError:
            raise VocabularyError(f"felter.{name}: not a field") from None
        fields[field] = _words(data, "felter", name)
        for word in fields[field]:
            if word in seen:
                raise VocabularyError(f"felter: {word!r} is both {seen[word]} and {field}")
            seen[word] = field
    owners = data["ejere"]
    parents = tuple(
        Parent(*_sides(data, n), str(owners[n]["relation"]), int(owners[n]["gruppe"]))
        for n in ("mor", "far")
    )
    statuses = {str(word): str(meaning) for word, meaning in data["status"].items()}
    for word, meaning in statuses.items():
        if word != normalise_words(word) or meaning not in STATUS_MEANINGS:
            raise VocabularyError(f"status.{word}: a word as compared, one of {STATUS_MEANINGS}")
    contact = OwnerWords(*_sides(data, "kontakt"))
    relation_words = {str(k): str(v) for k, v in owners["kontakt"]["relation"].items()}
    if not relation_words.keys() <= set(contact.before):
        raise VocabularyError("ejere.kontakt.relation: each word must be one of foran's")
    return Vocabulary(
        fields=fields,
        dagplejer=OwnerWords(*_sides(data, "dagplejer")),
        child=OwnerWords(*_sides(data, "barn")),
        child_id=_words(owners, "barn", "id"),
        contact=contact,
        parent_words=_words(owners, "kontakt", "foraelder"),
        relation_words=relation_words,
        parents=parents,
        dagplejer_ref=_words(data, "henvisning", "dagplejer"),
        child_ref=_words(data, "henvisning", "barn"),
        role_words=_words(data, "henvisning", "rolleord", single=True),
        group_words=_words(data, "henvisning", "gruppeord", single=True),
        cpr_words=_words(data, "cpr", "ord"),
        id_words=_words(data, "id", "ord"),
        id_endings=_words(data, "id", "ender"),
        sheet_names={role: _words(data, "ark", role) for role in data["ark"]},
        footer=_words(data, "fodnote", "ord"),
        notes=_words(data, "fodnote", "noter"),
        protection_parts=_words(data, "ulaest", "beskyttelse_dele"),
        protection_starts=_words(data, "ulaest", "beskyttelse_start"),
        hidden=_words(data, "ulaest", "skjult"),
        middle_name=_words(data, "ulaest", "mellemnavn"),
        relations={str(k): str(v) for k, v in data["relationer"].items()},
        co_parents={str(k): str(v) for k, v in data["medforaeldre"].items()},
        shared_custody=_words(data, "myndighed", "faelles"),
        both_parents=_words(data, "myndighed", "begge"),
        one_parent={str(k): str(v) for k, v in data["myndighed"]["alene"].items()},
        division=_words(data, "opdeling", "ord"),
        statuses=statuses,
        placement_words=_words(data, "statuskolonne", "ord"),
        guest_positions=_words(data, "gaest", "stilling"),
    )


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with dagpleje (read once per process)."""
    text = resources.files("dagplejecli.roster").joinpath("vocabulary.toml").read_text("utf-8")
    return parse_vocabulary(tomllib.loads(text))


_WORD = re.compile(r"[^\s/]+/?")  # a word, «v/» with its slash
ROLE_WORDS = frozenset(vocabulary().role_words)  # as compared: one word, lower case


def without_role_words(ref: str) -> str:
    """A reference with the role words it begins with set aside (the vocabulary's
    [henvisning] rolleord): «Dagplejer Hanne Sørensen (41789)» → «Hanne Sørensen (41789)»,
    «Dagplejen v/ Hanne Sørensen» → «Hanne Sørensen». Only when a name follows: «Dagpleje 3»
    (a unit's number) and a reference of role words only are kept as written; «v/» is a role
    word, «V.» an initial."""
    rest = ref.strip()
    while m := _WORD.match(rest):
        word = m.group(0).casefold().rstrip(":")
        if word not in ROLE_WORDS:
            break
        rest = rest[m.end() :].lstrip(" /")
    return rest if rest != ref.strip() and any(ch.isalpha() for ch in rest) else ref
