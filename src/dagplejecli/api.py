"""The library: ``open_project``, then one function per command, ``init``, ``plan``,
``validate``, ``export``, ``afstem``.

``open_project`` first: it finishes or undoes an export a kill interrupted in the project and
removes the temporary files a killed run left (they hold personal data). Each command's function
then reads, plans, checks and writes what its command writes, and returns what happened; where a
path is not given, the project's own is used (``Project``: the plan and ``eksport/`` beside the
configuration). None prints or exits: a problem that stops the work is a ``DagplejeError``
(exit 2), a refusal a ``Refused`` (exit 1). ``on_step`` hears of each step as it begins (a
message key), for a progress bar.

    from pathlib import Path
    from dagplejecli import api

    project = api.open_project(Path("dagpleje.toml"))
    api.plan([Path("dagplejere.xlsx")], project.config)
    result = api.validate(project.config)
    errors = result.errors()
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dagplejecli.afstem.result import Reconciliation
from dagplejecli.care import LeftOut
from dagplejecli.domain.values import comparable_text
from dagplejecli.errors import DagplejeError, Refused
from dagplejecli.export import Target
from dagplejecli.export.diff import Changes, compare, identity_changes
from dagplejecli.export.dtr import dtr_files, dtr_workbook_sheets, status
from dagplejecli.export.manifest import (
    MANIFEST_NAME,
    Manifest,
    all_member_hashes,
    area_key,
    child_hasher,
    file_digests,
    former_people,
    manifest_bytes,
    merge_unilogin_record,
    parse_datetime,
    person_records,
    unilogin_record,
)
from dagplejecli.export.unilogin import AreaMembers, members_by_area, unilogin_files
from dagplejecli.export.unilogin_check import check_documents
from dagplejecli.export.users import user_sheets
from dagplejecli.files import (
    COMMITTED,
    commit_files,
    export_lock,
    inside_folder,
    recover,
    recover_remembered,
    remember_folder,
    remove_stale_temporaries,
    write_bytes_atomic,
)
from dagplejecli.findings import Finding
from dagplejecli.formats.sheets import RawSheet, read_roster_sheets
from dagplejecli.formats.xlsx import workbook_bytes
from dagplejecli.init import Division, config_text, find_division
from dagplejecli.kommuner import Kommune, find_kommune, near_kommune
from dagplejecli.model import Area, Roster
from dagplejecli.outputs import check_output, not_an_input
from dagplejecli.pipeline import (
    Planned,
    Validation,
    as_paths,
    no_step,
    plan_roster,
    validate_project,
)
from dagplejecli.planfile import read_plan, refuse_other_config, same_file, write_plan
from dagplejecli.project import Project
from dagplejecli.proposal import CannotPropose, Proposal, propose
from dagplejecli.roster.unused import LAYOUT_CODES
from dagplejecli.wording import Said

Step = Callable[[str], None]

STALE_SECONDS = 120.0  # a temporary file untouched this long belongs to a killed run


# ------------------------------------------------------------------------------ the project


def open_project(config_path: Path | None = None) -> Project:
    """The project of ``config_path`` (default: ``dagpleje.toml`` in the current folder),
    ready to work in: an export a kill interrupted in its export folder, or in any folder it
    exported to with ``--out``, is finished or undone, and the staging, backup and temporary
    files a killed run left there and beside the plan are removed (they hold personal data).

    Call it before the other functions; the command line does, for every command. The
    configuration need not exist yet (``init`` writes it)."""
    project = Project.of(config_path)
    recover(project.export_dir)
    recover_remembered(project.folder)
    remove_stale_temporaries(project.plan, older_than=STALE_SECONDS)
    return project


@dataclass(frozen=True, slots=True)
class Overview:
    """Where a project stands (plain ``dagpleje``): the workflow's next step (a line each, a
    warning first when others can read its folder), and whether its export folder matches
    its manifest; raw words (``wording.Said``), said where they are shown."""

    status: tuple[Said, ...]
    export: Said | None


def overview(project: Project) -> Overview:
    """Where ``project`` stands: configuration, plan, last export, the next step; a warning
    when others can read its folder; whether its export folder matches its manifest."""
    from dagplejecli.status import export_status, exposed_folder, folder_status

    status = folder_status(project.folder)
    exposed = exposed_folder(project.folder)
    if exposed is not None:
        status = (*status, exposed)
    return Overview(status, export_status(project.export_dir))


def committed_folder() -> Path | None:
    """The export folder this process last switched a complete set into, if any (an
    interruption after that must say the export is done)."""
    return COMMITTED[-1] if COMMITTED else None


# ------------------------------------------------------------------------------------- init


@dataclass(slots=True)
class Initialised:
    path: Path
    roster: Roster
    kommune: Kommune | None
    division: Division | None
    proposal: Proposal | None = None
    sheets_left: list[Finding] = field(default_factory=list)  # DP248, DP249: said, not dropped
    written: bool = True  # False: a configuration was there, read with its [roster], kept
    # the dagplejere's column the children's references match, written as their id
    id_column: str | None = None
    # the written [roster] reads the roster otherwise than init did: (init's, the file's)
    # numbers of dagplejere, children and contact persons (the file's None: not at all)
    rereads: tuple[tuple[int, int, int], tuple[int, int, int] | None] | None = None
    # why the configuration's [roster] could not read the roster (--ja then read it from
    # scratch and wrote what it found in place of its sheets and columns): never in silence
    replaced: DagplejeError | None = None


# The [roster] keys that say where the roster's values are (init writes them anew), not what
# they mean (tom_myndighed, relationer … stay the municipality's decisions), as unset
UNMAPPED: dict[str, object] = {
    "ark": None,
    "boern_ark": None,
    "kontakt_ark": None,
    "kolonner": {},
    "boern_kolonner": {},
    "kontakt_kolonner": {},
    "lang_form": None,
    "overskriftsraekke": None,
    "henvisning": None,
    "ignorer_ark": [],
    "ignorer_kolonner": [],
}


def roster_inputs(paths: Path | Sequence[Path]) -> dict[str, Path | None]:
    """The roster's files as inputs no output may replace (``outputs.not_an_input``)."""
    return {f"roster#{n}": p for n, p in enumerate(as_paths(paths))}


