# ANTQ — the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
ANTQ_PROVINCE ?= 38
export ANTQ_PROVINCE

.PHONY: run test install browser office lint bench messages clean mutate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo --province $(ANTQ_PROVINCE)
	@echo ""
	@echo "ANTQ chạy tại http://127.0.0.1:$(PORT)/  (Ctrl+C để dừng)"
	@# The task worker (reminders, long exports) runs beside the server and stops with it.
	@bash -c '$(BIN)/python manage.py run_huey --workers 1 >var/huey.log 2>&1 & worker=$$!; \
	  trap "kill $$worker 2>/dev/null" EXIT; \
	  $(BIN)/python manage.py runserver 127.0.0.1:$(PORT) --noreload'


# Debian's Chromium drives the browser tests; never a downloaded browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# LibreOffice turns the generated Word documents into the same document as PDF.
office:
	@command -v soffice >/dev/null 2>&1 || { \
	  echo "Installing Debian's LibreOffice Writer for the PDF of generated documents"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends libreoffice-writer-nogui >/dev/null; }

test: install browser office
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python -m bench

# The apps of the second half keep their own catalogues (antq/<app>/locale).
APP_CATALOGUES := models forces tips directives campaigns funding awards documents

messages: install
	cd antq && ../$(BIN)/python ../manage.py makemessages -l vi --no-obsolete \
	  $(foreach app,$(APP_CATALOGUES),--ignore=$(app)/*)
	for app in $(APP_CATALOGUES); do \
	  (cd antq/$$app && ../../$(BIN)/python ../../manage.py makemessages -l vi --no-obsolete); done
	cd antq && ../$(BIN)/python ../manage.py compilemessages -l vi

# Mutation testing (docs/testing.md): the rules engine and every app's services, each mutant
# against its own app's tests. Narrow it with MUTATE_PATHS, e.g. `make mutate MUTATE_PATHS=antq/rules`.
# tests/mutate_db.py builds the test database once; every mutant's run reuses it.
MUTATE_PATHS ?= antq/rules $(wildcard antq/*/services.py) $(wildcard antq/*/services)
MUTATE_CHILDREN ?= 2
mutate_globs = $(foreach p,$(MUTATE_PATHS),'$(subst /,.,$(patsubst %.py,%,$(patsubst %/,%,$(p)))).*')
mutate_tests = $(sort $(foreach p,$(MUTATE_PATHS),$(word 1,$(subst /, ,$(p)))/$(word 2,$(subst /, ,$(p)))))

mutate: install
	MUTATE_TESTS="$(mutate_tests)" $(BIN)/python -c \
	  'import os; from mutmut.configuration import config; \
	  config().pytest_add_cli_args_test_selection[:0] = os.environ["MUTATE_TESTS"].split(); \
	  from mutmut.__main__ import cli; cli()' run --max-children $(MUTATE_CHILDREN) $(mutate_globs)
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/mutmut results

clean:
	rm -rf $(VENV) var
