# Two commands on a fresh machine: `make demo` and `make test`.
# Each makes .venv (pinned, hashed dependencies from requirements.lock) when needed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT := demo/out
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: install demo test lint sizes bench bench-scale clean lock screenshots

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	$(BIN)/frontwatch gazetteer build
	@touch $(STAMP)

# Piped into a log, Rich assumes 80 columns and cuts every table column to "st…";
# a terminal keeps its own width.
WIDE := [ -t 1 ] || export COLUMNS=160;

demo: $(STAMP)
	@mkdir -p $(DEMO_OUT)
	@# A fresh demo database each time: one made by an older frontwatch would keep its events.
	rm -f $(DEMO_OUT)/frontwatch.db $(DEMO_OUT)/frontwatch.db-wal $(DEMO_OUT)/frontwatch.db-shm
	$(BIN)/frontwatch ingest demo/articles --db $(DEMO_OUT)/frontwatch.db
	$(WIDE) $(BIN)/frontwatch events --db $(DEMO_OUT)/frontwatch.db
	$(BIN)/frontwatch export --db $(DEMO_OUT)/frontwatch.db --format csv -o $(DEMO_OUT)/events.csv
	$(BIN)/frontwatch export --db $(DEMO_OUT)/frontwatch.db --format geojson -o $(DEMO_OUT)/events.geojson
	$(BIN)/frontwatch export --db $(DEMO_OUT)/frontwatch.db --format jsonl -o $(DEMO_OUT)/events.jsonl
	$(WIDE) $(BIN)/frontwatch incidents --db $(DEMO_OUT)/frontwatch.db
	$(BIN)/frontwatch report --db $(DEMO_OUT)/frontwatch.db -o $(DEMO_OUT)/report.html
	@echo "demo outputs in $(DEMO_OUT)/: events.csv events.geojson events.jsonl report.html"

# docs/screenshot.png and docs/screenshot-map.png, from the demo database, in Chromium.
screenshots: demo
	$(BIN)/python scripts/screenshots.py $(DEMO_OUT)/frontwatch.db docs

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/vulture
	$(BIN)/python scripts/sizecheck.py

# Modules under 600 lines, functions under 80 (also part of `make lint`).
sizes: $(STAMP)
	$(BIN)/python scripts/sizecheck.py

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes \
	  --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock

# Pipeline vs bare nlp.pipe of the same model; the evaluation corpora when present.
# The corpus root of the fixed bench corpus (src/frontwatch/data/bench_corpus.toml).
BENCH_CORPUS ?= $(wildcard ../shared/eval)
BENCH_ARGS ?=
bench: $(STAMP)
	@mkdir -p $(DEMO_OUT)
	$(BIN)/frontwatch bench $(BENCH_CORPUS) --out $(DEMO_OUT)/bench.json $(BENCH_ARGS)

# The fixed batch's store + fusion time as a synthetic store grows (docs/performance.md).
BENCH_SCALE_SIZES ?= 1000,10000,50000,100000,200000
bench-scale: $(STAMP)
	@mkdir -p $(DEMO_OUT)
	$(BIN)/frontwatch bench-scale $(BENCH_CORPUS) --sizes $(BENCH_SCALE_SIZES) \
	  --out $(DEMO_OUT)/bench-scale.json $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .mypy_cache .ruff_cache
