# Set-up and everyday commands. Only python3 (3.11+) and make are assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test evaluate bench clean

$(BIN)/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { \
	  echo "python3 has no venv module; installing Debian's python3-venv"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# setuptools<81 keeps pkg_resources, which natasha's pymorphy2 still imports
# (reestr itself never imports pymorphy2; see README, "Why setuptools<81").
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip "setuptools<81" wheel
	$(BIN)/python -m pip install -q -e ".[test]"
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "installing PostgreSQL (registry tests)"; \
	  apt-get update -qq && apt-get install -y -qq postgresql; }
	@command -v antiword >/dev/null 2>&1 || { echo "installing antiword (.doc ingestion)"; \
	  apt-get update -qq && apt-get install -y -qq antiword; }
	@test -x /usr/bin/chromium || { echo "installing chromium (review app browser test)"; apt-get update -qq && apt-get install -y -qq chromium; }
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/reestr extract corpus/sample/*.txt -o out/demo.jsonl --gold-out out/demo-gold
	@echo "Records: out/demo.jsonl   gold-format projections: out/demo-gold/"

test: $(STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/reestr evaluate corpus ../shared/seeds

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) out .pytest_cache
