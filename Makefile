# make run: serve the archive on http://127.0.0.1:$(PORT)/   make test: run the test suite.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
PORT ?= 8000
VENV = .venv

# Prints the pinned requirements from pyproject.toml, one per line: the runtime list,
# plus the named optional-dependency groups given as arguments.
READ_DEPS = import sys, tomllib; \
	project = tomllib.load(open("pyproject.toml", "rb"))["project"]; \
	extras = project.get("optional-dependencies", {}); \
	print("\n".join(project["dependencies"] + [d for g in sys.argv[1:] for d in extras[g]]))

.PHONY: run run-shards test test-postgres test-xapian bench loadtest clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Stamps: re-install only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -c '$(READ_DEPS)' | $(VENV)/bin/python -m pip install --quiet -r /dev/stdin
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -c '$(READ_DEPS)' test | $(VENV)/bin/python -m pip install --quiet -r /dev/stdin
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -c '$(READ_DEPS)' bench | $(VENV)/bin/python -m pip install --quiet -r /dev/stdin
	touch $@

$(VENV)/.installed-load: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/python -c '$(READ_DEPS)' load | $(VENV)/bin/python -m pip install --quiet -r /dev/stdin
	touch $@

run: $(VENV)/.installed-run
	$(VENV)/bin/python manage.py migrate --noinput
	$(VENV)/bin/python manage.py ensure_admin
	$(VENV)/bin/python manage.py ingest seeds/
# Search index: built when missing or from an older schema, updated when the database changed
# since it was written, otherwise left alone (a second run does nothing).
	$(VENV)/bin/python manage.py ensure_search_index
	$(VENV)/bin/python manage.py collectstatic --noinput -v0
	PORT=$(PORT) exec $(VENV)/bin/gunicorn -c gunicorn.conf.py newsarchive.wsgi:application

# make run-shards: `make run` on the Xapian engine with a local two-shard cluster (two
# xapian-tcpsrv processes on 127.0.0.1:$(SHARDS_PORT) and the next port, their databases under
# var/shards/, installed from Debian's xapian-tools when missing). Several hosts: README "Scaling out".
SHARDS_PORT ?= 8190
run-shards: $(VENV)/.installed-run
	XAPIAN_SHARDS_DIR=$(CURDIR)/var/shards XAPIAN_SHARDS_PORT=$(SHARDS_PORT) PYTHON=$(VENV)/bin/python \
		bash .ci/with-xapian-shards.sh $(MAKE) run PORT=$(PORT)

# The search suite on the Xapian engine: embedded, then on a two-shard cluster started and
# stopped for it (.ci/with-xapian-shards.sh installs xapian-tools when root).
XAPIAN_TESTS = tests/test_search.py tests/test_corpus_search.py tests/test_xapian.py tests/test_research.py \
	$(wildcard tests/test_haystack_api*.py)
test-xapian: $(VENV)/.installed-test
	NEWSARCHIVE_SEARCH_ENGINE=xapian $(VENV)/bin/python -m pytest -q $(XAPIAN_TESTS)
	PYTHON=$(VENV)/bin/python bash .ci/with-xapian-shards.sh $(VENV)/bin/python -m pytest -q $(XAPIAN_TESTS)

# Browser tests need Debian's chromium and chromedriver; without them they skip with a
# message, so a failed install here is only a warning.
test: $(VENV)/.installed-test
	@if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then \
		if [[ $$(id -u) == 0 ]]; then \
			{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } \
				|| echo "warning: could not install chromium; browser tests will be skipped" >&2; \
		else \
			echo "warning: chromium/chromedriver missing and not root; browser tests will be skipped" >&2; \
		fi; \
	fi
# Without a Chinese font the browser screenshots show empty boxes instead of text.
	@if [[ $$(id -u) == 0 ]] && command -v fc-list >/dev/null && [[ -z "$$(fc-list :lang=zh)" ]]; then \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei; } \
			|| echo "warning: could not install a Chinese font; screenshots will show boxes" >&2; \
	fi
	$(VENV)/bin/python -m pytest

# The suite again on a throwaway PostgreSQL server (.ci/with-postgres.sh installs Debian's
# postgresql if missing, or skips with a message). Browser tests stay with the SQLite run:
# they exercise pages in Chromium, not the database.
test-postgres: $(VENV)/.installed-test
	bash .ci/with-postgres.sh $(VENV)/bin/python -m pytest --ignore-glob='tests/test_browser*.py'

# make bench ARTICLES=N: generate N synthetic articles, ingest, index, query in-process and over
# HTTP, in a scratch data folder (BENCH_DIR); last line of output is one JSON object, and
# docs/benchmarks.{md,json,png} are updated. BENCH_PORT picks gunicorn's port (default: a free one).
ARTICLES ?= 10000
BENCH_DIR ?= var/bench/$(ARTICLES)
ENGINE ?= whoosh
bench: $(VENV)/.installed-bench
ifeq ($(ENGINE),shards)
	PYTHON=$(VENV)/bin/python bash .ci/with-xapian-shards.sh \
		$(VENV)/bin/python tests/bench/run_bench.py --engine shards --articles $(ARTICLES) --dir $(BENCH_DIR)-shards \
		--corpus $(BENCH_DIR)/corpus \
		$(if $(BENCH_PORT),--port $(BENCH_PORT))
else
	$(VENV)/bin/python tests/bench/run_bench.py --engine $(ENGINE) --articles $(ARTICLES) \
		--dir $(if $(filter whoosh,$(ENGINE)),$(BENCH_DIR),$(BENCH_DIR)-$(ENGINE)) --corpus $(BENCH_DIR)/corpus \
		$(if $(BENCH_PORT),--port $(BENCH_PORT)) $(BENCH_ARGS)
endif

# make loadtest: `make run` on LOADTEST_PORT in a scratch data dir (plus LOADTEST_ARTICLES
# synthetic articles), then locust headless on 127.0.0.1: 1, 8 and 32 readers of
# home/issue/article/search for LOADTEST_SECONDS each, and the search flood of one client
# (16 users, page 50 of one-character queries) beside an ordinary searcher for
# LOADTEST_FLOOD_SECONDS, with and without the per-client search limit; prints req/s, p50/p99
# and errors and writes them to docs/benchmarks.md (its own section).
LOADTEST_PORT ?= 8352
LOADTEST_SECONDS ?= 10
LOADTEST_FLOOD_SECONDS ?= 30
LOADTEST_ARTICLES ?= 0
loadtest: $(VENV)/.installed-run $(VENV)/.installed-load
	$(VENV)/bin/python tests/bench/loadtest.py --port $(LOADTEST_PORT) --duration $(LOADTEST_SECONDS) \
		--flood-seconds $(LOADTEST_FLOOD_SECONDS) --articles $(LOADTEST_ARTICLES)

clean:
	rm -rf var $(VENV)
