# Two commands do all the set-up on a fresh machine:
#   make brief   install what is missing, then build the brief into out/
#   make test    install what is missing, then run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: brief check test bench setup system clean

brief: setup
	$(BIN)/python -m briefing build

check: setup
	$(BIN)/python -m briefing check

# pytest exits 5 when it collected no test: that is a failure here, not a pass.
test: setup
	@$(BIN)/python -m pytest; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests ran" >&2; exit 1; fi; exit $$status

bench: setup
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_figure.py
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_watch.py

# Byte-compiled once here, as pip does for the packages it installs: Python would
# cache the bytecode on first import, but not where PYTHONDONTWRITEBYTECODE is set
# (this machine, many CI images), and every build would compile the package again
# (~0.2 s). Only changed files are compiled; a stale file is recompiled in memory.
setup: system $(VENV)/.installed
	@$(BIN)/python -m compileall -q briefing

system:
	@bash scripts/install-system-packages.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

clean:
	rm -rf out .pytest_cache
