"""What dagpleje uses of typer's internals (``typer_internals.py``) is still there and still
means what it meant. A new typer that moves any of it fails here, naming it, instead of
leaving a user with English words or an exit 70."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import typer
from packaging.specifiers import SpecifierSet
from typer import rich_utils

from dagplejecli import typer_internals
from dagplejecli.cli_base import METAVARS
from tests.builders import ROOT


def typer_requirement() -> SpecifierSet:
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    found = [d for d in dependencies["dependencies"] if re.match(r"typer\b", d)]
    assert len(found) == 1, found
    return SpecifierSet(found[0][len("typer") :])


def test_the_installed_typer_is_one_the_bounds_allow() -> None:
    spec = typer_requirement()
    assert any(s.operator == "<" for s in spec), "typer's internals are used: keep an upper bound"
    assert version("typer") in spec, f"typer {version('typer')} is outside {spec}"


@pytest.mark.parametrize("name", sorted(typer_internals.RICH_UTILS_TEXTS))
def test_typers_panel_texts_are_still_module_settings(name: str) -> None:
    assert isinstance(getattr(rich_utils, name, None), str), f"typer.rich_utils.{name} is gone"


def tiny_app() -> typer.Typer:
    app = typer.Typer(add_completion=False)

    @app.command()
    def run(
        where: Path,
        flag: bool = typer.Option(False, "--flag"),
        name: str = typer.Option("x", "--name"),
        count: int = typer.Option(1, "--count"),
    ) -> None:
        pass

    return app


def parse(*args: str) -> None:
    command = typer.main.get_command(tiny_app())
    command.main(list(args), standalone_mode=False)


def test_typers_usage_errors_are_the_exceptions_dagpleje_catches() -> None:
    with pytest.raises(typer_internals.MissingParameter):
        parse()
    with pytest.raises(typer_internals.NoSuchOption) as unknown:
        parse("p", "--flg")
    assert "--flag" in (unknown.value.possibilities or [])
    with pytest.raises(typer_internals.BadOptionUsage) as no_value:
        parse("p", "--flag=yes")
    assert typer_internals.takes_no_value(no_value.value), no_value.value.message
    with pytest.raises(typer_internals.BadOptionUsage) as needs_value:
        parse("p", "--name")
    assert not typer_internals.takes_no_value(needs_value.value), needs_value.value.message
    assert issubclass(typer_internals.BadOptionUsage, typer_internals.UsageError)
    assert issubclass(typer.BadParameter, typer_internals.UsageError)


def test_typer_shows_the_value_types_dagpleje_translates() -> None:
    command = typer.main.get_command(tiny_app())
    ctx = command.make_context("run", ["p"])
    shown = {p.name: typer_internals.display_type(p, ctx) for p in command.get_params(ctx)}
    assert shown["where"] == "<path>" and shown["name"] == "<str>", shown
    assert shown["count"] in ("<int>", "<int range>"), shown
    assert {shown["where"], shown["name"], shown["count"]} <= set(METAVARS)
    param = next(p for p in command.get_params(ctx) if p.name == "where")
    typer_internals.show_display_type(param, "<sti>")
    assert typer_internals.display_type(param, ctx) == "<sti>"
