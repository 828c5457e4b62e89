"""The shape of a language's catalogue (``da.py``, ``en.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FindingText:
    """What the user reads about one code. ``message`` is the usual sentence; ``variants``
    holds the other sentences a check can choose (``Finding.variant``); ``hints`` the fix of a
    variant whose fix is not ``hint`` (a ``<variant>_one`` takes its variant's)."""

    title: str
    message: str
    hint: str
    why: str
    example: str
    variants: dict[str, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
