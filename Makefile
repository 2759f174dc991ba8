# Two commands for a newcomer: `make serve` and `make test`. Everything else is a detail.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The exact versions the tests passed with (`make lock` writes it): every install is
# constrained to them, so a fresh clone, CI and GitHub get the same packages.
LOCK   := constraints.txt
PIP    := $(BIN)/python -m pip install -q -c $(LOCK)
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install lock check build build-zensical serve test test-browser chromium bench lint ci clean

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --upgrade pip

# Zensical too (pyproject.toml's `zensical` extra): tests/test_tree.py renders with it.
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP) -e '.[test]' zensical
	@touch $@

install: $(STAMP)

# Re-resolve constraints.txt to the newest versions pyproject.toml allows, for Python 3.11
# (its oldest release: Debian 12 has 3.11.2) on x86-64 Linux, whatever machine runs it.
# Only uv is installed first: the old pins may not fit an edited pyproject.toml.
lock: | $(BIN)/python
	$(PIP) uv
	$(BIN)/uv pip compile pyproject.toml --extra test --extra bench --extra lock --extra zensical \
	  --python-version 3.11 --python-platform x86_64-unknown-linux-gnu --upgrade \
	  --custom-compile-command 'make lock' --quiet --output-file $(LOCK)

check: install
	$(BIN)/undersigned check

build: install
	$(BIN)/undersigned build

# The same site rendered by Zensical (Material's successor) from the generated tree:
# build/tree (`undersigned generate`), then build/zensical-site, indexed by Pagefind.
# What differs from `make build` is in docs/renderers.md.
build-zensical: install
	rm -rf build/zensical-site
	$(BIN)/undersigned generate build/tree
	cd build/tree && SOURCE_DATE_EPOCH=$$(cat SOURCE_DATE_EPOCH) ../../$(BIN)/zensical build --clean
	mv build/tree/site build/zensical-site
	cd build/tree/es && SOURCE_DATE_EPOCH=$$(cat ../SOURCE_DATE_EPOCH) ../../../$(BIN)/zensical build --clean
	mv build/tree/es/site build/zensical-site/es && rm build/zensical-site/es/404.html
	$(BIN)/python -c "from pathlib import Path; from undersigned.search_index import index; \
	  index(Path('build/zensical-site').resolve())"

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

# What GitHub runs on a pull request (check, build, lint, the tests): see .ci/run.
ci:
	bash .ci/run

bench: install
	$(PIP) -e '.[bench]'
	$(BIN)/python scripts/bench.py --letters 1000 --json

clean:
	rm -rf site build .cache
