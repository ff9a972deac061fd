# The two commands: `make run` and `make test`. Everything else is what they are made of.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed-stamp
CHROMIUM := /usr/bin/chromium
# Runs a command with DATABASE_URL set: the embedded PostgreSQL, started once, when it is unset.
WITH_DB := $(BIN)/python -m core.embedded_db run --

# Development defaults; production sets its own environment (see README.md).
export DEBUG ?= true
export PORT

.PHONY: run test install setup browser lint lock facilitator stop-db clean bench backup restore

run: setup ## Serve the portal on http://127.0.0.1:$(PORT), with the worker that sends emails
	@echo ""
	@echo "  The SPIRIT portal is at http://127.0.0.1:$(PORT)/"
	@echo "  To make a facilitator account:  make facilitator EMAIL=you@example.org"
	@echo "  The worker sends the emails and runs the daily jobs. Ctrl-C stops both."
	@echo ""
	$(WITH_DB) sh -c '$(BIN)/python manage.py show_schedule && \
		exec $(BIN)/honcho start --port $(PORT) web worker'

# The tests make their own databases (one per worker): the development database is not touched.
test: install browser lint ## Lint, check migrations and imports, and run every test
	$(WITH_DB) $(BIN)/pytest

# Development and tests: the production lock plus the dev extra, every file checked by hash.
$(STAMP): pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip==25.3
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $(STAMP)

install: $(STAMP)

setup: install ## Start the database, migrate, load the seed content, collect static files
	$(WITH_DB) sh -c '$(BIN)/python manage.py migrate --noinput && \
		$(BIN)/python manage.py load_seeds && \
		$(BIN)/python manage.py collectstatic --noinput --verbosity 0'

browser: ## Debian's Chromium for the browser tests (never a downloaded browser), poppler for the PDF tests
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi
	@if ! command -v pdfinfo >/dev/null || ! command -v pdftoppm >/dev/null; then \
		echo "Installing Debian's poppler-utils (pdfinfo, pdftoppm) for the handout tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; \
	fi

bench: setup ## Benchmarks: pages at 1,000 and 100,000 findings, load test, scale-out check
	@if ! command -v wrk >/dev/null; then \
		echo "Installing Debian's wrk for the load test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	fi
	$(WITH_DB) $(BIN)/python -m bench.run

lint: install ## ruff, djLint and django-upgrade (pre-commit), the import layers, migrations
	$(BIN)/pre-commit run --all-files --show-diff-on-failure
	$(BIN)/lint-imports
	$(WITH_DB) $(BIN)/python manage.py makemigrations --check --dry-run

# uv keeps each version already in a lock unless pyproject.toml asks for another.
LOCK := $(BIN)/uv pip compile pyproject.toml --quiet --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock"
lock: install ## Re-pin every dependency, with hashes, after changing pyproject.toml
	$(LOCK) -o requirements.lock
	$(LOCK) --extra dev -o requirements-dev.lock

facilitator: setup ## make facilitator EMAIL=you@example.org
	$(WITH_DB) $(BIN)/python manage.py make_facilitator $(EMAIL)

backup: install ## Write a PostgreSQL dump to backups/spirit-YYYY-MM-DD-HHMMSS.dump
	$(WITH_DB) $(BIN)/python manage.py backup_database

restore: install ## make restore FILE=backups/spirit-YYYY-MM-DD-HHMMSS.dump (asks first)
	@test -n "$(FILE)" || (echo "Say which backup: make restore FILE=backups/spirit-....dump" && exit 2)
	$(WITH_DB) $(BIN)/python manage.py restore_database "$(FILE)"

stop-db: ## Stop the embedded PostgreSQL server
	@if [ -x $(BIN)/python ]; then $(BIN)/python -m core.embedded_db stop; fi

clean: stop-db
	rm -rf $(VENV) staticfiles .pgdata .pgdata-run
