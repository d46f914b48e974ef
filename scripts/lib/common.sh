# Shared by the scripts in scripts/: repository root, toolchain on PATH, messages.
# Sourced, not run: `source "$(dirname "$0")/lib/common.sh"`.

AIRLOCK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export AIRLOCK_ROOT

# The Swift toolchain lives in /opt/swift on the project's machines; a fresh shell may not have it.
if ! command -v swift >/dev/null 2>&1 && [[ -x /opt/swift/usr/bin/swift ]]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
