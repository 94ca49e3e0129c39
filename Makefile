# Two commands for a newcomer: `make book` builds the website, `make test` runs every test.
# Both create the virtual environment .venv and install requirements.txt when needed.
# Authors iterate with `make check` (under 90 s); learners run the labs with `make lab`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD  := _build/html

.PHONY: book test lint labs serve bench lock clean check lab pdf preflight

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

## book: build the website into _build/html (warnings are errors), with the whole book as one PDF
book: $(STAMP)
	$(BIN)/jupyter-book build . --warningiserror --keep-going
	$(MAKE) --no-print-directory pdf

## pdf: print the book to _build/html/gradient-descent-logistic-regression.pdf with Chromium (offline)
pdf: $(STAMP)
	tools/preflight.sh chromium
	$(BIN)/python tools/build_pdf.py

# axe-core (accessibility checks injected by the browser tests), pinned by package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

## test: the complete suite: find or get Chromium and npm, lint, build the book, then every test
## (unit, nbval on every lab, the learners' Binder environment, the browser suite); what .ci/run calls
test: preflight lint book node_modules/.package-lock.json
	$(BIN)/python -m pytest

## preflight: find Chromium and Node.js/npm, or install them where possible, or stop and say what to install
preflight:
	tools/preflight.sh chromium npm

# What `make check` leaves to `make test`: the browser suite, the Binder environment (minutes,
# from the registry), the book builds, the JupyterLab server and the preflight script.
CHECK_SKIP := --ignore=tests/browser --ignore=tests/test_binder_env.py \
              --ignore=tests/test_book_execution.py --ignore=tests/test_make_lab.py --ignore=tests/test_preflight.py
# The labs this branch changed (override: make check CHECK_LABS="labs/a.ipynb labs/b.ipynb")
CHECK_LABS = $(shell $(BIN)/python tools/touched_labs.py)

## check: the fast loop after an edit: lint, unit tests and the checks' tables, nbval on the labs you changed
check: lint
	@echo "nbval on the labs you changed: $(or $(strip $(CHECK_LABS)),none)"
	SKIP_BINDER_ENV_TEST=1 $(BIN)/python -m pytest -q $(CHECK_SKIP) tests $(CHECK_LABS)

## lab: open the labs in JupyterLab on this machine (widgets work; Ctrl-C stops the server)
lab: $(STAMP)
	$(BIN)/python tools/lab.py

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
