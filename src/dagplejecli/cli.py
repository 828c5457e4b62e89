"""The command line: parse options → the library (``api``) → render → exit code.

Every command first opens its project (``api.open_project``: an interrupted export finished or
undone); the callback opens the current folder's, a command given ``--config`` that one's too.
The defaults of paths are the project's (``Project.plan_path``, ``Project.export_path``).

Exit codes: 0 done; 1 findings, unassigned dagplejere or a refused export; 2 cannot run (bad
file, bad configuration, bad option); 70 a bug in dagpleje. Imports of the work are inside the
commands, so ``dagpleje --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from dagplejecli import __version__
from dagplejecli.cli_base import (
    GlobalOptionsGroup,
    LocalisedCommand,
    Settings,
    choice,
    guarded,
    positive_int,
    settings,
    use_settings,
    wants_json_errors,
)
from dagplejecli.errors import DagplejeError
from dagplejecli.export import Target
from dagplejecli.i18n import Lang, set_language
from dagplejecli.project import CONFIG_NAME, Project
from dagplejecli.render import OutputFormat


class Balance(StrEnum):
    """``init --efter``: what new areas are made equal in."""

    DAGPLEJERE = "dagplejere"
    BOERN = "boern"


# Every --help text (a command's, an option's) is the catalogue's (messages HELP), in the
# language chosen before the help is built (cli_base.GlobalOptionsGroup).
app = typer.Typer(
    name="dagpleje",
    cls=GlobalOptionsGroup,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dagpleje {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
@guarded
def main_callback(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", **choice(Lang)),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
    debug: Annotated[bool, typer.Option("--debug")] = False,
) -> None:
    set_language(lang.value if lang else None)
    # each run starts from its own global options
    use_settings(Settings(quiet, debug, json_errors=wants_json_errors(ctx)))
    from dagplejecli import api

    # every command, in the current folder's project first (its exports, its plan)
    here = api.open_project(None)
    if ctx.invoked_subcommand is None:
        from dagplejecli.render.terminal import print_overview, stdout

        overview = api.overview(here)
        print_overview(stdout(), overview.status, overview.export)
        help_text = ctx.get_help()  # typer's rich help prints itself and returns ""
        if help_text:
            typer.echo(help_text)


Opt = typer.Option
CONFIG = Path(CONFIG_NAME)
# One roster file, or several read as one (a booking system's list and the HR list)
RosterArg = Annotated[list[Path], typer.Argument(show_default=False)]
# plan's: without it, the roster the last plan was made from
PlanRosterArg = Annotated[list[Path] | None, typer.Argument(show_default=False)]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c"),
]
PlanOpt = Annotated[
    Path | None,
    typer.Option(
        "--plan",
        "-p",
    ),
]
DatoOpt = Annotated[str | None, typer.Option("--dato")]


# the days «in care» may be judged on: any a roster can mean, and room to count from them
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def day_of(text: str | None) -> dt.date | None:
    """``--dato ÅÅÅÅ-MM-DD``: the day on which «in care» is judged (None: today)."""
    if text is None:
        return None
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DagplejeError("bad_dato", value=text, hint="bad_dato_hint") from None
    if not FIRST_DAY <= day <= LAST_DAY:  # days are counted from it (a year ahead, at most)
        raise DagplejeError("bad_dato_range", value=text, first=FIRST_DAY.year, last=LAST_DAY.year)
    return day


def project_of(config: Path | None) -> Project:
    """The project of ``--config``, opened (the callback has opened the current folder's)."""
    from dagplejecli import api

    return api.open_project(config) if config is not None else Project.of(None)


@app.command("init", cls=LocalisedCommand)
@guarded
def init_command(
    roster: RosterArg,
    kommune: Annotated[
        str | None,
        typer.Option("--kommune", "-k"),
    ] = None,
    out: Annotated[Path, Opt("--out", "-o")] = CONFIG,
    force: Annotated[bool, typer.Option("--force", "--ja", "--yes", "-y")] = False,
    areas: Annotated[int | None, Opt("--omraader", **positive_int())] = None,
    max_dagplejere: Annotated[int | None, Opt("--max-dagplejere", **positive_int())] = None,
    balance: Annotated[Balance, Opt("--efter", **choice(Balance))] = Balance.DAGPLEJERE,
) -> None:
    from dagplejecli import api
    from dagplejecli.findings import Severity
    from dagplejecli.render.terminal import print_init, stdout

    by_children = balance is Balance.BOERN
    result = api.init(roster, kommune, out, force, areas, max_dagplejere, by_children)
    print_init(stdout(), result, roster, settings().quiet)
    # the configuration is written (the fix goes in it), but a roster read without its
    # children is not done
    raise typer.Exit(1 if any(f.severity is Severity.ERROR for f in result.sheets_left) else 0)


@app.command("plan", cls=LocalisedCommand)
@guarded
def plan_command(
    roster: PlanRosterArg = None,
    config: ConfigOpt = None,
    out: Annotated[
        Path | None,
        Opt("--out", "-o", "--plan", "-p"),  # --plan: the name validate and export give it
    ] = None,
    dato: DatoOpt = None,
) -> None:
    from dagplejecli import api
    from dagplejecli.findings import Severity
    from dagplejecli.render.progress import steps_for
    from dagplejecli.render.terminal import print_plan_result, print_planned_roster, stdout

    quiet = settings().quiet
    out = project_of(config).plan_path(out)
    day = day_of(dato)
    if not roster:  # the roster the plan was last made from, said so
        roster = api.planned_roster(config, out)
        if not quiet:
            print_planned_roster(stdout(), roster)
    with steps_for(roster[0], quiet, total=2) as steps:
        planned = api.plan(roster, config, out, on_step=steps.step, day=day)
    print_plan_result(stdout(), planned, out, quiet)
    left = any(f.severity is Severity.ERROR for f in planned.sheets_left())
    raise typer.Exit(1 if planned.unassigned() or planned.unlinked() or left else 0)


@app.command("validate", cls=LocalisedCommand)
@guarded
def validate_command(
    config: ConfigOpt = None,
    plan: PlanOpt = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", **choice(OutputFormat)),
    ] = OutputFormat.TEXT,
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate"),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
    dato: DatoOpt = None,
) -> None:
    from dagplejecli import api
    from dagplejecli.render.progress import LARGE_PLAN_BYTES, steps_for
    from dagplejecli.render.report import REPORTERS
    from dagplejecli.render.terminal import print_annotated, stdout

    quiet, machine = settings().quiet, output_format is OutputFormat.JSON
    plan = project_of(config).plan_path(plan)
    day = day_of(dato)
    total = 3 if annotate is not None else 2
    with steps_for(plan, quiet, total, machine, LARGE_PLAN_BYTES) as steps:
        result = api.validate(config, plan, annotate, on_step=steps.step, day=day)
    REPORTERS[output_format](stdout(), result, strict, quiet)
    if annotate is not None and not machine:
        print_annotated(stdout(), annotate)
    raise typer.Exit(1 if result.errors(strict) else 0)


