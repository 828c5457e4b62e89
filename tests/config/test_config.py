from pathlib import Path

import pytest

from dagplejecli.config import AddressTable, load_config, parse_config
from dagplejecli.errors import DagplejeError
from tests.builders import AREAS, BASE_CONFIG, no_traceback, run_cli


def _error(text: str) -> DagplejeError:
    with pytest.raises(DagplejeError) as info:
        parse_config(text, Path("dagpleje.toml"))
    return info.value


def test_valid_config_reads_every_table() -> None:
    text = BASE_CONFIG + AREAS + '\n[opdeling]\nkolonne = "Distrikt"\n\n[regler]\nmax_boern = 6\n'
    loaded = parse_config(text, Path("dagpleje.toml"))
    c = loaded.config
    assert c.kommune.kode == 751
    assert c.dtr.insttype == 6013
    assert c.omraade[1].hvor == {"Distrikt": ["Syd"]}
    assert c.opdeling is not None and c.opdeling.navn == "Dagplejen {værdi}"
    assert c.regler.max_boern == 6
    assert (
        loaded.line_of("omraade", 1, "navn")
        == text.splitlines().index('navn = "Dagplejen Syd"') + 1
    )


def test_address_as_table() -> None:
    text = BASE_CONFIG.replace(
        'adresse = "Rådhuspladsen 2, 8000 Aarhus C"',
        'adresse = { vejnavn = "Rådhuspladsen", husnr = "2", postnr = "8000", by = "Aarhus C" }',
    )
    c = parse_config(text, Path("x.toml")).config
    assert isinstance(c.standard.adresse, AddressTable)
    assert c.standard.adresse.by == "Aarhus C"


def test_syntax_error_names_the_line() -> None:
    err = _error("[kommune]\nkode = 751\npnummer = 1003386512\n[dtr\n")
    assert "line 4" in err.message or "linje 4" in err.message


def test_unknown_key_is_an_error_with_key_and_line() -> None:
    err = _error(BASE_CONFIG + '\n[[omraade]]\nnavn = "Nord"\nhvvor = { Distrikt = ["Nord"] }\n')
    text = "\n".join(err.details)
    assert "omraade[1].hvvor" in text
    assert "ukendt nøgle" in text
    line = (BASE_CONFIG + '\n[[omraade]]\nnavn = "Nord"\nhvvor').count("\n") + 1
    assert f"linje {line}" in text


def test_identifier_as_number_is_refused_without_echoing_it() -> None:
    err = _error(BASE_CONFIG.replace('pnummer = "1003386512"', "pnummer = 1003386512"))
    text = "\n".join(err.details)
    assert "standard.pnummer" in text
    assert "anførselstegn" in text
    assert "1003386512" not in text.replace('"1003386512"', "")  # only the example, not the input


def test_wrong_type_and_missing_table() -> None:
    err = _error('[kommune]\nkode = "Aarhus"\n')
    assert any("kommune.kode" in d and "helt tal" in d for d in err.details)
    err = _error("[dtr]\nejerform = 1\n")
    assert any("kommune" in d and "mangler" in d for d in err.details)


def test_blank_custody_decided_under_the_name_product_gives_it() -> None:
    """``[unilogin] tom_foraeldremyndighed`` (PRODUCT.md's configuration) is ``[roster]
    tom_myndighed``; two decisions that differ are refused, never one picked."""
    given = BASE_CONFIG.replace("[unilogin]", '[unilogin]\ntom_foraeldremyndighed = "nej"')
    assert parse_config(given + AREAS, Path("x.toml")).config.roster.tom_myndighed == "nej"
    both = given + '[roster]\ntom_myndighed = "forældre"\n' + AREAS
    assert any("siger hver sit" in d for d in _error(both).details)
    same = given + '[roster]\ntom_myndighed = "nej"\n' + AREAS
    assert parse_config(same, Path("x.toml")).config.roster.tom_myndighed == "nej"
    wrong = BASE_CONFIG.replace("[unilogin]", '[unilogin]\ntom_foraeldremyndighed = "ja"')
    said = _error(wrong + AREAS).details
    assert any("unilogin.tom_foraeldremyndighed" in d for d in said)
    assert not any("roster.tom_myndighed" in d for d in said)  # a key the user never wrote


def test_unknown_column_field() -> None:
    err = _error(BASE_CONFIG + '[roster.kolonner]\nmedarbejder = "Nr"\n')
    assert any("roster.kolonner" in d and "ukendt felt medarbejder" in d for d in err.details)


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(DagplejeError) as info:
        load_config(tmp_path / "nope.toml")
    assert info.value.key == "config_missing"


