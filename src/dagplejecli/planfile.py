"""``dagpleje-plan.xlsx``: the reviewed plan, and reading it back to check it is still current.

No CPR numbers are written here. The metadata sheet records the roster (path, SHA-256), the
configuration's SHA-256, the tool version and a fingerprint of the plan's content.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from dagplejecli import __version__
from dagplejecli.config import LoadedConfig
from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.errors import DagplejeError
from dagplejecli.files import write_atomic
from dagplejecli.formats.xlsx import BarChart, Sheet, write_workbook
from dagplejecli.messages import ui
from dagplejecli.model import AreaCounts, Plan, Roster, area_counts

PLAN_NAME = "dagpleje-plan.xlsx"
META_SHEET = "Metadata"


def fingerprint(plan: Plan) -> str:
    """SHA-256 of what the user reviews: every area's values and every dagplejer's area."""
    content = {
        "areas": [
            [
                a.name,
                a.daginstitution,
                a.daginstitution_number,
                a.p_number,
                a.address.one_line(),
                a.email,
                a.phone,
                a.institution_number,
            ]
            for a in plan.areas
        ],
        "assignments": sorted([k, v.area or ""] for k, v in plan.assignments.items()),
    }
    return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode("utf-8")).hexdigest()


def _roster_reference(roster_path: Path, plan_path: Path) -> str:
    try:
        return os.path.relpath(roster_path.resolve(), plan_path.resolve().parent)
    except ValueError:  # another drive on Windows
        return str(roster_path.resolve())


def write_plan(
    path: Path,
    plan: Plan,
    roster: Roster,
    config: LoadedConfig,
    counts: dict[str, AreaCounts] | None = None,
) -> None:
    """Write the plan workbook (all or nothing, owner-only: it holds names)."""
    counts = counts if counts is not None else area_counts(plan, roster)
    not_created = ui("not_created")
    rules_by_area: dict[str, list[str]] = {}
    for a in plan.assignments.values():
        if a.area and a.rule not in rules_by_area.setdefault(a.area, []):
            rules_by_area[a.area].append(a.rule)
    unassigned = [d for d in roster.dagplejere if plan.area_of(d.id) is None]

    def produce(tmp: Path) -> None:
        sheets: list[Sheet] = []
        sheets.append(
            (
                "Oversigt",
                [
                    "Område",
                    "Daginstitution",
                    "Dagplejere",
                    "Børn",
                    "Kontaktpersoner",
                    "P-nummer",
                    "Institutionsnummer",
                    "Regler",
                ],
                [
                    [
                        a.name,
                        a.daginstitution,
                        counts[a.name].dagplejere,
                        counts[a.name].children,
                        counts[a.name].contacts,
                        a.p_number,
                        a.institution_number or not_created,
                        mask_cpr_in_text("; ".join(rules_by_area.get(a.name, []))),
                    ]
                    for a in plan.areas
                ]
                + (
                    [["(intet område)", "", len(unassigned), "", "", "", "", ""]]
                    if unassigned
                    else []
                ),
            )
        )
        sheets.append(
            (
                "Områder",
                [
                    "Område",
                    "Daginstitution",
                    "P-nummer",
                    "Adresse",
                    "Vejnavn",
                    "Husnr",
                    "Etage",
                    "Dør",
                    "Postnr",
                    "By",
                    "Email",
                    "Telefon",
                    "Institutionsnummer",
                ],
                [
                    [
                        a.name,
                        a.daginstitution,
                        a.p_number,
                        a.address_text,
                        a.address.street,
                        a.address.house_no,
                        a.address.floor,
                        a.address.door,
                        a.address.postnr,
                        a.address.city,
                        a.email,
                        a.phone,
                        a.institution_number,
                    ]
                    for a in plan.areas
                ],
            )
        )
        sheets.append(
            (
                "Dagplejere",
                ["Id", "Navn", "Område", "Regel", *plan.rule_columns],
                [
                    [  # roster text through the one masker: a CPR typed into it stays masked
                        mask_cpr_in_text(d.id),
                        mask_cpr_in_text(d.name),
                        plan.assignments[d.id].area or "",
                        mask_cpr_in_text(plan.assignments[d.id].rule),
                        *(mask_cpr_in_text(d.extra.get(c, "")) for c in plan.rule_columns),
                    ]
                    for d in roster.dagplejere
                ],
            )
        )
        sheets.append(
            (
                META_SHEET,
                ["Nøgle", "Værdi"],
                [
                    ["roster", _roster_reference(roster.path, path)],
                    ["roster_sha256", roster.sha256],
                    ["konfiguration", config.path.name],
                    ["konfiguration_sha256", config.sha256],
                    ["plan_fingerprint", fingerprint(plan)],
                    ["version", __version__],
                ],
            )
        )
        chart = BarChart(
            sheet=0,
            title=ui("chart_title"),
            labels="A",
            first_row=2,
            categories=tuple(a.name for a in plan.areas),
            series=(
                ("C", "Dagplejere", tuple(counts[a.name].dagplejere for a in plan.areas)),
                ("D", "Børn", tuple(counts[a.name].children for a in plan.areas)),
            ),
        )
        write_workbook(tmp, sheets, [chart] if plan.areas else [])

    write_atomic(path, produce, private=True)


@dataclass(frozen=True, slots=True)
class SavedPlan:
    path: Path
    roster_path: Path
    roster_sha256: str
    config_sha256: str
    fingerprint: str
    version: str


def read_plan(path: Path) -> SavedPlan:
    """Read back a plan written by ``write_plan``; anything else is a DagplejeError.

    Only the metadata is read: the rest is for people, and the plan is made again from the
    roster and the configuration every time it is used."""
    if not path.exists():
        raise DagplejeError("plan_missing", where=str(path), hint="plan_missing_hint")
    from python_calamine import CalamineWorkbook

    from dagplejecli.limits import MAX_PLAN_BYTES, check_input_file
    from dagplejecli.roster.sheets import check_zip_sizes

    check_input_file(path, "input_plan", MAX_PLAN_BYTES)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        check_zip_sizes(path)

    try:
        wb = CalamineWorkbook.from_path(str(path))
        meta_rows = wb.get_sheet_by_name(META_SHEET).to_python()
    except Exception:
        raise DagplejeError(
            "plan_unreadable", where=str(path), hint="plan_unreadable_hint"
        ) from None
    meta = {str(r[0]): str(r[1]) for r in meta_rows[1:] if len(r) >= 2}
    needed = ("roster", "roster_sha256", "konfiguration_sha256", "plan_fingerprint")
    if any(k not in meta for k in needed):
        raise DagplejeError("plan_unreadable", where=str(path), hint="plan_unreadable_hint")
    roster_path = Path(meta["roster"])
    if not roster_path.is_absolute():
        roster_path = path.resolve().parent / roster_path
    return SavedPlan(
        path,
        roster_path,
        meta["roster_sha256"],
        meta["konfiguration_sha256"],
        meta["plan_fingerprint"],
        meta.get("version", ""),
    )
