#!/usr/bin/env bash
# Builds Airlock (release) and runs its main job on the shipped defaults: today, the decision of the
# placeholder rules for the example connection. With arguments, runs `airlock ARGS…` instead:
#   scripts/run.sh eval -d rules/airlock -d rules/examples/data.yaml -i rules/examples/input-denied.json data.airlock.decision
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$AIRLOCK_ROOT"

"$AIRLOCK_ROOT/scripts/setup.sh"

# Build messages go to stderr so that stdout carries only airlock's output.
say "swift build -c release"
swift build -c release --product airlock >&2
airlock="$(swift build -c release --show-bin-path)/airlock"

if (($# > 0)); then
    exec "$airlock" "$@"
fi
exec "$airlock" eval \
    -d rules/airlock \
    -d rules/examples/data.yaml \
    -i rules/examples/input.json \
    data.airlock.decision