def init(
    roster_paths: Path | Sequence[Path],
    kommune: str | None = None,
    out: Path | None = None,
    force: bool = False,
    areas: int | None = None,
    max_dagplejere: int | None = None,
    by_children: bool = False,
) -> Initialised:
    """Write a configuration proposed from the roster: areas from a division column if it has
    one, or, with ``areas`` / ``max_dagplejere``, new areas from whole postnumre. ``out``:
    default ``dagpleje.toml`` in the current folder."""
    from dagplejecli.config import RosterConfig, load_config, roster_decisions
    from dagplejecli.roster import read_roster

    here = Project.of(None)
    out = here.config if out is None else out
    inputs = roster_inputs(roster_paths)
    check_output("--out", out, {**inputs, "plan": here.plan})
    if areas is not None and max_dagplejere is not None:
        raise DagplejeError("propose_both", hint="propose_both_hint")
    if by_children and areas is None and max_dagplejere is None:
        raise DagplejeError("propose_by_alone", hint="propose_both_hint")
    kept = None  # the [roster] of a configuration that is there: the roster is read by it
    kept_kommune = None  # … and its municipality, when --kommune does not name one
    if out.exists():
        try:
            there = load_config(out).config
            kept, kept_kommune = there.roster, str(there.kommune.kode)
        except DagplejeError:
            # a file of only [roster], as a message asked: read by it (and completed with --ja)
            kept = roster_decisions(out)
            if kept is None and not force:  # not one dagpleje can read: never overwritten unasked
                raise DagplejeError(
                    "init_exists", where=str(out), hint="init_exists_hint", path=out
                ) from None
    found = None
    if kommune is None and kept_kommune is not None and find_kommune(kept_kommune):
        kommune = kept_kommune  # the configuration's, shown, and kept when it is replaced
    if kommune is not None:
        found = find_kommune(kommune)
        if found is None:
            near = near_kommune(kommune)
            raise DagplejeError(
                "init_unknown_kommune",
                hint="init_near_kommune_hint" if near else "init_unknown_kommune_hint",
                value=kommune,
                near=near,
            )
    paths = as_paths(roster_paths)
    sheets = read_roster_sheets(paths)  # read once: init reads them again by what it writes
    replaced = None
    try:
        roster, reading = read_roster(
            paths, kept or RosterConfig(), sheets, light=True, join_alike=True
        )
    except DagplejeError as by_kept:
        if kept is None or not force:
            raise
        # replacing a configuration whose sheets or columns this roster does not have: read
        # from scratch, keeping only its decisions (custody, relations, statuses, guests)
        kept = kept.model_copy(update=UNMAPPED)
        try:
            roster, reading = read_roster(paths, kept, sheets, light=True, join_alike=True)
        except DagplejeError:
            # not read from scratch either: what stops the mapping the user wrote is the
            # error to fix (a message that asked for the mapping would ask for it again)
            raise by_kept from None
        replaced = by_kept
    # the dagplejer column the children's references match, when no header said it was the id
    id_column = next(
        (str(f.params["column"]) for f in reading if f.code == "DP241" and f.params["column"]),
        None,
    )
    division = find_division(roster)
    proposal = None
    if areas is not None or max_dagplejere is not None:
        proposal = _propose(roster, areas, max_dagplejere, by_children)
    left = [f for f in reading if f.code in LAYOUT_CODES]
    if kept is not None and not force:
        # a configuration is there: read by its [roster], shown, and kept as it is
        return Initialised(out, roster, found, division, proposal, left, False, id_column)
    text = config_text(roster, found, division, proposal, id_column, kept)
    write_bytes_atomic(out, text.encode("utf-8"), private=False)
    rereads = _reads_otherwise(paths, sheets, text, roster)
    return Initialised(
        out,
        roster,
        found,
        division,
        proposal,
        left,
        id_column=id_column,
        rereads=rereads,
        replaced=replaced,
    )


