#!/usr/bin/env bash
# `make fuzz`: builds each libFuzzer harness in Fuzz/ with the sources it reads and runs it for FUZZ_SECONDS (default
# 60) on its committed seed corpus, Fuzz/corpus/NAME. A crash leaves its input in Fuzz/crashes/ and fails the run:
# turn it into a test, fix, and keep the input in the corpus. FUZZ_ONLY="core-text outreach-return" runs only those.
#
# core-text and desk-files read only the core and Foundation, so swiftc builds them from the sources. The outreach
# targets (a bundle file, a take-out's payload made into a laptop store, a return received by a hall) need
# swift-crypto and the store: SwiftPM builds `guitai-fuzz` with the fuzzer in a build directory of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
mkdir -p .build/fuzz Fuzz/crashes
# wanted NAME: whether FUZZ_ONLY (all when unset) names the target.
wanted() {
    case " ${FUZZ_ONLY:-$1} " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}
build() {
    local name=$1; shift
    wanted "$name" || return 0
    # One module: the desk's readers' `import GuitaiCore` only draws a warning. The compiler's and linker's words go to
    # a log, shown when the build fails.
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name GuitaiCore \
        $(find Sources/GuitaiCore -name '*.swift' | sort) "$@" -o ".build/fuzz/$name" > ".build/fuzz/$name.log" 2>&1; then
        grep -v "Cannot export local symbol" ".build/fuzz/$name.log" >&2
        exit 1
    fi
}
# run NAME COMMAND...: fuzzes with the working corpus in .build/fuzz first (a harness may add to it) and the committed one.
run() {
    local name=$1; shift
    wanted "$name" || return 0
    mkdir -p "Fuzz/corpus/$name" ".build/fuzz/corpus-$name"
    echo "fuzzing $name for $seconds s"
    local log=".build/fuzz/$name.run.log" status=0
    "$@" -max_total_time="$seconds" -artifact_prefix="Fuzz/crashes/$name-" -print_final_stats=1 \
        ".build/fuzz/corpus-$name" "Fuzz/corpus/$name" > "$log" 2>&1 || status=$?
    grep -E "stat::number_of_executed_units|ERROR|SUMMARY|Done" "$log" || true
    if ls Fuzz/crashes/$name-crash-* Fuzz/crashes/$name-leak-* Fuzz/crashes/$name-timeout-* Fuzz/crashes/$name-oom-* >/dev/null 2>&1; then
        echo "fuzz: $name found a failing input in Fuzz/crashes/" >&2
        exit 1
    fi
    # A harness that stopped without an input to show (it could not start, say) fuzzed nothing: that fails too.
    if [[ $status -ne 0 ]]; then
        tail -5 "$log" >&2
        echo "fuzz: $name stopped with status $status (the whole output is in $log)" >&2
        exit 1
    fi
}
build core-text Fuzz/FuzzSupport.swift Fuzz/CoreTextFuzz.swift
build desk-files Fuzz/FuzzSupport.swift Fuzz/DeskFilesFuzz.swift Sources/GuitaiDesk/BillItemsInput.swift Sources/GuitaiDesk/BillLine.swift \
    Sources/GuitaiDesk/SelfServiceFile.swift
run core-text .build/fuzz/core-text
run desk-files .build/fuzz/desk-files
if [[ -n ${FUZZ_ONLY:-} && " $FUZZ_ONLY " != *" outreach-"* ]]; then exit 0; fi
spm=(swift build -c release --sanitize=fuzzer --sanitize=address --product guitai-fuzz --scratch-path .build/fuzz-spm
     -Xswiftc -DGUITAI_LIBFUZZER)
if ! "${spm[@]}" > .build/fuzz/guitai-fuzz.log 2>&1; then
    grep -E "error" .build/fuzz/guitai-fuzz.log >&2
    exit 1
fi
harness="$("${spm[@]}" --show-bin-path)/guitai-fuzz"
# Leaks are not looked for here: GRDB and the Swift runtime keep caches for the process's life, which LeakSanitizer
# would report after every input.
for target in bundle takeout return; do
    GUITAI_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 run "outreach-$target" "$harness" -dict=Fuzz/outreach.dict
done
