"""Messages that said the wrong thing, or too little: each says what and where now."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dagplejecli.cli import app
from dagplejecli.files import write_error
from dagplejecli.i18n import set_language
from tests.builders import AREAS, BASE_CONFIG, WHEN, no_traceback, run_cli


def test_the_opdeling_placeholder_is_shown_as_written(project: Path) -> None:
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + '\n[opdeling]\nkolonne = "Distrikt"\nnavn = "Dagplejen"\n',
        encoding="utf-8",
    )
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result)
    assert 'fx "Dagplejen {værdi}"' in result.stderr and "{{" not in result.stderr


def test_a_setting_above_a_bound_says_its_range(project: Path) -> None:
    (project / "dagpleje.toml").write_text(
        BASE_CONFIG + AREAS + "\n[regler]\nmax_forskel = 1\n", encoding="utf-8"
    )
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2
    assert "max_forskel skal være over 1 og højst 1000" in result.stderr
    assert "ugyldig værdi" not in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="FIFOs: POSIX")
def test_an_xsd_that_is_a_fifo_is_not_called_missing(four: Path) -> None:
    os.mkfifo(four / "stil.xsd")
    result = run_cli(
        "export", "--target", "unilogin", "--source-datetime", WHEN, "--xsd", "stil.xsd"
    )
    assert result.exit_code == 2 and no_traceback(result)
    assert "ikke en almindelig fil" in result.stderr
    assert "findes ikke" not in result.stderr


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_move_across_drives_is_said_in_the_users_language(lang: str) -> None:
    set_language(lang)
    exc = OSError(errno.EXDEV, "Invalid cross-device link", "eksport/a", None, "eksport/b")
    message = write_error(exc, Path("eksport")).message
    assert "Invalid cross-device link" not in message
    assert ("andet drev" if lang == "da" else "another drive") in message


def test_a_roster_name_with_a_carriage_return_survives_from_plan_to_validate(
    project: Path,
) -> None:
    name = "ros\rter.xlsx"
    (project / "roster.xlsx").rename(project / name)
    assert run_cli("plan", name).exit_code == 0
    result = run_cli("validate")
    assert result.exit_code == 0, result.output


def test_ctrl_c_after_the_commit_says_the_export_is_complete(
    four: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import dagplejecli.render.exports as exports

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(exports, "print_export", interrupted)
    result = CliRunner().invoke(app, ["export", "--target", "unilogin", "--source-datetime", WHEN])
    assert result.exit_code == 130  # the runner turns the interrupt into exit 130
    assert "eksporten var allerede fuldført" in result.stderr
    assert (four / "eksport" / "manifest.json").exists()


@pytest.mark.parametrize("kind", ["missing", "folder", "empty"])
def test_the_cvr_extract_is_not_called_the_roster(project: Path, kind: str) -> None:
    text = BASE_CONFIG.replace("[dtr]\n", '[dtr]\ncvr_udtraek = "cvr.xlsx"\n') + AREAS
    (project / "dagpleje.toml").write_text(text, encoding="utf-8")
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    if kind == "folder":
        (project / "cvr.xlsx").mkdir()
    elif kind == "empty":
        (project / "cvr.xlsx").write_bytes(b"")
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    assert "CVR-udtrækket" in result.stderr and "Rosteren" not in result.stderr
