"""Recognising a roster's header row and columns, by the words of ``vocabulary.toml``.

A header is normalised (case, punctuation, spaces) and then read as an optional owner's word
saying whose value it is (``Dagplejer``, ``Barn``, ``Kontakt1``) followed by a field's word; the
owner may come after the field too (``CPR-nr. barn``). Danish headers first, and the English an
IT or HR system writes (``SSN``, ``Zip code``, ``Child first name``, ``Caregiver ID``,
``Guardian 1 SSN``). Which words mean what is data (the vocabulary); how a header is read from
them is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dagplejecli.domain.shape import Field, Owner
from dagplejecli.roster.vocabulary import normalise_words, vocabulary


def compact(norm: str) -> str:
    """A normalised header as payroll systems vary it: without spaces, ``nummer`` as ``nr``
    (``medarb nr``, ``medarbnr`` and ``medarbnummer`` alike; ``post nr by`` and
    ``postnummer by`` alike)."""
    return norm.replace(" ", "").replace("nummer", "nr")


def _alternatives(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first (so «forældrenes» wins over «forældre»)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_V = vocabulary()
_LOOKUP: dict[str, Field] = {w: name for name, words in _V.fields.items() for w in words}
_COMPACT: dict[str, Field] = {compact(w): name for name, words in _V.fields.items() for w in words}
_DAGPLEJER_REF_COMPACT = frozenset(compact(h) for h in _V.dagplejer_ref)
_CHILD_REF_COMPACT = frozenset(compact(h) for h in _V.child_ref)
# A contact's word, an optional number, then the field: «Kontakt1 CPR», «Forælder 2 navn»
_CONTACT_PREFIX = re.compile(rf"^({_alternatives(_V.contact.before)})\s*(\d)?(?:\s+|$)(.*)$")
_PARENT_WORDS = frozenset(_V.parent_words)
PARENT_TEXT = "Forælder"  # the relation a parent's header implies (Mor or Far by the CPR)
# «Mor CPR», «Fars navn» / «CPR far», «Navn mor»: a contact whose relation the header says
_PARENT_OF_WORD = {w: p for p in _V.parents for w in p.before}
_PARENT_OF_LAST = {w: p for p in _V.parents for w in p.after}
_PARENT_PREFIX = re.compile(rf"^({_alternatives(tuple(_PARENT_OF_WORD))})\s+(.+)$")
_DAGPLEJER_PREFIX = re.compile(rf"^(?:{_alternatives(_V.dagplejer.before)})\s+(.+)$")
_CHILD_PREFIX = re.compile(rf"^(?:{_alternatives(_V.child.before)})\s+(.+)$")
# An owner after the field («CPR-nr. barn», «Navn dagplejer», «CPR far»), read as if first.
_SUFFIX_OWNERS = {
    **{w: _V.child.before[0] for w in _V.child.after},
    **{w: _V.dagplejer.before[0] for w in _V.dagplejer.after},
    **{w: _V.contact.after[0] for w in _V.contact.after},
    **{w: p.before[0] for p in _V.parents for w in p.after},
}
_OWNER_SUFFIX = re.compile(rf"^(.+?)\s+({_alternatives(tuple(_SUFFIX_OWNERS))})$")
# A child numbered among the children side by side on a dagplejer's row: «Barn 2» (the name),
# «Barn 2 CPR», «CPR barn 2», «Start barn 2»
# (one child: «Børn 24», «Children 2» and «Barn 0» are no child's)
_CHILD_WORDS = _alternatives(_V.child.after)
_NUMBER = r"([1-9]|1[0-9]|20)"
_CHILD_NUMBERED = re.compile(rf"^(?:{_CHILD_WORDS})\s*{_NUMBER}(?:\s+(.+))?$")
_CHILD_NUMBERED_AFTER = re.compile(rf"^(.+?)\s+(?:{_CHILD_WORDS})\s*{_NUMBER}$")


normalise_header = normalise_words  # a header as the reader compares it: «CPR-nr.» → «cpr nr»


def field_of(norm: str) -> Field | None:
    """The canonical field a normalised header (without prefix) names, if any."""
    found = _LOOKUP.get(norm)
    return found if found is not None else _COMPACT.get(compact(norm))


@dataclass(frozen=True, slots=True)
class HeaderMeaning:
    """How one header reads: whose value (``owner``) and which field; ``group`` for contacts."""

    owner: Owner
    field: Field
    group: int = 0
    implied: str = ""  # the relation the header says («Forælder 1 CPR»: Forælder)


def read_header(norm: str) -> HeaderMeaning | None:
    """Read one normalised header. Returns None for a column no field names (kept as extra).
    A header whose owner comes after the field (``CPR-nr. barn``, ``Navn dagplejer``, ``CPR
    far``) is read as the same header with the owner first (``Barn CPR-nr.``), when nothing
    else reads it."""
    if not norm:
        return None
    if (found := _read_owned(norm)) is not None:
        return found
    if (numbered := _numbered_child(norm)) is not None:
        return numbered
    m = _OWNER_SUFFIX.match(norm)
    return _read_owned(f"{_SUFFIX_OWNERS[m.group(2)]} {m.group(1)}") if m else None


def _read_owned(norm: str) -> HeaderMeaning | None:
    """A header read as written: a field, or an owner's word and then a field."""
    short = compact(norm)
    if short in _DAGPLEJER_REF_COMPACT:
        # "Dagplejer CPR" names the dagplejer by CPR, the others by id
        return HeaderMeaning(Owner.DAGPLEJER_REF, Field.CPR if says_cpr(norm) else Field.ID)
    if short in _CHILD_REF_COMPACT:
        return HeaderMeaning(Owner.BARN_REF, Field.BARN)
    if f := field_of(norm):
        return HeaderMeaning(Owner.PLAIN, f)
    if m := _CONTACT_PREFIX.match(norm):
        rest = m.group(3).strip()
        f = field_of(rest) if rest else Field.NAVN  # «Kontaktperson» alone: the name
        if f is None and rest in _V.child_ref:
            return HeaderMeaning(Owner.BARN_REF, Field.BARN)
        if f:
            word = m.group(1)
            implied = PARENT_TEXT if word in _PARENT_WORDS else _V.relation_words.get(word, "")
            return HeaderMeaning(Owner.KONTAKT, f, int(m.group(2) or 0), implied)
    # a parent's column whose header names the relation before the field: «Mor CPR», «Fars
    # navn» (never the relation: the header says it); «CPR far» is read as «Far CPR»
    m = _PARENT_PREFIX.match(norm)
    if m and (f := field_of(m.group(2))) is not None and f != Field.RELATION:
        parent = _PARENT_OF_WORD[m.group(1)]
        return HeaderMeaning(Owner.KONTAKT, f, parent.group, parent.relation)
    if alone := _PARENT_OF_LAST.get(norm):  # «Mor», «Far» alone: the parent's name
        return HeaderMeaning(Owner.KONTAKT, Field.NAVN, alone.group, alone.relation)
    if m := _DAGPLEJER_PREFIX.match(norm):
        f = field_of(m.group(1))
        if f in (Field.ID, Field.CPR):  # "Dagplejer medarb. nr.": the column naming the dagplejer
            return HeaderMeaning(Owner.DAGPLEJER_REF, f)
        if f:
            return HeaderMeaning(Owner.DAGPLEJER, f)
    if m := _CHILD_PREFIX.match(norm):
        f = Field.ID if m.group(1) in _V.child_id else field_of(m.group(1))
        if f:
            return HeaderMeaning(Owner.BARN, f)
    return None


