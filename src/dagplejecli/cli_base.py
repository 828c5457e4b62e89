"""What every command shares: the global options (``--lang``, ``--quiet``, ``--debug``),
declared once on the callback and accepted before or after the command, and the guard that
turns errors into messages and exit codes."""

from __future__ import annotations

import codecs
import difflib
import functools
import inspect
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

import typer

from dagplejecli import typer_internals
from dagplejecli.errors import EXIT_INTERNAL, DagplejeError, take_notices
from dagplejecli.i18n import LANGUAGES, Lang, UnknownLanguage, set_language
from dagplejecli.messages import help_text, ui
from dagplejecli.typer_internals import TyperCommand, TyperGroup, display_type

F = TypeVar("F", bound=Callable[..., Any])
E = TypeVar("E", bound=StrEnum)

NEAR_CUTOFF = 0.5  # "dk" is near "da": a two-letter value has one letter in common


def _shown(value: object) -> str:
    """A value from the command line as it may be shown: control characters escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value))


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
        near = difflib.get_close_matches(str(value).casefold(), values, n=1, cutoff=NEAR_CUTOFF)
        message = ui("usage_bad_choice", value=_shown(value), choices=", ".join(values))
        if near:
            message += " " + ui("usage_near_option", near=near[0])
        raise typer.BadParameter(message)

    return {"parser": parse, "metavar": "[" + "|".join(values) + "]"}


def positive_int() -> dict[str, Any]:
    """A whole number of 1 or more, refused in the current language:
    ``typer.Option("--omraader", **positive_int())``."""

    def parse(value: str | int) -> int:
        if isinstance(value, int):
            return value
        text = str(value).strip()
        if not (text.isascii() and text.isdigit() and int(text) >= 1):
            raise typer.BadParameter(ui("usage_not_positive_int", value=_shown(value)))
        return int(text)

    return {"parser": parse, "metavar": "<int>"}


# The metavars typer shows for a value (its type, or ours above) → the catalogue's word
METAVARS = {
    "<path>": "metavar_path",
    "<list[Path]>": "metavar_paths",  # one or more files (the roster)
    "<str>": "metavar_text",
    "<int>": "metavar_number",
    "<int range>": "metavar_number",
}


_ARGUMENT = re.compile(r"\{(\w+)\}|\[(\w+)\]")


def _argument(piece: str) -> str:
    """An argument's usage piece as the README writes it: ``{roster}...`` (required) as
    ``ROSTER...``, ``[roster]...`` (optional) as ``[ROSTER]...``."""
    return _ARGUMENT.sub(
        lambda m: m.group(1).upper() if m.group(1) else f"[{m.group(2).upper()}]", piece
    )


class LocalisedUsage:
    """The usage line in the current language: "Usage:", "[OPTIONS]" and "COMMAND [ARGS]..."
    (typer writes them in English)."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        words = {
            getattr(self, "options_metavar", None): ui("usage_options"),
            getattr(self, "subcommand_metavar", None): ui("usage_command"),
        }
        # an argument as the README writes it: ROSTER..., [ROSTER]... (typer: {roster}...)
        pieces = [words.get(p, _argument(p)) for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=ui("usage_prefix"))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        localise_typer()  # typer's panel words, set only when help is printed
        super().format_help(ctx, formatter)  # type: ignore[misc]


class LocalisedCommand(LocalisedUsage, TyperCommand):
    """Every command's class: ``@app.command("plan", cls=LocalisedCommand)``. Arguments
    left over are refused in the current language."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # typer would refuse extra arguments in English
        try:
            with localised_usage_errors(ctx):  # said with this command's usage line
                rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if ctx.args and not allowed and not ctx.resilient_parsing:
            extra = " ".join(_shown(a) for a in ctx.args)
            raise usage_error(ui("usage_extra_arguments", args=extra), ctx)
        return rest


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
            # --lang as its option parses it (the same refusal, with a near match)
            set_language(None if chosen is None else choice(Lang)["parser"](chosen).value)
        except typer.BadParameter as exc:  # --lang de: said in Danish
            localise_typer()
            message = ui("usage_bad_value", option="--lang", message=exc.message)
            raise usage_error(message, ctx) from None
        except UnknownLanguage as exc:  # DAGPLEJE_LANG=de: said in Danish
            localise_typer()
            if "--version" not in front + rest:  # the version is said whatever the language
                choices = ", ".join(LANGUAGES)
                message = ui("usage_bad_language", value=_shown(exc.value), choices=choices)
                raise usage_error(message, ctx) from None
        # typer's panel words are set when typer is about to print (help, a usage error): its
        # rich_utils costs a fifth of a second to import, which a command that runs never needs
        with localised_usage_errors():
            return super().parse_args(ctx, front + rest)

    def invoke(self, ctx: Any) -> Any:
        with localised_usage_errors():
            return super().invoke(ctx)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        survive_console_encoding()  # before anything, --help included, is printed
        return super().main(*args, **kwargs)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        unknown = not name.startswith("-") and self.get_command(ctx, name) is None
        if unknown and not ctx.resilient_parsing:  # typer would say it in English
            known = self.list_commands(ctx)
            near = difflib.get_close_matches(name, known, n=1, cutoff=NEAR_CUTOFF)
            message = ui("usage_no_such_command", name=_shown(name), known=", ".join(known))
            if near:
                message += " " + ui("usage_near_option", near=near[0])
            raise usage_error(message, ctx)
        resolved = super().resolve_command(ctx, args)
        ctx.meta["dagpleje_command_args"] = list(resolved[2])  # for wants_json_errors
        return resolved

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is not None:
            tidy_help(command, ctx)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        tidy_help(self, ctx)
        super().format_help(ctx, formatter)


def localise_typer() -> None:
    """Typer's own words in the help and the error panel, in the current language."""
    for name, key in typer_internals.RICH_UTILS_TEXTS.items():
        typer_internals.set_rich_text(name, emphasis(ui(key), "blue"))


