"""The language of user-facing text: Danish by default, English with --lang en / DAGPLEJE_LANG."""

from __future__ import annotations

import os
from contextvars import ContextVar

LANGUAGES = ("da", "en")
_current: ContextVar[str] = ContextVar("dagpleje_lang", default="da")


class UnknownLanguage(ValueError):
    """A language dagpleje does not speak (``DAGPLEJE_LANG=de``); Danish is chosen meanwhile,
    so the refusal itself can be said."""

    def __init__(self, value: str) -> None:
        super().__init__(value)
        self.value = value


def set_language(lang: str | None) -> str:
    """Choose the language; ``None`` falls back to DAGPLEJE_LANG, then Danish. A value
    dagpleje does not speak raises UnknownLanguage (``en_US.UTF-8`` is English)."""
    given = (lang or os.environ.get("DAGPLEJE_LANG") or "da").strip()
    chosen = given.lower()[:2]
    if chosen not in LANGUAGES:
        _current.set("da")
        raise UnknownLanguage(given)
    _current.set(chosen)
    return chosen


def language() -> str:
    return _current.get()
