"""The library surface: one function per command, ``init``, ``plan``, ``validate``, ``export``.

Each reads, plans, checks and writes what its command writes, and returns what happened. None
prints or exits: a problem that stops the work is a ``DagplejeError`` (exit 2), a refusal a
``Refused`` (exit 1). ``on_step`` hears of each step as it begins (a message key), for a
progress bar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dagplejecli.errors import DagplejeError, Refused
from dagplejecli.export import Target
from dagplejecli.export.dtr import dtr_files, dtr_workbook_sheets, status
from dagplejecli.export.manifest import (
    MANIFEST_NAME,
    Changes,
    Manifest,
    all_member_hashes,
    compare,
    manifest_bytes,
    new_salt,
    parse_datetime,
    parse_manifest,
    unilogin_record,
)
from dagplejecli.export.unilogin import AreaMembers, members_by_area, unilogin_files
from dagplejecli.export.unilogin_check import check_documents
from dagplejecli.export.users import user_sheets
from dagplejecli.files import commit_files, write_bytes_atomic
from dagplejecli.formats.xlsx import workbook_bytes
from dagplejecli.init import Division, config_text, find_division
from dagplejecli.kommuner import Kommune, find_kommune
from dagplejecli.model import Roster
from dagplejecli.pipeline import Planned, Validation, no_step, plan_roster, validate_project
from dagplejecli.planfile import write_plan

Step = Callable[[str], None]


# ------------------------------------------------------------------------------------- init


@dataclass(slots=True)
class Initialised:
    path: Path
    roster: Roster
    kommune: Kommune | None
    division: Division | None


def init(roster_path: Path, kommune: str | None, out: Path, force: bool = False) -> Initialised:
    """Write a configuration proposed from the roster (areas from a division column, if any)."""
    from dagplejecli.config import RosterConfig
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
    roster, _ = read_roster(roster_path, RosterConfig(), light=True)
    division = find_division(roster)
    write_bytes_atomic(out, config_text(roster, found, division).encode("utf-8"), private=False)
    return Initialised(out, roster, found, division)


# ------------------------------------------------------------------------------------- plan


def plan(
    roster_path: Path, config_path: Path | None, out: Path, on_step: Step = no_step
) -> Planned:
    """Group the dagplejere into areas and write the plan workbook for review."""
    on_step("step_grouping")
    planned = plan_roster(roster_path, config_path)
    on_step("step_writing_plan")
    write_plan(out, planned.plan, planned.roster, planned.config, planned.counts)
    return planned


# --------------------------------------------------------------------------------- validate


def validate(
    config_path: Path | None,
    plan_path: Path,
    annotate: Path | None = None,
    on_step: Step = no_step,
) -> Validation:
    """Every finding on the plan made again from roster and configuration. With ``annotate``,
    the roster's cells are kept (``planned.sheets``) for an annotated copy."""
    if annotate is not None and annotate.suffix.lower() != ".xlsx":
        raise DagplejeError("annotate_suffix", where=str(annotate))
    result = validate_project(config_path, plan_path, on_step=on_step, keep_sheets=bool(annotate))
    if annotate is not None and annotate.resolve() == result.planned.roster.path.resolve():
        raise DagplejeError("annotate_is_roster", where=str(annotate))
    return result


# ----------------------------------------------------------------------------------- export


@dataclass(slots=True)
class PreparedExport:
    target: Target
    out_dir: Path
    files: dict[str, tuple[bytes, bool]]  # relative path → (content, holds personal data)
    validation: Validation
    members: list[AreaMembers]
    changes: Changes | None
    too_many_removed: list[tuple[str, float]]  # areas losing more than the allowed share
    written: bool = False


class TooManyRemoved(Refused):
    """An export that would remove more of an area's users than allowed, without ``--ja``."""

    def __init__(self, prepared: PreparedExport, limit: float) -> None:
        areas = ", ".join(name for name, _ in prepared.too_many_removed)
        super().__init__(
            "export_too_many_removed",
            hint="export_too_many_removed_hint",
            areas=areas,
            limit=f"{limit:g}",
        )
        self.prepared = prepared


def export(
    target: Target,
    config_path: Path | None,
    plan_path: Path,
    out_dir: Path,
    *,
    source_datetime: str | None = None,
    xsd: Path | None = None,
    dry_run: bool = False,
    allow_many_removed: bool = False,
    on_step: Step = no_step,
) -> PreparedExport:
    """Validate, build every file of the export and write them all or none.

    Refused (exit 1) when validate finds errors, when an area lacks its institution number
    (Unilogin), when ``source_datetime`` is not after the last export's, or when an area would
    lose more than ``[regler] max_fjernet_procent`` of its users (``TooManyRemoved``, unless
    ``allow_many_removed``). ``dry_run`` builds and compares but writes nothing and refuses
    nothing for the share removed."""
    prepared = _prepare(target, config_path, plan_path, out_dir, source_datetime, xsd, on_step)
    if prepared.too_many_removed and not allow_many_removed and not dry_run:
        config = prepared.validation.planned.config.config
        raise TooManyRemoved(prepared, config.regler.max_fjernet_procent)
    if not dry_run:
        on_step("step_writing")
        commit_files(out_dir, prepared.files)
        prepared.written = True
    return prepared


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


