# Guitai (柜台). `make run` and `make test` are the whole quick start.
PREFIX ?= /usr/local
SWIFT ?= swift
ARGS ?=

.PHONY: all deps build run test bench soak fuzz mutate install clean

all: build

deps:
	@./scripts/ensure-deps.sh

build: deps
	$(SWIFT) build

# Opens the desk on the default store ($$GUITAI_STORE or ~/.local/share/guitai/guitai.sqlite).
run: build
	./.build/debug/guitai $(ARGS)

# Every test: core, store, desk and the built command line (which the CLI tests run as a process), beside a
# throwaway PostgreSQL server (scripts/with-postgres.sh), which it installs when missing. The command-line contract
# suites then run a second time with every store in the city's database, leaving out the tests of a store file's own
# machinery: its write-ahead log and locks, its permissions, a failing disk, SIGKILL inside SQLite's commit, edits
# made with the sqlite3 library, and the terminal tests, which are the desk's, not the engine's.
FILE_MACHINERY = RealTerminalTests|DiskFaultTests|aCounterKilledInsideItsCommit|killingTheProcessMidWrite|aWriteDuringAThreeSecondWrite|readersAnswerWhileAnotherConnection|aStoreHeldBeyondTheBusyTimeout|aDamagedRowIsStoreDamaged|listsWithFullIDNumbers|aStoreThisUserCannotWrite|aReceiveKilledAtAnyMoment|DatabaseAddressContractTests
test: deps
	@./scripts/ensure-deps.sh --test
	$(SWIFT) build
	./scripts/with-postgres.sh sh -c '$(SWIFT) test && GUITAI_TEST_ENGINE=postgres $(SWIFT) test --skip-build --filter GuitaiCLITests --skip "$(FILE_MACHINERY)"'

# Release-mode benchmarks; results go to docs/benchmarks.md and docs/benchmarks.json. The first run makes the
# 1,000,000-person district store (about half an hour) and keeps it in .build/bench-cache; later runs take minutes.
# python-stdnum, the ID parser's peer, goes into a virtual environment of its own. The PostgreSQL floors run on a
# throwaway server (scripts/with-postgres.sh).
bench: deps
	@test -x .build/bench-venv/bin/python3 || python3 -m venv .build/bench-venv
	@.build/bench-venv/bin/python3 -c "import stdnum" 2>/dev/null || .build/bench-venv/bin/pip install --quiet python-stdnum
	@./scripts/ensure-deps.sh --test
	$(SWIFT) build -c release --product guitai-bench
	./scripts/with-postgres.sh ./.build/release/guitai-bench docs/benchmarks.md

# Eight counters for SOAK_MINUTES (default 10) on the district store while a payment run and verify run: docs/soak.md.
SOAK_MINUTES ?= 10
soak: deps
	$(SWIFT) build -c release --product guitai-bench
	./.build/release/guitai-bench soak --minutes $(SOAK_MINUTES) docs/soak.md

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
