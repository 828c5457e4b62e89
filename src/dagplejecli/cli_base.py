"""What every command shares: the global options (``--lang``, ``--quiet``, ``--debug``),
declared once on the callback and accepted before or after the command, and the guard that
turns errors into messages and exit codes."""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from dagplejecli.errors import EXIT_INTERNAL, DagplejeError
from dagplejecli.i18n import LANGUAGES, UnknownLanguage, set_language
from dagplejecli.messages import help_text, ui

F = TypeVar("F", bound=Callable[..., Any])
E = TypeVar("E", bound=StrEnum)


class Lang(StrEnum):
    DA = "da"
    EN = "en"


def choice(enum: type[E]) -> dict[str, Any]:
    """An option's choices, said in the current language when the value is not one of them:
    ``typer.Option("--format", **choice(OutputFormat))``. Case does not matter."""
    values = [e.value for e in enum]

    def parse(value: str | E) -> E:
        if isinstance(value, enum):
            return value
        for e in enum:
            if str(value).strip().casefold() == e.value.casefold():
                return e
        near = difflib.get_close_matches(str(value).casefold(), values, n=1)
        message = ui("usage_bad_choice", value=value, choices=", ".join(values))
        if near:
            message += " " + ui("usage_near_option", near=near[0])
        raise typer.BadParameter(message)

    return {"parser": parse, "metavar": "[" + "|".join(values) + "]"}


class LocalisedUsage:
    """The usage line's "Usage:" in the current language (typer writes it in English)."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=ui("usage_prefix"))


class LocalisedCommand(LocalisedUsage, TyperCommand):
    """Every command's class: ``@app.command("plan", cls=LocalisedCommand)``."""


class GlobalOptionsGroup(LocalisedUsage, TyperGroup):
    """Global options may also follow the command (``dagpleje validate --quiet``): they are
    moved in front of it before parsing, so each is declared once, on the callback."""

    FLAGS = ("--quiet", "-q", "--debug")
    WITH_VALUE = ("--lang",)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # ctx: typer's click Context
        front: list[str] = []
        rest: list[str] = []
        items = iter(args)
        for arg in items:
            if arg == "--":
                rest.extend([arg, *items])
            elif arg in self.FLAGS or arg.startswith("--lang="):
                front.append(arg)
            elif arg in self.WITH_VALUE:
                front.extend([arg, *(v for v in [next(items, None)] if v is not None)])
            else:
                rest.append(arg)
        # the language is chosen before any help is built: --help is answered while parsing
        chosen = None
        for i, arg in enumerate(front):
            if arg.startswith("--lang="):
                chosen = arg.split("=", 1)[1]
            elif arg == "--lang" and i + 1 < len(front):
                chosen = front[i + 1]
        try:
            set_language(chosen)
        except UnknownLanguage as exc:  # --lang de, or DAGPLEJE_LANG=de: said in Danish
            localise_typer()
            choices = ", ".join(LANGUAGES)
            if chosen is None:
                message = ui("usage_bad_language", value=exc.value, choices=choices)
            else:
                wrong = ui("usage_bad_choice", value=exc.value, choices=choices)
                message = ui("usage_bad_value", option="--lang", message=wrong)
            raise usage_error(message, ctx) from None
        localise_typer()
        with localised_usage_errors():
            return super().parse_args(ctx, front + rest)

    def invoke(self, ctx: Any) -> Any:
        with localised_usage_errors():
            return super().invoke(ctx)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            tidy_help(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        tidy_help(self, ctx)
        super().format_help(ctx, formatter)


TYPER_STRINGS = {  # typer's rich help and error panel → the catalogue's key
    "ARGUMENTS_PANEL_TITLE": "typer_arguments",
    "OPTIONS_PANEL_TITLE": "typer_options",
    "COMMANDS_PANEL_TITLE": "typer_commands",
    "ERRORS_PANEL_TITLE": "typer_error",
    "RICH_HELP": "typer_try_help",
    "DEFAULT_STRING": "typer_default",
    "REQUIRED_LONG_STRING": "typer_required",
    "ABORTED_TEXT": "typer_aborted",
}


def localise_typer() -> None:
    """Typer's own words in the help and the error panel, in the current language (they are
    module settings of ``typer.rich_utils``, read when a help or an error is printed)."""
    from typer import rich_utils

    for name, key in TYPER_STRINGS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, ui(key))


