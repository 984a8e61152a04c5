# Tripdesk: `make run` serves the whole app; `make test` runs the whole suite.
# Both set up what they need (virtualenv, install) on a machine with Python 3.11 and make.

PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8000
# Links in e-mails point where make run serves (another PORT moves them too).
SITE_URL ?= http://127.0.0.1:$(PORT)
# The suite runs on one process more than the machine has cores (pytest-xdist): the browser
# and integration tests spend much of their time waiting on Chromium and the worker (measured
# on two cores: 287 s on three processes, 333 s on two). PYTEST_PROCESSES= runs it on one.
PYTEST_PROCESSES ?= -n $(shell expr $$(nproc 2>/dev/null || echo 1) + 1)
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
CELERY := $(VENV)/bin/celery
STAMP  := $(VENV)/.installed

.PHONY: help install run test lint format migrate demo worker messages bench fonts clean

help:
	@echo "make run       set up, migrate, load demo data, serve on http://127.0.0.1:$(PORT) with worker and beat"
	@echo "make test      set up, ruff, the whole pytest suite"
	@echo "make migrate | demo | worker | messages | bench | fonts | lint | format | clean"

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	@touch $@

install: $(STAMP)

# Development targets run on the development key (settings refuse it unless DEBUG is on).
migrate demo worker messages: export DEBUG ?= true

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

# The web server, a Celery worker and beat (one process with -B), all stopped by Ctrl-C.
run: export DEBUG ?= true
run: migrate
	@$(PY) manage.py seed_demo --if-empty
	@echo "Tripdesk: $(SITE_URL)/  (Ctrl-C stops the web server, the worker and beat)"
	@SITE_URL=$(SITE_URL) $(CELERY) -A config worker -B --loglevel=INFO --concurrency=2 & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

worker: install
	$(CELERY) -A config worker -B --loglevel=INFO

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	@# The Nu HTML checker for the browser tests, when java and npm are here (they skip without).
	@if command -v java >/dev/null && command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund --silent --prefix tests/browser; fi
	$(VENV)/bin/pytest $(PYTEST_PROCESSES) $(PYTEST_ARGS)

# Needs GNU gettext (apt-get install gettext) to extract and compile.
messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore ".venv/*" --ignore "var/*" --ignore "tests/*" --no-obsolete
	$(PY) manage.py compilemessages --locale zh_Hans --ignore ".venv/*"

# The printed documents' fonts are committed (printing/static/printing/fonts): this remakes
# them from Debian's fonts-noto-cjk and the committed printing/fonts/hanzi.txt. Only for a
# developer changing the character set; see printing/fonts/make_subset.py.
fonts: install
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends fonts-noto-cjk; }
	$(PY) printing/fonts/make_subset.py

# The trip pack's render time against bare WeasyPrint and Chromium, the cached download,
# peak memory: on the demo data in a throwaway database; writes docs/benchmarks.md.
bench: install
	$(PY) -m printing.bench

clean:
	rm -rf $(VENV) var test-results artifacts staticfiles *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