@dataclass(slots=True)
class _Build:
    """What every export's files are built from."""

    validation: Validation
    members: list[AreaMembers]
    out_dir: Path
    previous: Manifest | None
    salt: str
    stamp: dt.datetime
    source_datetime: str | None
    xsd: Path | None


def _prepare(
    target: Target,
    config_path: Path | None,
    plan_path: Path,
    out_dir: Path,
    source_datetime: str | None,
    xsd: Path | None,
    on_step: Step,
) -> PreparedExport:
    """Validate and build every file of the export (as bytes); nothing is written here."""
    target = ALIASES.get(target, target)
    validation = validate_project(config_path, plan_path, on_step=on_step)
    errors = validation.errors()
    if errors:
        codes = ", ".join(sorted({f.code for f in errors}))
        raise Refused(
            "export_refused_errors",
            hint="export_refused_errors_hint",
            count=len(errors),
            codes=codes,
        )
    on_step("step_building")
    planned = validation.planned
    members = members_by_area(planned.plan, planned.roster)
    previous = read_manifest(out_dir)
    salt = previous.salt if previous else new_salt()
    build = _Build(validation, members, out_dir, previous, salt, now(), source_datetime, xsd)
    return BUILDERS[target](build)


def _build_dtr(b: _Build) -> PreparedExport:
    """DTR: the Daginstitutioner and Anvisningsenheder as CSV and as one workbook."""
    config, areas = b.validation.planned.config.config, b.validation.planned.plan.areas
    files = {rel: (data, False) for rel, data in dtr_files(config, areas).items()}
    files["dtr/dtr-oprettelse.xlsx"] = (workbook_bytes(dtr_workbook_sheets(config, areas)), False)
    record = {
        "areas": {
            a.name: {"status": status(a.institution_number), "pnummer": a.p_number} for a in areas
        }
    }
    target = Target.DAGTILBUDSREGISTERET
    files[MANIFEST_NAME] = (manifest_bytes(b.previous, b.salt, target, record, b.stamp), True)
    return PreparedExport(target, b.out_dir, files, b.validation, b.members, None, [])


def _build_unilogin(b: _Build) -> PreparedExport:
    """Unilogin: one XML document per area, brugere.xlsx, and what changed since last time."""
    config, plan = b.validation.planned.config.config, b.validation.planned.plan
    missing = [a.name for a in plan.areas if not a.institution_number]
    if missing:
        raise Refused(
            "export_no_institution_number",
            hint="export_no_institution_number_hint",
            areas=", ".join(missing),
        )
    when = _source_datetime(b.source_datetime)
    last = b.previous.last_source_datetime() if b.previous else None
    if last is not None and when <= last:
        raise Refused(
            "export_old_datetime",
            hint="export_old_datetime_hint",
            when=when.isoformat(),
            last=last.isoformat(),
        )
    members = b.members
    documents = unilogin_files(config, members, when)
    # the published structure (DOMAIN.md §4), before anything is written: a failure is a bug
    check_documents(documents, config.unilogin.navnerum)
    files = {rel: (data, True) for rel, data in documents.items()}
    if b.xsd is not None:
        _check_xsd(b.xsd, files, config.unilogin.navnerum)
    hashes = all_member_hashes(b.salt, members)
    record = unilogin_record(members, hashes, when)
    changes = compare(b.previous, members, hashes)
    files["unilogin/brugere.xlsx"] = (workbook_bytes(user_sheets(members)), True)
    manifest = manifest_bytes(b.previous, b.salt, Target.UNILOGIN, record, b.stamp)
    files[MANIFEST_NAME] = (manifest, True)
    limit = config.regler.max_fjernet_procent / 100
    too_many = [
        (c.area, c.removed_share) for c in changes.areas if c.before and c.removed_share > limit
    ]
    return PreparedExport(
        Target.UNILOGIN, b.out_dir, files, b.validation, members, changes, too_many
    )


# Each target's builder; a new target needs one here (a test checks that every Target has one)
BUILDERS: dict[Target, Callable[[_Build], PreparedExport]] = {
    Target.DAGTILBUDSREGISTERET: _build_dtr,
    Target.UNILOGIN: _build_unilogin,
}
ALIASES = {Target.DTR: Target.DAGTILBUDSREGISTERET}


def read_manifest(out_dir: Path) -> Manifest | None:
    """The last export's manifest in ``out_dir``, or None before the first export."""
    path = out_dir / MANIFEST_NAME
    if not path.exists():
        return None
    try:
        return parse_manifest(path.read_text("utf-8"))
    except (OSError, ValueError):
        raise DagplejeError(
            "manifest_unreadable", where=str(path), hint="manifest_unreadable_hint"
        ) from None


def _source_datetime(text: str | None) -> dt.datetime:
    if text is None:
        return now()
    try:
        return parse_datetime(text)
    except ValueError:
        raise DagplejeError(
            "export_bad_datetime", value=text, hint="export_bad_datetime_hint"
        ) from None


def _check_xsd(xsd: Path, files: dict[str, tuple[bytes, bool]], namespace: str) -> None:
    from dagplejecli.export.xsd import validate_against

    problems = validate_against(xsd, {rel: data for rel, (data, _) in files.items()}, namespace)
    if problems:
        raise Refused(
            "export_xsd_invalid",
            hint="export_xsd_invalid_hint",
            details=problems,
            count=len(problems),
        )