_BACKTICKS = re.compile(r"`([^`]*)`")


def emphasis(text: str, style: str) -> str:
    """A catalogue text as typer's rich help prints it: the words between backticks in
    ``style`` (the catalogue holds no markup)."""
    return _BACKTICKS.sub(lambda m: f"[{style}]{m.group(1)}[/]", text)


def usage_error(message: str, ctx: Any) -> Exception:
    """Typer's usage error (exit 2, printed with the usage line and the try-help line, in
    the current language)."""
    localise_typer()
    return typer_internals.UsageError(message, ctx)


@contextmanager
def localised_usage_errors(command_ctx: Any = None) -> Iterator[None]:
    """A missing argument, an unknown option, an option without its value or a value that is
    not allowed, said in the current language (exit 2), with the usage line of the error's
    context (typer's parser raises some without one), else of ``command_ctx``."""
    MissingParameter = typer_internals.MissingParameter
    NoSuchOption = typer_internals.NoSuchOption
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
        raise usage_error(message, exc.ctx or command_ctx) from exc
    except NoSuchOption as exc:
        near = sorted(exc.possibilities or [])
        message = ui("usage_no_such_option", option=exc.option_name)
        if near:
            message += " " + ui("usage_near_option", near=", ".join(near))
        raise usage_error(message, exc.ctx or command_ctx) from exc
    except typer_internals.BadOptionUsage as exc:  # "--format" last, or "--force=yes"
        option = _shown(exc.option_name)
        no_value = typer_internals.takes_no_value(exc)
        key = "usage_option_takes_no_value" if no_value else "usage_option_needs_value"
        raise usage_error(ui(key, option=option), exc.ctx or command_ctx) from exc
    except typer_internals.BadArgumentUsage as exc:
        raise usage_error(ui("usage_bad_arguments"), exc.ctx or command_ctx) from exc
    except typer.BadParameter as exc:  # a value not allowed: ours (choice) or typer's own
        names = "/".join(exc.param.opts) if exc.param is not None else ""
        message = ui("usage_bad_value", option=names, message=exc.message)
        raise usage_error(message, exc.ctx or command_ctx) from exc
    except typer_internals.ClickException:  # any other that typer prints: in its panel
        localise_typer()
        raise