def _counted(roster: Roster) -> tuple[int, int, int]:
    contacts = sum(len(c.contacts) for c in roster.children)
    return len(roster.dagplejere), len(roster.children), contacts


def _reads_otherwise(
    paths: list[Path], sheets: list[RawSheet], text: str, roster: Roster
) -> tuple[tuple[int, int, int], tuple[int, int, int] | None] | None:
    """init's own check: the [roster] it wrote reads the roster as init did (the same
    dagplejere, children and contact persons); else both counts, for a warning. A file that
    read otherwise would make plan see another roster than init showed."""
    import tomllib

    from dagplejecli.config import RosterConfig
    from dagplejecli.roster import read_roster

    try:
        written = RosterConfig.model_validate(tomllib.loads(text).get("roster", {}))
        again: tuple[int, int, int] | None = _counted(
            read_roster(paths, written, sheets, light=True)[0]
        )
    except (DagplejeError, ValueError):
        again = None
    return None if again == _counted(roster) else (_counted(roster), again)


def _propose(
    roster: Roster, areas: int | None, max_dagplejere: int | None, by_children: bool
) -> Proposal:
    from dagplejecli.init import postnr_column

    where = roster.path.name
    if postnr_column(roster) is None:
        raise DagplejeError("propose_no_postnr_column", where=where, hint="propose_hint")
    try:
        return propose(roster, areas, max_dagplejere, by_children)
    except CannotPropose as exc:
        raise DagplejeError(
            exc.key, where=where, hint="propose_hint", details=None, **exc.params
        ) from None


# ------------------------------------------------------------------------------------- plan


def plan(
    roster_paths: Path | Sequence[Path],
    config_path: Path | None = None,
    out: Path | None = None,
    on_step: Step = no_step,
    day: dt.date | None = None,
) -> Planned:
    """Group the dagplejere in care on ``day`` (default today) into areas and write the plan
    workbook for review to ``out`` (default: the project's plan)."""
    out = Project.of(config_path).plan_path(out)
    inputs = roster_inputs(roster_paths)
    check_output("--out", out, {**inputs, "config": Project.of(config_path).config})
    if out.suffix.lower() != ".xlsx":
        raise DagplejeError("plan_out_suffix", where=str(out), path=out)
    on_step("step_grouping")
    planned = plan_roster(roster_paths, config_path, day)
    on_step("step_writing_plan")
    day = planned.care.day if planned.care else None
    write_plan(out, planned.plan, planned.roster, planned.config, planned.counts, day)
    return planned


