"""Properties of the value normalisers and the header recogniser (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dagplejecli.domain.address import Address, parse_address
from dagplejecli.domain.identifiers import (
    is_valid_cpr,
    mask_cpr,
    mask_cpr_in_text,
    p_number_check_digit_ok,
)
from dagplejecli.domain.values import (
    clean_text,
    comparable_text,
    normalise_bool,
    normalise_cpr,
    normalise_date,
    normalise_digits,
)
from dagplejecli.roster.headers import find_header_row, normalise_header, read_header

cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.dates(),
    st.datetimes(),
)
settings.register_profile("dagpleje", max_examples=200, deadline=None)
settings.load_profile("dagpleje")


@given(cells)
def test_normalisers_never_raise(value: object) -> None:
    digits = normalise_cpr(value).digits
    assert digits is None or (len(digits) == 10 and digits.isascii() and digits.isdigit())
    for width in (4, 10):
        text, restored = normalise_digits(value, width)
        if isinstance(value, int | float) and not isinstance(value, bool) and text is not None:
            assert text.isascii() and text.isdigit()  # a number gives digits, never "-012"
        assert not restored or (text is not None and len(text) == width)
    normalise_date(value, dt.date(2026, 3, 1))
    normalise_bool(value)
    clean_text(value)
    mask_cpr(str(value))


@st.composite
def cprs(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=dt.date(1937, 1, 1), max_value=dt.date(2036, 12, 31)))
    serial = draw(st.integers(min_value=0, max_value=999)).__format__("03d")
    seventh = "4" if born.year >= 2000 else draw(st.sampled_from("0123"))
    if born.year < 2000 and born.year < 1937:
        seventh = "4"
    return born.strftime("%d%m%y") + seventh + serial


@given(cprs(), st.sampled_from(["{}", "{0}-{1}", " {0} {1} ", "{n}"]))
def test_cpr_round_trip(cpr: str, form: str) -> None:
    written: object = (
        int(cpr) if form == "{n}" else form.format(cpr[:6], cpr[6:]) if form != "{}" else cpr
    )
    value = normalise_cpr(written)
    assert value.digits == cpr
    assert value.restored_zero == (form == "{n}" and cpr.startswith("0"))
    assert normalise_cpr(value.digits).digits == cpr  # idempotent
    assert is_valid_cpr(cpr)
    assert mask_cpr(cpr) == f"{cpr[:6]}-xxxx"
    assert cpr not in mask_cpr_in_text(f"x {cpr} y {cpr[:6]}-{cpr[6:]}")


@given(st.integers(min_value=0, max_value=9999))
def test_postnummer_round_trip(n: int) -> None:
    text, restored = normalise_digits(n, 4)
    assert text == f"{n:04d}" and restored == (n < 1000)
    assert normalise_digits(text, 4) == (text, False)


@given(st.integers(min_value=10**9, max_value=10**10 - 1))
def test_p_number_check_digit_is_total_and_one_digit_changes_fail(n: int) -> None:
    p = str(n)
    if p_number_check_digit_ok(p):
        wrong = p[:-1] + str((int(p[-1]) + 1) % 10)
        assert not p_number_check_digit_ok(wrong) or int(wrong) > 1006959421 >= int(p)


streets = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåÆØÅ ", min_size=2, max_size=20)
    .map(lambda s: " ".join(s.split()).title())
    .filter(lambda s: len(s) >= 2)
)


@given(
    streets,
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", "A", "B"]),
    st.sampled_from([None, "st", "1", "12", "kl"]),
    st.sampled_from([None, "tv", "th", "mf", "3"]),
    st.integers(min_value=1000, max_value=9999),
    streets,
)
def test_address_round_trip(
    street: str, no: int, letter: str, floor: str | None, door: str | None, postnr: int, city: str
) -> None:
    door = door if floor else None  # in DAR a door comes with a floor ("3" alone is a floor)
    a = Address(street, f"{no}{letter}", floor, door, str(postnr), city)
    parsed, ok = parse_address(a.one_line())
    assert ok and parsed == a
    assert parse_address(parsed.one_line())[0] == parsed


@given(st.text(max_size=80))
def test_address_parser_never_raises(text: str) -> None:
    parsed, _ = parse_address(text)
    parsed.missing_parts()
    parsed.invalid_parts()
    parsed.comparable()


@given(st.text(max_size=40))
def test_header_recogniser(text: str) -> None:
    norm = normalise_header(text)
    assert normalise_header(norm) == norm  # idempotent
    read_header(norm)
    assert comparable_text(comparable_text(text)) == comparable_text(text)


@given(st.lists(st.lists(cells, max_size=8), max_size=12))
def test_header_row_finder_never_raises(rows: list[list[object]]) -> None:
    header = find_header_row(rows)
    if header is not None:
        assert 1 <= header.row <= len(rows)


@given(st.sampled_from(["CPR", "cpr-nr.", " CPR NR ", "Cpr nummer", "CPR-NUMMER", "Personnummer"]))
def test_cpr_aliases(text: str) -> None:
    meaning = read_header(normalise_header(text))
    assert meaning is not None and meaning.field == "cpr"


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_cpr_birth_date_agrees_with_stdnum(cpr: str) -> None:
    from dagplejecli.domain.identifiers import cpr_birth_date, stdnum_birth_date

    assert cpr_birth_date(cpr) == stdnum_birth_date(cpr)


@given(st.text(max_size=40))
def test_name_split_never_loses_text(full: str) -> None:
    from dagplejecli.domain.values import split_name

    first, last = split_name(" ".join(full.split()))
    # every character but the spaces and the comma that divides family from first names
    assert sorted("".join((first + last).split())) == sorted(
        "".join(full.replace(",", "", 1).split())
    )


xml_text = st.text(max_size=30)


@given(
    st.lists(st.tuples(xml_text, xml_text, xml_text, xml_text, st.booleans()), max_size=4),
    xml_text,
)
def test_unilogin_xml_holds_any_text(
    people: list[tuple[str, str, str, str, bool]], area: str
) -> None:
    """Whatever the roster's texts, the Unilogin document is well-formed XML and says them
    back (less the characters XML cannot hold at all)."""
    import xml.etree.ElementTree as ET
    from pathlib import Path

    from dagplejecli.config import parse_config
    from dagplejecli.domain.address import Address
    from dagplejecli.domain.values import phone_digits
    from dagplejecli.export.unilogin import AreaMembers, import_document
    from dagplejecli.model import Area, Child, ContactPerson, Dagplejer
    from tests.builders import BASE_CONFIG

    config = parse_config(BASE_CONFIG, Path("dagpleje.toml")).config
    gone = "".join(map(chr, [*range(9), 11, 12, *range(14, 32)])) + "\ufffe\uffff"
    spaces = str.maketrans("\t\n\r", "   ", gone)

    def said(text: str) -> str:
        return text.translate(spaces)

    address = Address("Vej", "1", None, None, "8000", "Aarhus C")
    dagplejere, children = [], []
    for n, (first, last, email, phone, protected) in enumerate(people):
        d = Dagplejer(first_name=first, last_name=last, email=email, phone=phone)
        d.id, d.address, d.protected = f"D{n}<&>", address, protected
        d.alias_first, d.alias_last = last, first
        c = Child(first_name=last, last_name=first, cpr="0101251234")
        c.id = f"B{n}\"'"
        c.contacts = [ContactPerson(first_name=email, relation="Mor", custody=True)]
        dagplejere.append(d)
        children.append((c, d.id))
    members = AreaMembers(
        Area(area, ("omraade", 1), "", "", "", "", address, True, "", "", "AB0001", {}),
        dagplejere,
        children,
    )
    when = dt.datetime(2026, 11, 27, 8, tzinfo=dt.UTC)
    root = ET.fromstring(import_document(config, members, when))
    assert root.findtext("{*}Institution/{*}InstitutionName", "") == said(area)
    people_xml = root.findall("{*}Institution/{*}InstitutionPerson")
    assert len(people_xml) == 2 * len(people)
    for (first, last, email, phone, protected), element in zip(people, people_xml, strict=False):
        person = element.find("{*}Person")
        assert person is not None
        assert person.get("protected") == ("true" if protected else "false")
        assert person.findtext("{*}FirstName", "") == said(first)
        assert person.findtext("{*}FamilyName", "") == said(last)
        assert person.findtext("{*}EmailAddress", "") == said(email)
        # a phone is written as its digits: spaces, dashes and a leading +45 go (DP232)
        assert person.findtext("{*}MobilePhoneNumber", "") == said(phone_digits(phone))
        assert (person.find("{*}AliasFirstName") is not None) == (protected and bool(said(last)))
        assert (person.find("{*}Address") is None) == protected
    for (_, _, email, _, _), element in zip(people, people_xml[len(people) :], strict=False):
        assert element.findtext("{*}Student/{*}ContactPerson/{*}Person/{*}FirstName", "") == said(
            email
        )


@given(st.text())
def test_xml_escaping_matches_the_standard_library(text: str) -> None:
    """The one escaping (workbooks and Unilogin) says what xml.sax.saxutils says, less the
    characters XML cannot hold at all."""
    from xml.sax.saxutils import escape as sax_escape
    from xml.sax.saxutils import quoteattr as sax_quoteattr

    from dagplejecli.formats.xml import escape

    holdable = text.translate(dict.fromkeys([*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]))
    assert escape(text) == sax_escape(holdable)
    assert escape(text, quotes=True) == sax_escape(holdable, {'"': "&quot;"})
    assert escape(text, quotes=True, line_breaks="space") == sax_escape(
        holdable.translate(str.maketrans("\t\n\r", "   ")), {'"': "&quot;"}
    )
    if ("'" in holdable and '"' in holdable) or '"' not in holdable:
        # saxutils picks single quotes when the text holds only double quotes; ours are always
        # double quotes, which is just as valid
        attribute = escape(text, quotes=True, line_breaks="reference")
        assert f'"{attribute}"' == sax_quoteattr(holdable)
