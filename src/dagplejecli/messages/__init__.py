"""Every sentence the user reads, in every language (``catalogue.toml``, read by ``catalogue.py``).

Findings are data: a rule, a variant and raw params. This module turns them into text in the
current language: ``finding_message(f)``, ``finding_hint(f)``. ``ui(key, **params)`` does the same
for the command line's own texts, ``workbook_text(key)`` for the words of the workbooks written
for people (the plan, ``brugere.xlsx``), ``config_comment(key, **params)`` for the comments of
the configuration ``init`` writes.

A text that changes with a number declares its plural forms in the catalogue (``one``,
``other``); the number is ``n`` of ``ui_count(key, n)`` and ``config_comment_count(key, n)``, and
the param ``count`` of a finding or of an error's words (``said_text``).

How a finding's params become text:

- a param named in the catalogue's ``[terms]`` (``role``, ``group`` …) is looked up there, so a
  finding can say ``role="barn"`` and read "Barnet" or "Child";
- a tuple (a list of names) is joined for use between «…» by the language's ``list_separator``
  and ``list_last``: ``A», «B» og «C``;
- an empty text reads as the language's ``empty`` ("(tom)");
- ``{who}`` is made of the params ``name`` and ``cpr``: ``Anne Jensen (010190-xxxx)``.

A full CPR number is never a param (callers pass ``mask_cpr(...)``); as a second guard, every
text param of a finding about people or the plan passes ``mask_cpr_in_text`` on its way to a
person or a JSON report (``shown_params``), so a CPR typed into a name, a reference or an id
never shows in full. Findings about the configuration keep theirs: a P-number must be seen.
"""

from __future__ import annotations

from collections.abc import Mapping

from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.findings import Family, Finding, Location, ParamValue
from dagplejecli.i18n import language
from dagplejecli.messages.catalogue import Catalogue, FindingText, choose, load
from dagplejecli.model import Reason, Why
from dagplejecli.wording import Detail, Place, Said, Term

CATALOGUES: dict[str, Catalogue] = load()
da, en = CATALOGUES["da"], CATALOGUES["en"]


def _catalogue() -> Catalogue:
    return CATALOGUES[language()]


def ui(message_key: str, /, **params: object) -> str:
    """A user-interface text in the current language, filled in (a text with plural forms
    reads its ``other``)."""
    text = choose(_catalogue().UI[message_key], None)
    return text.format(**params) if params else text


def ui_count(message_key: str, n: int, /, **params: object) -> str:
    """A user-interface text about ``n`` things, in the singular when ``n`` is 1; ``{n}`` in
    the text is ``n`` unless ``params`` say otherwise."""
    text = choose(_catalogue().UI[message_key], n)
    return text.format(**{"n": n, **params})


def workbook_text(key: str, /) -> str:
    """A sheet name, column header or cell word of a workbook for people (the catalogue's
    ``WORKBOOKS``), in the current language."""
    texts: dict[str, str] = _catalogue().WORKBOOKS
    return texts[key]


def config_comment(key: str, /, **params: object) -> str:
    """A comment (or placeholder text) of the ``dagpleje.toml`` that ``init`` writes, in the
    current language, filled in; one line per comment line."""
    text = choose(_catalogue().CONFIG_COMMENTS[key], None)
    return text.format(**params)


def config_comment_count(key: str, n: int, /, **params: object) -> str:
    """A comment about ``n`` things, in the singular when ``n`` is 1 (as ``ui_count``)."""
    text = choose(_catalogue().CONFIG_COMMENTS[key], n)
    return text.format(**{"n": n, **params})


def help_text(*keys: str) -> str | None:
    """The first of ``keys`` the catalogue's ``HELP`` has (``--help`` texts), or None."""
    texts: dict[str, str] = _catalogue().HELP
    return next((texts[k] for k in keys if k in texts), None)


def no_name() -> str:
    """What a person without a name is called: ``(uden navn)``."""
    return _catalogue().NO_NAME


def term(kind: str, value: str) -> str:
    """A word of the catalogue's ``TERMS`` (e.g. ``term("severity", "fejl")``)."""
    terms: dict[str, dict[str, str]] = _catalogue().TERMS
    return terms[kind].get(value, value)


def finding_text(code: str) -> FindingText:
    """The title, message, hint, explanation and example of a code."""
    texts: dict[str, FindingText] = _catalogue().FINDINGS
    return texts[code]


_FROM_ROSTER = (Family.PERSONS, Family.PLAN)


def shown_params(f: Finding) -> dict[str, ParamValue]:
    """The finding's params as a person or a JSON report may see them: CPR numbers masked in
    every text that came from the roster."""
    if f.rule.family not in _FROM_ROSTER:
        return dict(f.params)
    out: dict[str, ParamValue] = {}
    for key, value in f.params.items():
        if isinstance(value, str):
            out[key] = mask_cpr_in_text(value)
        elif isinstance(value, tuple):
            out[key] = tuple(mask_cpr_in_text(v) for v in value)
        else:
            out[key] = value
    return out


