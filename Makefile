# revtrack: two commands for a fresh machine.
#   make run   - create .venv, install, ingest seeds/ into the default store, open the app
#   make test  - create .venv, install with the test extra, lint, run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test test-memory lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all,test]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

run: $(STAMP)
	$(BIN)/revtrack ingest seeds/
	$(BIN)/revtrack

lint: $(STAMP)
	$(BIN)/ruff check revtrack tests benchmarks
	$(BIN)/ruff format --check revtrack tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format revtrack tests benchmarks
	$(BIN)/ruff check --fix revtrack tests benchmarks

# revtrack's modules are compiled once first: where PYTHONDONTWRITEBYTECODE is set, each of the
# suite's subprocesses (CLI runs, Dask workers, killed ingests) compiled them again (6 s of the run).
# Three workers on two cores: many tests wait (Dask's scheduler, servers, killed processes, the
# TUI's idle waits) and a third worker runs while they do (123.5 s -> 115.6 s back to back).
test: lint
	$(BIN)/python -m compileall -q revtrack > /dev/null
	$(BIN)/python -m pytest -n 3 --dist loadgroup

# the ingest tests with address space capped at 1 GB: memory stays bounded
test-memory: $(STAMP)
	ulimit -v 1048576; OPENBLAS_NUM_THREADS=1 $(BIN)/python -m pytest -q -p no:xdist \
		tests/store/test_store_ingest.py tests/ingest/test_stream_jsonl.py tests/store/test_reliability.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/grouping.py
	$(BIN)/python benchmarks/generalization.py
	$(BIN)/python benchmarks/diff.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/tui.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