def planned_roster(config_path: Path | None = None, plan_path: Path | None = None) -> list[Path]:
    """The roster files the plan (default: the project's) was made from, for a ``plan`` run
    without any: the same files again. Without a plan, the user is asked to name them."""
    project = Project.of(config_path)
    plan_path = project.plan_path(plan_path)
    if not plan_path.exists():
        raise DagplejeError("plan_roster_missing", hint="plan_roster_missing_hint")
    saved = read_plan(plan_path)
    refuse_other_config(saved, project.config)
    return saved.roster_paths


# --------------------------------------------------------------------------------- validate


def validate(
    config_path: Path | None = None,
    plan_path: Path | None = None,
    annotate: Path | None = None,
    on_step: Step = no_step,
    day: dt.date | None = None,
) -> Validation:
    """Every finding on the plan (default: the project's) made again from roster and
    configuration. With ``annotate``, a copy of the roster with each finding's cells marked
    is written there (``.xlsx``; the roster's cells as validate read them, CPR numbers
    masked)."""
    project = Project.of(config_path)
    config, plan_path = project.config, project.plan_path(plan_path)
    if annotate is not None:
        if annotate.suffix.lower() != ".xlsx":
            raise DagplejeError("annotate_suffix", where=str(annotate))
        check_output("--annotate", annotate, {"config": config, "plan": plan_path})
    result = validate_project(
        config_path, plan_path, day, on_step=on_step, keep_sheets=bool(annotate)
    )
    if annotate is not None and result.planned.sheets is not None:
        from dagplejecli.annotate import write_annotated  # openpyxl: only when needed

        files = roster_inputs([f.path for f in result.planned.roster.files])
        check_output("--annotate", annotate, files)
        on_step("step_annotating")
        # the cells validate read: the roster is read once, and the marks fit what it read
        write_annotated(annotate, result.planned.sheets, result.findings)
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
    identity: list[Finding] = field(default_factory=list)  # people Unilogin will take as others
    written: bool = False
    # files of the last export that stay as they are (the areas not chosen with --omraade)
    kept: frozenset[str] = frozenset()
    # children the last export held whose period has ended: why they leave (the change table)
    ended: list[LeftOut] = field(default_factory=list)


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
    config_path: Path | None = None,
    plan_path: Path | None = None,
    out_dir: Path | None = None,
    *,
    source_datetime: str | None = None,
    xsd: Path | None = None,
    dry_run: bool = False,
    allow_many_removed: bool = False,
    on_step: Step = no_step,
    areas: tuple[str, ...] = (),
    day: dt.date | None = None,
) -> PreparedExport:
    """Validate, build every file of the export and write them all or none.

    Refused (exit 1) when validate finds errors, when an area lacks its institution number
    (Unilogin), when ``source_datetime`` is not after the last export's, or when an area would
    lose more than ``[regler] max_fjernet_procent`` of its users (``TooManyRemoved``, unless
    ``allow_many_removed``). ``dry_run`` builds and compares but writes nothing and refuses
    nothing for the share removed. ``areas`` (``--omraade``: names or institution numbers)
    exports just those areas' Unilogin documents; the others' last documents stay. The plan
    and the export folder are the project's unless given."""
    project = Project.of(config_path)
    plan_path, out_dir = project.plan_path(plan_path), project.export_path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DagplejeError(
            "export_out_not_folder", where=str(out_dir), hint="target_not_file_hint"
        )
    # When this export began, before it waits for the folder: of exports started together the
    # newest wins, whichever gets the folder first (the lock is no queue).
    started = dt.datetime.now().astimezone()
    plan_fingerprint = read_plan(plan_path).fingerprint
    # One export at a time per folder, from reading the last manifest to the switch: a later
    # export always sees the earlier one's manifest, and is never replaced by it.
    with export_lock(out_dir):
        # read once: the lock keeps the manifest as it is until this export's switch (a
        # national roster's manifest is megabytes of JSON)
        previous = read_manifest(out_dir)
        _refuse_other_config(previous, out_dir, config_path)
        if not dry_run and source_datetime is None:
            _refuse_if_newer_ran(previous, ALIASES.get(target, target), started, out_dir)
        begun = (started, plan_fingerprint)
        prepared = _prepare(
            target,
            config_path,
            plan_path,
            out_dir,
            previous,
            source_datetime,
            xsd,
            on_step,
            begun,
            areas,
            day,
        )
        if prepared.too_many_removed and not allow_many_removed and not dry_run:
            config = prepared.validation.planned.config.config
            raise TooManyRemoved(prepared, config.regler.max_fjernet_procent)
        if not dry_run:
            inputs = {
                "config": project.config,
                "plan": plan_path,
                "xsd": xsd,
                **roster_inputs([f.path for f in prepared.validation.planned.roster.files]),
            }
            for rel in prepared.files:
                not_an_input("--out", out_dir / rel, inputs)
            on_step("step_writing")
            # known to the project before anything is written there (a kill is then recovered)
            _remember_out(config_path, out_dir)
            old = previous.file_set(prepared.target) if previous else {}
            # only files of the target's own folders (dtr/, unilogin/) that the new set drops
            folders = {Path(rel).parts[0] for rel in prepared.files if rel != MANIFEST_NAME}
            obsolete = tuple(
                sorted(
                    rel
                    for rel in old
                    if rel not in prepared.files
                    and rel not in prepared.kept
                    and inside_folder(out_dir, rel)
                    and Path(rel).parts[0] in folders
                    and len(Path(rel).parts) > 1
                )
            )
            commit_files(out_dir, prepared.files, obsolete)
            prepared.written = True
    return prepared


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _remember_out(config_path: Path | None, out_dir: Path) -> None:
    """An export folder other than the project's own is remembered before anything is written
    there, so that the next command finishes or undoes an export killed in it."""
    project = Project.of(config_path)
    if out_dir.absolute() != project.export_dir.absolute():
        remember_folder(project.folder, out_dir)


