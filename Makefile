# Staffroom: `make run` to use it, `make test` to check it, `make lint` before you push. All set
# everything up first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
export FLASK_APP := wsgi.py

.PHONY: run test setup migrate seed serve lint format coverage bench clean help system-packages

help:
	@echo "make run      - set up, migrate, seed demo data if empty, serve on http://127.0.0.1:5000"
	@echo "make test     - set up, migrate, run the whole test suite"
	@echo "make lint     - ruff check, ruff format --check and mypy (what CI runs before the suites)"
	@echo "make format   - ruff's fixes and formatting, in place"
	@echo "make coverage - the whole test suite with coverage of app/ (terminal and htmlcov/)"
	@echo "make bench    - the benchmarks of docs/performance.md on SQLite and PostgreSQL (about 40 minutes)"
	@echo "make system-packages - the Debian packages WeasyPrint needs (Pango), as root"

run: setup migrate seed serve

test: setup migrate
	$(BIN)/pytest $(PYTEST_ARGS)

setup: $(STAMPS)/python $(STAMPS)/assets

# Python packages: production's (requirements.txt) and the tests' and tools' (requirements-dev.txt,
# which includes requirements.txt); reinstalled when either file changes.
$(STAMPS)/python: requirements.txt requirements-dev.txt
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

# Front-end packages from the npm registry, copied and compiled into app/static/vendor/, with
# fingerprinted copies of everything the pages load (our own scripts and images too: rebuilt
# when they change) and their gzip and brotli variants.
$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(STAMPS)/assets: $(STAMPS)/npm scripts/build-assets.mjs $(wildcard app/static/scss/*.scss app/static/js/*.js app/static/images/*)
	node scripts/build-assets.mjs
	@touch $@

migrate: setup
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask search reindex --if-missing

serve:
	@echo "Staffroom: http://127.0.0.1:5000  (demo password: staffroom-demo)"
	$(BIN)/flask run --host 127.0.0.1 --port 5000

# Lint (settings in pyproject.toml): all three run, so one pass shows every complaint; it fails if
# any of them does. Needs only the Python packages, not the front end.
lint: $(STAMPS)/python
	@status=0; \
	echo "lint: ruff check"; $(BIN)/ruff check || status=1; \
	echo "lint: ruff format --check"; $(BIN)/ruff format --check --output-format concise || status=1; \
	echo "lint: mypy"; $(BIN)/mypy || status=1; \
	exit $$status

# ruff's safe fixes (import order, pyupgrade...), then the formatter; `make lint` shows what is left.
format: $(STAMPS)/python
	$(BIN)/ruff check --fix-only
	$(BIN)/ruff format

# The whole suite, measuring which lines and branches of app/ it runs (pyproject.toml, [tool.coverage]).
coverage: setup migrate
	$(BIN)/pytest --cov --cov-report=term --cov-report=html $(PYTEST_ARGS)

# Benchmarks (docs/performance.md): not part of `make test`. The large datasets are kept in
# $(BENCH_DIR) (SQLite) and the staffroom_bench database (PostgreSQL), so a second run skips seeding.
BENCH_DIR ?= /tmp/staffroom-bench
BENCH_POSTGRES_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/staffroom_bench

$(STAMPS)/bench-python: requirements-bench.txt
	@mkdir -p $(STAMPS)
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet -r requirements-bench.txt
	@touch $@

bench: setup $(STAMPS)/bench-python
	@mkdir -p $(BENCH_DIR)
	$(BIN)/python -m bench.search_bench
	$(BIN)/python -m bench.page_weight
	$(BIN)/python -m bench.dashboard_bench --database-url sqlite:///$(BENCH_DIR)/large.sqlite
	$(BIN)/python -m bench.dashboard_bench --database-url $(BENCH_POSTGRES_URL)
	$(BIN)/python -m bench.load_test --profile --database-url sqlite:///$(BENCH_DIR)/large.sqlite
	$(BIN)/python -m bench.load_test --profile --database-url $(BENCH_POSTGRES_URL)

# Debian packages the Python ones need from the system: Pango for WeasyPrint (the monthly pack as
# PDF). .ci/run installs them the same way when they are missing.
system-packages:
	apt-get update -qq
	apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0

clean:
	rm -rf $(VENV) .venv-bench node_modules app/static/vendor $(STAMPS) .mypy_cache .ruff_cache .coverage htmlcov
