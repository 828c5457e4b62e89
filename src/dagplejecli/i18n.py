"""The language of user-facing text: Danish by default, English with --lang en / DAGPLEJE_LANG."""

from __future__ import annotations

import os
from contextvars import ContextVar

LANGUAGES = ("da", "en")
_current: ContextVar[str] = ContextVar("dagpleje_lang", default="da")


def set_language(lang: str | None) -> str:
    """Choose the language; ``None`` falls back to DAGPLEJE_LANG, then Danish."""
    chosen = (lang or os.environ.get("DAGPLEJE_LANG") or "da").strip().lower()[:2]
    if chosen not in LANGUAGES:
        chosen = "da"
    _current.set(chosen)
    return chosen


def language() -> str:
    return _current.get()