def _config_reference(config_path: Path | None, out_dir: Path) -> str:
    """The configuration as the export folder's manifest records it: relative to the folder
    (a project moved as a whole keeps it), absolute on another drive."""
    import os

    config = Project.of(config_path).config
    try:
        return os.path.relpath(config.absolute(), out_dir.absolute())
    except ValueError:  # another drive on Windows
        return str(config.absolute())


def _refuse_other_config(
    previous: Manifest | None, out_dir: Path, config_path: Path | None
) -> None:
    """Exit 2 when ``out_dir`` holds another configuration's export (``previous``, its
    manifest): two configurations in one folder must not share ``eksport/``, one would remove
    the other's files."""
    from dagplejecli.config import load_config

    if previous is None:
        return
    current = load_config(config_path).path
    for target in Target:
        record = previous.data.get(target.value)
        named = record.get("konfiguration") if isinstance(record, dict) else None
        if not isinstance(named, str) or not named:
            continue
        recorded = Path(named) if Path(named).is_absolute() else out_dir / named
        if same_file(recorded, current) is False:
            raise DagplejeError(
                "export_other_config",
                where=str(out_dir / MANIFEST_NAME),
                hint="export_other_config_hint",
                other=recorded.name,
                config=current.name,
            )


def _refuse_if_newer_ran(
    previous: Manifest | None, target: Target, started: dt.datetime, out_dir: Path
) -> None:
    """Refused (exit 1, nothing written) when the last export of ``target`` in ``out_dir``
    (``previous``, its manifest) began after this one did: it ran while this one waited for
    the folder, and is newer. (An export given --source-datetime is ordered by that time
    instead.)"""
    record = previous.data.get(target.value) if previous is not None else None
    began = record.get("started") if isinstance(record, dict) else None
    if not isinstance(began, str):
        return
    try:
        other = parse_datetime(began)
    except ValueError:
        return
    if other > started:
        raise Refused(
            "export_newer_ran",
            where=str(out_dir / MANIFEST_NAME),
            hint="export_newer_ran_hint",
            began=started.strftime("%H:%M:%S"),
            other=other.astimezone().strftime("%H:%M:%S"),
        )


@dataclass(slots=True)
class _Build:
    """What every export's files are built from."""

    validation: Validation
    members: list[AreaMembers]
    out_dir: Path
    previous: Manifest | None
    secret: bytes
    stamp: dt.datetime
    source_datetime: str | None
    xsd: Path | None
    started: dt.datetime  # when the export began, before it waited for the folder
    plan_fingerprint: str  # of the plan it was asked to export, read before it waited
    config_reference: str = ""  # the configuration, relative to the export folder
    areas: tuple[str, ...] = ()  # --omraade: the areas chosen (none: every area)

    def record(self, record: dict[str, Any]) -> dict[str, Any]:
        """``record`` with when this export began (to the microsecond: the newest wins) and
        the fingerprint of the plan it exported."""
        return {
            **record,
            "started": self.started.isoformat(),
            "plan": self.plan_fingerprint,
            "konfiguration": self.config_reference,
        }


