"""The command line: parse options, call the steps, render, choose the exit code."""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from dagplejecli import __version__
from dagplejecli.errors import DagplejeError
from dagplejecli.i18n import set_language
from dagplejecli.messages import ui

app = typer.Typer(
    name="dagpleje",
    help=(
        "Dagplejere i områder, tjekket og klar til Dagtilbudsregisteret og Unilogin.\n\n"
        "Arbejdsgang: dagpleje init → plan → validate → export."
    ),
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


class _State:
    quiet = False
    debug = False


STATE = _State()

LangOpt = Annotated[
    str | None,
    typer.Option("--lang", help="Sprog for beskeder: da (standard) eller en. Også DAGPLEJE_LANG."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Vis kun fejl og resultat.")]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Vis tekniske detaljer ved uventede fejl.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="Konfigurationsfil (standard: dagpleje.toml i mappen)."),
]


def _apply(lang: str | None, quiet: bool, debug: bool) -> None:
    if lang is not None:
        set_language(lang)
    STATE.quiet = STATE.quiet or quiet
    STATE.debug = STATE.debug or debug


def guarded(fn: F) -> F:
    """Turn a DagplejeError into a clear message and exit code 2; never a traceback for users."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from dagplejecli.render.terminal import consoles, print_error

        _apply(kwargs.get("lang"), bool(kwargs.get("quiet")), bool(kwargs.get("debug")))
        try:
            return fn(*args, **kwargs)
        except DagplejeError as exc:
            print_error(consoles()[1], exc)
            raise typer.Exit(exc.exit_code) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except Exception as exc:
            if STATE.debug:
                raise
            consoles()[1].print(
                f"[bold red]{ui('error')}:[/] {ui('internal_error', kind=type(exc).__name__)}"
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dagpleje {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_callback(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Vis versionen.")
    ] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Dagplejere i områder, tjekket og klar til Dagtilbudsregisteret og Unilogin."""
    set_language(lang)
    STATE.quiet, STATE.debug = quiet, debug  # each run starts from the global options
    if ctx.invoked_subcommand is None:
        from dagplejecli.status import folder_status

        typer.echo(ui("workflow"))
        typer.echo()
        typer.echo(ui("status_title"))
        typer.echo(folder_status(Path.cwd()))
        typer.echo()
        typer.echo(ctx.get_help())


@app.command("init")
@guarded
def init_command(
    roster: Annotated[Path, typer.Argument(help="Rosteren: .xlsx, .xlsm, .xls, .ods eller .csv.")],
    kommune: Annotated[
        str | None,
        typer.Option("--kommune", "-k", help="Kommunekode eller navn, fx 751 eller Aarhus."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Hvor konfigurationen skrives.")] = Path(
        "dagpleje.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overskriv en eksisterende fil.")] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Lav en dagpleje.toml ud fra rosteren, klar til at blive udfyldt.

    Eksempel: [bold]dagpleje init roster.xlsx --kommune 751[/]

    Finder arkene, overskrifterne og en kolonne med en inddeling (fx Distrikt) og foreslår
    områder ud fra den. Det, kun kommunen ved (P-nummer, adresse, lovgrundlag), står som
    UDFYLD, som dagpleje validate peger på, indtil det er udfyldt.
    """
    from dagplejecli.config import RosterConfig
    from dagplejecli.files import write_bytes_atomic
    from dagplejecli.init import config_text, find_division
    from dagplejecli.kommuner import find_kommune
    from dagplejecli.render.terminal import consoles, print_init
    from dagplejecli.roster import read_roster

    if out.exists() and not force:
        raise DagplejeError("init_exists", where=str(out), hint="init_exists_hint", path=out)
    found = None
    if kommune is not None:
        found = find_kommune(kommune)
        if found is None:
            raise DagplejeError(
                "init_unknown_kommune", hint="init_unknown_kommune_hint", value=kommune
            )
    parsed, _ = read_roster(roster, RosterConfig(), light=True)
    division = find_division(parsed)
    write_bytes_atomic(out, config_text(parsed, found, division).encode("utf-8"), private=False)
    stdout, _ = consoles()
    if not STATE.quiet:
        print_init(stdout, parsed, found, division)
    stdout.print(ui("init_written", path=out), markup=False, soft_wrap=True)
    plan_args = f"{roster}" if out == Path("dagpleje.toml") else f"{roster} --config {out}"
    stdout.print(ui("init_next", path=out, roster=plan_args), markup=False, soft_wrap=True)


@app.command("plan")
@guarded
def plan_command(
    roster: Annotated[Path, typer.Argument(help="Rosteren: .xlsx, .xlsm, .xls, .ods eller .csv.")],
    config: ConfigOpt = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Hvor planen skrives.")] = Path(
        "dagpleje-plan.xlsx"
    ),
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Fordel dagplejerne i områder og skriv planen (dagpleje-plan.xlsx) til gennemsyn.

    Eksempel: [bold]dagpleje plan roster.xlsx[/]

    Afslutningskode 0: alle har et område. 1: nogen har intet område (planen skrives alligevel).
    2: kunne ikke køre (fx ulæselig fil eller konfiguration).
    """
    from dagplejecli.pipeline import plan_roster
    from dagplejecli.planfile import write_plan
    from dagplejecli.render.progress import steps_for
    from dagplejecli.render.terminal import consoles, print_plan, print_unassigned

    stdout, _ = consoles()
    with steps_for(roster, STATE.quiet, total=2) as steps:
        steps.step("step_grouping")
        planned = plan_roster(roster, config)
        steps.step("step_writing_plan")
        write_plan(out, planned.plan, planned.roster, planned.config, planned.counts)
    if not STATE.quiet:
        print_plan(stdout, planned.plan, planned.roster, planned.counts)
    missing = print_unassigned(stdout, planned.plan, planned.roster)
    stdout.print(ui("plan_written", path=out), markup=False, soft_wrap=True)
    if missing:
        stdout.print(ui("plan_next_unassigned"), markup=False, soft_wrap=True)
        raise typer.Exit(1)
    if not STATE.quiet:
        stdout.print(ui("plan_next_ok", path=out), markup=False, soft_wrap=True)


PlanOpt = Annotated[
    Path,
    typer.Option("--plan", "-p", help="Planen fra dagpleje plan (standard: dagpleje-plan.xlsx)."),
]


@app.command("validate")
@guarded
def validate_command(
    config: ConfigOpt = None,
    plan: PlanOpt = Path("dagpleje-plan.xlsx"),
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="text (standard) eller json (til programmer).")
    ] = "text",
    annotate: Annotated[
        Path | None,
        typer.Option("--annotate", help="Skriv en kopi af rosteren med markerede celler (.xlsx)."),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Advarsler tæller som fejl.")] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Tjek områder og data mod registrenes regler; alle fund på én gang.

    Eksempel: [bold]dagpleje validate[/]   eller   [bold]dagpleje validate --format json[/]

    Afslutningskode 0: ingen fejl (advarsler er tilladt, undtagen med --strict).
    1: der er fejl. 2: kunne ikke køre.
    """
    from dagplejecli.pipeline import validate_project
    from dagplejecli.render.progress import LARGE_PLAN_BYTES, steps_for
    from dagplejecli.render.report import print_report, report_json
    from dagplejecli.render.terminal import consoles

    if output_format not in ("text", "json"):
        raise DagplejeError("bad_format", value=output_format)
    if annotate is not None and annotate.suffix.lower() != ".xlsx":
        raise DagplejeError("annotate_suffix", where=str(annotate))
    stdout, _ = consoles()
    total = 3 if annotate is not None else 2
    with steps_for(plan, STATE.quiet, total, output_format == "json", LARGE_PLAN_BYTES) as steps:
        result = validate_project(
            config, plan, on_step=steps.step, keep_sheets=annotate is not None
        )
        if annotate is not None and result.planned.sheets is not None:
            from dagplejecli.render.annotate import write_annotated

            roster_path = result.planned.roster.path
            if annotate.resolve() == roster_path.resolve():
                raise DagplejeError("annotate_is_roster", where=str(annotate))
            steps.step("step_annotating")
            # the cells validate read: the roster is read once, and the marks fit what it read
            write_annotated(annotate, result.planned.sheets, result.findings)
    if output_format == "json":
        typer.echo(report_json(result.findings, result.stats(), strict))
    else:
        print_report(stdout, result.findings, result.planned.roster.path.name, strict, STATE.quiet)
        if annotate is not None:
            stdout.print(ui("annotated", path=annotate), markup=False, soft_wrap=True)
    if result.errors(strict):
        raise typer.Exit(1)


@app.command("explain")
@guarded
def explain_command(
    code: Annotated[
        str | None, typer.Argument(help="En kode, fx DP103. Uden kode: alle koder.")
    ] = None,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Forklar en kode fra validate: reglen, hvorfor den findes, og hvordan man retter.

    Eksempel: [bold]dagpleje explain DP103[/]
    """
    from dagplejecli.render.explain import print_code, print_codes
    from dagplejecli.render.terminal import consoles

    stdout, _ = consoles()
    if code is None:
        print_codes(stdout)
        return
    wanted = code.strip().upper()
    if not wanted.startswith("DP"):
        wanted = "DP" + wanted.zfill(3)
    print_code(stdout, wanted)


@app.command("export")
@guarded
def export_command(
    target: Annotated[
        str,
        typer.Option(
            "--target",
            "-t",
            help="dagtilbudsregisteret (eller dtr), eller unilogin.",
            show_default=False,
        ),
    ],
    config: ConfigOpt = None,
    plan: PlanOpt = Path("dagpleje-plan.xlsx"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Mappe til filerne.")] = Path("eksport"),
    source_datetime: Annotated[
        str | None,
        typer.Option(
            "--source-datetime",
            help="Unilogins sourceDateTime (standard: nu), fx 2026-11-27T08:00:00+01:00.",
        ),
    ] = None,
    xsd: Annotated[
        Path | None, typer.Option("--xsd", help="Tjek XML-filerne mod STIL's officielle XML-skema.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Vis hvad der ville ske; skriv intet.")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--ja", "--yes", "-y", help="Eksportér selvom et område mister mange brugere."
        ),
    ] = False,
    lang: LangOpt = None,
    quiet: QuietOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Skriv filerne til Dagtilbudsregisteret eller Unilogin — alle eller ingen.

    Eksempel: [bold]dagpleje export --target dagtilbudsregisteret[/]
    og senere [bold]dagpleje export --target unilogin --dry-run[/]

    Afvises (kode 1) når validate finder fejl, når et område mangler institutionsnummer
    (Unilogin), eller når et område ville miste mange brugere (uden --ja).
    """
    from dagplejecli.errors import Refused
    from dagplejecli.export.run import prepare
    from dagplejecli.files import commit_files
    from dagplejecli.render.exports import print_export
    from dagplejecli.render.progress import LARGE_PLAN_BYTES, steps_for
    from dagplejecli.render.terminal import consoles

    stdout, _ = consoles()
    total = 3 if dry_run else 4  # reading, checking, building (and writing)
    with steps_for(plan, STATE.quiet, total, large_bytes=LARGE_PLAN_BYTES) as steps:
        prepared = prepare(
            target.strip().lower(),
            config,
            plan,
            out,
            source_datetime,
            xsd,
            on_step=steps.step,
        )
        refuse = bool(prepared.refused_share) and not yes and not dry_run
        if not refuse and not dry_run:
            steps.step("step_writing")
            commit_files(out, prepared.files)
    if refuse:
        from dagplejecli.render.exports import print_changes

        print_changes(stdout, prepared)
        limit = prepared.validation.planned.config.config.regler.max_fjernet_procent
        areas = ", ".join(name for name, _ in prepared.refused_share)
        raise Refused(
            "export_too_many_removed",
            hint="export_too_many_removed_hint",
            areas=areas,
            limit=f"{limit:g}",
        )
    if not STATE.quiet or dry_run:
        print_export(stdout, prepared, dry_run)
    if dry_run and prepared.refused_share and not yes:
        areas = ", ".join(name for name, _ in prepared.refused_share)
        stdout.print(ui("dry_run_would_refuse", areas=areas), markup=False, soft_wrap=True)
    if not dry_run and not STATE.quiet:
        stdout.print(
            ui("next_dtr" if prepared.target == "dagtilbudsregisteret" else "next_unilogin"),
            markup=False,
        )


def main() -> None:
    """Console-script entry point."""
    # A command builds a few hundred thousand small records that form no cycles, so the cyclic
    # collector only costs time. Measured as whole processes, 10,000 dagplejere, median of 7:
    # plan 2.27 -> 1.88 s, validate 2.63 -> 2.07 s, export --target unilogin 4.91 -> 4.14 s
    # (16-21 % less), peak memory +1 MiB; 400 dagplejere: 5-7 % less.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - interactive only
        sys.exit(130)
