# Two commands for a newcomer: `make book` builds the website, `make test` runs every test.
# Both create the virtual environment .venv and install requirements.txt when needed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD  := _build/html

.PHONY: book test lint labs serve bench lock clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## book: build the website into _build/html (warnings are errors)
book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --keep-going

# axe-core (accessibility checks injected by the browser tests), pinned by package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## test: lint, build the book, then run every test (unit, notebooks with nbval, browser)
test: lint book node_modules/.package-lock.json
	$(BIN)/python -m pytest

## lint: ruff (pyflakes, pycodestyle, isort, NumPy rules; configured in pyproject.toml)
lint: $(STAMP)
	$(BIN)/ruff check .

## labs: re-execute every lab in place after editing it (outputs are committed)
labs: $(STAMP)
	$(BIN)/python tools/execute_labs.py

## serve: serve the built website on http://localhost:8000
serve:
	$(BIN)/python -m http.server --directory $(BUILD) 8000

## bench: print speed and size figures
bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

## lock: re-pin requirements.txt after changing versions in the environment
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -vi '^lab.utils' > /tmp/freeze.txt
	@echo "review /tmp/freeze.txt and copy the pins into requirements.txt"

clean:
	rm -rf _build