def _prepare(
    target: Target,
    config_path: Path | None,
    plan_path: Path,
    out_dir: Path,
    previous: Manifest | None,
    source_datetime: str | None,
    xsd: Path | None,
    on_step: Step,
    begun: tuple[dt.datetime, str],
    areas: tuple[str, ...] = (),
    day: dt.date | None = None,
) -> PreparedExport:
    """Validate and build every file of the export (as bytes) against ``previous``, the
    export folder's manifest; nothing is written here."""
    target = ALIASES.get(target, target)
    if areas and target is not Target.UNILOGIN:
        raise DagplejeError("export_omraade_unilogin_only", hint="export_omraade_hint")
    secret = _secret_for(config_path, out_dir, previous)
    validation = validate_project(config_path, plan_path, day, on_step=on_step, id_secret=secret)
    errors = validation.errors()
    if errors:
        codes = ", ".join(sorted({f.code for f in errors}))
        if any(f.code == "DP301" for f in errors):
            from dagplejecli.status import plan_command

            # a stale plan: planning again is the fix
            raise Refused(
                "export_refused_errors",
                hint="export_refused_stale_hint",
                count=len(errors),
                codes=codes,
                command=plan_command(
                    [f.path for f in validation.planned.roster.files], config_path
                ),
            )
        raise Refused(
            "export_refused_errors",
            hint="export_refused_errors_hint",
            count=len(errors),
            codes=codes,
        )
    on_step("step_building")
    planned = validation.planned
    members = members_by_area(planned.plan, planned.roster)
    started, plan_fingerprint = begun
    stamp = started.replace(microsecond=0)
    build = _Build(
        validation,
        members,
        out_dir,
        previous,
        secret,
        stamp,
        source_datetime,
        xsd,
        started,
        plan_fingerprint,
        _config_reference(config_path, out_dir),
        areas,
    )
    return BUILDERS[target](build)


def _secret_for(config_path: Path | None, out_dir: Path, previous: Manifest | None) -> bytes:
    """The municipality's secret beside the configuration. After an export (a manifest in
    ``out_dir``) it must be the one that export used: another, or none, would give every child
    without an id column a new id, which Unilogin takes as new people. Made on first use only."""
    from dagplejecli.domain.keyed import secret_fingerprint
    from dagplejecli.secret import load_or_create_secret, read_secret, secret_path

    folder = Project.of(config_path).folder
    where = str(secret_path(folder))
    manifest = str(out_dir / MANIFEST_NAME)
    secret = read_secret(folder)
    # a manifest from before the secret (version 1) has no fingerprint: no secret to restore
    known = previous.secret_fingerprint if previous is not None else None
    if known is not None and secret is None:
        raise DagplejeError(
            "secret_missing", where=where, hint="secret_lost_hint", manifest=manifest
        )
    if secret is None:
        return load_or_create_secret(folder)
    if known is not None and known != secret_fingerprint(secret):
        raise DagplejeError(
            "secret_changed", where=where, hint="secret_lost_hint", manifest=manifest
        )
    return secret


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
    digests = file_digests(files)
    manifest = manifest_bytes(
        b.previous, _fingerprint(b), target, b.record(record), b.stamp, digests
    )
    files[MANIFEST_NAME] = (manifest, True)
    return PreparedExport(target, b.out_dir, files, b.validation, b.members, None, [])


