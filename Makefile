# Two commands for a fresh machine: `make run` and `make test` (see README.md).
VENV      := .venv
PY        := $(VENV)/bin/python
PIP       := $(VENV)/bin/pip
STAMP     := $(VENV)/.installed
HOST_PORT ?= 127.0.0.1:8000

.PHONY: run test install install-prod lock check-system lint bench report clean guide-test

# requirements.lock pins every package, direct or not (pip-compile from pyproject.toml, the dev
# and s3 extras included, so an object-storage install is pinned too): two
# installs a month apart are the same. It is a constraint, so the install takes nothing else.
$(STAMP): pyproject.toml requirements.lock build-constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	PIP_CONSTRAINT="$(CURDIR)/build-constraints.txt $(CURDIR)/requirements.lock" \
		$(PIP) install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# After changing a dependency in pyproject.toml: make lock, then commit requirements.lock.
lock: install
	$(VENV)/bin/pip-compile --quiet --extra dev --extra s3 --strip-extras --no-emit-index-url \
		--no-emit-find-links --no-emit-trusted-host --output-file requirements.lock pyproject.toml

# A server: the locked runtime packages only (no test runner, linter or browser driver).
# EXTRAS=s3 adds boto3 for uploads in object storage (S3_BUCKET; docs/DEPLOY.md, section 12).
install-prod:
	test -x $(PY) || python3 -m venv $(VENV)
	PIP_CONSTRAINT="$(CURDIR)/build-constraints.txt $(CURDIR)/requirements.lock" \
		$(PIP) install --quiet -e ".$(if $(EXTRAS),[$(EXTRAS)])"

# docs/DEPLOY.md followed on this machine (root, throw-away): see ops/guide_test.sh.
guide-test:
	ops/guide_test.sh

# WeasyPrint needs Pango and HarfBuzz's subsetter from the system; say the exact fix if missing.
check-system: $(STAMP)
	@$(PY) -m ban138.syscheck

# The task worker (db_worker) renders report files in the background (reports/background.py);
# it runs beside the development server and stops with it.
run: install check-system
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST_PORT)

# On SQLite by default; set DATABASE_URL=postgres://... to run the same suite on PostgreSQL.
# One worker per core (pytest-xdist), each with its own test database, made afresh; a test file
# stays on one worker, so a module's demo data is seeded once (tests/conftest.py). Files are
# handed out in the order tests/conftest.py gives them (--no-loadscope-reorder): the seed's first,
# and last, on every worker, the tests that commit for real (they empty every table when they end;
# tests/ordering.py). The workers share one seed of the demo (BAN138_TEST_RUN,
# tests/demo_snapshot.py). TEST_WORKERS=0 runs serially.
TEST_WORKERS ?= auto
PYTEST_RUN   := $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder
test: install
	@set +e; \
	export BAN138_TEST_RUN="$$(date +%s)-$$$$"; \
	$(PYTEST_RUN) --create-db $(PYTEST_ARGS); rc=$$?; \
	rm -f "$${TMPDIR:-/tmp}"/ban138-test-demo/*-"$$BAN138_TEST_RUN"-*; \
	exit $$rc

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

# The annual report from the command line: make report YEAR=2020 [UNIT="Sơn Bình"] [FORMAT=docx]
# [ISSUED=1] [COMMITTEE="Khánh Hòa"]; writes bao-cao-<year>.<format> (the current draft, or the issued file).
YEAR   ?= $(shell date +%Y)
FORMAT ?= pdf
report: install
	$(PY) manage.py annual_report --year $(YEAR) --format $(FORMAT) $(if $(UNIT),--unit "$(UNIT)") \
		$(if $(COMMITTEE),--committee "$(COMMITTEE)") \
		$(if $(ISSUED),--issued) --output bao-cao-$(YEAR).$(FORMAT)

# Server time, query counts and gunicorn throughput at each size beside baselines (admin changelist,
# hand SQL, bare WeasyPrint, a bare view), on PostgreSQL databases ban138_bench_<N> it creates and
# fills with generate_data (1M tips: about 3 minutes, 1.4 GB), then migrates on later runs.
# make bench [SIZES=1k,100k] [MEMORY_MINUTES=10]  writes bench-result.md (the table of
# docs/PERFORMANCE.md); in-process with bench.settings (DEBUG off) and its baseline views.
SIZES     ?= 1k,100k,1m
MEMORY_MINUTES ?= 10
BENCH_PG  ?= postgres://postgres@127.0.0.1:5432
bench: install
	DJANGO_SETTINGS_MODULE=bench.settings $(PY) manage.py bench --sizes $(SIZES) --pg-url $(BENCH_PG) --memory-minutes $(MEMORY_MINUTES) --output bench-result.md
