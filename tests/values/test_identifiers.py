import datetime as dt

import pytest

from dagplejecli.domain.address import Address, parse_address
from dagplejecli.domain.identifiers import (
    is_digits,
    is_valid_cpr,
    is_valid_cvr,
    is_valid_postnr,
    mask_cpr,
    mask_cpr_in_text,
    p_number_check_digit_ok,
)
from dagplejecli.domain.values import (
    clean_text,
    normalise_bool,
    normalise_cpr,
    normalise_date,
    normalise_digits,
)


@pytest.mark.parametrize(
    ("raw", "digits", "restored"),
    [
        ("0203751236", "0203751236", False),
        ("020375-1236", "0203751236", False),
        (" 020375 1236 ", "0203751236", False),
        (203751236, "0203751236", True),
        (203751236.0, "0203751236", True),
        (2003751236, "2003751236", False),
        ("02037512", None, False),
        (None, None, False),
        ("abc", None, False),
        (1.5, None, False),
    ],
)
def test_normalise_cpr(raw: object, digits: str | None, restored: bool) -> None:
    value = normalise_cpr(raw)
    assert value.digits == digits
    assert value.restored_zero is restored


def test_cpr_validity_ignores_modulus_11() -> None:
    assert is_valid_cpr("0203751236")
    assert is_valid_cpr("0101070001")  # fails modulus 11, still a valid CPR
    assert not is_valid_cpr("3102751236")  # 31 February
    assert not is_valid_cpr("020375123")


def test_mask() -> None:
    assert mask_cpr("0203751236") == "020375-xxxx"
    assert mask_cpr("020375-1236") == "020375-xxxx"
    assert mask_cpr("x") == "xxxxxx-xxxx"
    assert mask_cpr_in_text("cpr 0203751236 og 020375-1236.") == "cpr 020375-xxxx og 020375-xxxx."


def test_only_the_digits_0_to_9_make_an_id() -> None:
    # str.isdigit() says yes to these; the registers would reject them as they are. Digits of
    # another script are folded when read (the CPR is then written with 0-9); ² is no digit.
    for cpr in (
        "\uff10\uff12\uff10\uff13\uff17\uff15\uff11\uff12\uff13\uff16",
        "\u0660\u0662\u0660\u0663\u0667\u0665\u0661\u0662\u0663\u0666",
    ):
        assert normalise_cpr(cpr).digits == "0203751236"
        assert not is_valid_cpr(cpr)
        assert mask_cpr_in_text(f"CPR {cpr}.") == "CPR 020375-xxxx."
    assert normalise_cpr("020375123\u00b2").digits is None
    assert not is_valid_cpr("020375123\u00b2")
    assert not is_valid_cvr("５５１３３０１８")
    assert not p_number_check_digit_ok("１０２９８２９８２５")
    assert not is_valid_postnr("８０００")
    assert is_digits("0123456789") and not is_digits("１") and not is_digits("")


def test_cvr_and_p_number() -> None:
    assert is_valid_cvr("55133018")
    assert not is_valid_cvr("55133019")
    assert not is_valid_cvr("5513301")
    for ok in ("1029829825", "1006959421", "1006959438"):
        assert p_number_check_digit_ok(ok)
    assert not p_number_check_digit_ok("1029829824")
    assert not p_number_check_digit_ok("12345")


def test_postnummer_lost_zero() -> None:
    assert normalise_digits(900, 4) == ("0900", True)
    assert normalise_digits("8000", 4) == ("8000", False)
    assert normalise_digits(8000.0, 4) == ("8000", False)


@pytest.mark.parametrize(
    ("text", "expected", "ok"),
    [
        (
            "Rådhuspladsen 2, 8000 Aarhus C",
            Address("Rådhuspladsen", "2", None, None, "8000", "Aarhus C"),
            True,
        ),
        (
            "Strandvejen 123A, st. tv, 2900 Hellerup",
            Address("Strandvejen", "123A", "st", "tv", "2900", "Hellerup"),
            True,
        ),
        (
            "H. C. Andersens Boulevard 27, 1. th, 1553 København V",
            Address("H. C. Andersens Boulevard", "27", "1", "th", "1553", "København V"),
            True,
        ),
        ("Skolevej 4 8300 Odder", Address("Skolevej", "4", None, None, "8300", "Odder"), True),
        (
            "Rådhuspladsen, 8000 Aarhus C",
            Address("Rådhuspladsen", None, None, None, "8000", "Aarhus C"),
            False,
        ),
    ],
)
def test_parse_address(text: str, expected: Address, ok: bool) -> None:
    assert parse_address(text) == (expected, ok)


def test_address_round_trip_and_compare() -> None:
    a, _ = parse_address("Strandvejen 123A, st. tv, 2900 Hellerup")
    assert a.one_line() == "Strandvejen 123A, st. tv, 2900 Hellerup"
    b, _ = parse_address("strandvejen 123a, ST tv, 2900  Hellerup")
    assert a.comparable() == b.comparable()
    assert a.missing_parts() == []
    assert Address(street="X").missing_parts() == ["husnr", "postnr", "by"]
    assert Address("X", "1000", None, None, "3900", "Nuuk").invalid_parts() == ["husnr", "postnr"]


TODAY = dt.date(2026, 3, 1)


def test_dates() -> None:
    assert normalise_date("01-08-2024", TODAY) == dt.date(2024, 8, 1)
    assert normalise_date("1.8.2024", TODAY) == dt.date(2024, 8, 1)
    assert normalise_date("2024-08-01", TODAY) == dt.date(2024, 8, 1)
    assert normalise_date(45505, TODAY) == dt.date(2024, 8, 1)
    assert normalise_date(dt.datetime(2024, 8, 1, 12), TODAY) == dt.date(2024, 8, 1)
    assert normalise_date("31.02.2024", TODAY) is None
    assert normalise_date("hej", TODAY) is None


def test_two_digit_years_follow_the_given_day() -> None:
    assert normalise_date("1.8.26", TODAY) == dt.date(2026, 8, 1)
    assert normalise_date("1.8.27", TODAY) == dt.date(1927, 8, 1)
    assert normalise_date("1.8.27", dt.date(2027, 1, 1)) == dt.date(2027, 8, 1)


def test_bool_and_text() -> None:
    assert normalise_bool("Ja") is True
    assert normalise_bool(" x ") is True
    assert normalise_bool("Nej") is False
    assert normalise_bool(None) is False
    assert normalise_bool("måske") is None
    assert clean_text("  Åse   Østergaard ") == "Åse Østergaard"
    assert clean_text(8000.0) == "8000"


def test_answers_do_not_depend_on_what_came_before() -> None:
    from dagplejecli.domain.identifiers import birth_date_from_first7

    for n in range(5000):
        assert normalise_bool(f"svar {n}") is None
        assert birth_date_from_first7(f"99{n:04d}9") is None  # day 99: no date
    # after thousands of other questions, the same answers as the first time
    assert normalise_bool("Ja") is True
    assert birth_date_from_first7("0203751") == dt.date(1975, 3, 2)
