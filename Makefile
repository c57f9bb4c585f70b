# SOC Scrutiny Question Bank. Quick start: `make site`, then `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EDITION ?=
# An edition builds into site-<its folder's name>, never over the national site/.
OUT ?= $(if $(EDITION),site-$(notdir $(patsubst %/,%,$(EDITION))),site)
EDITION_ARG := $(if $(EDITION),--edition $(EDITION),)
# What turns the generated Markdown into HTML: mkdocs (MkDocs + Material) or properdocs.
ENGINE ?= mkdocs
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check lint typecheck validate install bench clean editions zensical

# The virtual environment is rebuilt only when the dependencies change.
$(BIN)/qbank: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,properdocs]'
	touch $@

# Front-end assets from the npm registry (iframe-worker shim, axe-core), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(BIN)/qbank node_modules/.package-lock.json

# Zensical, measured against MkDocs by bench/engines.py and tests/test_engines.py, lives in an
# environment of its own (it brings its own Markdown stack); pinned, installed for CI.
ZENSICAL_VENV := .venv-zensical
$(ZENSICAL_VENV)/bin/zensical:
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet zensical==0.0.73
	touch $@

zensical: $(ZENSICAL_VENV)/bin/zensical

validate: install
	$(BIN)/qbank validate

site: install
	$(BIN)/qbank build -o $(OUT) $(EDITION_ARG) --engine $(ENGINE)

# Every edition folder (or those in EDITIONS), each built into $(EDITIONS_OUT)/<folder name>.
EDITIONS ?= $(wildcard editions/*/)
EDITIONS_OUT ?= site-editions
editions: install
	$(BIN)/qbank build -o $(EDITIONS_OUT) --subfolders $(foreach e,$(EDITIONS),--edition $(e))

serve: install
	$(BIN)/qbank serve $(EDITION_ARG)

# The browser code's pure parts first (Node's own test runner, tests/js/), then pytest.
test: install
	node --test tests/js/
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	node_modules/.bin/eslint docs/js tests/js tools eslint.config.js

typecheck: install
	$(BIN)/mypy

check: lint typecheck test
	$(BIN)/qbank build -o $(OUT) $(EDITION_ARG)

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(OUT) $(EDITIONS_OUT) .pytest_cache .mypy_cache .ruff_cache