def _build_unilogin(b: _Build) -> PreparedExport:
    """Unilogin: one XML document per area, brugere.xlsx, and what changed since last time."""
    config, plan = b.validation.planned.config.config, b.validation.planned.plan
    chosen = chosen_areas(plan.areas, b.areas)
    missing = [a.name for a in plan.areas if a.name in chosen and not a.institution_number]
    if missing:
        ready = [a.name for a in plan.areas if a.institution_number]
        # Unilogin loads each institution on its own: the areas that have a number can go now
        hint = "export_no_institution_number_hint"
        if ready and not b.areas:
            hint = "export_no_institution_number_omraade_hint"
        raise Refused(
            "export_no_institution_number",
            hint=hint,
            areas=", ".join(missing),
            ready=ready[0] if ready else "",
        )
    members = [m for m in b.members if m.area.name in chosen]
    keys = {area_key(m) for m in members}
    previous_areas = (b.previous.unilogin or {}).get("areas", {}) if b.previous else {}
    # the areas not chosen keep their last documents and their part of the manifest
    kept_areas = (
        frozenset(str(k) for k in previous_areas if k not in keys) if b.areas else frozenset()
    )
    when = _source_datetime(b.source_datetime, b.stamp)
    last = b.previous.last_source_datetime(keys) if b.previous else None
    if last is not None and when <= last:
        if b.source_datetime is None and last - when <= CLOCK_SLACK:
            # the last export was this same second (or a clock a little behind): a second
            # after it, as Unilogin loads only a newer import
            when = last + dt.timedelta(seconds=1)
        else:
            given = b.source_datetime is not None
            raise Refused(
                "export_old_datetime",
                hint="export_old_datetime_hint" if given else "export_future_datetime_hint",
                when=when.isoformat(),
                last=last.isoformat(),
            )
    documents = unilogin_files(config, members, when)
    # the published structure (DOMAIN.md §4), before anything is written: a failure is a bug
    check_documents(documents, config.unilogin.navnerum)
    files = {rel: (data, True) for rel, data in documents.items()}
    if b.xsd is not None:
        _check_xsd(b.xsd, files, config.unilogin.navnerum)
    hashes = all_member_hashes(b.secret, members)
    record = unilogin_record(members, hashes, when)
    people = person_records(b.secret, members, hashes)
    identity = identity_changes(b.previous, people, members, hashes, kept_areas)
    record["personer"] = sorted(f"{key} {rec}" for key, rec in people.items())
    record = merge_unilogin_record(b.previous, record, kept_areas)
    record["tidligere"] = former_people(b.previous, record)
    changes = compare(b.previous, members, hashes, kept_areas)
    files["unilogin/brugere.xlsx"] = (workbook_bytes(user_sheets(members)), True)
    digests = file_digests(files)
    old_files = b.previous.file_set(Target.UNILOGIN) if b.previous else {}
    kept = {
        rel: digest
        for rel, digest in old_files.items()
        if rel in {f"unilogin/{key}.xml" for key in kept_areas}
    }
    digests = dict(sorted({**kept, **digests}.items()))
    manifest = manifest_bytes(
        b.previous, _fingerprint(b), Target.UNILOGIN, b.record(record), b.stamp, digests
    )
    files[MANIFEST_NAME] = (manifest, True)
    limit = config.regler.max_fjernet_procent / 100
    too_many = [
        (c.area, c.removed_share) for c in changes.areas if c.before and c.removed_share > limit
    ]
    care = b.validation.planned.care
    ended = []
    if care is not None and b.previous is not None and (gone := care.ended_children()):
        # each area's last members as a set: a list would be searched once per ended child
        before = {
            m.area.name: set(previous_areas.get(area_key(m), {}).get("members", []))
            for m in members
        }
        hashed = child_hasher(b.secret)
        ended = [x for x in gone if x.area in before and hashed(x.person.id) in before[x.area]]
    return PreparedExport(
        Target.UNILOGIN,
        b.out_dir,
        files,
        b.validation,
        members,
        changes,
        too_many,
        identity,
        kept=frozenset(kept),
        ended=ended,
    )


def chosen_areas(areas: list[Area], wanted: tuple[str, ...]) -> set[str]:
    """The names of the areas ``--omraade`` chose (by name, without case and spaces, or by
    institution number); every area when none is given. An unknown name cannot run."""
    if not wanted:
        return {a.name for a in areas}
    by_key: dict[str, str] = {}
    for a in areas:
        by_key[comparable_text(a.name)] = a.name
        if a.institution_number:
            by_key[comparable_text(a.institution_number)] = a.name
    chosen = set()
    for text in wanted:
        name = by_key.get(comparable_text(text))
        if name is None:
            known = ", ".join(f"«{a.name}»" for a in areas)
            raise DagplejeError(
                "export_unknown_area", hint="export_unknown_area_hint", value=text, known=known
            )
        chosen.add(name)
    return chosen