def usage_error(message: str, ctx: Any) -> Exception:
    """Typer's usage error (exit 2, printed with the usage line and the try-help line)."""
    usage: type[Exception] = _usage_exceptions()[2]
    return usage(message, ctx)


@contextmanager
def localised_usage_errors() -> Iterator[None]:
    """A missing argument, an unknown option or a value that is not allowed, said in the
    current language (exit 2)."""
    MissingParameter, NoSuchOption, UsageError = _usage_exceptions()
    try:
        yield
    except MissingParameter as exc:
        param = exc.param
        if param is None:
            raise
        if param.param_type_name == "argument":
            message = ui("usage_missing_argument", name=param.name)
        else:
            message = ui("usage_missing_option", name="/".join(param.opts))
        raise UsageError(message, exc.ctx) from exc
    except NoSuchOption as exc:
        near = sorted(exc.possibilities or [])
        message = ui("usage_no_such_option", option=exc.option_name)
        if near:
            message += " " + ui("usage_near_option", near=", ".join(near))
        raise UsageError(message, exc.ctx) from exc
    except typer.BadParameter as exc:  # a value not allowed: ours (choice) or typer's own
        names = "/".join(exc.param.opts) if exc.param is not None else ""
        message = ui("usage_bad_value", option=names, message=exc.message)
        raise UsageError(message, exc.ctx) from exc


def _usage_exceptions() -> tuple[Any, Any, Any]:
    """Typer's click exceptions: typer carries its own click from 0.2x on; before that it
    used click itself."""
    try:
        from typer._click.exceptions import MissingParameter, NoSuchOption, UsageError
    except ImportError:  # pragma: no cover - older typer
        from click.exceptions import (  # type: ignore[import-not-found,no-redef]
            MissingParameter,
            NoSuchOption,
            UsageError,
        )
    return MissingParameter, NoSuchOption, UsageError


def reflow(text: str) -> str:
    """A docstring's paragraphs each on one line: typer's rich help keeps the line breaks of
    the source, which break sentences in the middle on a terminal of another width."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split("\n")) for p in paragraphs)


def tidy_help(command: Any, ctx: Any) -> None:
    """A command's help as people should see it: in the current language (the catalogue's
    ``HELP``), no ``<bool>`` after a flag (it takes no value), and paragraphs reflowed."""
    name = "main" if command is ctx.command and ctx.parent is None else command.name
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False):
            param.metavar = ""
        text = help_text(f"{name}.{param.name}", f"opt.{param.name}")
        if text is not None:
            param.help = text
    text = help_text(name) or command.help
    if text:
        command.help = reflow(text)


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options of this run."""

    quiet: bool = False
    debug: bool = False


_SETTINGS: ContextVar[Settings | None] = ContextVar("dagpleje_settings", default=None)


def settings() -> Settings:
    """This run's global options."""
    return _SETTINGS.get() or Settings()


def use_settings(chosen: Settings) -> None:
    """Set this run's global options (the callback does, before the command runs)."""
    _SETTINGS.set(chosen)


def guarded(fn: F) -> F:
    """A DagplejeError becomes its message and exit code (2, or 1 for a refusal); anything
    else is a bug: one line saying so, exit 70 (the traceback with --debug)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from dagplejecli.render.terminal import print_error, print_internal_error, stderr

        try:
            return fn(*args, **kwargs)
        except DagplejeError as exc:
            print_error(stderr(), exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if settings().debug:
                raise
            print_internal_error(stderr(), exc)
            raise typer.Exit(EXIT_INTERNAL) from None

    return wrapper  # type: ignore[return-value]
