"""Print pip constraints pinning every direct dependency to its declared minimum.

``make test-lowest`` installs the project with these constraints and runs the tests, so the
floors in ``pyproject.toml`` are versions the tests have passed with, not guesses. Only the
runtime dependencies are pinned; the development tools (pytest, ruff, mypy) are the newest.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)")


def floors(pyproject: Path) -> list[str]:
    """``name==minimum`` for each runtime dependency; one without a ``>=`` is an error."""
    project = tomllib.loads(pyproject.read_text("utf-8"))["project"]
    pins = []
    for requirement in project["dependencies"]:
        match = FLOOR.match(requirement)
        assert match is not None, requirement
        name, spec = match.group(1), match.group(2)
        low = re.search(r">=\s*([0-9][^,\s]*)", spec)
        if low is None:
            sys.exit(f"{requirement}: no declared minimum (>=)")
        pins.append(f"{name}=={low.group(1)}")
    return pins


def check(pins: list[str]) -> None:
    """Stop unless every pinned dependency is installed at exactly its floor."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.version import Version  # installed with pytest

    wrong = []
    for pin in pins:
        name, floor = pin.split("==")
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = "missing"
        if installed == "missing" or Version(installed) != Version(floor):
            wrong.append(f"{name}: {installed}, not {floor}")
    if wrong:
        sys.exit("Not the declared minimum: " + "; ".join(wrong))
    print("Installed at the declared minimum: " + ", ".join(pins))


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    pins = floors(root / "pyproject.toml")
    if sys.argv[1:] == ["--check"]:
        check(pins)
    else:
        print("\n".join(pins))
