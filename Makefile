# Set-up and everyday commands. Only python3 (3.11+) and make are assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test evaluate bench clean

$(BIN)/python:
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { \
	  echo "python3 has no venv module; installing Debian's python3-venv"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# setuptools<81 keeps pkg_resources, which natasha's pymorphy2 still imports
# (reestr itself never imports pymorphy2; see README, "Why setuptools<81").
# $(STAMP): reestr and what it runs with: antiword reads .doc files, Tesseract
# with its Russian and English data recognises scans (ingest and extract).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip "setuptools<81" wheel
	$(BIN)/python -m pip install -q -e .
	@command -v antiword >/dev/null 2>&1 || { echo "installing antiword (.doc ingestion)"; \
	  apt-get update -qq && apt-get install -y -qq antiword; }
	@tesseract --list-langs 2>/dev/null | grep -qx rus || { echo "installing tesseract (OCR of scans)"; \
	  apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-rus tesseract-ocr-eng; }
	touch $(STAMP)

# $(TEST_STAMP): what only the tests need: pytest and friends, a PostgreSQL
# server for the registry tests, Chromium for the review page's browser test,
# a font with Cyrillic letters for the scans the OCR tests draw.
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[test]"
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "installing PostgreSQL (registry tests)"; \
	  apt-get update -qq && apt-get install -y -qq postgresql; }
	@test -x /usr/bin/chromium || { echo "installing chromium (review app browser test)"; \
	  apt-get update -qq && apt-get install -y -qq chromium; }
	@test -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf || { echo "installing DejaVu fonts (scans drawn by the OCR tests)"; \
	  apt-get update -qq && apt-get install -y -qq fonts-dejavu-core; }
	touch $(TEST_STAMP)

DEMO_DB := out/registry.sqlite

# The main job on the bundled sample (txt in cp1251 and koi8-r, html, rtf, docx, zip)
# into the embedded SQLite registry, then one CSV per table.
demo: $(STAMP)
	@mkdir -p out
	$(BIN)/reestr ingest corpus/sample --db $(DEMO_DB) --workers 2 --no-progress
	$(BIN)/reestr export --db $(DEMO_DB) --format csv --out out/export
	@echo "Registry: $(DEMO_DB)   tables as CSV: out/export/"
	@echo "Look at it: $(BIN)/reestr status --db $(DEMO_DB)"
	@echo "Review it:  $(BIN)/reestr users add NAME --db $(DEMO_DB)   (once: a librarian account)"
	@echo "            $(BIN)/reestr review --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

evaluate: $(STAMP)
	$(BIN)/reestr evaluate corpus ../shared/seeds

bench: $(STAMP)
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) out .pytest_cache
