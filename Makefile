# Amity: `make demo` serves the demo on http://127.0.0.1:8000; `make test` runs the whole suite;
# `make serve` runs one production node (HOST, PORT from the environment; docs/operations.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
AMITY := $(BIN)/amity
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: demo test test-fast lint install install-prod build-deps system-deps bench-deps serve messages clean oidc-provider lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	@$(MAKE) --no-print-directory build-deps
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c requirements.lock
	touch $@

install: $(VENV)/.installed

# A server's installation (`make serve`, docs/operations.md): Amity and its runtime
# dependencies only, at the versions of requirements.lock (a constraints file: the development
# tools it also pins are not installed).
$(VENV)/.installed-prod: $(BIN)/python pyproject.toml requirements.lock
	@$(MAKE) --no-print-directory build-deps
	$(BIN)/python -m pip install --quiet -e . -c requirements.lock
	touch $@

install-prod: $(VENV)/.installed-prod

# Debian packages needed to build PyICU (ICU collation): ICU headers, pkg-config, a C++
# compiler. Installed only when missing, and only when we may (root).
build-deps:
	@missing=""; \
	[ -f /usr/include/unicode/coll.h ] || missing="$$missing libicu-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v g++ >/dev/null || missing="$$missing g++"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (needed to build PyICU)"; fi; \
	fi

# Debian packages the browser tests and the PDF renditions need (Chromium, Noto fonts), and
# those the build needs. Installed only when missing, and only when we may (root); otherwise
# the browser tests skip.
system-deps: build-deps
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q NotoSansArabic || missing="$$missing fonts-noto-core"; \
	fc-list 2>/dev/null | grep -qi NotoSansCJK || missing="$$missing fonts-noto-cjk"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (browser tests will be skipped)"; fi; \
	fi
	@# nginx for the deployment test (amity/core/tests/test_deployment.py) and deploy/.
	@bash deploy/install-nginx.sh

# LibreOffice's headless Writer (no GUI), the yardstick of bench/render_package.py
# (`libreoffice --headless --convert-to pdf`). Only the benchmarks need it; installed when
# missing, and only when we may (root).
bench-deps:
	@if command -v libreoffice >/dev/null || command -v soffice >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libreoffice-writer-nogui >/dev/null; \
	else echo "Missing Debian package: libreoffice-writer-nogui (run make bench-deps as root)"; fi

demo: install
	$(AMITY) migrate --no-input
	AMITY_DEMO=1 $(AMITY) loaddemo
	$(AMITY) demologins
	$(BIN)/uvicorn amity.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --ws-per-message-deflate false --ws-max-size 65536 --lifespan on

# One application node as deploy/amity@.service starts it, without the development tools and
# without touching the database (migrate first: docs/operations.md). Binds HOST:PORT, taken
# from the environment or the command line (`PORT=8001 make serve`; default 127.0.0.1:8000),
# and believes X-Forwarded-* from AMITY_TRUSTED_PROXIES (default 127.0.0.1,::1) only.
serve: install-prod
	$(BIN)/uvicorn amity.asgi:application --host $(HOST) --port $(PORT) --ws websockets-sansio --ws-per-message-deflate false --ws-max-size 65536 --lifespan on --proxy-headers --forwarded-allow-ips "$${AMITY_TRUSTED_PROXIES:-127.0.0.1,::1}" --no-server-header --timeout-graceful-shutdown 20

# Third-party checkers for the browser tests (axe-core), from the npm registry, locked.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install system-deps node_modules/.installed oidc-provider
	$(BIN)/pytest $(PYTEST_ARGS)

# The OpenID Connect provider the single sign-on tests start (npm oidc-provider, locked by
# package-lock.json). Needs node and npm (Debian's nodejs and npm, installed when missing).
OIDC_DIR := amity/accounts/tests/oidc
oidc-provider: $(OIDC_DIR)/node_modules/.installed

$(OIDC_DIR)/node_modules/.installed: $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	@if ! command -v npm >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else echo "Missing node and npm (the single sign-on tests will be skipped)"; exit 0; fi; \
	fi; \
	cd $(OIDC_DIR) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed

test-fast: install oidc-provider
	$(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check amity bench conftest.py
	$(BIN)/ruff format --check amity bench conftest.py
	$(BIN)/mypy amity conftest.py

messages: install
	cd amity && ../$(AMITY) makemessages --all --no-obsolete --ignore 'tests/*' && ../$(AMITY) compilemessages

clean:
	rm -rf $(VENV) var/test.sqlite3 .pytest_cache .mypy_cache .ruff_cache $(OIDC_DIR)/node_modules

# The locked set (every package and version, dev tools included) that `make install` keeps to;
# run after changing the dependencies in pyproject.toml, and commit requirements.lock.
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet 'pip-tools>=7.4,<8'
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
	  -o requirements.lock pyproject.toml
