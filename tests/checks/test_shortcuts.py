"""The checks' and the planner's shortcuts give the answers of the rules they stand for: each is
held here against the rule written out plainly, on every character or on generated values."""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dagplejecli.config import parse_config
from dagplejecli.domain.identifiers import contains_cpr
from dagplejecli.domain.values import is_danish_phone, phone_digits
from dagplejecli.errors import DagplejeError
from dagplejecli.model import Dagplejer
from dagplejecli.planning import make_plan, value_matches
from dagplejecli.rules.persons import ID_MAX, _plain_id
from tests.builders import BASE_CONFIG


def _plain_id_by_character(value: str) -> bool:
    return len(value) <= ID_MAX and all(
        ch.isascii() and (ch.isalnum() or ch in "-_") for ch in value
    )


def test_the_id_pattern_is_the_character_rule() -> None:
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert _plain_id(ch) == _plain_id_by_character(ch), hex(code)
    for value in ("", "a" * ID_MAX, "a" * (ID_MAX + 1), "D-0001_x", "ab\n", "ab c", "ab\u00e6"):
        assert _plain_id(value) == _plain_id_by_character(value), value


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"0123456789 -+\u00a0\uff18", "0045", "+45"]), max_size=12).map(
        "".join
    )
)
def test_eight_digits_as_written_are_a_phone_as_unilogin_writes_it(phone: str) -> None:
    # check_phone_and_email passes over a phone of eight ASCII digits: phone_digits keeps it
    # as it is, and it is too short for a CPR number
    if is_danish_phone(phone):
        assert phone_digits(phone) == phone
        assert not contains_cpr(phone)


_DISTRICTS = ["Nord", " NORD ", "nord", "Syd", "8200", "8270", " 8300 ", "9000", "", "Vest"]
_ACCEPTED = ["nord", "Syd", "8200-8300", "8270", "vest", "9000-8000"]


def _first_area(d: Dagplejer, rules: list[tuple[str, dict[str, list[str]]]]) -> str | None:
    """The area of the first rule whose conditions all hold, judged value by value."""
    for i, (area, hvor) in enumerate(rules):
        key = f"omraade[{i + 1}]"
        if all(
            any(value_matches(d.extra.get(column, ""), v, key) for v in values)
            for column, values in hvor.items()
        ):
            return area
    return None


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_DISTRICTS), st.sampled_from(_DISTRICTS)),
        min_size=1,
        max_size=30,
    ),
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_ACCEPTED), min_size=1, max_size=3),
            st.one_of(st.none(), st.lists(st.sampled_from(_ACCEPTED), min_size=1, max_size=2)),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_each_distinct_value_judged_once_gives_every_dagplejer_the_same_area(
    cells: list[tuple[str, str]], areas: list[tuple[list[str], list[str] | None]]
) -> None:
    dagplejere = [
        Dagplejer(id=f"D{i}", first_name="A", extra={"Distrikt": a, "Postnr": b})
        for i, (a, b) in enumerate(cells)
    ]
    rules: list[tuple[str, dict[str, list[str]]]] = []
    text = ""
    for i, (district, postnr) in enumerate(areas):
        hvor = (
            {"Distrikt": district} if postnr is None else {"Distrikt": district, "Postnr": postnr}
        )
        rules.append((f"Område {i}", hvor))
        conditions = ", ".join(f"{k} = {v!r}".replace("'", '"') for k, v in hvor.items())
        text += f'[[omraade]]\nnavn = "Område {i}"\nhvor = {{ {conditions} }}\n'
    config = parse_config(BASE_CONFIG + text, Path("dagpleje.toml")).config
    try:
        expected = {d.id: _first_area(d, rules) for d in dagplejere}
    except DagplejeError as exc:
        # a backwards range stops the plan where judging one by one stops, with its key
        try:
            make_plan(config, dagplejere)
        except DagplejeError as got:
            assert (got.key, got.params) == (exc.key, exc.params)
        else:
            raise AssertionError("make_plan took a backwards range") from exc
        return
    plan = make_plan(config, dagplejere)
    assert {k: a.area for k, a in plan.assignments.items()} == expected
