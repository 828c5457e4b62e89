"""The next step follows the stage the folder is at: DTR export → numbers → Unilogin → done."""

from pathlib import Path

from tests.builders import AREAS, BASE_CONFIG, run_cli, small_roster, write_xlsx

WITHOUT_NUMBERS = AREAS.replace('institutionsnummer = "AB1234"\n', "").replace(
    'institutionsnummer = "AB1235"\n', ""
)


def test_validate_points_to_dtr_before_numbers_and_to_unilogin_after(project: Path) -> None:
    (project / "dagpleje.toml").write_text(BASE_CONFIG + WITHOUT_NUMBERS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    last = run_cli("validate").stdout.rstrip().splitlines()[-1]
    assert last.endswith("dagpleje export --target dagtilbudsregisteret"), last
    (project / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    last = run_cli("validate").stdout.rstrip().splitlines()[-1]
    assert last.endswith("dagpleje export --target unilogin"), last
    assert "dagtilbudsregisteret" not in last
    last = run_cli("--lang", "en", "validate").stdout.rstrip().splitlines()[-1]
    assert last.startswith("Ready for the Unilogin export"), last


def test_export_after_a_stale_plan_says_to_plan_again(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anna"
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("export", "--target", "dtr")
    assert result.exit_code == 1
    assert "kør dagpleje plan roster.xlsx," in result.output
    assert "se fejlene med dagpleje validate" not in result.output.lower()


def test_stale_plan_command_names_a_configuration_elsewhere(project: Path) -> None:
    (project / "andet.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    run_cli("plan", "roster.xlsx", "--config", "andet.toml")
    sheets = small_roster()
    sheets["Dagplejere"][1][2] = "Anna"
    write_xlsx(project / "roster.xlsx", sheets)
    result = run_cli("export", "--target", "dtr", "--config", "andet.toml")
    assert result.exit_code == 1
    assert "kør dagpleje plan roster.xlsx --config andet.toml," in result.output


def test_dtr_next_step_names_both_numbers_and_planning_again(project: Path) -> None:
    (project / "dagpleje.toml").write_text(BASE_CONFIG + WITHOUT_NUMBERS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "dtr")
    assert result.exit_code == 0, result.output
    assert "daginstitutionsnummer" in result.stdout
    assert "kør dagpleje plan roster.xlsx igen" in result.stdout


def test_dagpleje_alone_shows_the_last_export_and_the_stage(project: Path) -> None:
    (project / "dagpleje.toml").write_text(BASE_CONFIG + WITHOUT_NUMBERS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    before = run_cli().stdout
    assert "Sidste eksport" not in before
    assert "dagpleje validate, og derefter dagpleje export --target dagtilbudsregisteret" in before
    assert run_cli("export", "--target", "dtr").exit_code == 0
    after = run_cli().stdout
    assert "Sidste eksport: dagtilbudsregisteret, " in after
    assert "skriv institutionsnummer (og daginstitutionsnummer) i dagpleje.toml" in after
    (project / "dagpleje.toml").write_text(BASE_CONFIG + AREAS, encoding="utf-8")
    run_cli("plan", "roster.xlsx")
    assert "dagpleje export --target unilogin" in run_cli().stdout
    assert run_cli("export", "--target", "unilogin").exit_code == 0
    done = run_cli("--lang", "en").stdout
    assert "Last export: unilogin, " in done
    assert "The Unilogin files are exported" in done


def test_dtr_export_with_every_number_points_to_unilogin(project: Path) -> None:
    run_cli("plan", "roster.xlsx")
    result = run_cli("export", "--target", "dtr")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("kør dagpleje export --target unilogin.")
    assert "EnhedsNummer" not in result.stdout


def test_the_next_step_names_the_configuration_and_plan_the_user_gave(project: Path) -> None:
    """A command suggested after plan and validate carries --config and --plan when the user
    gave others than the folder's own: run as written, it works."""
    (project / "nord.toml").write_text((project / "dagpleje.toml").read_text("utf-8"), "utf-8")
    (project / "dagpleje.toml").unlink()
    plan = run_cli("plan", "roster.xlsx", "--config", "nord.toml", "--out", "plan-nord.xlsx")
    assert plan.exit_code == 0, plan.output
    suggested = "dagpleje validate --config nord.toml --plan plan-nord.xlsx"
    assert suggested in plan.stdout, plan.stdout
    validate = run_cli(*suggested.split()[1:])
    assert validate.exit_code == 0, validate.output
    assert "--target unilogin --config nord.toml --plan plan-nord.xlsx" in validate.stdout
