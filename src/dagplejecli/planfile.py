"""``dagpleje-plan.xlsx``: the reviewed plan, and reading it back to check it is still current.

No CPR numbers are written here. The metadata sheet records the roster (path, SHA-256), the
configuration's SHA-256, the tool version, a fingerprint of the plan's content, and the day
it was made for with a fingerprint of who is in care that day (their rows, never a CPR number).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from dagplejecli import __version__
from dagplejecli.config import LoadedConfig
from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.errors import DagplejeError
from dagplejecli.files import write_atomic
from dagplejecli.formats.xlsx import BarChart, Sheet, write_workbook
from dagplejecli.messages import reason_text, workbook_text
from dagplejecli.model import AreaCounts, Plan, Roster, area_counts
from dagplejecli.project import PLAN_NAME as PLAN_NAME  # re-exported

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


def in_care_fingerprint(roster: Roster) -> str:
    """SHA-256 of who is in care: the rows of the dagplejere and children the roster kept on
    the day (the roster's own fingerprint says the rows are the same rows)."""
    people = [*roster.dagplejere, *roster.children]
    rows = sorted(f"{r.file}|{r.sheet}|{r.row}" for p in people if (r := p.row_ref) is not None)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _roster_name(meta: dict[str, str]) -> str:
    """The roster's path as the plan wrote it (``roster_json`` where there is one)."""
    try:
        name = json.loads(meta["roster_json"]) if "roster_json" in meta else meta["roster"]
    except ValueError:
        name = meta["roster"]
    return name if isinstance(name, str) else meta["roster"]


def _roster_reference(roster_path: Path, plan_path: Path) -> str:
    from dagplejecli.files import resolved

    try:
        return os.path.relpath(resolved(roster_path), resolved(plan_path).parent)
    except ValueError:  # another drive on Windows
        return str(resolved(roster_path))
    except OSError:  # a loop of links: the path as given (reading it says what is wrong)
        return str(roster_path.absolute())


OVERVIEW_COLUMNS = (
    "col_area",
    "col_daginstitution",
    "col_dagplejere",
    "col_children",
    "col_contacts",
    "col_p_number",
    "col_institution_number",
    "col_rules",
)
AREA_COLUMNS = (
    "col_area",
    "col_daginstitution",
    "col_p_number",
    "col_address",
    "col_street",
    "col_house_no",
    "col_floor",
    "col_door",
    "col_postnr",
    "col_city",
    "col_email",
    "col_phone",
    "col_institution_number",
)
DAGPLEJER_COLUMNS = ("col_id", "col_name", "col_area", "col_rule", "col_children")


def _headers(keys: tuple[str, ...]) -> list[str]:
    """Column headers in the current language."""
    return [workbook_text(k) for k in keys]


def write_plan(
    path: Path,
    plan: Plan,
    roster: Roster,
    config: LoadedConfig,
    counts: dict[str, AreaCounts] | None = None,
    day: dt.date | None = None,
) -> None:
    """Write the plan workbook (all or nothing, owner-only: it holds names), for people in the
    current language; only the ``Metadata`` sheet's name and keys are fixed (``read_plan``)."""
    counts = counts if counts is not None else area_counts(plan, roster)
    sheets = [
        _overview_sheet(plan, roster, counts),
        _areas_sheet(plan),
        _dagplejere_sheet(plan, roster),
        _meta_sheet(path, plan, roster, config, day),
    ]
    charts = [_overview_chart(plan, counts)] if plan.areas else []

    def produce(tmp: Path) -> None:
        write_workbook(tmp, sheets, charts)

    write_atomic(path, produce, private=True)


def _overview_sheet(plan: Plan, roster: Roster, counts: dict[str, AreaCounts]) -> Sheet:
    """One row per area with its counts and rules, and one for dagplejere without an area."""
    not_created = workbook_text("not_created")
    rules_by_area: dict[str, list[str]] = {}
    for a in plan.assignments.values():
        rule = reason_text(a.rule)
        if a.area and rule not in rules_by_area.setdefault(a.area, []):
            rules_by_area[a.area].append(rule)
    rows: list[list[object]] = [
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
    unassigned = sum(1 for d in roster.dagplejere if plan.area_of(d.id) is None)
    if unassigned:
        rows.append([workbook_text("no_area"), "", unassigned, "", "", "", "", ""])
    return (workbook_text("sheet_overview"), _headers(OVERVIEW_COLUMNS), rows)


def _areas_sheet(plan: Plan) -> Sheet:
    """Every area's values, the address also in its parts."""
    rows = [
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
    ]
    return (workbook_text("sheet_areas"), _headers(AREA_COLUMNS), rows)


def _dagplejere_sheet(plan: Plan, roster: Roster) -> Sheet:
    """Each dagplejer's area, the rule that chose it, her children linked to her (to check the
    linking in Excel) and the roster's columns the rules used, marked as the roster's (a
    roster column «Område» is not the area assigned)."""
    children = Counter(c.dagplejer_id for c in roster.children)
    rows = [
        [  # roster text through the one masker: a CPR typed into it stays masked
            mask_cpr_in_text(d.id),
            mask_cpr_in_text(d.name),
            plan.assignments[d.id].area or "",
            mask_cpr_in_text(reason_text(plan.assignments[d.id].rule)),
            children[d.id],
            *(mask_cpr_in_text(d.extra.get(c, "")) for c in plan.rule_columns),
        ]
        for d in roster.dagplejere
    ]
    roster_column = workbook_text("col_roster_column")
    header = [*_headers(DAGPLEJER_COLUMNS), *(roster_column.format(c) for c in plan.rule_columns)]
    return (workbook_text("sheet_dagplejere"), header, rows)


def _meta_sheet(
    path: Path, plan: Plan, roster: Roster, config: LoadedConfig, day: dt.date | None
) -> Sheet:
    """What ``read_plan`` reads back: the sheet's name and keys are the same in every language."""
    rows = [
        ["roster", _roster_reference(roster.path, path)],
        # the same as JSON in ASCII: a name with a control character (a carriage return, which
        # XML turns into a line feed) comes back as it was written
        ["roster_json", json.dumps(_roster_reference(roster.path, path))],
        ["roster_sha256", roster.sha256],
        *(
            [[f"roster_{n}", _roster_reference(f.path, path)] for n, f in enumerate(roster.files)]
            if len(roster.files) > 1
            else []
        ),
        ["konfiguration", config.path.name],
        # which configuration this plan belongs to (beside it, as the roster is): two
        # configurations in one folder must not share a plan
        ["konfiguration_sti", json.dumps(_roster_reference(config.path, path))],
        ["konfiguration_sha256", config.sha256],
        ["plan_fingerprint", fingerprint(plan)],
        *([["dato", day.isoformat()], ["i_pleje", in_care_fingerprint(roster)]] if day else []),
        ["version", __version__],
    ]
    return (META_SHEET, _headers(("col_key", "col_value")), rows)


def _overview_chart(plan: Plan, counts: dict[str, AreaCounts]) -> BarChart:
    """Dagplejere and children per area, drawn from the overview's columns C and D."""
    return BarChart(
        sheet=0,
        title=workbook_text("chart_title"),
        labels="A",
        first_row=2,
        categories=tuple(a.name for a in plan.areas),
        series=(
            (
                "C",
                workbook_text("col_dagplejere"),
                tuple(counts[a.name].dagplejere for a in plan.areas),
            ),
            (
                "D",
                workbook_text("col_children"),
                tuple(counts[a.name].children for a in plan.areas),
            ),
        ),
    )


@dataclass(frozen=True, slots=True)
class SavedPlan:
    path: Path
    roster_path: Path  # the first of the roster's files
    roster_sha256: str
    config_sha256: str
    fingerprint: str
    version: str
    roster_paths: list[Path]  # every file of the roster, in the order given
    config_path: Path | None = None  # the configuration it was made with (None: not recorded)
    day: str = ""  # the day it was made for (ISO), and who was in care then ("": not recorded)
    in_care: str = ""

    @property
    def made_for(self) -> dt.date | None:
        """The day the plan was made for (``--dato``), None when it records none."""
        try:
            return dt.date.fromisoformat(self.day)
        except ValueError:
            return None  # a plan from before days were recorded


def read_plan(path: Path) -> SavedPlan:
    """Read back a plan written by ``write_plan``; anything else is a DagplejeError.

    Only the metadata is read: the rest is for people, and the plan is made again from the
    roster and the configuration every time it is used."""
    if not path.exists():
        raise DagplejeError("plan_missing", where=str(path), hint="plan_missing_hint")
    import io

    from python_calamine import CalamineWorkbook

    from dagplejecli.formats.bounded import check_workbook_bytes
    from dagplejecli.limits import MAX_PLAN_BYTES, read_bounded

    # read once, bounded, its parts counted while parsed as a roster's are; calamine gets the
    # same bytes (a plan is a file anyone with access to the folder can change)
    raw = read_bounded(path, "input_plan", MAX_PLAN_BYTES)
    if raw is None:
        raise DagplejeError("plan_missing", where=str(path), hint="plan_missing_hint")
    check_workbook_bytes(path, raw)

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        meta_rows = wb.get_sheet_by_name(META_SHEET).to_python()
    except Exception:
        raise DagplejeError(
            "plan_unreadable", where=str(path), hint="plan_unreadable_hint"
        ) from None
    meta = {str(r[0]): str(r[1]) for r in meta_rows[1:] if len(r) >= 2}
    needed = ("roster", "roster_sha256", "konfiguration_sha256", "plan_fingerprint")
    if any(k not in meta for k in needed):
        raise DagplejeError("plan_unreadable", where=str(path), hint="plan_unreadable_hint")
    # a roster of several files lists each as roster_0, roster_1 …; one file is "roster"
    # (and "roster_json": the same name, kept exactly)
    listed = [meta[k] for k in sorted(meta, key=_file_number) if _file_number(k) >= 0]
    paths = [Path(p) for p in listed or [_roster_name(meta)]]
    from dagplejecli.files import resolved

    try:
        folder = resolved(path).parent
    except OSError:  # a loop of links: the name as given
        folder = path.absolute().parent
    paths = [p if p.is_absolute() else folder / p for p in paths]
    config_path = None
    if "konfiguration_sti" in meta:
        try:
            named = json.loads(meta["konfiguration_sti"])
        except ValueError:
            named = None
        if isinstance(named, str) and named:
            config_path = Path(named) if Path(named).is_absolute() else folder / named
    return SavedPlan(
        path,
        paths[0],
        meta["roster_sha256"],
        meta["konfiguration_sha256"],
        meta["plan_fingerprint"],
        meta.get("version", ""),
        paths,
        config_path,
        meta.get("dato", ""),
        meta.get("i_pleje", ""),
    )


def refuse_other_config(saved: SavedPlan, config: Path) -> None:
    """Exit 2 when ``saved`` was made with another configuration than ``config`` (two
    configurations in one folder): its roster and areas are never this one's."""
    if saved.config_path is not None and same_file(saved.config_path, config) is False:
        raise DagplejeError(
            "plan_other_config",
            where=str(saved.path),
            hint="plan_other_config_hint",
            other=saved.config_path.name,
            config=config.name,
        )


def same_file(a: Path, b: Path) -> bool | None:
    """Whether ``a`` and ``b`` are one file; None when ``a`` does not exist (cannot tell)."""
    try:
        return a.samefile(b)
    except OSError:
        return None if not a.exists() else False


def _file_number(key: str) -> int:
    """``roster_2`` → 2; -1 for any other key."""
    head, _, number = key.partition("_")
    return int(number) if head == "roster" and number.isdigit() else -1
