"""New areas from postnumre: `init --omraader N` / `--max-dagplejere M`, through the CLI, and the
balancing itself held to a brute-force search over every contiguous cut."""

from __future__ import annotations

import itertools
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dagplejecli.proposal import balanced_cuts, fewest_parts
from tests.builders import fill_in, run_cli, write_xlsx

# (postnummer, town, dagplejere): a municipality without a division column
TOWNS = [
    ("8000", "Aarhus C", 7),
    ("8200", "Aarhus N", 5),
    ("8210", "Aarhus V", 4),
    ("8220", "Brabrand", 3),
    ("8240", "Risskov", 2),
    ("8250", "Egå", 2),
    ("8260", "Viby J", 6),
    ("8270", "Højbjerg", 4),
    ("8310", "Tranbjerg J", 3),
    ("8361", "Hasselager", 2),
]


def _cpr(n: int, child: bool) -> str:
    """A synthetic CPR: a real date, a made-up serial (7th digit 4 for children, born 20xx)."""
    day, month = n % 28 + 1, n // 28 % 12 + 1
    return f"{day:02d}{month:02d}{'24' if child else '80'}{'4' if child else '1'}{n:03d}"


def roster_without_division(path: Path) -> Path:
    dagplejere = [["Medarbejdernr", "CPR", "Fornavn", "Efternavn", "Adresse", "Postnr", "By"]]
    children = [
        ["CPR", "Fornavn", "Efternavn", "Dagplejer", "Mor CPR", "Mor navn", "Mor myndighed"]
    ]
    n = 0
    for postnr, town, count in TOWNS:
        for _ in range(count):
            n += 1
            dagplejere.append(
                [f"D{n}", _cpr(n, False), f"Dag{n}", "Plejer", f"Vej {n}", postnr, town]
            )
            for k in range(1 + n % 3):
                c = n * 3 + k
                children.append(
                    [
                        _cpr(c, True),
                        f"Barn{c}",
                        "Plejer",
                        f"D{n}",
                        _cpr(500 + c, False),
                        f"Mor{c} Plejer",
                        "Ja",
                    ]
                )
    return write_xlsx(path, {"Dagplejere": dagplejere, "Børn": children})


def _areas(config: Path) -> list[dict[str, object]]:
    return list(tomllib.loads(config.read_text("utf-8"))["omraade"])


def _ranges(areas: list[dict[str, object]]) -> list[tuple[int, int]]:
    out = []
    for area in areas:
        (values,) = dict(area["hvor"]).values()  # type: ignore[call-overload]
        low, _, high = values[0].partition("-")
        out.append((int(low), int(high or low)))
    return out


def test_four_new_areas_cover_every_postnummer_once_and_validate_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roster_without_division(tmp_path / "roster.xlsx")
    result = run_cli("init", "roster.xlsx", "--kommune", "751", "--omraader", "4")
    assert result.exit_code == 0, result.output
    assert "Forslag: 4 nye områder" in result.stdout and "Fra gennemsnit" in result.stdout
    areas = _areas(tmp_path / "dagpleje.toml")
    ranges = _ranges(areas)
    assert len(ranges) == 4 and sum(1 for a in areas if a.get("resten")) == 1
    # contiguous, non-overlapping, in order; every postnummer in exactly one range
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges))
    for postnr, _, _ in TOWNS:
        assert sum(low <= int(postnr) <= high for low, high in ranges) == 1
    # as even as whole postnumre allow: the optimum over every cut, by brute force
    sizes = [_count_in(r) for r in ranges]
    assert sum(s * s for s in sizes) == _best_squares([c for _, _, c in TOWNS], 4)
    # same roster, same proposal, byte for byte
    run_cli("init", "roster.xlsx", "--kommune", "751", "--omraader", "4", "-o", "b.toml")
    assert (tmp_path / "b.toml").read_bytes() == (tmp_path / "dagpleje.toml").read_bytes()
    fill_in(tmp_path / "dagpleje.toml")
    plan = run_cli("plan", "roster.xlsx")
    assert plan.exit_code == 0, plan.output  # every dagplejer assigned
    validate = run_cli("validate", "--format", "json")
    assert validate.exit_code == 0, validate.stdout
    assert _areas(tmp_path / "b.toml")[0]["navn"] == "Dagplejen Aarhus C – Aarhus N"


def _count_in(r: tuple[int, int]) -> int:
    return sum(c for postnr, _, c in TOWNS if r[0] <= int(postnr) <= r[1])


def _best_squares(weights: list[int], parts: int) -> int:
    best = None
    for cuts in itertools.combinations(range(1, len(weights)), parts - 1):
        edges = list(zip((0, *cuts), (*cuts, len(weights)), strict=True))
        cost = sum(sum(weights[a:b]) ** 2 for a, b in edges)
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=9), st.integers(1, 9))
def test_the_cut_is_optimal(weights: list[int], parts: int) -> None:
    parts = min(parts, len(weights))
    cuts = balanced_cuts(weights, parts)
    edges = list(zip((0, *cuts), (*cuts, len(weights)), strict=True))
    assert len(edges) == parts and all(a < b for a, b in edges)
    assert sum(sum(weights[a:b]) ** 2 for a, b in edges) == _best_squares(weights, parts)


