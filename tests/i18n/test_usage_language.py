"""Typer's own words, said in the current language: usage errors (an option without its value,
extra arguments, no such command, a number out of range), the help's metavars and usage line,
and ``--lang`` / ``DAGPLEJE_LANG``, which accept the same languages from one list."""

from __future__ import annotations

from pathlib import Path

import pytest

from dagplejecli.cli import app
from dagplejecli.cli_base import LocalisedCommand
from dagplejecli.i18n import LANGUAGES, Lang
from tests.builders import no_traceback, run_cli, unboxed

ENGLISH_TYPER = (
    "requires an argument",
    "unexpected extra argument",
    "No such command",
    "Input should be",
    "greater than",
    "Usage:",
    "Try '",
)


def refused(*args: str) -> str:
    result = run_cli(*args)
    assert result.exit_code == 2 and no_traceback(result), result.output
    return unboxed(result.output)


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    [
        (
            ["validate", "--format"],
            "Valget --format skal have en værdi.",
            "Option --format needs a value.",
        ),
        (
            ["init", "--force=yes", "roster.xlsx"],
            "Valget --force tager ingen værdi.",
            "Option --force takes no value.",
        ),
        (
            ["validate", "extra"],
            "For mange argumenter: extra",
            "Too many arguments: extra",
        ),
        (
            ["x"],
            "Kommandoen «x» findes ikke; kommandoerne er init, plan",
            "There is no command «x»; the commands are init, plan",
        ),
        (["plna"], "Mente du plan?", "Did you mean plan?"),
        (
            ["init", "roster.xlsx", "--omraader", "0"],
            "Ugyldig værdi for --omraader: «0» er ikke et helt tal på 1 eller mere.",
            "Invalid value for --omraader: «0» is not a whole number of 1 or more.",
        ),
        (
            ["init", "roster.xlsx", "--max-dagplejere", "x"],
            "Ugyldig værdi for --max-dagplejere: «x» er ikke et helt tal på 1 eller mere.",
            "Invalid value for --max-dagplejere: «x» is not a whole number of 1 or more.",
        ),
    ],
)
def test_usage_errors_are_said_in_the_current_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], danish: str, english: str
) -> None:
    monkeypatch.chdir(tmp_path)
    da_said = refused(*args)
    assert danish in da_said and "Brug: dagpleje" in da_said
    assert not [w for w in ENGLISH_TYPER if w in da_said], da_said
    en_said = refused("--lang", "en", *args)
    assert english in en_said and "Usage: dagpleje" in en_said


def test_the_help_says_its_metavars_and_usage_in_the_current_language() -> None:
    danish = run_cli("init", "--help").stdout
    for word in ("<sti>", "<tekst>", "<tal>", "[VALG]"):
        assert word in danish, word
    for word in ("<path>", "<str>", "<int", "x>=1", "[OPTIONS]"):
        assert word not in danish, word
    assert "[VALG] KOMMANDO [ARGUMENTER]" in run_cli("--help").stdout
    english = run_cli("--lang", "en", "init", "--help").stdout
    for word in ("<path>", "<text>", "<number>", "[OPTIONS]"):
        assert word in english, word
    assert "[OPTIONS] COMMAND [ARGUMENTS]" in run_cli("--lang", "en", "--help").stdout
    assert "<sti>" in run_cli("init", "--help").stdout  # and back again in the same process


def test_every_command_uses_the_localised_class() -> None:
    """A command without it would say "Usage:" and its leftover arguments in English."""
    assert app.registered_commands
    for command in app.registered_commands:
        assert command.cls is LocalisedCommand, command.name


def test_one_list_of_languages() -> None:
    assert tuple(Lang) == LANGUAGES == ("da", "en")


def test_a_near_language_is_suggested() -> None:
    said = refused("--lang", "dk", "validate")
    assert "«dk» er ikke en af de mulige værdier: da, en. Mente du da?" in said


def test_lang_accepts_only_a_language_but_the_environment_a_locale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    said = refused("--lang", "en_US", "explain", "DP001")
    assert "Ugyldig værdi for --lang: «en_US» er ikke en af de mulige værdier: da, en." in said
    monkeypatch.setenv("DAGPLEJE_LANG", "en_US.UTF-8")
    assert "Unknown municipality code" in run_cli("explain", "DP001").stdout


@pytest.mark.parametrize("blank", ["", " ", "\t"])
def test_a_blank_environment_language_is_danish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank: str
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAGPLEJE_LANG", blank)
    result = run_cli("explain", "DP001")
    assert result.exit_code == 0, result.output
    assert "Ukendt kommunekode" in result.stdout


def test_a_bad_environment_language_does_not_block_the_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DAGPLEJE_LANG", "de")
    version = run_cli("--version")
    assert version.exit_code == 0 and version.stdout.startswith("dagpleje ")
    said = refused("explain", "DP001")
    assert "Sproget «de» (DAGPLEJE_LANG) findes ikke; brug et af: da, en." in said