def reflow(text: str) -> str:
    """A docstring's paragraphs each on one line: typer's rich help keeps the line breaks of
    the source, which break sentences in the middle on a terminal of another width."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(p if p.startswith("\b") else " ".join(p.split("\n")) for p in paragraphs)


def tidy_help(command: Any, ctx: Any) -> None:
    """A command's help as people should see it: in the current language (the catalogue's
    ``HELP``, the metavars ``<sti>``, ``<tekst>``, ``<tal>``), no ``<bool>`` after a flag (it
    takes no value), and paragraphs reflowed."""
    name = "main" if command is ctx.command and ctx.parent is None else command.name
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False):
            param.metavar = ""
        else:
            _localise_metavar(param, ctx)
        text = help_text(f"{name}.{param.name}", f"opt.{param.name}")
        if text is not None:
            param.help = emphasis(text, "bold")
    text = help_text(name)
    text = emphasis(text, "bold") if text is not None else command.help
    if text:
        command.help = reflow(text)


def _localise_metavar(param: Any, ctx: Any) -> None:
    """An option's or argument's value type (typer's ``<path>``, ``<str>``, ``<int>``) in the
    current language. The English metavar is kept on the param, as help may be built again
    in another language in the same process; a typer that shows no value type keeps its
    own words."""
    if "_dagpleje_metavar" not in vars(param):
        shown = param.metavar if param.metavar is not None else display_type(param, ctx)
        param._dagpleje_metavar = shown
    key = METAVARS.get(param._dagpleje_metavar)
    if key is None:
        return
    if getattr(param, "param_type_name", "") == "argument":  # its metavar is its name
        typer_internals.show_display_type(param, ui(key))
    else:
        param.metavar = ui(key)


@dataclass(frozen=True, slots=True)
class Settings:
    """The global options of this run."""

    quiet: bool = False
    debug: bool = False
    json_errors: bool = False  # validate --format json: an error is a JSON object on stdout


_SETTINGS: ContextVar[Settings | None] = ContextVar("dagpleje_settings", default=None)


def settings() -> Settings:
    """This run's global options."""
    return _SETTINGS.get() or Settings()


def use_settings(chosen: Settings) -> None:
    """Set this run's global options (the callback does, before the command runs)."""
    _SETTINGS.set(chosen)


# What a console that cannot show a character gets instead (Windows gives a redirected or piped
# stream the console's code page, cp1252 or cp850): plain ASCII, so it fits every code page.
_PLAIN = {
    "→": "->",
    "←": "<-",
    "…": "...",
    "–": "-",
    "—": "-",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "•": "*",
    "·": "*",
    "✓": "v",
    "✗": "x",
    "≥": ">=",
    "≤": "<=",
    "×": "x",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ø": "Oe",
    "ø": "oe",
    "Æ": "AE",
    "æ": "ae",
    "Å": "AA",
    "å": "aa",
    "ß": "ss",
    "\u2588": "#",  # a full block: the plan's bars
}
CONSOLE_ERRORS = "dagpleje-plain"


def plain(char: str) -> str:
    """``char`` as plain ASCII for a console that cannot show it: a sign's usual spelling
    (→ as ->), a letter without its accent (Ş as S), else ``?``."""
    if char in _PLAIN:
        return _PLAIN[char]
    if "\u2500" <= char <= "\u257f":  # box drawing: rich draws ASCII boxes itself
        return "-" if "HORIZONTAL" in unicodedata.name(char, "") else "|"
    if "\u2580" <= char <= "\u259f":  # the blocks of a bar's last eighths
        return ""
    if "\u2400" <= char <= "\u2426":  # a control character shown as its picture
        return "?"
    bare = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return bare or "?"


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(plain(c) for c in exc.object[exc.start : exc.end]), exc.end


codecs.register_error(CONSOLE_ERRORS, _degrade)


def survive_console_encoding() -> None:
    """Text on stdout and stderr never fails on a character the console cannot encode: the
    character is written in plain letters instead (a name «Łucja Şahin» as «Lucja Sahin» on a
    cp1252 console; a file or ``--format json`` is written as UTF-8 whatever the console)."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors=CONSOLE_ERRORS)
        elif isinstance(stream, io.TextIOWrapper) and stream.errors == "backslashreplace":
            stream.reconfigure(errors=CONSOLE_ERRORS)  # stderr: «→» rather than «\u2192»


def wants_json_errors(ctx: typer.Context) -> bool:
    """Whether the command about to run is ``validate`` or ``afstem`` with ``--format json``,
    as its own parser reads its arguments (the callback runs before it, and can already fail)."""
    name = ctx.invoked_subcommand
    group = ctx.command
    if name not in ("validate", "afstem") or not isinstance(group, TyperGroup):
        return False
    command = group.get_command(ctx, name)
    if command is None:
        return False
    args = list(ctx.meta.get("dagpleje_command_args", []))
    try:
        with command.make_context(name, args, parent=ctx, resilient_parsing=True) as sub:
            return str(sub.params.get("output_format") or "") == "json"
    except Exception:
        return False


def guarded(fn: F) -> F:
    """A DagplejeError becomes its message and exit code (2, or 1 for a refusal); anything
    else is a bug: one line saying so, exit 70 (the traceback with --debug)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from dagplejecli.render.terminal import (
            print_error,
            print_internal_error,
            print_notices,
            stderr,
        )

        try:
            return fn(*args, **kwargs)
        except DagplejeError as exc:
            print_error(stderr(), exc)
            if settings().json_errors:
                from dagplejecli.render.report import error_json
                from dagplejecli.render.terminal import stdout

                stdout().file.write(error_json(exc) + "\n")
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if settings().debug:
                raise
            print_internal_error(stderr(), exc)
            raise typer.Exit(EXIT_INTERNAL) from None
        finally:
            print_notices(stderr(), take_notices())

    return wrapper  # type: ignore[return-value]