@given(st.lists(st.integers(1, 20), min_size=1, max_size=9), st.integers(20, 60))
def test_fewest_parts_is_the_least_that_fits(weights: list[int], cap: int) -> None:
    k = fewest_parts(weights, cap)
    cuts = balanced_cuts(weights, k, weights, cap)  # k parts fit under the cap
    edges = list(zip((0, *cuts), (*cuts, len(weights)), strict=True))
    assert all(sum(weights[a:b]) <= cap for a, b in edges)
    if k > 1:  # and k - 1 parts do not
        assert all(
            any(sum(weights[a:b]) > cap for a, b in zip((0, *c), (*c, len(weights)), strict=True))
            for c in itertools.combinations(range(1, len(weights)), k - 2)
        )


def test_max_dagplejere_and_balance_by_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roster_without_division(tmp_path / "roster.xlsx")
    result = run_cli("init", "roster.xlsx", "--max-dagplejere", "12", "--efter", "boern")
    assert result.exit_code == 0, result.output
    assert "efter antal børn" in result.stdout
    areas = _areas(tmp_path / "dagpleje.toml")
    assert len(areas) == fewest_parts([c for _, _, c in TOWNS], 12)
    assert all(_count_in(r) <= 12 for r in _ranges(areas))


def test_impossible_proposals_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    roster_without_division(tmp_path / "roster.xlsx")
    too_many = run_cli("init", "roster.xlsx", "--omraader", "11")
    assert too_many.exit_code == 2 and "kun 10 forskellige postnumre" in too_many.stderr
    assert not (tmp_path / "dagpleje.toml").exists()
    too_small = run_cli("--lang", "en", "init", "roster.xlsx", "--max-dagplejere", "6")
    assert too_small.exit_code == 2 and "one postcode alone has 7" in too_small.stderr
    zero = run_cli("init", "roster.xlsx", "--omraader", "0")
    assert zero.exit_code == 2
    assert re.search(r"Traceback", too_many.output + too_small.output + zero.output) is None


def test_the_plan_shows_the_balance_as_a_chart_and_bars(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    monkeypatch.chdir(tmp_path)
    roster_without_division(tmp_path / "roster.xlsx")
    assert run_cli("init", "roster.xlsx", "--kommune", "751", "--omraader", "3").exit_code == 0
    fill_in(tmp_path / "dagpleje.toml")
    shown = run_cli("plan", "roster.xlsx")
    assert shown.exit_code == 0 and "Fordeling" in shown.stdout
    assert "█" * 8 in shown.stdout  # the largest area: a full bar
    first = (tmp_path / "dagpleje-plan.xlsx").read_bytes()
    assert run_cli("plan", "roster.xlsx").exit_code == 0
    assert (tmp_path / "dagpleje-plan.xlsx").read_bytes() == first  # same roster, same bytes
    # a native bar chart over the overview's own cells, readable by openpyxl and calamine
    sheet = openpyxl.load_workbook(tmp_path / "dagpleje-plan.xlsx")["Oversigt"]
    (chart,) = sheet._charts
    refs = [(s.tx.strRef.f, s.val.numRef.f, s.cat.strRef.f) for s in chart.series]
    assert refs == [
        ("'Oversigt'!$C$1", "'Oversigt'!$C$2:$C$4", "'Oversigt'!$A$2:$A$4"),
        ("'Oversigt'!$D$1", "'Oversigt'!$D$2:$D$4", "'Oversigt'!$A$2:$A$4"),
    ]
    cached = [int(p.v) for p in chart.series[0].val.numRef.numCache.pt]
    assert cached == [sheet.cell(row=r, column=3).value for r in range(2, 5)]
    assert sum(cached) == sum(c for _, _, c in TOWNS)
    rows = CalamineWorkbook.from_path(tmp_path / "dagpleje-plan.xlsx").get_sheet_by_name("Oversigt")
    assert rows.to_python()[0][:4] == ["Område", "Daginstitution", "Dagplejere", "Børn"]


def test_flags_that_contradict_or_do_nothing_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    roster_without_division(tmp_path / "roster.xlsx")
    both = run_cli("init", "roster.xlsx", "--omraader", "3", "--max-dagplejere", "20")
    assert both.exit_code == 2 and "kan ikke bruges sammen" in both.stderr
    alone = run_cli("init", "roster.xlsx", "--efter", "boern")
    assert alone.exit_code == 2 and "--efter" in alone.stderr
    assert not (tmp_path / "dagpleje.toml").exists()
    proposed = run_cli("init", "roster.xlsx", "--omraader", "2")
    assert "inddeling" not in proposed.stdout  # no word of a division it does not use
