"""One CPR pattern for the reader, the masker, ``contains_cpr`` and ``looks_like_cpr``: what the
reader accepts as a CPR is always masked, however it is written (synthetic numbers only)."""

from __future__ import annotations

import json
import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dagplejecli.domain.identifiers import (
    contains_cpr,
    cpr_text_digits,
    fold_digits,
    is_valid_cpr,
    looks_like_cpr,
    mask_cpr,
    mask_cpr_in_text,
)
from dagplejecli.domain.values import is_cpr_cell
from dagplejecli.planfile import PLAN_NAME
from tests.builders import AREAS, BASE_CONFIG, no_traceback, run_cli, small_roster, write_xlsx

CPR = "0202245238"  # synthetic: 2 February 2024, serial 5238

SEPARATORS = [
    "",
    "-",
    " ",
    " - ",
    "\u2013",  # en dash
    "\u2014",  # em dash
    " \u2013 ",
    ".",
    "/",
    "'",
    "_",
    "\u00a0",  # no-break space
    "\u00a0-\u00a0",
    "\u2212",  # minus sign
]


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) - 48 + 0xFF10) if c.isdigit() else c for c in text)


@pytest.mark.parametrize("sep", SEPARATORS)
def test_every_spelling_the_reader_takes_is_masked(sep: str) -> None:
    for written in (f"{CPR[:6]}{sep}{CPR[6:]}", _fullwidth(f"{CPR[:6]}{sep}{CPR[6:]}")):
        assert cpr_text_digits(written) == CPR, written
        assert looks_like_cpr(written)
        assert contains_cpr(f"Navn {written}")
        masked = mask_cpr_in_text(f"Liv {written} Jensen")
        assert masked == "Liv 020224-xxxx Jensen", (written, masked)
        assert mask_cpr(written) == "020224-xxxx"


def test_a_lost_leading_zero_is_a_cpr_where_the_cpr_column_restores_it() -> None:
    nine = "101801235"  # 0101801235 without its first 0
    assert looks_like_cpr(nine) and is_cpr_cell(nine) and contains_cpr(f"id {nine}")
    assert mask_cpr_in_text(f"id {nine}.") == "id 010180-xxxx."
    # no date in the first digits, or a longer run: not a CPR
    for other in ("100000001", "1234567890123", "1029829825"):
        assert not looks_like_cpr(other) and mask_cpr_in_text(other) == other


def test_fold_digits_keeps_positions() -> None:
    text = "a\uff10\uff11b\u0663"
    assert fold_digits(text) == "a01b3" and len(fold_digits(text)) == len(text)


def test_the_reader_never_takes_more_than_the_masker_hides() -> None:
    """Random spellings: whenever the reader reads a real CPR, the masker hides its serial."""
    rng = random.Random(26)
    seps = [s for s in SEPARATORS if s] + [" ", "  ", "-_", "..", "'"]
    for _ in range(3000):
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        cpr = f"{day:02d}{month:02d}{rng.randint(0, 99):02d}{rng.randint(0, 9999):04d}"
        parts = [cpr[0:2], cpr[2:4], cpr[4:6], cpr[6:8], cpr[8:10]]
        written = parts[0]
        for part in parts[1:]:
            written += rng.choice(["", "", rng.choice(seps)]) + part
        if rng.random() < 0.2:
            written = _fullwidth(written)
        read = cpr_text_digits(written)
        if read is None or not is_valid_cpr(read):
            continue
        masked = mask_cpr_in_text(f"x {written} y")
        assert fold_digits(masked).count(cpr[6:]) == 0 or cpr[6:] in cpr[:6], (written, masked)
        assert contains_cpr(written) and looks_like_cpr(written)


def test_a_cpr_with_spaces_around_the_dash_in_a_name_is_found_and_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster = small_roster()
    roster["Børn"][1][1] = "Liv 020224 - 5238"
    write_xlsx(tmp_path / "roster.xlsx", roster)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run_cli("plan", "roster.xlsx")
    result = run_cli("validate", "--format", "json", "--annotate", "markeret.xlsx")
    assert no_traceback(result)
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert "DP231" in codes
    assert "5238" not in result.output
    assert "5238" not in _cells(tmp_path / PLAN_NAME)
    assert "5238" not in _cells(tmp_path / "markeret.xlsx")


