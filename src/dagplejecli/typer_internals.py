"""Everything dagpleje uses of typer beyond its documented interface, in one place.

Typer writes its help panels, its usage line and its usage errors in English. To say them in
the chosen language, dagpleje sets module settings of ``typer.rich_utils``, catches the click
exceptions typer carries in ``typer._click``, reads one English sentence of its parser, and
replaces a parameter's ``display_type_rich``. None of that is a stable interface, so
``pyproject.toml`` keeps typer below the next minor version, and ``tests/test_typer_internals.py``
fails, naming what moved, when a typer changes any of it. Run it (or ``make test-lowest`` and
``make test``) before raising the bound.
"""

from __future__ import annotations

from typing import Any

from typer._click import exceptions as click_exceptions
from typer.core import TyperCommand, TyperGroup

__all__ = ["TyperCommand", "TyperGroup"]  # the classes cli_base.py builds its own on

# typer's help and error panel texts (module settings of typer.rich_utils, read when a help or
# an error is printed) → the catalogue's key
RICH_UTILS_TEXTS = {
    "ARGUMENTS_PANEL_TITLE": "typer_arguments",
    "OPTIONS_PANEL_TITLE": "typer_options",
    "COMMANDS_PANEL_TITLE": "typer_commands",
    "ERRORS_PANEL_TITLE": "typer_error",
    "RICH_HELP": "typer_try_help",
    "DEFAULT_STRING": "typer_default",
    "REQUIRED_LONG_STRING": "typer_required",
    "ABORTED_TEXT": "typer_aborted",
}

# typer's parser says «Option '--force' does not take a value.» for "--force=yes", and uses the
# same exception for an option given without its value: these words tell them apart
TAKES_NO_VALUE = "does not take a value"

MissingParameter = click_exceptions.MissingParameter
NoSuchOption = click_exceptions.NoSuchOption
BadOptionUsage = click_exceptions.BadOptionUsage
BadArgumentUsage = click_exceptions.BadArgumentUsage
UsageError = click_exceptions.UsageError
ClickException = click_exceptions.ClickException


def set_rich_text(name: str, text: str) -> None:
    """One of typer's help or error panel texts (a name in ``RICH_UTILS_TEXTS``); a typer
    without it keeps its English word."""
    from typer import rich_utils

    if hasattr(rich_utils, name):
        setattr(rich_utils, name, text)


def takes_no_value(exc: Any) -> bool:
    """Whether a ``BadOptionUsage`` says the option takes no value (else: it needs one)."""
    return TAKES_NO_VALUE in str(getattr(exc, "message", ""))


def display_type(param: Any, ctx: Any) -> str | None:
    """The value type typer shows for a parameter (``<path>``, ``<str>``, ``<int>``), or None
    for a typer that does not show one this way."""
    show = getattr(param, "display_type_rich", None)
    return None if show is None else str(show(ctx))


def show_display_type(param: Any, word: str) -> None:
    """Let typer show ``word`` as an argument's value type."""
    param.display_type_rich = lambda ctx: word
