"""``init`` writes its configuration's comments in the chosen language: the keys, sections and
values stay Danish (the configuration's language), the placeholders keep their ``UDFYLD:``
prefix so ``validate`` finds them, and the Danish file is what it always was."""

from __future__ import annotations

import re
import string
import tomllib
from pathlib import Path

import pytest

from dagplejecli.messages import da, en
from dagplejecli.messages.catalogue import Text, forms
from tests.builders import fill_in, run_cli, small_roster, write_xlsx

PLACEHOLDER_KEYS = ("dtr.lovgrundlag", "standard.pnummer", "standard.adresse")
# comments alike in both languages: configuration the user may switch on ("# [opdeling]",
# "# email = …") and an area's count of dagplejere (the Danish word is the term in both)
ALIKE = re.compile(r"^# (\[[^\]]*\]|[a-z_]+ = |\d+ dagplejere?$)")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    return tmp_path


def _fields(text: Text) -> set[str]:
    return {
        name
        for form in forms(text)
        for _, name, _, _ in string.Formatter().parse(form)
        if name is not None
    }


def test_config_comments_have_the_same_keys_and_placeholders() -> None:
    assert set(da.CONFIG_COMMENTS) == set(en.CONFIG_COMMENTS)
    for key, text in da.CONFIG_COMMENTS.items():
        assert _fields(text) == _fields(en.CONFIG_COMMENTS[key]), key


def comments(text: str) -> list[str]:
    """Every comment of a configuration: whole comment lines, and what follows a value's
    ``#`` (from the ``#`` on)."""
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            out.append(line)
        elif (m := re.search(r"\s(# .*)$", line)) is not None:
            out.append(m.group(1))
    return out


def danish_words(comment: str) -> bool:
    """Whether a comment has a Danish letter outside quotes and «names» (which hold values and
    names from the roster or the municipality, Danish in both languages)."""
    prose = re.sub(r'"[^"]*"|«[^»]*»', "", comment)
    return re.search("[æøåÆØÅ]", prose) is not None


def english_config(folder: Path, *args: str) -> str:
    result = run_cli("--lang", "en", "init", "roster.xlsx", "--kommune", "751", *args)
    assert result.exit_code == 0, result.output
    return (folder / "dagpleje.toml").read_text("utf-8")


def test_init_in_english_writes_english_comments_and_the_same_configuration(
    folder: Path,
) -> None:
    text = english_config(folder)
    assert [c for c in comments(text) if danish_words(c)] == []
    for sentence in (
        "# dagpleje.toml — made by «dagpleje init» from roster.xlsx.",
        "# Values every area inherits, unless an area sets its own.",
        "# The areas are proposed from the column «Distrikt» (2 values, 3 dagplejere).",
        "[[omraade]]   # 2 dagplejere\n",
        "# Aarhus Kommune; CVR 55133018 from the built-in list",
        'pnummer = "UDFYLD: P-number (10 digits)"',
    ):
        assert sentence in text, sentence
    assert run_cli("init", "roster.xlsx", "--kommune", "751", "--out", "da.toml").exit_code == 0
    danish = (folder / "da.toml").read_text("utf-8")
    shared = set(comments(text)) & set(comments(danish))
    assert all(ALIKE.match(c) for c in shared), shared
    fill_in(folder / "dagpleje.toml")
    fill_in(folder / "da.toml")
    english_values = tomllib.loads((folder / "dagpleje.toml").read_text("utf-8"))
    assert english_values == tomllib.loads((folder / "da.toml").read_text("utf-8"))


def test_validate_in_english_reports_each_english_placeholder_until_filled_in(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    english_config(folder)
    assert run_cli("--lang", "en", "plan", "roster.xlsx").exit_code == 0
    validate = run_cli("--lang", "en", "validate")
    assert validate.exit_code == 1
    out = " ".join(validate.stdout.split())
    for key in PLACEHOLDER_KEYS:
        assert f"{key} still holds the placeholder «UDFYLD:" in out, key
    assert out.count("DP007") == len(PLACEHOLDER_KEYS)
    fill_in(folder / "dagpleje.toml")
    assert run_cli("--lang", "en", "plan", "roster.xlsx").exit_code == 0
    final = run_cli("--lang", "en", "validate")
    assert final.exit_code == 0, final.stdout


def test_dagpleje_lang_en_chooses_english_comments(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGPLEJE_LANG", "en")
    assert run_cli("init", "roster.xlsx").exit_code == 0
    text = (folder / "dagpleje.toml").read_text("utf-8")
    assert "# UDFYLD: the municipality code, e.g. 751 for Aarhus" in text
    assert [c for c in comments(text) if danish_words(c)] == []
    tomllib.loads(text)
    fill_in(folder / "dagpleje.toml")
    text = (folder / "dagpleje.toml").read_text("utf-8").replace("kode = 0", "kode = 751", 1)
    (folder / "dagpleje.toml").write_text(text, "utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    # without --kommune, the Daginstitution's name is the municipality's to write, too
    unnamed = " ".join(run_cli("validate").stdout.split())
    assert "standard.daginstitution still holds the placeholder «UDFYLD:" in unnamed
    text = re.sub(r"(?m)^daginstitution = .*$", 'daginstitution = "Dagplejen Aarhus"', text)
    (folder / "dagpleje.toml").write_text(text, "utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    final = run_cli("validate")
    assert final.exit_code == 0, final.stdout
    assert "0 errors" in final.stdout


@pytest.mark.parametrize("lang", ["da", "en"])
def test_trailing_comments_line_up_in_both_languages(folder: Path, lang: str) -> None:
    run_cli("--lang", lang, "init", "roster.xlsx")
    lines = (folder / "dagpleje.toml").read_text("utf-8").splitlines()
    aligned = ("kode = 0 ", "ejerform", "insttype", "kilde", "rolle", "trin", "adgangs", "ark =")
    for line in lines:
        if line.startswith(aligned):
            assert line.index(" # ") + 1 == 32, line


def test_english_proposal_comments(folder: Path) -> None:
    text = english_config(folder, "--omraader", "2")
    assert "new areas of whole postcodes in order" in text and "(by number of dagplejere)" in text
    assert re.search(r"(?m)^\[\[omraade\]\]   # \d+ dagplejere, \d+ children: ", text)
    assert [c for c in comments(text) if danish_words(c)] == []
    tomllib.loads(text)