def _numbered_child(norm: str) -> HeaderMeaning | None:
    """A numbered child's column («Barn 2», «Barn 2 CPR», «CPR barn 2»): the child's field,
    its number the group."""
    if m := _CHILD_NUMBERED.match(norm):
        number, rest = m.groups()
    elif m := _CHILD_NUMBERED_AFTER.match(norm):
        rest, number = m.groups()
    else:
        return None
    f = field_of(rest) if rest else Field.NAVN  # «Barn 2» alone: the name
    return HeaderMeaning(Owner.BARN, f, int(number)) if f is not None else None


def says_cpr(norm: str) -> bool:
    """Whether a normalised header names a CPR number (``barn cpr``, ``barnets personnr``,
    ``child ssn``); a bare ``barn`` or ``child`` on a child's own row may as well be its name."""
    return any(word in norm for word in _V.cpr_words)


def child_prefixed(norm: str) -> bool:
    """Whether a normalised header begins as the child's (``barn``, ``barnets``, ``børn``),
    whether or not a field follows (``barnets startdato`` names none)."""
    return _CHILD_PREFIX.match(norm) is not None


@dataclass(slots=True)
class HeaderRow:
    """The header row of a sheet: its 1-based row number and each column's meaning."""

    row: int
    texts: list[str]  # the header cells as written (stripped)
    meanings: list[HeaderMeaning | None] = field(default_factory=list)


