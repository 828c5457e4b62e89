# `make demo` and `make test` each create .venv on first use and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DAGPLEJE := $(CURDIR)/$(BIN)/dagpleje

.PHONY: demo test lint bench examples clean

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

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

examples: $(STAMP)
	$(BIN)/python examples/make_roster.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) examples/dagpleje-plan.xlsx examples/eksport examples/registre examples/afstemning.xlsx
