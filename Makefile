# Parley: `make run` serves the demo on SQLite; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
HOST ?= 127.0.0.1
PORT ?= 5000
# `make test` runs a test file per worker process, each worker with databases of its own (tests/conftest.py).
PYTEST_WORKERS ?= 2

.PHONY: run test install bench clean

# Reinstall only when requirements.txt changes.
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

run: install
	$(FLASK) db upgrade
	PARLEY_URL=http://$(HOST):$(PORT) $(FLASK) demo
	@echo "Serving Parley on http://$(HOST):$(PORT) (Ctrl-C to stop). Sign in at http://$(HOST):$(PORT)/auth/login"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Load tests print a table; nothing is asserted. Needs PostgreSQL and Redis running (see README).
bench: install
	command -v wrk >/dev/null || apt-get install -y wrk || (apt-get update && apt-get install -y wrk)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache
