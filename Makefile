# Layanan Kecamatan: the two commands of the README, and their helpers.
# Every target is idempotent: running it again reuses the virtualenv and the database.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup install messages browser-deps node-deps lint format ci clean audit

## make run: set up, load the demo kecamatan, serve on http://127.0.0.1:8000
run: setup
	DJANGO_BASE_URL=$${DJANGO_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py load_demo
	DJANGO_BASE_URL=$${DJANGO_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

## make test: set up the same way and run the whole test suite
test: install messages browser-deps node-deps
	$(PY) -m pytest

# Browser tests drive Debian's Chromium. Installed when missing and we may (root with apt-get);
# otherwise those tests are skipped locally (CI sets REQUIRE_BROWSER=1 and fails instead).
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium not found: browser tests will be skipped (apt-get install chromium)."; fi

# axe-core for the accessibility browser tests, pinned in package-lock.json (npm registry only;
# `npm ci` again only when the lock file changes). Without npm those tests skip locally; CI
# (REQUIRE_BROWSER=1) fails instead.
node-deps:
	@if command -v npm >/dev/null; then \
		if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
			npm ci --no-audit --no-fund --loglevel=error; fi; \
	elif [ -n "$$REQUIRE_BROWSER" ]; then echo "npm is required for the accessibility tests (apt-get install npm)."; exit 1; \
	else echo "npm not found: accessibility tests will be skipped (apt-get install npm)."; fi

setup: install messages
	$(PY) manage.py migrate --no-input

# Reinstall only when the dependency files change.
install: $(STAMP)
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

# Compile the translation catalogues (.po -> .mo) with polib: no GNU gettext needed.
messages: install
	$(PY) manage.py compile_catalogues

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Known vulnerabilities in the pinned dependencies, from PyPI's advisory data (docs/privacy.md,
# "Dependencies"). pip-audit lives in its own virtualenv, outside the app's; --strict makes a
# package it cannot look up an error, not a silent "no known vulnerabilities". Where the index
# serves no per-release JSON (every pin "not found"), tools/audit_pins.py checks each pin
# against the project's JSON instead. A vulnerability found fails; AUDIT_OFFLINE_OK=1 (CI)
# lets an unreachable PyPI pass with a warning.
AUDIT_LOG := .audit-venv/last-run.log
audit:
	test -x .audit-venv/bin/pip-audit || ($(PYTHON) -m venv .audit-venv && .audit-venv/bin/pip install --quiet pip-audit==2.10.1)
	@status=0; .audit-venv/bin/pip-audit -r requirements.lock --no-deps --disable-pip --strict \
		--vulnerability-service pypi --progress-spinner off $$($(PYTHON) tools/audit_pins.py --ignore-args) \
		> $(AUDIT_LOG) 2>&1 || status=$$?; cat $(AUDIT_LOG); \
	if [ $$status -eq 0 ]; then exit 0; fi; \
	if grep -q "known vulnerabilit" $(AUDIT_LOG); then exit 1; fi; \
	echo "pip-audit could not look every pin up; checking each with PyPI's project JSON:"; \
	$(PYTHON) tools/audit_pins.py requirements.lock

ci:
	bash .ci/run

clean:
	rm -rf $(VENV) .audit-venv db.sqlite3 staticfiles node_modules
