"""The catalogue (``catalogue.toml``) read into one typed ``Catalogue`` per language, and checked
as it is read: every text in every language of ``Lang``, the same placeholders in each, plural
forms only ``one`` and ``other``, nothing unknown. A catalogue that fails is a bug (exit 70),
never a half-translated message."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dagplejecli.i18n import LANGUAGES


@dataclass(frozen=True, slots=True)
class Plural:
    """A text that changes with a number: ``one`` when it is 1, else ``other``."""

    one: str
    other: str


Text = str | Plural  # a text as the catalogue declares it


def choose(text: Text, n: object) -> str:
    """The form of ``text`` for the number ``n`` (a text without forms is itself)."""
    if isinstance(text, Plural):
        return text.one if n == 1 else text.other
    return text


def forms(text: Text) -> tuple[str, ...]:
    """Every form of a text: itself, or its ``one`` and ``other``."""
    return (text.one, text.other) if isinstance(text, Plural) else (text,)


def fields(text: Text) -> set[str]:
    """The placeholders of every form of a text (``{name}`` → ``name``)."""
    return {n for form in forms(text) for _, n, _, _ in string.Formatter().parse(form) if n}


@dataclass(frozen=True, slots=True)
class FindingText:
    """What the user reads about one code. ``message`` is the usual sentence; ``variants``
    holds the other sentences a check can choose (``Finding.variant``); ``hints`` the fix of a
    variant whose fix is not ``hint``. A message or variant may have plural forms, chosen by
    the finding's param ``count``."""

    title: str
    message: Text
    hint: str
    why: str
    example: str
    variants: dict[str, Text] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One language's texts (the names are the catalogue's sections)."""

    FINDINGS: dict[str, FindingText]
    UI: dict[str, Text]
    HELP: dict[str, str]
    WORKBOOKS: dict[str, str]
    CONFIG_COMMENTS: dict[str, Text]
    TERMS: dict[str, dict[str, str]]
    EMPTY: str
    NO_NAME: str
    list_separator: str
    list_last: str

    def join_names(self, names: tuple[str, ...]) -> str:
        """Names for use between «…»: ``A», «B» og «C``."""
        if len(names) < 2:
            return "".join(names)
        return self.list_separator.join(names[:-1]) + self.list_last + names[-1]


class CatalogueError(RuntimeError):
    """The catalogue file is not as ``catalogue.py`` reads it (a bug, not a user's mistake)."""


_FINDING_PARTS = ("title", "message", "hint", "why", "example")
_PLURAL_FORMS = {"one", "other"}


def _text(where: str, value: object, plural: bool) -> Text:
    if isinstance(value, str):
        return value
    if plural and isinstance(value, dict) and set(value) == _PLURAL_FORMS:
        one, other = value["one"], value["other"]
        if isinstance(one, str) and isinstance(other, str):
            return Plural(one, other)
    raise CatalogueError(f"{where}: a text (or plural forms one/other) is expected")


def _languages(where: str, value: object, plural: bool = False) -> dict[str, Text]:
    """A text in every language, with the same placeholders in each."""
    if not isinstance(value, dict) or set(value) != set(LANGUAGES):
        raise CatalogueError(f"{where}: exactly the languages {LANGUAGES} are expected")
    texts = {lang: _text(f"{where}.{lang}", value[lang], plural) for lang in LANGUAGES}
    for lang, text in texts.items():
        if isinstance(text, Plural) and not fields(text.one) <= fields(text.other) | {"n"}:
            raise CatalogueError(f"{where}.{lang}: the form one has a placeholder other lacks")
    placeholders = {lang: fields(t) - {"n", "count"} for lang, t in texts.items()}
    if len({frozenset(p) for p in placeholders.values()}) > 1:
        raise CatalogueError(f"{where}: the languages' placeholders differ: {placeholders}")
    return texts


def _plain(where: str, value: object) -> dict[str, str]:
    texts = _languages(where, value)
    return {lang: t for lang, t in texts.items() if isinstance(t, str)}


def _table(where: str, value: object) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: a table is expected")
    return value


def _section(data: Mapping[str, Any], name: str, plural: bool) -> dict[str, dict[str, Text]]:
    """``{lang: {key: text}}`` of a flat section."""
    out: dict[str, dict[str, Text]] = {lang: {} for lang in LANGUAGES}
    for key, value in _table(name, data[name]).items():
        for lang, text in _languages(f"{name}.{key}", value, plural).items():
            if not plural and not isinstance(text, str):
                raise CatalogueError(f"{name}.{key}: plural forms are not read here")
            out[lang][key] = text
    return out


def _findings(data: Mapping[str, Any]) -> dict[str, dict[str, FindingText]]:
    out: dict[str, dict[str, FindingText]] = {lang: {} for lang in LANGUAGES}
    for code, entry in _table("findings", data["findings"]).items():
        where = f"findings.{code}"
        entry = _table(where, entry)
        unknown = set(entry) - {*_FINDING_PARTS, "variants", "hints"}
        if unknown or not set(_FINDING_PARTS) <= set(entry):
            raise CatalogueError(f"{where}: needs {_FINDING_PARTS}, has {sorted(entry)}")
        message = _languages(f"{where}.message", entry["message"], plural=True)
        plain = {p: _plain(f"{where}.{p}", entry[p]) for p in _FINDING_PARTS if p != "message"}
        variants = {
            v: _languages(f"{where}.variants.{v}", t, plural=True)
            for v, t in _table(where, entry.get("variants", {})).items()
        }
        hints = {
            v: _plain(f"{where}.hints.{v}", t)
            for v, t in _table(where, entry.get("hints", {})).items()
        }
        if not set(hints) <= set(variants):
            raise CatalogueError(f"{where}: a hint for a variant that does not exist")
        for lang in LANGUAGES:
            out[lang][code] = FindingText(
                title=plain["title"][lang],
                message=message[lang],
                hint=plain["hint"][lang],
                why=plain["why"][lang],
                example=plain["example"][lang],
                variants={v: t[lang] for v, t in variants.items()},
                hints={v: t[lang] for v, t in hints.items()},
            )
    return out


_SECTIONS = {"languages", "findings", "ui", "help", "workbooks", "config_comments", "terms"}
_LANGUAGE_WORDS = {"empty", "no_name", "list_separator", "list_last"}


def parse(data: Mapping[str, Any]) -> dict[str, Catalogue]:
    """Every language's catalogue from the parsed TOML, checked."""
    if set(data) != _SECTIONS:
        raise CatalogueError(f"the sections are {sorted(_SECTIONS)}, not {sorted(data)}")
    words = _table("languages", data["languages"])
    if set(words) != set(LANGUAGES):
        raise CatalogueError(f"languages: exactly {LANGUAGES} are expected")
    for lang in LANGUAGES:
        table = _table(f"languages.{lang}", words[lang])
        if set(table) != _LANGUAGE_WORDS or not all(isinstance(v, str) for v in table.values()):
            raise CatalogueError(f"languages.{lang}: needs {sorted(_LANGUAGE_WORDS)}")
    findings = _findings(data)
    ui = _section(data, "ui", plural=True)
    comments = _section(data, "config_comments", plural=True)
    help_ = _section(data, "help", plural=False)
    workbooks = _section(data, "workbooks", plural=False)
    terms: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in LANGUAGES}
    for kind, values in _table("terms", data["terms"]).items():
        for value, texts in _table(f"terms.{kind}", values).items():
            for lang, text in _plain(f"terms.{kind}.{value}", texts).items():
                terms[lang].setdefault(kind, {})[value] = text
    return {
        lang: Catalogue(
            FINDINGS=findings[lang],
            UI=ui[lang],
            HELP={k: str(v) for k, v in help_[lang].items()},
            WORKBOOKS={k: str(v) for k, v in workbooks[lang].items()},
            CONFIG_COMMENTS=comments[lang],
            TERMS=terms[lang],
            EMPTY=words[lang]["empty"],
            NO_NAME=words[lang]["no_name"],
            list_separator=words[lang]["list_separator"],
            list_last=words[lang]["list_last"],
        )
        for lang in LANGUAGES
    }


