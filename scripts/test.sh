#!/usr/bin/env bash
# Builds Airlock and runs every test. Exits non-zero when anything fails.
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$AIRLOCK_ROOT"

"$AIRLOCK_ROOT/scripts/setup.sh"

say "swift build"
swift build

# Swift Testing runs tests in parallel inside the process; suites that need isolation say so
# themselves (.serialized). The CLI tests run the binary built above.
say "swift test"
swift test
