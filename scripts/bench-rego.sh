#!/usr/bin/env bash
# Compares Airlock's Rego engine with OPA's Go engine and regorus on the shared egress workload
# (shared/bench/netpolicy.py: scan 50/500, keyed 50, rules 50/500) and prints one table:
# workload x engine, decisions/s raw and with each engine's per-call floor subtracted.
#
# Environment:
#   AIRLOCK_SHARED_DIR     where shared/ is (default: ../shared next to the repository)
#   AIRLOCK_BENCH_OUT      where workloads and results go (default: bench-out/, git-ignored)
#   AIRLOCK_BENCH_VENV     the peers' virtualenv (default: /tmp/regovenv, as shared/bench/README.md)
#   AIRLOCK_BENCH_COUNT    airlock bench --count (default: 20000)
#   AIRLOCK_BENCH_SECONDS  minimum timed seconds per peer and query (default: 1)
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$AIRLOCK_ROOT"

shared="${AIRLOCK_SHARED_DIR:-$AIRLOCK_ROOT/../shared}"
generator="$shared/bench/netpolicy.py"
[[ -f "$generator" ]] || die "no workload generator at $generator (set AIRLOCK_SHARED_DIR to the shared/ folder)"
out="${AIRLOCK_BENCH_OUT:-$AIRLOCK_ROOT/bench-out}"
venv="${AIRLOCK_BENCH_VENV:-/tmp/regovenv}"
count="${AIRLOCK_BENCH_COUNT:-20000}"
seconds="${AIRLOCK_BENCH_SECONDS:-1}"
workloads=("scan 50" "scan 500" "keyed 50" "rules 50" "rules 500")
driver="$AIRLOCK_ROOT/scripts/lib/bench_peers.py"

"$AIRLOCK_ROOT/scripts/setup.sh" python3 python3-venv

say "swift build -c release"
swift build -c release --product airlock >&2
airlock="$(swift build -c release --show-bin-path)/airlock"

# 1. The workloads, and the JSON Lines inputs and expectations `airlock bench` reads.
dirs=()
for workload in "${workloads[@]}"; do
    read -r shape size <<<"$workload"
    dir="$out/$shape-$size"
    mkdir -p "$dir"
    python3 "$generator" "$shape" "$size" "$dir" >&2
    python3 "$driver" convert "$dir"
    dirs+=("$dir")
done

# 2. Airlock. A failure is recorded in the result file (its JSON errors) and shown in the table.
for dir in "${dirs[@]}"; do
    for query in allow trivial; do
        expected="$dir/expected.json"
        [[ "$query" == trivial ]] && expected="$dir/expected-trivial.json"
        say "airlock bench $(basename "$dir") data.sandbox.$query"
        if ! "$airlock" bench -d "$dir/policy.rego" -d "$dir/data.json" \
            --inputs "$dir/inputs.jsonl" --expect "$expected" --count "$count" --format json \
            "data.sandbox.$query" >"$dir/airlock-$query.json" 2>"$dir/airlock-$query.log"; then
            say "airlock bench failed on $(basename "$dir") (see $dir/airlock-$query.json)"
        fi
    done
done

# 3. The peers, installed exactly as shared/bench/README.md says (its command also installs opa-eval,
#    another wrapper of regorus, which is not measured separately). Install failures are collected
#    and printed under the table; the driver reports each engine that does not load.
install_log="$out/peer-install.log"
: >"$install_log"
if [[ ! -x "$venv/bin/python" ]]; then
    say "python3 -m venv $venv"
    python3 -m venv "$venv" >&2 || echo "python3 -m venv $venv failed" >>"$install_log"
fi
if [[ -x "$venv/bin/pip" ]]; then
    say "installing the peers into $venv"
    "$venv/bin/pip" install -q --no-deps --ignore-requires-python opa-golib-python-bindings==0.4.4 >&2 \
        || echo "pip install opa-golib-python-bindings==0.4.4 failed" >>"$install_log"
    "$venv/bin/pip" install -q --no-deps opa-eval==0.1.1 gordon-to-regorus==0.13.0 >&2 \
        || echo "pip install opa-eval==0.1.1 gordon-to-regorus==0.13.0 failed" >>"$install_log"
fi
python="$venv/bin/python"
[[ -x "$python" ]] || python=python3

say "measuring the peers (at least ${seconds}s per engine, workload and query, after a checked pass)"
"$python" "$driver" run --seconds "$seconds" --install-log "$install_log" "${dirs[@]}" | tee "$out/table.md"
