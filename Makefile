# Kinerja — the two commands that matter: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
DEV_ENV := DEBUG=1

.PHONY: run test install lint format typecheck messages clean

run: install  ## Set everything up, load the demo data and serve http://127.0.0.1:8000
	$(DEV_ENV) $(BIN)/kinerja migrate --no-input -v0
	$(DEV_ENV) $(BIN)/kinerja createcachetable
	$(DEV_ENV) $(BIN)/kinerja seed_demo
	$(DEV_ENV) scripts/serve-dev

test: install  ## Run every test (SQLite by default; DATABASE_URL selects PostgreSQL)
	$(BIN)/python -m pytest

install: $(STAMP) $(NODE_STAMP)

$(STAMP): pyproject.toml requirements/dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: install  ## ruff check + format check + mypy on the domain core
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install  ## Extract and compile the translation catalogues (needs GNU gettext)
	cd kinerja && $(DEV_ENV) ../$(BIN)/kinerja makemessages -l id -l en --no-obsolete -i "formula/*"
	cd kinerja && $(DEV_ENV) ../$(BIN)/kinerja compilemessages

lock:  ## Re-pin the Python dependencies with hashes (needs uv)
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements/dev.lock
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements/prod.lock

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache .mypy_cache .ruff_cache
