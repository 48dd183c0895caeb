# Staffroom: `make run` to use it, `make test` to check it. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
export FLASK_APP := wsgi.py

.PHONY: run test setup migrate seed serve clean help

help:
	@echo "make run   - set up, migrate, seed demo data if empty, serve on http://127.0.0.1:5000"
	@echo "make test  - set up, migrate, run the whole test suite"

run: setup migrate seed serve

test: setup migrate
	$(BIN)/pytest $(PYTEST_ARGS)

setup: $(STAMPS)/python $(STAMPS)/assets

# Python packages: reinstalled when requirements.txt changes.
$(STAMPS)/python: requirements.txt
	@mkdir -p $(STAMPS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# Front-end packages from the npm registry, copied and compiled into app/static/vendor/.
$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

$(STAMPS)/assets: $(STAMPS)/npm scripts/build-assets.mjs $(wildcard app/static/scss/*.scss)
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

clean:
	rm -rf $(VENV) node_modules app/static/vendor $(STAMPS)
