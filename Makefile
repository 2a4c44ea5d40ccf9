# newsdesk: `make run` and `make test` are the whole set-up on a fresh machine.
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120
# uv from PATH, else the one pip installs as a module (bootstrapped on first use)
UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
DB ?= warehouse/news.duckdb
SOURCES ?= seeds/
CRON ?= */15 * * * *
TZ_NAME ?= UTC
PREFECT_PORT ?= 4200

.PHONY: install install-all run lint test gate bench serve docs clean

install:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	$(UV) sync --frozen --inexact

# with the peers the benchmarks compare against (pySBD, blingfire, syntok, textacy)
install-all: install
	$(UV) sync --frozen --inexact --all-groups

run: install
	$(UV) run --frozen --no-sync newsdesk run $(SOURCES) --db $(DB)

# format, lint and types: the checks `make test` runs before pytest (configured in pyproject.toml)
lint: install
	$(UV) run --frozen --no-sync ruff format --check .
	$(UV) run --frozen --no-sync ruff check .
	$(UV) run --frozen --no-sync mypy

test: lint
	$(UV) run --frozen --no-sync pytest -q

gate: install
	$(UV) run --frozen --no-sync pytest -q -m gate

bench: install-all
	$(UV) run --frozen --no-sync python benchmarks/run_all.py

docs: install
	$(UV) run --frozen --no-sync newsdesk docs

# The flow on $(CRON) ($(TZ_NAME)) through a Prefect server: PREFECT_API_URL when set, else one on
# 127.0.0.1:$(PREFECT_PORT) (UI at http://127.0.0.1:$(PREFECT_PORT)), started and stopped with it.
serve: install
	$(UV) run --frozen --no-sync newsdesk serve --cron "$(CRON)" --timezone $(TZ_NAME) --port $(PREFECT_PORT) --db $(DB) $(SOURCES)

clean:
	rm -rf exports .pytest_cache $(DB) $(DB).wal $(DB).lock
