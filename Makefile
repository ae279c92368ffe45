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

DEMO_DB := sqlite:///out/registry.sqlite

# The main job on the bundled sample (txt in cp1251 and koi8-r, html, rtf, docx, zip)
# into the embedded SQLite registry, then one CSV per table.
demo: $(STAMP)
	@mkdir -p out
	$(BIN)/reestr ingest corpus/sample --db $(DEMO_DB) --workers 2 --no-progress
	$(BIN)/reestr export --db $(DEMO_DB) --format csv --out out/export
	@echo "Registry: out/registry.sqlite   tables as CSV: out/export/"
	@echo "Look at it: $(BIN)/reestr status --db $(DEMO_DB)   or   $(BIN)/reestr review --db $(DEMO_DB)"

test: $(STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/reestr evaluate corpus ../shared/seeds

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) out .pytest_cache
