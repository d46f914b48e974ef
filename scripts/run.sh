#!/usr/bin/env bash
# Builds Airlock (release) and runs its main job on the shipped defaults: today, two decisions of
# the shipped rules under the example policy rules/examples/pypi.yaml — python3 reaching PyPI's
# file hosts (allowed) and curl trying the same (denied, with the reason). With arguments, runs
# `airlock ARGS…` instead, e.g.:
#   scripts/run.sh check rules/examples/coding-agent.yaml
#   scripts/run.sh decide --policy rules/examples/pypi.yaml --pid 4711 --host pypi.org --port 443
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
for exe in /usr/bin/python3 /usr/bin/curl; do
    say "airlock decide: $exe -> files.pythonhosted.org:443"
    "$airlock" decide --policy rules/examples/pypi.yaml \
        --exe "$exe" --ancestor /usr/bin/bash --ancestor /usr/local/bin/agent \
        --host files.pythonhosted.org --port 443
done
