# The two commands: `make run` and `make test`. Everything they need is installed from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
VENDOR := src/heraldo/web/static/vendor
CHROMIUM := /usr/bin/chromium

.PHONY: run test lint format bench assets chromium migrate demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the package definition changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --no-warn-script-location -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --no-warn-script-location -e '.[test]'
	touch $(VENV)/.installed $@

# Chart.js and other front-end assets come pinned from npm (package-lock.json) and are served from /static.
$(VENDOR)/chart.umd.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(VENDOR)
	cp node_modules/chart.js/dist/chart.umd.js $(VENDOR)/chart.umd.js

assets: $(VENDOR)/chart.umd.js

# Browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Chromium is missing: sudo apt-get install chromium (browser tests will be skipped)"; fi; \
	fi

migrate: $(VENV)/.installed
	$(BIN)/heraldo migrate

demo: migrate
	$(BIN)/heraldo demo

# A random secret for this installation, kept in .env (read by the settings), made once.
.env:
	@echo "HERALDO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(48))')" > $@
	@echo "wrote a new HERALDO_SECRET_KEY to .env"

run: .env $(VENV)/.installed assets migrate
	@$(BIN)/heraldo demo
	@echo "Open http://$(HOST):$(PORT) and sign in with the demo login above."
	$(BIN)/heraldo serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test assets chromium
	$(BIN)/ruff check src tests bench migrations
	$(BIN)/ruff format --check src tests bench migrations
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench migrations

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench migrations
	$(BIN)/ruff check --fix src tests bench migrations

bench: $(VENV)/.installed-test
	@for script in bench/*.py; do [ -e "$$script" ] && $(BIN)/python "$$script"; done; true

clean:
	rm -rf $(VENV) node_modules $(VENDOR) .pytest_cache
