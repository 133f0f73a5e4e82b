#!/usr/bin/env bash
# `make fuzz`: builds each libFuzzer harness in Fuzz/ with the sources it reads and runs it for FUZZ_SECONDS (default
# 60) on its committed seed corpus, Fuzz/corpus/NAME. A crash leaves its input in Fuzz/crashes/ and fails the run:
# turn it into a test, fix, and keep the input in the corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
mkdir -p .build/fuzz Fuzz/crashes
build() {
    local name=$1; shift
    # One module: the desk's readers' `import GuitaiCore` only draws a warning. The compiler's and linker's words go to
    # a log, shown when the build fails.
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name GuitaiCore \
        $(find Sources/GuitaiCore -name '*.swift' | sort) "$@" -o ".build/fuzz/$name" > ".build/fuzz/$name.log" 2>&1; then
        grep -v "Cannot export local symbol" ".build/fuzz/$name.log" >&2
        exit 1
    fi
}
run() {
    local name=$1
    mkdir -p "Fuzz/corpus/$name" ".build/fuzz/corpus-$name"
    echo "fuzzing $name for $seconds s"
    ".build/fuzz/$name" -max_total_time="$seconds" -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 \
        ".build/fuzz/corpus-$name" "Fuzz/corpus/$name" 2>&1 | grep -E "stat::number_of_executed_units|ERROR|SUMMARY|Done" || true
    if ls Fuzz/crashes/crash-* Fuzz/crashes/leak-* Fuzz/crashes/timeout-* >/dev/null 2>&1; then
        echo "fuzz: $name found a failing input in Fuzz/crashes/" >&2
        exit 1
    fi
}
build core-text Fuzz/FuzzSupport.swift Fuzz/CoreTextFuzz.swift
build desk-files Fuzz/FuzzSupport.swift Fuzz/DeskFilesFuzz.swift Sources/GuitaiDesk/BillItemsInput.swift Sources/GuitaiDesk/BillLine.swift \
    Sources/GuitaiDesk/SelfServiceFile.swift
run core-text
run desk-files
