"""The workbooks written for people (the plan, ``brugere.xlsx``) in the chosen language; the
plan's machine-read part the same in every language."""

from __future__ import annotations

from dagplejecli.messages import da, en


def test_workbook_catalogues_have_the_same_keys() -> None:
    assert set(da.WORKBOOKS) == set(en.WORKBOOKS)
    assert all(da.WORKBOOKS.values()) and all(en.WORKBOOKS.values())