def test_bad_config_through_cli_exits_2_and_writes_nothing(project: Path) -> None:
    (project / "dagpleje.toml").write_text(BASE_CONFIG + "[dtr]\nx = 1\n", encoding="utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2
    assert "dagpleje.toml" in result.stderr
    assert no_traceback(result)
    assert not (project / "dagpleje-plan.xlsx").exists()


def test_english_messages(project: Path) -> None:
    (project / "dagpleje.toml").write_text("[kommune\n", encoding="utf-8")
    result = run_cli("--lang", "en", "plan", "roster.xlsx")
    assert result.exit_code == 2
    assert "not valid TOML" in result.stderr


def test_an_unknown_configuration_key_suggests_the_near_one(project: Path) -> None:
    toml = project / "dagpleje.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(text.replace("insttype =", "instype =", 1), encoding="utf-8")
    result = run_cli("validate")
    assert result.exit_code == 2
    assert "dtr.instype ukendt nøgle; mente du insttype?" in result.stderr
    english = run_cli("--lang", "en", "validate")
    assert "did you mean insttype?" in english.stderr


def test_a_configuration_error_carries_raw_values_said_in_the_language_it_is_read_in() -> None:
    from dagplejecli.i18n import set_language
    from dagplejecli.wording import Detail, Place, Said

    err = _error(BASE_CONFIG + '[roster.kolonner]\nmedarbejder = "Nr"\n')
    detail = err.raw_details[0]
    assert isinstance(detail, Detail) and isinstance(detail.place, Place)
    assert isinstance(detail.what, Said) and detail.what.key == "cfg_unknown_field"
    assert detail.what.params["fields"] == "medarbejder"
    danish = err.details
    set_language("en")
    try:
        english = err.details
    finally:
        set_language("da")
    assert "linje" in danish[0] and "ukendt felt" in danish[0]
    assert ", line " in english[0] and "linje" not in english[0] and "medarbejder" in english[0]


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('[roster.kontaktgrupper.0]\ntelefon = "Mors mobil"\n', "cfg_group_number"),
        ('[roster.kontaktgrupper.21]\ntelefon = "Mors mobil"\n', "cfg_group_number"),
        ('[roster.kontaktgrupper.01]\ntelefon = "Mors mobil"\n', "cfg_group_number"),
        ('[roster.kontaktgrupper.x]\ntelefon = "Mors mobil"\n', "cfg_group_number"),
        (
            '[roster.kontaktgrupper.1]\ntelefon = "Mobil"\n'
            '[roster.kontaktgrupper.2]\nemail = " mobil "\n',
            "cfg_group_header_twice",
        ),
        ('[roster.kontaktgrupper.1]\nbarn = "Barnets CPR"\n', "cfg_unknown_field"),
        ('[roster.kontaktgrupper.1]\nmobil = "Mors mobil"\n', "cfg_unknown_field"),
    ],
)
def test_a_contact_group_is_numbered_within_range_and_names_contact_fields(
    table: str, said: str
) -> None:
    from dagplejecli.wording import Said

    detail = _error(BASE_CONFIG + table).raw_details[0]
    assert isinstance(detail.what, Said) and detail.what.key == said
    # the line of the groups' first table, not of [roster] above them
    first = (BASE_CONFIG + table).splitlines().index(table.splitlines()[0]) + 1
    assert detail.place.line == first, (detail.place, first)


@pytest.mark.parametrize(
    ("groups", "said"),
    [
        # a column the roster lacks
        ('[roster.kontaktgrupper.1]\ntelefon = "Mors mobil"\n', ("Mors mobil", "kontaktgrupper")),
        # the child's own CPR column
        ('[roster.kontaktgrupper.1]\ncpr = "CPR"\n', ("«CPR» fra [roster.kontaktgrupper.1]",)),
        # one column for two groups, in two spellings of its header
        (
            '[roster.kontaktgrupper.1]\ncpr = "Kontakt1 CPR"\n\n'
            '[roster.kontaktgrupper.2]\ncpr = "Kontakt1  cpr."\n',
            ("givet til to kontaktgrupper",),
        ),
    ],
)
def test_contact_groups_the_roster_cannot_read_stop_plan(
    project: Path, groups: str, said: tuple[str, ...]
) -> None:
    toml = project / "dagpleje.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n" + groups, "utf-8")
    result = run_cli("plan", "roster.xlsx")
    assert result.exit_code == 2 and no_traceback(result), result.output
    for text in said:
        assert text in result.stderr, result.stderr


def test_a_union_key_wrong_deep_inside_is_said_once_where_it_is_wrong() -> None:
    """«"Børn" = [2, 3]» under [roster.overskriftsraekke] (a number, or a table of numbers) is
    one mistake: said at «Børn», not also as «overskriftsraekke is no number» at the table."""
    config = BASE_CONFIG + '\n[roster.overskriftsraekke]\n"Børn" = [2, 3]\n'
    details = _error(config).raw_details
    assert [d.place.key for d in details] == ["roster.overskriftsraekke.Børn"], details