@app.command("explain", cls=LocalisedCommand)
@guarded
def explain_command(
    code: Annotated[str | None, typer.Argument()] = None,
) -> None:
    from dagplejecli.render.explain import print_code, print_codes
    from dagplejecli.render.terminal import stdout

    if code is None:
        print_codes(stdout())
    else:
        print_code(stdout(), code)


@app.command("export", cls=LocalisedCommand)
@guarded
def export_command(
    target: Annotated[
        Target,
        typer.Option("--target", "-t", show_default=False, **choice(Target)),
    ],
    config: ConfigOpt = None,
    plan: PlanOpt = None,
    out: Annotated[
        Path | None,
        Opt(
            "--out",
            "-o",
        ),
    ] = None,
    source_datetime: Annotated[str | None, Opt("--source-datetime")] = None,
    xsd: Annotated[Path | None, Opt("--xsd")] = None,
    dry_run: Annotated[bool, Opt("--dry-run")] = False,
    yes: Annotated[bool, Opt("--ja", "--yes", "-y")] = False,
    omraade: Annotated[list[str] | None, Opt("--omraade")] = None,
    dato: DatoOpt = None,
) -> None:
    from dagplejecli import api
    from dagplejecli.render.exports import print_changes, print_export
    from dagplejecli.render.progress import LARGE_PLAN_BYTES, steps_for
    from dagplejecli.render.terminal import stdout

    quiet = settings().quiet
    project = project_of(config)
    plan, out = project.plan_path(plan), project.export_path(out)
    day = day_of(dato)
    total = 3 if dry_run else 4  # reading, checking, building (and writing)
    try:
        with steps_for(plan, quiet, total, large_bytes=LARGE_PLAN_BYTES) as steps:
            prepared = api.export(
                target,
                config,
                plan,
                out,
                source_datetime=source_datetime,
                xsd=xsd,
                dry_run=dry_run,
                allow_many_removed=yes,
                on_step=steps.step,
                areas=tuple(omraade or ()),
                day=day,
            )
    except api.TooManyRemoved as refusal:
        print_changes(stdout(), refusal.prepared)
        raise
    except KeyboardInterrupt:
        _interrupted_after_commit()
        raise
    try:
        print_export(stdout(), prepared, quiet, yes)
    except KeyboardInterrupt:
        _interrupted_after_commit()
        raise
    if dry_run and prepared.too_many_removed and not yes:
        raise typer.Exit(1)  # the real run would be refused: a script can tell


def _interrupted_after_commit() -> None:
    """Ctrl-C after the export's files were switched into place: the export is complete."""
    from dagplejecli import api
    from dagplejecli.render.exports import print_interrupted_after_commit
    from dagplejecli.render.terminal import stderr

    done = api.committed_folder()
    if done is not None:
        print_interrupted_after_commit(stderr(), done)


@app.command("afstem", cls=LocalisedCommand)
@guarded
def afstem_command(
    # a file or a folder, repeated; said as a path (not typer's "list[Path]")
    unilogin: Annotated[list[Path] | None, Opt("--unilogin", "-u", metavar="<path>")] = None,
    dtr: Annotated[list[Path] | None, Opt("--dtr", "-d", metavar="<path>")] = None,
    config: ConfigOpt = None,
    plan: PlanOpt = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", **choice(OutputFormat)),
    ] = OutputFormat.TEXT,
    rapport: Annotated[Path | None, Opt("--rapport", "-r")] = None,
    strict: Annotated[bool, typer.Option("--strict")] = False,
) -> None:
    from dagplejecli import api
    from dagplejecli.render.afstem import AFSTEM_REPORTERS
    from dagplejecli.render.progress import LARGE_PLAN_BYTES, steps_for
    from dagplejecli.render.terminal import stdout

    quiet, machine = settings().quiet, output_format is OutputFormat.JSON
    plan = project_of(config).plan_path(plan)
    with steps_for(plan, quiet, 2, machine, LARGE_PLAN_BYTES) as steps:
        done = api.afstem(config, plan, unilogin or [], dtr or [], rapport, on_step=steps.step)
    AFSTEM_REPORTERS[output_format](stdout(), done, strict, quiet)
    raise typer.Exit(1 if done.result.errors(strict) else 0)


def main() -> None:
    # the console's code page is made safe in GlobalOptionsGroup.main
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)
