# Two commands for a newcomer: `make serve` and `make test`. Everything else is a detail.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install check build serve test test-browser chromium bench lint clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

install: $(STAMP)

check: install
	$(BIN)/undersigned check

build: install
	$(BIN)/undersigned build

serve: install
	$(BIN)/undersigned serve

# Debian's Chromium drives the browser tests; Playwright cannot download its own here.
chromium:
	@test -x /usr/bin/chromium || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Every test, the browser ones included: they fail (never skip) without Chromium.
test: install chromium
	$(BIN)/python -m pytest

# Only the browser tests; screenshots and the search-size figures go to test-artifacts/.
test-browser: install chromium
	$(BIN)/python -m pytest -m browser tests/browser

lint: install
	$(BIN)/ruff check src tests scripts

bench: install
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python scripts/bench.py --letters 1000 --json

clean:
	rm -rf site build .cache
