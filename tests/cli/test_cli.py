"""The command line as a whole: help for everything, choices, global options, exit codes, and
text the user typed never read as markup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer

from dagplejecli import api
from dagplejecli.cli import app
from dagplejecli.export import Target
from dagplejecli.render import OutputFormat
from dagplejecli.render.report import REPORTERS
from tests.builders import AREAS, BASE_CONFIG, no_traceback, run_cli, unboxed


def _commands() -> list[typer.models.CommandInfo]:
    return app.registered_commands


def test_every_command_and_option_has_help() -> None:
    """Like sqlite-utils' docs test: nothing a user can type is left unexplained, in either
    language (the texts are the catalogues' HELP)."""
    names = [c.name for c in _commands()]
    assert names == ["init", "plan", "validate", "explain", "export", "afstem"]
    for name in [None, *names]:
        args = [name, "--help"] if name else ["--help"]
        result = run_cli(*[a for a in args if a])
        assert result.exit_code == 0, name
    import typer.main

    from dagplejecli.messages import da, en

    group = typer.main.get_command(app)
    for catalogue in (da.HELP, en.HELP):
        assert "main" in catalogue and "opt.help" in catalogue
        for param in group.params:  # the global options
            assert f"main.{param.name}" in catalogue, param.name
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            assert name in catalogue, name
            for param in command.params:
                keys = {f"{name}.{param.name}", f"opt.{param.name}"}
                assert keys & set(catalogue), f"{name} {param.name}"
    assert set(da.HELP) == set(en.HELP)


def test_help_is_in_the_chosen_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")  # no help line wrapped inside its table
    for args in (("--lang", "en", "export", "--help"), ("export", "--help", "--lang=en")):
        text = " ".join(run_cli(*args).stdout.split())
        assert "Write the files for Dagtilbudsregisteret or Unilogin" in text, args
        assert "Show this help and exit." in text and "Vis denne hjælp" not in text
        assert "Mappe til filerne" not in text
    danish = " ".join(run_cli("export", "--help").stdout.split())
    assert "Skriv filerne til Dagtilbudsregisteret" in danish
    assert "Vis denne hjælp og afslut." in danish and "Show this message" not in danish
    monkeypatch.setenv("DAGPLEJE_LANG", "en")
    text = " ".join(run_cli("--help").stdout.split())
    assert "Shared options (--lang, --quiet, --debug)" in text
    assert "Explain a code from validate" in text


def test_each_format_has_a_reporter_and_each_target_an_export(project: Path) -> None:
    assert set(REPORTERS) == set(OutputFormat)
    assert set(api.BUILDERS) | set(api.ALIASES) == set(Target)
    assert set(api.BUILDERS).isdisjoint(api.ALIASES)
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    for fmt in OutputFormat:
        assert run_cli("validate", "--format", fmt.value).exit_code == 0, fmt
    for target in Target:
        if target is Target.UNILOGIN:
            continue  # needs institution numbers; covered below with the project's config
        prepared = api.export(target, None, Path("dagpleje-plan.xlsx"), Path("ud"), dry_run=True)
        assert prepared.files and not prepared.written
    prepared = api.export(
        Target.UNILOGIN, None, Path("dagpleje-plan.xlsx"), Path("ud"), dry_run=True
    )
    assert any(rel.endswith(".xml") for rel in prepared.files)


@pytest.mark.parametrize(
    ("args", "valid"),
    [
        (["validate", "--format", "nonsense"], ["text", "json"]),
        (["export", "--target", "nonsense"], ["dagtilbudsregisteret", "dtr", "unilogin"]),
        (["--lang", "de", "validate"], ["da", "en"]),
    ],
)
def test_an_unknown_choice_exits_2_and_lists_the_valid_ones(
    project: Path, args: list[str], valid: list[str]
) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2 and no_traceback(result)
    listed = result.output.split("mulige værdier:", 1)[1]
    assert all(v in listed for v in valid), result.output
    assert "Usage:" not in result.output and "Brug: dagpleje" in result.output


def test_a_bad_choice_is_said_in_english_with_a_near_match(project: Path) -> None:
    result = run_cli("--lang", "en", "validate", "--format", "jsn")
    assert result.exit_code == 2 and no_traceback(result)
    assert "Usage: dagpleje validate" in result.output
    said = unboxed(result.output)
    assert "is not one of the possible values: text, json. Did you mean json?" in said
    assert "Ugyldig" not in result.output


@pytest.mark.parametrize("value", ["de", "fr", "x"])
def test_an_unknown_language_in_the_environment_exits_2_listing_the_languages(
    project: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("DAGPLEJE_LANG", value)
    result = run_cli("validate")
    assert result.exit_code == 2 and no_traceback(result)
    said = unboxed(result.output)
    assert f"Sproget «{value}» (DAGPLEJE_LANG) findes ikke; brug et af: da, en." in said


def test_the_environment_language_may_carry_a_region(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DAGPLEJE_LANG", "en_US.UTF-8")
    result = run_cli("explain", "DP001")
    assert result.exit_code == 0 and "Unknown municipality code" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--format", "[/x]"],
        ["explain", "[/x]"],
        ["explain", "[bold]DP103"],
        ["plan", "[/x].xlsx"],
        ["validate", "--plan", "[/x]"],
        ["export", "--target", "[/x]"],
        ["init", "[/x]"],
    ],
)
def test_typed_text_is_never_markup(project: Path, args: list[str]) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.output
    assert no_traceback(result)


def test_names_from_the_configuration_print_as_written(project: Path) -> None:
    config = BASE_CONFIG + AREAS.replace("Dagplejen Nord", "[bold]Nord[/] :smile:")
    (project / "dagpleje.toml").write_text(config, encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0 and "[bold]Nord[/] :smile:" in result.stdout


def test_global_options_before_or_after_the_command(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    after = run_cli("validate", "--quiet", "--lang", "en", "--format", "json")
    before = run_cli("--quiet", "--lang", "en", "validate", "--format", "json")
    assert after.exit_code == before.exit_code == 0
    assert json.loads(after.stdout)["findings"][0]["message"].startswith("The P-numbers")
    assert json.loads(after.stdout) == json.loads(before.stdout)
    assert "Next step" not in run_cli("plan", "roster.xlsx", "--lang=en", "-q").stdout


def test_a_bug_exits_70_with_one_line_and_a_traceback_only_with_debug(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "plan", broken)
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 70 and no_traceback(result)
    assert "RuntimeError" in result.stderr and "--debug" in result.stderr
    with pytest.raises(RuntimeError):
        run_cli("--debug", "plan", "roster.xlsx")


def test_choices_ignore_case(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert run_cli("--lang", "EN", "validate", "--format", "JSON").exit_code == 0
    result = run_cli("export", "--target", "DTR", "--dry-run")
    assert result.exit_code == 0, result.output


def test_no_output_replaces_the_secret_or_the_lock(project: Path) -> None:
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    secret = next(project.glob("dagpleje-hemmelighed.txt"), None)
    before = secret.read_bytes() if secret else None
    for args in (
        ["plan", "roster.xlsx", "--out", "dagpleje-hemmelighed.txt"],
        ["init", "roster.xlsx", "--out", "dagpleje-hemmelighed.txt", "--force"],
        ["plan", "roster.xlsx", "--out", ".eksport.dagpleje-lock"],
        ["plan", "roster.xlsx", "--out", "plan.txt"],
    ):
        result = run_cli(*args)
        assert result.exit_code == 2 and no_traceback(result), args
    if secret:
        assert secret.read_bytes() == before
    assert (
        not (project / ".eksport.dagpleje-lock").exists()
        or (project / ".eksport.dagpleje-lock").stat().st_size == 0
    )


def test_typers_own_words_follow_the_language(project: Path) -> None:
    missing = run_cli("init")  # plan takes the last plan's roster
    assert missing.exit_code == 2
    assert "Argumentet «roster» mangler." in missing.stderr
    assert "Missing argument" not in missing.stderr
    near = run_cli("validate", "--strct")
    assert near.exit_code == 2 and "Valget --strct findes ikke. Mente du --strict?" in near.stderr
    english = run_cli("--lang", "en", "export")
    assert english.exit_code == 2 and "Option --target/-t is missing." in english.stderr
    assert "Valg" not in run_cli("--lang", "en", "plan", "--help").stdout.replace("Validate", "")
    assert "Valg" in run_cli("plan", "--help").stdout


def test_explain_in_english_names_its_source_in_english(project: Path) -> None:
    from dagplejecli.i18n import set_language
    from dagplejecli.messages import term
    from dagplejecli.rules.registry import all_rules

    text = run_cli("--lang", "en", "explain", "DP007").stdout
    assert "Source: dagpleje (its own rule, to catch mistakes before reporting)" in text
    assert "egen regel" not in text
    set_language("en")
    try:
        for rule in all_rules().values():
            shown = term("source", rule.source)
            assert shown != rule.source or rule.source.startswith("https://"), rule.code
    finally:
        set_language("da")


def test_help_shows_no_type_after_a_flag_and_no_sentence_broken_in_the_middle(
    project: Path,
) -> None:
    for command in ("validate", "export", "plan", "init"):
        text = run_cli(command, "--help").stdout
        assert "<bool>" not in text, command
    text = run_cli("export", "--help").stdout
    assert "mangler institutionsnummer (Unilogin)" in " ".join(text.split())
    flat = [line.strip(" │") for line in text.splitlines()]
    assert "(Unilogin), eller når et område ville miste mange brugere (uden --ja)." not in flat