def _fingerprint(b: _Build) -> str:
    from dagplejecli.domain.keyed import secret_fingerprint

    return secret_fingerprint(b.secret)


# Each target's builder; a new target needs one here (a test checks that every Target has one)
BUILDERS: dict[Target, Callable[[_Build], PreparedExport]] = {
    Target.DAGTILBUDSREGISTERET: _build_dtr,
    Target.UNILOGIN: _build_unilogin,
}
ALIASES = {Target.DTR: Target.DAGTILBUDSREGISTERET}


def read_manifest(out_dir: Path) -> Manifest | None:
    """The last export's manifest in ``out_dir``, or None before the first export."""
    from dagplejecli.status import read_manifest as read

    return read(out_dir)


# How far the last export's sourceDateTime may lie ahead of now and still be followed by one
# second later, not refused: a second export in the same second, or a clock a little behind.
CLOCK_SLACK = dt.timedelta(minutes=5)


def _source_datetime(text: str | None, started: dt.datetime) -> dt.datetime:
    if text is None:
        return started
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


# ------------------------------------------------------------------------------------ afstem


@dataclass(slots=True)
class Reconciled:
    """What ``afstem`` found, the plan it compared with, and where the report went."""

    result: Reconciliation
    planned: Planned
    rapport: Path | None = None


def afstem(
    config_path: Path | None = None,
    plan_path: Path | None = None,
    unilogin: Sequence[Path] = (),
    dtr: Sequence[Path] = (),
    rapport: Path | None = None,
    today: dt.date | None = None,
    on_step: Step = no_step,
) -> Reconciled:
    """Compare the registers' own files (Unilogin's full exports, DTR's CSV export) with the
    plan made again from roster and configuration, as ``validate`` makes it. The files are only
    read; with ``rapport`` a workbook for people is written (CPR numbers masked). A stale plan
    is refused, as ``export`` refuses it: a comparison with another plan than the one reviewed
    says nothing. The plan is the project's unless given."""
    from dagplejecli.afstem.compare import reconcile
    from dagplejecli.afstem.read import read_registers
    from dagplejecli.afstem.workbook import report_sheets
    from dagplejecli.project import Project
    from dagplejecli.status import plan_command

    if not unilogin and not dtr:
        raise DagplejeError("afstem_no_files", hint="afstem_no_files_hint")
    plan_path = Project.of(config_path).plan_path(plan_path)
    config = Project.of(config_path).config
    if rapport is not None:
        if rapport.suffix.lower() != ".xlsx":
            raise DagplejeError("afstem_rapport_suffix", where=str(rapport))
        check_output("--rapport", rapport, {"config": config, "plan": plan_path})
    # the files the user named are the first to complain about
    registers = read_registers(unilogin, dtr)
    if rapport is not None:
        for path in registers.paths:
            not_an_input("--rapport", rapport, {"register": path})
    from dagplejecli.config import load_config
    from dagplejecli.pipeline import replan
    from dagplejecli.rules.plan import freshness

    # the plan made again from roster and configuration, as validate makes it (its checks of
    # the roster are validate's business: only the plan's freshness matters here), for the
    # day it was made for: the registers hold what was exported of that plan
    on_step("step_reading")
    saved, planned = replan(load_config(config_path), plan_path, today=today, plans_day=True)
    day = planned.care.day if planned.care else today
    today = today or dt.date.today()  # the registers' own dates are judged on the real day
    on_step("step_comparing")
    if any(f.code == "DP301" for f in freshness(saved, planned.roster, planned.plan, day)):
        raise Refused(
            "afstem_stale",
            hint="export_refused_stale_hint",
            command=plan_command([f.path for f in planned.roster.files], config_path),
        )
    if rapport is not None:
        files = [f.path for f in planned.roster.files] or [planned.roster.path]
        check_output("--rapport", rapport, roster_inputs(files))
    try:
        manifest = read_manifest(Project(planned.config.path).export_dir)
    except DagplejeError:
        manifest = None  # no last export to compare with: that check is said skipped
    last = manifest.last_source_datetime() if manifest else None
    result = reconcile(planned.config, planned.plan, planned.roster, registers, last, today)
    if rapport is not None:
        write_bytes_atomic(rapport, workbook_bytes(report_sheets(result)), private=True)
    return Reconciled(result, planned, rapport)
