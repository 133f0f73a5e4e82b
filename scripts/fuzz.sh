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
    swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name GuitaiCore \
        $(find Sources/GuitaiCore -name '*.swift' | sort) "$@" -o ".build/fuzz/$name" 2>&1 \
        | grep -v -e "ignoring import" -e "Cannot export local symbol" || true
    test -x ".build/fuzz/$name"
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
build core-text Fuzz/CoreTextFuzz.swift
run core-text
