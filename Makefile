# Sekolah Warga: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Parallel test workers: this project's machines have two cores.
TEST_WORKERS ?= 2
# `make run PORT=8080` serves there, and every link, QR code and e-mail says so: SITE_URL follows the
# port unless it is set (in the environment or `make run SITE_URL=...`), e.g. to the laptop's address in the hall.
# In a hall, phones reach the laptop on its network address: `make run HOST=0.0.0.0 SITE_URL=http://192.168.1.10:8000`
# (the development settings then allow SITE_URL's host too).
PORT ?= 8000
HOST ?= 127.0.0.1
RUN_SITE_URL = $(or $(SITE_URL),http://127.0.0.1:$(PORT))

.PHONY: run test bench bench-system install lint format messages check-system backup restore

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt ".[dev]"
	touch $@

install: $(VENV)/.installed

check-system:
	@$(BIN)/python -c "import weasyprint" 2>/dev/null || echo "WARNING: WeasyPrint cannot load Pango. Install the system packages listed in README.md (Quick start)."
	@ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || echo "WARNING: libharfbuzz-subset0 is missing: certificates will render several times slower (see README.md)."

## Start the site with demo content on SQLite at http://127.0.0.1:8000 (another port: make run PORT=8080)
run: install check-system
	$(BIN)/python manage.py migrate --no-input
	SITE_URL="$(RUN_SITE_URL)" $(BIN)/python manage.py seed_demo --if-empty
	@echo ""
	@echo "Sekolah Warga runs at http://127.0.0.1:$(PORT) (admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo "Links, QR codes and e-mails point at $(RUN_SITE_URL)"
	@echo "Demo logins, all with the password demo12345:"
	@echo "  admin (superuser) · warga1, warga2 (residents) · penulis-lestari, fasilitator-lestari,"
	@echo "  penulis-cerdas, fasilitator-cerdas (NGO partners) · pemkot (city staff) · peninjau (content reviewer)"
	@echo ""
	SITE_URL="$(RUN_SITE_URL)" $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the whole test suite (SQLite unless DATABASE_URL is set)
test: install
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

## Run the benchmarks and write bench/RESULTS.md (needs PostgreSQL; the page benchmark also Redis and wrk)
bench: install bench-system
	$(BIN)/python bench/run.py

# wrk loads the pages in bench/bench_learning_pages.py: installed when missing and we may (root with
# apt-get), else the benchmark reports its figures as skipped.
bench-system:
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
		&& apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } \
		|| echo "WARNING: wrk is missing (apt-get install wrk): the learning-pages figures will be skipped."

## Back up the PostgreSQL database and the media files into one archive in backups/ (or BACKUP_DIR)
backup:
	$(BIN)/python manage.py backup

## Restore an archive: make restore FILE=backups/sekolah-warga-<time>.tar.gz (RESTORE_CONFIRM=yes to
## replace a database or media files that are not empty; see docs/operations.md, "Backups and restore")
restore:
	@test -n "$(FILE)" || { echo "Which archive? make restore FILE=backups/sekolah-warga-<time>.tar.gz" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(FILE)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Update the Indonesian catalogues (locale/ and each app's locale/) after changing strings,
## then translate the new entries and run it again to compile them
messages: install
	$(BIN)/python manage.py makemessages -l id --no-location --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*"
	$(BIN)/python manage.py compilemessages -l id --ignore ".venv/*"
