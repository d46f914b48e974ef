#!/usr/bin/env bash
# The decision path for a live process, warm: identity from the per-pid cache (one fstatat to
# revalidate), facts, and one evaluation of data.airlock.decision with the shipped rules.
# Prints p50/p90/p99 per decision for an allowed and a denied connection, under the small example
# policy and under the coding-agent example (7 policies, globs, a unix socket section).
#
# Environment: AIRLOCK_BENCH_COUNT decisions per case (default 20000).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"
cd "$AIRLOCK_ROOT"

count="${AIRLOCK_BENCH_COUNT:-20000}"
"$AIRLOCK_ROOT/scripts/setup.sh"
say "swift build -c release"
swift build -c release --product airlock >&2
airlock="$(swift build -c release --show-bin-path)/airlock"

scratch="$(mktemp -d /tmp/airlock-bench-decide-XXXXXX)"
sleeper_pid=""
cleanup() {
    [[ -n "$sleeper_pid" ]] && kill "$sleeper_pid" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

# The live process: sleep, listed in the policy by its /bin path (a symlink on merged-/usr hosts).
sleep 600 &
sleeper_pid=$!
# The shell forks first and executes sleep a moment later: wait for the exec.
for _ in $(seq 100); do
    sleep_exe="$(readlink "/proc/$sleeper_pid/exe")"
    [[ "$sleep_exe" == */sleep ]] && break
    sleep 0.01
done

cat >"$scratch/small.yaml" <<YAML
version: 1
network_policies:
  api:
    endpoints:
      - { host: api.example.com, port: 443 }
      - { host: "*.cdn.example.com", port: 443 }
    binaries:
      - { path: /bin/sleep }
YAML
# The coding-agent example plus the sleeper in its github policy.
sed 's|      - { path: /usr/bin/ssh }|      - { path: /usr/bin/ssh }\n      - { path: /bin/sleep }|' \
    rules/examples/coding-agent.yaml >"$scratch/agent.yaml"

run() {
    local label="$1" policy="$2"
    shift 2
    local figures
    figures="$("$airlock" decide --policy "$policy" --pid "$sleeper_pid" --repeat-count "$count" "$@" 2>&1 >"$scratch/out.json" |
        grep '^decide:')"
    local allow
    allow="$(grep -o '"allow": [a-z]*' "$scratch/out.json" | cut -d' ' -f2)"
    printf '%-28s %-6s %s\n' "$label" "$allow" "${figures#decide: }"
}

echo "process: pid $sleeper_pid, exe $sleep_exe; $count warm decisions per case"
printf '%-28s %-6s %s\n' "case" "allow" "latency per decision (identity + facts + evaluation)"
run "small, allowed" "$scratch/small.yaml" --host api.example.com --port 443
run "small, allowed (glob host)" "$scratch/small.yaml" --host img.cdn.example.com --port 443
run "small, denied (endpoint)" "$scratch/small.yaml" --host evil.example --port 443
run "agent, allowed" "$scratch/agent.yaml" --host raw.githubusercontent.com --port 443
run "agent, denied (binary)" "$scratch/agent.yaml" --host pypi.org --port 443
run "agent, denied (endpoint)" "$scratch/agent.yaml" --host evil.example --port 443
