"""Text made safe for XML: the one escaping that every XML writer here uses.

Characters XML 1.0 cannot hold at all (most control characters, U+FFFE, U+FFFF) are removed:
no escape can carry them, and a document that holds one is not XML. Callers differ only in
what they need for quotes and line breaks, which they say by parameter.
"""

from __future__ import annotations

import re
from typing import Literal

LineBreaks = Literal["keep", "space", "reference"]

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NEEDS_WORK = re.compile('[&<>"\x00-\x1f\ufffe\uffff]')
_LINE_BREAKS = re.compile("[\t\n\r]")


def needs_escaping(text: str) -> bool:
    """Whether :func:`escape` could change ``text``: one C-level test, so a writer can ask it
    once for several values together (most text needs nothing)."""
    return _NEEDS_WORK.search(text) is not None


def escape(text: str, *, quotes: bool = False, line_breaks: LineBreaks = "keep") -> str:
    """``text`` for XML: ``&``, ``<`` and ``>`` as entities, characters XML cannot hold removed.

    ``quotes``: ``"`` as ``&quot;`` too, so the text fits a double-quoted attribute.
    ``line_breaks``: what becomes of tab, line feed and carriage return —
    ``"keep"`` them as they are (element text that must say them back),
    ``"space"``: each becomes a space (a reader would normalise them anyway), or
    ``"reference"``: ``&#9;``, ``&#10;``, ``&#13;``, which an attribute value keeps through
    parsing (as ``xml.sax.saxutils.quoteattr`` writes them).
    """
    if _NEEDS_WORK.search(text) is None:
        return text
    text = _ILLEGAL.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quotes:
        text = text.replace('"', "&quot;")
    if line_breaks == "space":
        text = _LINE_BREAKS.sub(" ", text)
    elif line_breaks == "reference":
        text = text.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text