def header_row_at(index: int, row: list[object], above: list[object] | None = None) -> HeaderRow:
    """Row ``index`` (0-based) of a sheet read as its header row: texts (spaces made single)
    and meanings. ``above``: the row over it, whose group headings a two-level header's
    sub-headings are read with (``_two_level``)."""
    texts = [" ".join(str(v).split()) if v is not None else "" for v in row]
    texts = _two_level(texts, above) or texts
    meanings = [read_header(normalise_header(t)) if t else None for t in texts]
    return HeaderRow(index + 1, texts, meanings)


def _two_level(texts: list[str], above: list[object] | None) -> list[str] | None:
    """A two-level header's texts, each sub-heading after its group's heading («Mor» over
    «CPR», «Navn», «Mobil»: «Mor CPR» …), when the row above holds group headings (two or
    more, each over a heading; a merged cell's text stands in its first cell and spans the
    blank cells after it) and only with them are the sub-headings told apart (a heading that
    repeats, «CPR» under «Barn» and under «Mor», is unique once read with its group), and read
    so more of the sheet's columns mean something of their own (a title row over a header
    that repeats «Telefon» is no group row). A group spans the blank cells after it up to the
    next; the last only as far as its sub-headings are ones an earlier group has (a plain
    column after it is no one's). None when the header is one row."""
    groups = [" ".join(v.split()) if isinstance(v, str) else "" for v in (above or [])]
    filled = [c for c, g in enumerate(groups) if g]
    if len(filled) < 2 or any(c >= len(texts) or not texts[c] for c in filled):
        return None
    earlier = {normalise_header(t) for t in texts[filled[0] : filled[-1]] if t}
    combined, group = [], ""
    for c, text in enumerate(texts):
        if c < len(groups) and groups[c]:
            group = groups[c]
        elif c > filled[-1] and normalise_header(text) not in earlier:
            group = ""  # past the last group's sub-headings: a plain column
        combined.append(f"{group} {text}" if group and text else text)
    plain = [normalise_header(t) for t in texts if t]
    both = [normalise_header(t) for t in combined if t]
    repeats = len(set(plain)) < len(plain)
    if not repeats or len(set(both)) != len(both):
        return None
    return combined if _meanings(combined) > _meanings(texts) else None


def _meanings(texts: list[str]) -> int:
    """How many distinct meanings a header row's texts have (a repeated «CPR» is one)."""
    return len({m for t in texts if t and (m := read_header(normalise_header(t))) is not None})


HEADER_SCAN = 30  # the rows a header row is looked for in


def find_header_row(
    rows: list[list[object]], scan: int = HEADER_SCAN, known: frozenset[str] = frozenset()
) -> HeaderRow | None:
    """The row among the first ``scan`` with the most recognised headers (at least two).
    ``known``: normalised headers the configuration names for this sheet, which count as
    recognised whether or not an alias reads them."""
    best: HeaderRow | None = None
    best_score = 1
    for index, row in enumerate(rows[:scan]):
        norms = [normalise_header(v) if isinstance(v, str) else "" for v in row]
        score = sum(1 for n in norms if n in known or read_header(n) is not None)
        if score > best_score:
            best, best_score = header_row_at(index, row, rows[index - 1] if index else None), score
    return best