def load() -> dict[str, Catalogue]:
    """The catalogue shipped with dagpleje, by language, read and checked — or, when the same
    bytes were read before, its checked copy (see ``CACHE``)."""
    source = Path(__file__).with_name("catalogue.toml")  # beside this module, as shipped
    try:
        raw = source.read_bytes()
    except OSError as exc:  # an install that lost a file: no catalogue to say it in, so both
        sys.stderr.write(
            f"dagpleje: {source} ({exc.strerror}). dagpleje er ikke installeret helt: installér"
            " den igen. / dagpleje is not installed completely: install it again.\n"
        )
        raise SystemExit(70) from None
    cache = _cache_path(source, raw)
    if cache is not None:
        kept = _read_kept(cache)
        if kept is not None:
            return kept
    import tomllib  # only when there is no checked copy: it is the slow part

    catalogues = parse(tomllib.loads(raw.decode("utf-8")))
    if cache is not None and not sys.dont_write_bytecode:
        _write_quietly(cache, marshal.dumps(_keepable(catalogues)))
    return catalogues


# CACHE: parsing the TOML with tomllib takes about 80 ms on the benchmark machine (json or
# marshal read the same in a few), a third of the 0.3 s `dagpleje --help` may take. So, as Python
# keeps a module's bytecode in ``__pycache__``, the checked catalogue is kept there too
# (marshal, like bytecode), named by the hash of the TOML's bytes and of this module's: an
# edited catalogue, or another reader, has another name and is read and checked again. A
# folder that cannot be written (an installed tool's may not be), or PYTHONDONTWRITEBYTECODE,
# just means no copy.