def _words(params: Mapping[str, ParamValue]) -> dict[str, str | int]:
    cat = _catalogue()
    terms: dict[str, dict[str, str]] = cat.TERMS
    out: dict[str, str | int] = {}
    for key, value in params.items():
        if isinstance(value, tuple):
            out[key] = cat.join_names(value)
        elif isinstance(value, str) and key in terms:
            out[key] = terms[key].get(value, value)
        elif value == "":
            out[key] = cat.EMPTY
        else:
            out[key] = value
    if "who" not in out and "name" in params:
        out["who"] = who(str(params["name"]), str(params.get("cpr") or ""))
    return out


def who(name: str, cpr_masked: str) -> str:
    """A person as messages name them: ``Anne Jensen (010190-xxxx)``, ``(uden navn)`` without
    a name, and no brackets without a CPR number."""
    shown = name or no_name()
    return f"{shown} ({cpr_masked})" if cpr_masked else shown


def finding_message(f: Finding) -> str:
    """The finding's sentence, in the current language."""
    text = finding_text(f.code)
    template = text.variants[f.variant] if f.variant else text.message
    return choose(template, f.params.get("count")).format(**_words(shown_params(f)))


def finding_hint(f: Finding) -> str:
    """How to fix it, in the current language: the variant's own fix when it has one."""
    text = finding_text(f.code)
    return text.hints.get(f.variant, text.hint).format(**_words(shown_params(f)))


def hint_key(f: Finding) -> tuple[str, str]:
    """Which of its code's fixes a finding reads (its code, and its variant when that has a
    fix of its own): a report shows each fix once."""
    return (f.code, f.variant if f.variant in finding_text(f.code).hints else "")


def where(loc: Location) -> str:
    """``roster.xlsx, Dagplejere!B7`` or ``dagpleje.toml, linje 12: omraade[2].pnummer``."""
    if loc.key is not None:
        line = f", {ui('line')} {loc.line}" if loc.line else ""
        return f"{loc.file or ''}{line}: {loc.key}".lstrip(": ")
    if loc.sheet is not None:
        cell = f"!{loc.cell}" if loc.cell else ""
        if loc.file and loc.sheet != loc.file:
            return f"{loc.file}, {loc.sheet}{cell}"
        return f"{loc.sheet}{cell}"  # a CSV's one sheet is the file: "x.csv!B22"
    return loc.file or ""


def reason_text(reason: Reason) -> str:
    """Why a dagplejer is in its area, for people: ``Distrikt = Nord``, ``Postnr = 8200, 8210;
    Distrikt = Syd``, the dagplejere list, the rest, or no area."""
    if reason.why is Why.WHERE:
        return "; ".join(f"{column} = {', '.join(values)}" for column, values in reason.conditions)
    return ui(f"rule_{reason.why.value}")


def said(value: object) -> object:
    """A param in words: a ``Term`` or a ``Said`` in the current language (a ``Said`` with an
    int param ``count`` in its plural form for it), a tuple of them one after another,
    a ``Finding`` as its message without its full stop (it stands inside another sentence);
    any other value as it is."""
    if isinstance(value, Term):
        return term(value.kind, value.value)
    if isinstance(value, Said):
        return said_text(value)
    if isinstance(value, Finding):
        return finding_message(value).rstrip(".")
    if isinstance(value, tuple) and value and all(isinstance(v, Said | Term) for v in value):
        return "; ".join(str(said(v)) for v in value)
    return value


def place_text(place: Place | str) -> str:
    """``dagpleje.toml, linje 12: omraade[2].pnummer``, ``r.csv, linje 3`` or ``dagpleje.toml:
    kommune`` (a place without a line)."""
    if isinstance(place, str):
        return place
    parts = [place.file]
    if place.sheet and place.sheet != place.file:  # a CSV's one sheet is the file
        parts.append(place.sheet)
    for word, number in (("line", place.line), ("row", place.row), ("column", place.column)):
        if number is not None:
            parts.append(f"{ui(word)} {number}")
    key = f": {place.key}" if place.key else ""
    return ", ".join(parts) + key


def detail_text(detail: Detail | str) -> str:
    """One line under an error: ``dagpleje.toml, linje 4: kommune.kode skal være et helt tal``
    (a key's problem follows the key), ``x.xml, linje 3: <the validator's words>``."""
    if isinstance(detail, str):
        return detail
    between = " " if detail.place.key else ": "
    return f"{place_text(detail.place)}{between}{said(detail.what)}"


def said_text(words: Said) -> str:
    """A ``Said`` in the current language (see ``said``)."""
    params = {k: said(v) for k, v in words.params.items()}
    count = words.params.get("count")
    if isinstance(count, int):
        return ui_count(words.key, count, **params)
    return ui(words.key, **params)
