from pathlib import Path

import pytest

from dagplejecli.config import parse_config
from dagplejecli.errors import DagplejeError
from dagplejecli.messages import reason_text
from dagplejecli.model import Dagplejer
from dagplejecli.planning import make_plan, value_matches
from tests.builders import BASE_CONFIG


def people(*rows: tuple[str, dict[str, str]]) -> list[Dagplejer]:
    return [Dagplejer(id=i, first_name=i, extra=extra) for i, extra in rows]


def plan_for(areas: str, dagplejere: list[Dagplejer]):  # type: ignore[no-untyped-def]
    config = parse_config(BASE_CONFIG + areas, Path("dagpleje.toml")).config
    return make_plan(config, dagplejere)


DP = people(
    ("A", {"Distrikt": "Nord", "Postnr": "8200"}),
    ("B", {"Distrikt": " NORD ", "Postnr": "8270"}),
    ("C", {"Distrikt": "Syd", "Postnr": "8300"}),
    ("D", {"Distrikt": "Vest", "Postnr": "8355"}),
    ("E", {"Distrikt": "", "Postnr": "9000"}),
)


def test_first_matching_area_wins_case_and_space_insensitive() -> None:
    plan = plan_for(
        """
[[omraade]]
navn = "Nord"
hvor = { distrikt = ["nord"] }
[[omraade]]
navn = "Også nord"
hvor = { Distrikt = ["Nord", "Syd"] }
""",
        DP,
    )
    assert {k: v.area for k, v in plan.assignments.items()} == {
        "A": "Nord",
        "B": "Nord",
        "C": "Også nord",
        "D": None,
        "E": None,
    }
    assert reason_text(plan.assignments["A"].rule) == "Distrikt = nord"


def test_ranges_explicit_ids_and_rest() -> None:
    plan = plan_for(
        """
[[omraade]]
navn = "Syd"
hvor = { Postnr = ["8260", "8270-8355"] }
[[omraade]]
navn = "Håndplukket"
dagplejere = ["B"]
[[omraade]]
navn = "Resten"
resten = true
""",
        DP,
    )
    areas = {k: v.area for k, v in plan.assignments.items()}
    assert areas == {"A": "Resten", "B": "Håndplukket", "C": "Syd", "D": "Syd", "E": "Resten"}
    assert reason_text(plan.assignments["B"].rule) == "dagplejere-liste"
    assert reason_text(plan.assignments["E"].rule) == "resten"


def test_all_conditions_of_one_area_must_hold() -> None:
    plan = plan_for(
        '[[omraade]]\nnavn = "N"\nhvor = { Distrikt = "Nord", Postnr = ["8200"] }\n', DP
    )
    assert [k for k, v in plan.assignments.items() if v.area] == ["A"]


def test_opdeling_makes_one_area_per_value_inheriting_standard() -> None:
    plan = plan_for(
        '[opdeling]\nkolonne = "Distrikt"\nnavn = "Dagplejen {værdi}"\n'
        '[opdeling.institutionsnumre]\nSyd = "AB1234"\n',
        DP,
    )
    names = [a.name for a in plan.areas]
    assert names == ["Dagplejen Nord", "Dagplejen Syd", "Dagplejen Vest"]
    assert plan.assignments["B"].area == "Dagplejen Nord"
    assert plan.assignments["E"].area is None
    syd = plan.areas[1]
    assert syd.institution_number == "AB1234"
    assert syd.p_number == "1003386512" and syd.sources["pnummer"] == ("standard", "pnummer")
    assert syd.address.city == "Aarhus C"


def test_area_values_override_standard() -> None:
    plan = plan_for('[[omraade]]\nnavn = "N"\npnummer = "1029829825"\nresten = true\n', DP)
    assert plan.areas[0].p_number == "1029829825"
    assert plan.areas[0].sources["pnummer"] == ("omraade", 0, "pnummer")
    assert plan.areas[0].daginstitution == "Dagplejen Aarhus"


def test_rule_on_unknown_column_stops() -> None:
    with pytest.raises(DagplejeError) as info:
        plan_for('[[omraade]]\nnavn = "N"\nhvor = { Distikt = ["Nord"] }\n', DP)
    assert info.value.key == "rule_column_missing"
    assert "Distrikt" in info.value.hint


def test_value_matches() -> None:
    assert value_matches("8300", "8270-8355", "k")
    assert not value_matches("8356", "8270-8355", "k")
    assert not value_matches("Nord", "8270-8355", "k")
    assert value_matches("Aarhus  Nord", "aarhus nord", "k")
    with pytest.raises(DagplejeError):
        value_matches("8300", "8355-8270", "k")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_parent_with_children_in_two_areas_is_said_to_count_in_both(
    project: Path, lang: str
) -> None:
    from tests.builders import MOR1, run_cli, small_roster, write_xlsx

    roster = small_roster()
    roster["Børn"][3][4:6] = [MOR1, "Mette Jensen"]  # Ida (Syd) is Liv's (Nord) sister
    write_xlsx(project / "roster.xlsx", roster)
    result = run_cli("--lang", lang, "plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    if lang == "da":
        assert "1 kontaktperson har børn i mere end ét område" in text
        assert "(2 forskellige kontaktpersoner i alt)" in text
    else:
        assert "1 contact person has children in more than one area" in text


def test_no_word_of_several_areas_when_every_parent_is_in_one(project: Path) -> None:
    from tests.builders import run_cli

    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 0, result.output
    assert "mere end ét område" not in result.stdout
