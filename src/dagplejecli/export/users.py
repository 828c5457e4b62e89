"""``brugere.xlsx``: the users of an export, one sheet per area, for people to read.

Every text from the roster passes the one masker: a CPR typed into a name is not copied out."""

from __future__ import annotations

from collections.abc import Iterator

from dagplejecli.domain.identifiers import mask_cpr, mask_cpr_in_text
from dagplejecli.export.unilogin import AreaMembers, child_person_id
from dagplejecli.formats.xlsx import Sheet
from dagplejecli.messages import workbook_text

# Column headers by catalogue key; ``LocalPersonId`` is Unilogin's own field name, the same in
# every language.
HEADER_KEYS = (
    "col_type",
    "LocalPersonId",
    "col_name",
    "col_cpr",
    "col_group",
    "col_relation",
    "col_custody",
    "col_protected",
)
_WORDS = ("type_dagplejer", "type_guest", "type_child", "type_contact", "yes", "no")


def header() -> tuple[str, ...]:
    """``brugere.xlsx``'s column headers in the current language."""
    return tuple(k if k == "LocalPersonId" else workbook_text(k) for k in HEADER_KEYS)


def user_sheets(members: list[AreaMembers]) -> list[Sheet]:
    """``brugere.xlsx``: one sheet per area, for people to read, in the current language; CPR
    numbers masked. The sheets are named by institution number (or area name)."""
    words = {k: workbook_text(k) for k in _WORDS}  # looked up now: the rows are made later
    head = header()
    return [(m.area.institution_number or m.area.name, head, _rows(m, words)) for m in members]


def _rows(m: AreaMembers, words: dict[str, str]) -> Iterator[tuple[str, ...]]:
    """An area's users, one row each, made as the workbook is written (none kept). A
    dagplejer's id is masked once, for her row and her children's and their contacts'."""
    groups = m.group_ids()
    masked_ids: dict[str, str] = {}
    for d in m.dagplejere:
        ident = masked_ids[d.id] = mask_cpr_in_text(d.id)
        # a guest carer is in every group of her area
        group = mask_cpr_in_text(", ".join(groups)) if d.guest else ident
        yield (
            words["type_guest" if d.guest else "type_dagplejer"],
            ident,
            mask_cpr_in_text(d.name),
            mask_cpr(d.cpr),
            group,
            "",
            "",
            _yes(d.protected, words),
        )
    child_type, contact_type = words["type_child"], words["type_contact"]
    yes, no = words["yes"], words["no"]
    for child, group_id in m.children:
        masked = masked_ids.get(group_id)
        group = mask_cpr_in_text(group_id) if masked is None else masked
        yield (
            child_type,
            mask_cpr_in_text(child_person_id(child)),
            mask_cpr_in_text(child.name),
            mask_cpr(child.cpr),
            group,
            "",
            "",
            yes if child.protected else "",
        )
        for p in child.contacts:
            yield (
                contact_type,
                "",
                mask_cpr_in_text(p.name),
                mask_cpr(p.cpr),
                group,
                p.relation or "",
                yes if p.custody else no,
                yes if p.protected else "",
            )


def _yes(flag: bool, words: dict[str, str]) -> str:
    """Yes, or an empty cell."""
    return words["yes"] if flag else ""
