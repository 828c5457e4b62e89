# `make demo` and `make test` each create .venv on first use and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DAGPLEJE := $(CURDIR)/$(BIN)/dagpleje

LOWEST := .venv-lowest
EXE_VENV := .venv-exe

.PHONY: demo test test-lowest exe lint bench examples clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 eller nyere kræves" if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	cd examples && $(DAGPLEJE) plan roster.xlsx
	cd examples && $(DAGPLEJE) validate
	cd examples && $(DAGPLEJE) export --target dagtilbudsregisteret
	cd examples && $(DAGPLEJE) export --target unilogin

# The tests run on every core (pytest-xdist); `.venv/bin/pytest tests/export` runs one subject, `tests/export/test_export.py` one file.
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n auto

# The tests with the declared minimum of every runtime dependency (tools/lowest.py pins each
# to its floor in pyproject.toml), in an environment of their own.
test-lowest:
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/python -m pip install --quiet --upgrade pip
	$(PYTHON) tools/lowest.py > $(LOWEST)/constraints.txt
	$(LOWEST)/bin/python -m pip install --quiet -c $(LOWEST)/constraints.txt -e '.[dev]'
	$(LOWEST)/bin/python tools/lowest.py --check
	$(LOWEST)/bin/pytest -p no:cacheprovider

# One executable for this system (dist/dagpleje) with PyInstaller, then its tests (tests_exe/,
# not part of make test).
exe:
	$(PYTHON) -m venv $(EXE_VENV)
	$(EXE_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(EXE_VENV)/bin/python -m pip install --quiet . pyinstaller pytest
	$(EXE_VENV)/bin/python tools/build_exe.py
	cd tests_exe && ../$(EXE_VENV)/bin/python -m pytest -p no:cacheprovider -q .

examples: $(STAMP)
	$(BIN)/python examples/make_roster.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(LOWEST) $(EXE_VENV) build dist examples/dagpleje-plan.xlsx examples/eksport examples/registre examples/afstemning.xlsx
