#!/usr/bin/env bash
# Installs the Debian packages Airlock needs to build and test. Idempotent: installs only what is
# missing, and runs `apt-get update` only then. Extra package names may be given as arguments
# (scripts/bench-rego.sh adds python3-venv this way).
set -euo pipefail
source "$(dirname "$0")/lib/common.sh"

# Add to this list when a module needs another system library (keep it sorted by purpose).
APT_PACKAGES=(
    libjansson-dev   # JSON module (jansson)
    libseccomp-dev   # supervisor (seccomp user notification)
    pkg-config       # SwiftPM finds both through pkg-config
    gcc              # Identity tests build small static helper programs (cc -static)
    libc6-dev        #   … and link them against the static libc
    util-linux       # unshare, setpriv: namespaces and credentials in the Identity tests
    coreutils        # chroot, sha256sum, sleep
)

wanted=("${APT_PACKAGES[@]}" "$@")
missing=()
for package in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

sudo=()
if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 || die "need root (or sudo) to install: ${missing[*]}"
    sudo=(sudo)
fi
say "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

command -v swift >/dev/null 2>&1 || die "no Swift toolchain on PATH (expected /opt/swift/usr/bin)"
