# newsclean: `make demo` runs the offline demo crawl, `make test` runs the test suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BENCH_DIR ?= ../shared/bench

.PHONY: setup demo test lint bench bench-crawl bench-incremental clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/python -m demo.run

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/newsclean bench --set $(BENCH_DIR)/fundus-dev --set $(BENCH_DIR)/trafilatura-dev --compare trafilatura

N ?= 3000
bench-crawl: setup
	$(BIN)/python -m bench.crawl_bench --pages $(N) --jobdir $(BENCH_CRAWL_ARGS)

ARTICLES ?= 1000
bench-incremental: setup
	$(BIN)/python -m bench.incremental_bench --articles $(ARTICLES) --edit 10

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