def _cells(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    return " ".join(
        str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
    )


@pytest.mark.parametrize("ident", ["010180\u20131235", "010180_1235", "010180 - 1235"])
def test_a_cpr_in_an_id_column_however_written_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ident: str
) -> None:
    roster = small_roster()
    roster["Dagplejere"][1][0] = ident
    roster["Børn"][1][3] = ident
    write_xlsx(tmp_path / "roster.xlsx", roster)
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2, result.output
    assert no_traceback(result)
    assert "1235" not in result.output
    assert not (tmp_path / "plan.xlsx").exists()


def test_the_maskers_digit_precheck_sees_every_digit_it_folds() -> None:
    # mask_cpr_in_text and contains_cpr return early for a text without ``\d``: that must be
    # exactly the digits fold_digits folds (Unicode's decimal digits), in every script
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    decimal = [c for c in everything if unicodedata.decimal(c, None) is not None]
    assert re.findall(r"\d", everything) == decimal


def test_the_joiner_of_a_persons_texts_is_no_part_of_a_cpr_number() -> None:
    # DP231 searches a person's texts joined by «|» before it looks field by field: a CPR
    # number must not be able to run across the joiner
    from dagplejecli.domain.identifiers import SEPARATOR_CHARS, contains_cpr

    assert re.fullmatch(f"[{SEPARATOR_CHARS}0-9]", "|") is None
    assert not contains_cpr("Anne 010180|1234 Jensen")
    assert contains_cpr("Anne|010180-1234|Jensen")


def test_fold_digits_translates_only_a_text_with_a_digit_of_another_script() -> None:
    # fold_digits skips the translation when no character is a digit outside 0-9: those must be
    # exactly the characters the translation changes, in every script
    from dagplejecli.domain.identifiers import _FOLD, _OTHER_DIGIT

    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    changed = [c for c in everything if c.translate(_FOLD) != c]
    assert [c for c in everything if _OTHER_DIGIT(c)] == changed
    assert fold_digits("Søndergade 67") == "Søndergade 67"
    assert fold_digits("Vej \uff16\uff17") == "Vej 67"


# Texts of the characters that make or break a CPR number: digits (ASCII and of other scripts),
# separators, letters, the joiner «|»
_PIECES = st.text(
    alphabet=st.sampled_from(
        [*"0123456789", "\uff10", "\u0663", "\u09e7", *" -./'_\u2013\u00a0|aæ?@+"]
    ),
    max_size=40,
)


def _reference_contains_cpr(text: str) -> bool:
    """``contains_cpr`` as it was before its shortcuts: the body of the one pattern, searched
    in the text with every digit folded by translation."""
    from dagplejecli.domain.identifiers import _CPR_BODY, _FOLD

    return re.search(_CPR_BODY, text.translate(_FOLD)) is not None


@settings(max_examples=500, deadline=None)
@given(_PIECES, _PIECES, _PIECES)
def test_the_pattern_and_its_shortcuts_find_what_the_plain_pattern_finds(
    before: str, middle: str, after: str
) -> None:
    # the lookahead «(?=[0-9])» in front of the pattern, the folding skipped without a digit of
    # another script, and the early return without a digit change no answer
    from dagplejecli.domain.identifiers import _CPR_BODY, _CPR_LIKE, _FOLD

    for text in (f"{before}{middle}{after}", f"{before}0{middle}1{after}", f"{before}{CPR}{after}"):
        folded = text.translate(_FOLD)
        assert fold_digits(text) == folded
        plain = re.compile(_CPR_BODY)
        assert [m.span() for m in _CPR_LIKE.finditer(folded)] == [
            m.span() for m in plain.finditer(folded)
        ]
        assert [m.groups() for m in _CPR_LIKE.finditer(folded)] == [
            m.groups() for m in plain.finditer(folded)
        ]
        assert (_CPR_LIKE.fullmatch(folded) is None) == (plain.fullmatch(folded) is None)
        assert contains_cpr(text) == _reference_contains_cpr(text)
