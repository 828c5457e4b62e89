"""``afstem --rapport``: the comparison as a workbook for people, in the current language.

A sheet per area (its people: in both, roster only, Unilogin only, other sources, moved), one for
DTR's units and one with every finding. CPR numbers are masked (the rows hold them masked
already); the Unilogin user id is shown, as it is what STIL's user administration searches by.
"""

from __future__ import annotations

from dagplejecli.afstem.result import Reconciliation
from dagplejecli.domain.identifiers import mask_cpr_in_text
from dagplejecli.domain.shape import Kind
from dagplejecli.formats.xlsx import Sheet
from dagplejecli.messages import finding_message, term, where, workbook_text

_KIND = {
    Kind.DAGPLEJER: "type_dagplejer",
    Kind.BARN: "type_child",
    "employee": "afstem_kind_employee",
    "student": "afstem_kind_student",
    "extern": "afstem_kind_extern",
}


def report_sheets(result: Reconciliation) -> list[Sheet]:
    """The sheets of the report, in the order a reader goes through them."""
    w = workbook_text
    people_head = (
        w("afstem_col_status"),
        w("col_type"),
        "LocalPersonId",
        w("col_name"),
        w("col_cpr"),
        w("afstem_col_user"),
        w("afstem_col_source"),
        w("afstem_col_codes"),
    )
    sheets: list[Sheet] = []
    for area in result.areas:
        rows = [
            (
                w(f"afstem_status_{r.status}"),
                w(_KIND[r.role]) if r.role in _KIND else r.role,
                mask_cpr_in_text(r.local_id),
                mask_cpr_in_text(r.name),
                r.cpr,
                r.user_id,
                r.source,
                ", ".join(r.codes),
            )
            for r in area.rows
        ]
        title = f"{area.number} {area.name}".strip() if area.number else area.name
        sheets.append((title, people_head, rows))  # made unique by the writer
    dtr_head = (
        w("col_institution_number"),
        w("col_name"),
        w("afstem_col_dtr_status"),
        w("col_p_number"),
        w("col_address"),
        w("afstem_col_insttype"),
        w("col_area"),
        w("afstem_col_codes"),
    )
    dtr_rows = [
        (r.number, r.name, r.status, r.p_number, r.address, r.insttype, r.area, ", ".join(r.codes))
        for r in result.dtr
    ]
    sheets.append((w("afstem_sheet_dtr"), dtr_head, dtr_rows))
    findings_head = (
        w("afstem_col_severity"),
        w("afstem_col_code"),
        w("col_area"),
        w("afstem_col_where"),
        w("afstem_col_message"),
    )
    finding_rows = [
        (
            term("severity", f.severity),
            f.code,
            f.area or "",
            mask_cpr_in_text(where(f.location)),
            mask_cpr_in_text(finding_message(f)),
        )
        for f in result.findings
    ]
    sheets.append((w("afstem_sheet_findings"), findings_head, finding_rows))
    return sheets
