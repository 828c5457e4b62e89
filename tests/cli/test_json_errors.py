"""``validate --format json`` (and ``afstem``'s) always answers on stdout: a program reading it
gets a JSON error object when the command cannot run (exit 2), not an empty stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dagplejecli.files import JOURNAL
from tests.builders import run_cli


def _error(stdout: str) -> dict[str, object]:
    document = json.loads(stdout)
    assert document["version"] == 1
    error = document["error"]
    assert set(error) >= {"code", "message", "where", "hint"}
    return error  # type: ignore[no-any-return]


@pytest.mark.parametrize("form", [["--format", "json"], ["-f", "json"], ["--format=json"]])
def test_no_configuration_is_a_json_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, form: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", *form)
    assert result.exit_code == 2
    error = _error(result.stdout)
    assert error["code"] == "config_missing" and error["where"] == "dagpleje.toml"
    assert "Konfigurationsfilen findes ikke" in result.stderr  # people still read stderr


def test_an_error_before_the_command_runs_is_a_json_error(four: Path) -> None:
    (four / "eksport").mkdir(exist_ok=True)
    (four / "eksport" / JOURNAL).write_text("[]", encoding="utf-8")
    result = run_cli("--lang", "en", "validate", "--format", "json")
    assert result.exit_code == 2
    error = _error(result.stdout)
    assert error["code"] == "journal_bad" and JOURNAL in str(error["where"])
    assert str(error["message"]).startswith("The journal")


def test_text_format_keeps_stdout_empty_on_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate")
    assert result.exit_code == 2 and result.stdout == ""


def test_afstem_answers_in_json_when_it_cannot_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PRODUCT: afstem's --format json works as validate's, also when it cannot run
    monkeypatch.chdir(tmp_path)
    result = run_cli("afstem", "-u", "nosuch.xml", "--format", "json")
    assert result.exit_code == 2
    assert _error(result.stdout)["code"]
    text = run_cli("afstem", "-u", "nosuch.xml")
    assert text.exit_code == 2 and text.stdout == ""
