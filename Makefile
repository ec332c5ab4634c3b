# Two set-up commands for a fresh machine: `make build` and `make test` (see README).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: build test validate serve schema bench clean compare-engines

$(BIN)/mkdocs: requirements.lock pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	# This checkout, editable: registers the mkdocs plugin `portal` (entry point in pyproject.toml).
	# setuptools (pinned in requirements.lock) builds it; nothing else is downloaded.
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

## Validate the content, then build the site into site/.
build: $(BIN)/mkdocs
	$(BIN)/python -m scripts.validate
	$(BIN)/mkdocs build --strict --clean

## Lint and run every test (browser tests need /usr/bin/chromium).
test: $(BIN)/mkdocs
	$(BIN)/ruff check macros scripts tests
	$(BIN)/python -m pytest -q

validate: $(BIN)/mkdocs
	$(BIN)/python -m scripts.validate

## Preview at http://127.0.0.1:8000 with live reload.
serve: $(BIN)/mkdocs
	$(BIN)/mkdocs serve

schema: $(BIN)/mkdocs
	$(BIN)/python -m scripts.schema

bench: $(BIN)/mkdocs
	$(BIN)/python -m scripts.benchmark

## Build with mkdocs and with ProperDocs and compare (they must agree but for the generator tag).
compare-engines: $(BIN)/mkdocs
	$(BIN)/python -m scripts.compare_engines

clean:
	rm -rf site .cache
