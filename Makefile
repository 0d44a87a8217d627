# supplyline: the two commands of the README, and the pieces they are made of.
# `make demo` installs everything and runs the main job on the bundled example;
# `make test` installs what the tests need (Chromium too), starts PostgreSQL, and runs every check.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test lint typecheck imports pytest test-ledger bench clean

demo: install
	$(BIN)/supplyline demo

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-test: $(VENV)/.installed-test

$(VENV)/.installed-test: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-test
	$(BIN)/mypy

imports: install-test
	$(BIN)/lint-imports

pytest: install-test
	bash scripts/run-tests.sh $(BIN)

# The ledger's suite alone, on SQLite and on a throw-away PostgreSQL (scripts/postgres.sh).
test-ledger: install-test
	bash scripts/postgres.sh --fast $(BIN)/pytest -q tests/services/test_ledger_*.py

test: lint typecheck imports pytest

bench: install-test
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	for b in benchmarks/*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
