"""An export from start to finish: validate, refuse what must be refused, build the files.

Nothing is written here; ``prepare`` returns the files as bytes and what they change, and the
command line writes them all at once (or not at all, with ``--dry-run``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dagplejecli.domain.identifiers import mask_cpr
from dagplejecli.errors import DagplejeError, Refused
from dagplejecli.export.dtr import dtr_files, dtr_workbook_sheets, status
from dagplejecli.export.manifest import (
    MANIFEST_NAME,
    Changes,
    all_member_hashes,
    compare,
    manifest_bytes,
    new_salt,
    parse_datetime,
    read_manifest,
    unilogin_record,
)
from dagplejecli.export.unilogin import (
    AreaMembers,
    child_person_id,
    members_by_area,
    unilogin_files,
)
from dagplejecli.formats.xlsx import Sheet, workbook_bytes
from dagplejecli.pipeline import Validation, no_step, validate_project

TARGETS = {
    "dagtilbudsregisteret": "dagtilbudsregisteret",
    "dtr": "dagtilbudsregisteret",
    "unilogin": "unilogin",
}


@dataclass(slots=True)
class PreparedExport:
    target: str
    out_dir: Path
    files: dict[str, tuple[bytes, bool]]  # relative path → (content, holds personal data)
    validation: Validation
    members: list[AreaMembers]
    changes: Changes | None
    refused_share: list[tuple[str, float]]  # areas losing more than the allowed share


def now() -> dt.datetime:
    return dt.datetime.now().astimezone().replace(microsecond=0)


def prepare(
    target: str,
    config_path: Path | None,
    plan_path: Path,
    out_dir: Path,
    source_datetime: str | None = None,
    xsd: Path | None = None,
    on_step: Callable[[str], None] = no_step,
) -> PreparedExport:
    """Validate and build every file of the export. Raises Refused (exit 1) or DagplejeError.

    ``on_step`` hears of each step as it begins (reading, checking, building)."""
    if target not in TARGETS:
        raise DagplejeError("export_bad_target", value=target)
    target = TARGETS[target]
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
    config = planned.config.config
    members = members_by_area(planned.plan, planned.roster)
    previous = read_manifest(out_dir)
    salt = previous.salt if previous else new_salt()
    stamp = now()

    if target == "dagtilbudsregisteret":
        files = {rel: (data, False) for rel, data in dtr_files(config, planned.plan.areas).items()}
        files["dtr/dtr-oprettelse.xlsx"] = (
            workbook_bytes(dtr_workbook_sheets(config, planned.plan.areas)),
            False,
        )
        record = {
            "areas": {
                a.name: {"status": status(a.institution_number), "pnummer": a.p_number}
                for a in planned.plan.areas
            }
        }
        files[MANIFEST_NAME] = (manifest_bytes(previous, salt, target, record, stamp), True)
        return PreparedExport(target, out_dir, files, validation, members, None, [])

    missing = [a.name for a in planned.plan.areas if not a.institution_number]
    if missing:
        raise Refused(
            "export_no_institution_number",
            hint="export_no_institution_number_hint",
            areas=", ".join(missing),
        )
    when = _source_datetime(source_datetime)
    last = previous.last_source_datetime() if previous else None
    if last is not None and when <= last:
        raise Refused(
            "export_old_datetime",
            hint="export_old_datetime_hint",
            when=when.isoformat(),
            last=last.isoformat(),
        )
    files = {rel: (data, True) for rel, data in unilogin_files(config, members, when).items()}
    if xsd is not None:
        _check_xsd(xsd, files)
    hashes = all_member_hashes(salt, members)
    record = unilogin_record(salt, members, hashes, when)
    manifest = manifest_bytes(previous, salt, target, record, stamp)
    changes = compare(previous, salt, members, hashes)
    files["unilogin/brugere.xlsx"] = (workbook_bytes(user_sheets(members)), True)
    files[MANIFEST_NAME] = (manifest, True)
    limit = config.regler.max_fjernet_procent / 100
    too_many = [
        (c.area, c.removed_share) for c in changes.areas if c.before and c.removed_share > limit
    ]
    return PreparedExport(target, out_dir, files, validation, members, changes, too_many)


def _source_datetime(text: str | None) -> dt.datetime:
    if text is None:
        return now()
    try:
        return parse_datetime(text)
    except ValueError:
        raise DagplejeError(
            "export_bad_datetime", value=text, hint="export_bad_datetime_hint"
        ) from None


def _check_xsd(xsd: Path, files: dict[str, tuple[bytes, bool]]) -> None:
    from dagplejecli.export.xsd import validate_against

    problems = validate_against(xsd, {rel: data for rel, (data, _) in files.items()})
    if problems:
        raise Refused(
            "export_xsd_invalid",
            hint="export_xsd_invalid_hint",
            details=problems,
            count=len(problems),
        )


def user_sheets(members: list[AreaMembers]) -> list[Sheet]:
    """``brugere.xlsx``: one sheet per area, for people to read; CPR numbers masked."""
    header = [
        "Type",
        "LocalPersonId",
        "Navn",
        "CPR",
        "Gruppe",
        "Relation",
        "Forældremyndighed",
        "Beskyttet",
    ]
    sheets: list[Sheet] = []
    for m in members:
        rows: list[list[object]] = []
        for d in m.dagplejere:
            rows.append(
                [
                    "Dagplejer",
                    d.id,
                    d.name,
                    mask_cpr(d.cpr),
                    d.id,
                    "",
                    "",
                    "ja" if d.protected else "",
                ]
            )
        for child, group in m.children:
            rows.append(
                [
                    "Barn",
                    child_person_id(child),
                    child.name,
                    mask_cpr(child.cpr),
                    group,
                    "",
                    "",
                    "ja" if child.protected else "",
                ]
            )
            for p in child.contacts:
                rows.append(
                    [
                        "Kontaktperson",
                        "",
                        p.name,
                        mask_cpr(p.cpr),
                        group,
                        p.relation or "",
                        "ja" if p.custody else "nej",
                        "ja" if p.protected else "",
                    ]
                )
        sheets.append((m.area.institution_number or m.area.name, header, rows))
    return sheets