def _cache_path(source: Path, raw: bytes) -> Path | None:
    """Where the checked copy of exactly these bytes, read by exactly this code, is kept."""
    try:
        reader = Path(__file__).read_bytes()
    except OSError:
        return None
    key = hashlib.sha256(raw + reader).hexdigest()[:20]
    return source.parent / "__pycache__" / f"catalogue.{key}.{sys.implementation.cache_tag}"


_Keepable = dict[str, dict[str, Any]]


def _keepable(catalogues: dict[str, Catalogue]) -> _Keepable:
    """The catalogues as marshal can keep them: a plural as ``(one, other)``, a finding's
    text as a tuple of its fields."""

    def text(t: Text) -> str | tuple[str, str]:
        return (t.one, t.other) if isinstance(t, Plural) else t

    def texts(d: Mapping[str, Text]) -> dict[str, str | tuple[str, str]]:
        return {k: text(v) for k, v in d.items()}

    return {
        lang: {
            "FINDINGS": {
                code: (
                    f.title,
                    text(f.message),
                    f.hint,
                    f.why,
                    f.example,
                    texts(f.variants),
                    f.hints,
                )
                for code, f in c.FINDINGS.items()
            },
            "UI": texts(c.UI),
            "CONFIG_COMMENTS": texts(c.CONFIG_COMMENTS),
            "rest": (c.HELP, c.WORKBOOKS, c.TERMS, c.EMPTY, c.NO_NAME),
            "lists": (c.list_separator, c.list_last),
        }
        for lang, c in catalogues.items()
    }


def _read_kept(path: Path) -> dict[str, Catalogue] | None:
    """The checked catalogue kept at ``path``, or None when there is none (or it is not one)."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return None
    try:
        return {lang: _catalogue(kept[lang]) for lang in LANGUAGES}
    except (KeyError, TypeError, ValueError):
        return None


def _catalogue(plain: dict[str, Any]) -> Catalogue:
    def text(t: str | tuple[str, str]) -> Text:
        return t if isinstance(t, str) else Plural(*t)

    def texts(d: dict[str, Any]) -> dict[str, Text]:
        return {k: text(v) for k, v in d.items()}

    findings = {
        code: FindingText(title, text(message), hint, why, example, texts(variants), hints)
        for code, (title, message, hint, why, example, variants, hints) in plain["FINDINGS"].items()
    }
    help_, workbooks, terms, empty, no_name = plain["rest"]
    separator, last = plain["lists"]
    return Catalogue(
        findings,
        texts(plain["UI"]),
        help_,
        workbooks,
        texts(plain["CONFIG_COMMENTS"]),
        terms,
        empty,
        no_name,
        separator,
        last,
    )


def _write_quietly(path: Path, data: bytes) -> None:
    """Write ``path`` whole (a temporary file renamed over it), or not at all."""
    import tempfile  # only when a copy is made: start-up should not pay for it

    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".catalogue.")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o644)  # as Python's bytecode: every user of the install may read it
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return
    # the copies of earlier catalogues are of no use to anyone now
    for old in path.parent.glob(f"catalogue.*.{sys.implementation.cache_tag}"):
        if old != path:
            with contextlib.suppress(OSError):
                old.unlink()
