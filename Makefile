# Two set-up commands for a fresh machine: `make build` and `make test` (see README).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build test test-fast validate serve schema bench summary lock clean compare-engines

$(BIN)/mkdocs: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# This checkout, editable: registers the mkdocs plugin `portal` (entry point in pyproject.toml).
	# setuptools (pinned, with its hash, in requirements.lock) builds it; nothing else is downloaded.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The form editor's bundle (Decap CMS) and its local test backend, exactly as package-lock.json pins them
# (integrity hashes); `npm ci` again whenever package.json or the lock changes.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Validate the content and build the site into site/ (the portal plugin validates as it loads: a
## content error stops the build with the same messages as `make validate`, each warning is shown once).
build: $(BIN)/mkdocs schema node_modules/.package-lock.json
	$(BIN)/mkdocs build --strict --clean

# Python may keep compiled modules (__pycache__/, git-ignored) even where the environment says not to, as some
# CI images do: every test build is a new `mkdocs` process, and compiling the portal's modules again in each one
# cost more than half a second.
unexport PYTHONDONTWRITEBYTECODE

# Test processes (pytest-xdist): one per core by default; `make test WORKERS=0` runs in this process alone.
# A module's tests stay in one process, so what a module builds once (its fixtures) is built once.
WORKERS ?= auto
PYTEST := $(BIN)/python -m pytest -q -n $(WORKERS) --dist loadscope

## Lint and run every test (browser tests need /usr/bin/chromium).
test: $(BIN)/mkdocs node_modules/.package-lock.json
	$(BIN)/ruff check macros scripts tests
	$(PYTEST)

## The edit loop: lint and every test but those that build a whole site or start a browser.
test-fast: $(BIN)/mkdocs
	$(BIN)/ruff check macros scripts tests
	PORTAL_FAST_TESTS=1 $(PYTEST) -m "not build and not browser"

validate: $(BIN)/mkdocs
	$(BIN)/python -m scripts.validate

## Preview at http://127.0.0.1:8000 with live reload.
serve: $(BIN)/mkdocs schema node_modules/.package-lock.json
	$(BIN)/mkdocs serve

## The editors' JSON Schemas into schemas/ (git-ignored; .vscode/settings.json points VS Code there).
schema: $(BIN)/mkdocs
	$(BIN)/python -m scripts.schema

bench: $(BIN)/mkdocs
	$(BIN)/python -m scripts.benchmark

## Build with mkdocs and with ProperDocs and compare (they must agree but for the generator tag).
compare-engines: $(BIN)/mkdocs
	$(BIN)/python -m scripts.compare_engines

## What a change means for citizens, in Swedish Markdown: the working tree against BASE
## (default: where HEAD left origin/main, else HEAD~1). `make summary BASE=<rev>`.
summary: $(BIN)/mkdocs
	$(BIN)/python -m scripts.summary $(if $(BASE),--base '$(BASE)')

# The lock is compiled by pip-tools from pyproject.toml in a throwaway venv, from whatever package index
# pip is configured with here (the lock names none). Existing pins are kept; to move one:
# `make lock LOCK_ARGS='--upgrade-package NAME'`.
PIP_TOOLS := pip-tools==7.6.2
LOCK_ARGS ?=

## Regenerate requirements.lock, every pin with its hashes (needs the package index).
lock:
	set -e; tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PY) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet --disable-pip-version-check $(PIP_TOOLS); \
	CUSTOM_COMPILE_COMMAND="make lock" "$$tmp/venv/bin/pip-compile" --quiet --generate-hashes --allow-unsafe \
	  --strip-extras --extra test --all-build-deps --no-emit-index-url --no-emit-find-links \
	  $(LOCK_ARGS) --output-file requirements.lock pyproject.toml

clean:
	rm -rf site .cache
