# Layanan Kecamatan: the two commands of the README, and their helpers.
# Every target is idempotent: running it again reuses the virtualenv and the database.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test setup install messages browser-deps node-deps deploy-deps java-deps lint format ci clean audit

## make run: set up, load the demo kecamatan, serve on http://127.0.0.1:8000
run: setup
	DJANGO_BASE_URL=$${DJANGO_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py load_demo
	DJANGO_BASE_URL=$${DJANGO_BASE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py runserver $(HOST):$(PORT)

## make test: set up the same way and run the whole test suite
test: install messages browser-deps node-deps deploy-deps java-deps
	$(PY) -m pytest

# Browser tests drive Debian's Chromium. Installed when missing and we may (root with apt-get);
# otherwise those tests are skipped locally (CI sets REQUIRE_BROWSER=1 and fails instead).
browser-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Chromium for the browser tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "Chromium not found: browser tests will be skipped (apt-get install chromium)."; fi

# nginx and Varnish from Debian: the deployment files are checked with them (`nginx -t`,
# `varnishd -C`) and the small cluster test runs them (tests/deploy/). Installed when missing
# and we may (root with apt-get), without starting them; otherwise those tests skip.
deploy-deps:
	@if command -v nginx >/dev/null && command -v varnishd >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing nginx and Varnish for the deployment tests (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends nginx-light varnish >/dev/null; \
	else echo "nginx or varnishd not found: deployment tests will be skipped (apt-get install nginx-light varnish)."; fi

# The Nu Html Checker (vnu-jar from npm, tests/browser/test_html_validity.py) runs on Java.
# Debian's headless runtime is installed when missing and we may, as Chromium is above.
java-deps:
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing a Java runtime for the Nu Html Checker (apt-get)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	else echo "Java not found: the HTML validity test will be skipped (apt-get install default-jre-headless)."; fi

# axe-core for the accessibility browser tests and vnu-jar (the Nu Html Checker) for the HTML
# validity test, pinned in package-lock.json (npm registry only; `npm ci` again only when the
# lock file changes; no install scripts: vnu-jar's would fetch a Java, Debian's is used). Without npm those tests skip locally; CI
# (REQUIRE_BROWSER=1) fails instead.
node-deps:
	@if command -v npm >/dev/null; then \
		if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
			npm ci --no-audit --no-fund --ignore-scripts --loglevel=error; fi; \
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
