"""Fixtures every test module may use; the helpers they use are in ``tests/builders.py``.

All CPR numbers are synthetic: made up for the tests, never taken from a real person.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dagplejecli.findings import Finding, Rule
from dagplejecli.i18n import set_language
from tests.builders import AREAS, BASE_CONFIG, run_cli, small_roster, write_project, write_xlsx


@pytest.fixture(autouse=True, scope="session")
def _declared_params_only() -> Iterator[None]:
    """A finding made in any test carries only params its rule declares (``Rule.params``):
    the catalogue's placeholders are checked against those in ``test_rules_registry.py``."""
    made = Rule.__call__

    def checked(rule: Rule, *args: Any, **params: Any) -> Finding:
        undeclared = set(params) - {"variant", *rule.params}
        assert not undeclared, f"{rule.code} is given params it does not declare: {undeclared}"
        return made(rule, *args, **params)

    Rule.__call__ = checked  # type: ignore[method-assign]
    yield
    Rule.__call__ = made  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def danish() -> None:
    """Every test starts in Danish, whatever an earlier test chose."""
    set_language("da")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty temporary folder; the current folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the small roster and a matching configuration; the current folder."""
    write_xlsx(tmp_path / "roster.xlsx", small_roster())
    (tmp_path / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def _no_fsync(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """``os.fsync`` does nothing in the tests (it waits for the disk: about 40 % of the
    suite's time), except in those marked ``real_fsync`` (the crash tests), which write as
    a user's run does. What a test sees of its files is the same either way."""
    if request.node.get_closest_marker("real_fsync") is None:
        monkeypatch.setattr(os, "fsync", lambda fd: None)


# The export's project, planned (tests/golden is made from it).
@pytest.fixture
def four(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    return tmp_path
