#!/usr/bin/env bash
# Runs OPA's conformance cases against Airlock's Rego engine, prints the per-topic table and
# rewrites docs/CONFORMANCE.md and docs/conformance-passing.txt.
#
#   scripts/conformance.sh [DIR]
#
# DIR is the opa-conformance folder (or its v1/ folder); default: ../shared/opa-conformance/v1
# beside the repository. Cases run one at a time with tracing, so a case that crashes the engine
# is named, recorded in .build/conformance-crashes.txt, skipped, and the run starts again.
# Exit status: 0, or non-zero when a case listed as passing no longer passes (or the build fails).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ $# -ge 1 ]; then
    if [ ! -d "$1" ]; then
        echo "conformance: no such directory: $1" >&2
        exit 2
    fi
    AIRLOCK_CONFORMANCE_DIR="$(cd "$1" && pwd)"
    export AIRLOCK_CONFORMANCE_DIR
fi
export AIRLOCK_CONFORMANCE_WRITE=1

mkdir -p .build
echo "conformance: building…" >&2
if ! swift build --build-tests >.build/conformance-build.log 2>&1; then
    tail -n 40 .build/conformance-build.log >&2
    echo "conformance: build failed (full log: .build/conformance-build.log)" >&2
    exit 1
fi

trace=.build/conformance-trace.txt
crashes=.build/conformance-crashes.txt
output=.build/conformance-output.txt
: >"$crashes"
status=0
for _ in $(seq 1 50); do
    : >"$trace"
    AIRLOCK_CONFORMANCE_TRACE="$PWD/$trace" AIRLOCK_CONFORMANCE_SKIP="$PWD/$crashes" \
        swift test --skip-build --filter opaConformanceCases >"$output" 2>&1
    status=$?
    last="$(tail -n 1 "$trace" 2>/dev/null || true)"
    if [ "$status" -ne 0 ] && [[ "$last" == "▶ "* ]]; then
        crashed="${last#▶ }"
        crashed="${crashed%%$'\t'*}"
        echo "conformance: the engine crashed on \"$crashed\"; skipping it and running again" >&2
        printf '%s\n' "$crashed" >>"$crashes"
        continue
    fi
    break
done

# The table and the suite's own messages, without the test framework's progress lines.
grep -vE '^(◇|↳|✔|\[[0-9]+/[0-9]+\]|Test Suite|[[:space:]]+Executed|Building|Build complete)' "$output" || true
if [ -s "$crashes" ]; then
    echo "conformance: cases that crashed the engine (listed in $crashes):"
    sed 's/^/  /' "$crashes"
fi
exit "$status"
