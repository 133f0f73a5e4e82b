# Guitai (柜台). `make run` and `make test` are the whole quick start.
PREFIX ?= /usr/local
SWIFT ?= swift
ARGS ?=

.PHONY: all deps build run test bench fuzz mutate install clean

all: build

deps:
	@./scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Opens the desk on the default store ($$GUITAI_STORE or ~/.local/share/guitai/guitai.sqlite).
run: build
	./.build/debug/guitai $(ARGS)

# Every test: core, store, desk and the built command line (which the CLI tests run as a process).
test: deps
	$(SWIFT) build
	$(SWIFT) test

# Release-mode benchmarks; results go to docs/benchmarks.md.
bench: deps
	$(SWIFT) build -c release --product guitai-bench
	./.build/release/guitai-bench docs/benchmarks.md

# libFuzzer over the readers of outside text, FUZZ_SECONDS each (default 60), from the seed corpus in Fuzz/corpus.
fuzz: deps
	./scripts/fuzz.sh

# Mutation testing: every mutant of scripts/mutants.json against the tests named for it (about an hour; not in CI).
mutate: deps
	python3 scripts/mutate.py

install: deps
	$(SWIFT) build -c release --product guitai
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/guitai
	install -m 755 .build/release/guitai $(DESTDIR)$(PREFIX)/bin/guitai
	rm -rf $(DESTDIR)$(PREFIX)/share/guitai/Resources
	cp -R Resources $(DESTDIR)$(PREFIX)/share/guitai/Resources

clean:
	rm -rf .build
