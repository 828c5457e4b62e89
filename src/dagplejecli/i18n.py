"""The language of user-facing text: Danish by default, English with --lang en / DAGPLEJE_LANG."""

from __future__ import annotations

import os
import re
from contextvars import ContextVar
from enum import StrEnum


class Lang(StrEnum):
    """The languages dagpleje speaks: the values of ``--lang``."""

    DA = "da"
    EN = "en"


LANGUAGES = tuple(lang.value for lang in Lang)
_current: ContextVar[str] = ContextVar("dagpleje_lang", default="da")
_LOCALE_SUFFIX = re.compile(r"[_.@-].*$")  # en_US.UTF-8, da-DK, en@euro: the language first


class UnknownLanguage(ValueError):
    """A language dagpleje does not speak (``DAGPLEJE_LANG=de``); Danish is chosen meanwhile,
    so the refusal itself can be said."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def set_language(lang: str | None) -> str:
    """Choose the language: ``lang`` is one of ``LANGUAGES`` (``--lang``, already checked);
    ``None`` falls back to DAGPLEJE_LANG, which may carry a locale's region and encoding
    (``en_US.UTF-8`` is English), then Danish; a blank DAGPLEJE_LANG is Danish. A value
    dagpleje does not speak raises UnknownLanguage."""
    if lang is None:
        given = os.environ.get("DAGPLEJE_LANG", "").strip()
        chosen = _LOCALE_SUFFIX.sub("", given).casefold() or "da"
    else:
        given = lang
        chosen = lang.strip().casefold()
    if chosen not in LANGUAGES:
        _current.set("da")
        raise UnknownLanguage(given)
    _current.set(chosen)
    return chosen


def language() -> str:
    return _current.get()
