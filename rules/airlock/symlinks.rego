# SYMLINK HINT: only when it applies. A policy that would have allowed the connection lists a path
# that Airlock could not resolve inside the agent's root, and whose name makes it plausible that
# the denied executable is where it leads (`/usr/bin/python3` when `/usr/bin/python3.11` ran).
# When resolution succeeded Airlock knows where the link leads and already matched the target, so
# a denial then is about a different binary and gets no hint.
package airlock

symlink_hints(section, name, binaries) := [hint |
	some binary in binaries
	hint := symlink_hint(section, name, binary)
]

symlink_hint(section, name, binary) := sprintf(
	"SYMLINK HINT: %s %s lists %s, which Airlock could not resolve inside the agent's root (%s); the process runs %s, which may be its target. Grant Airlock CAP_SYS_PTRACE so it can read the agent's root and follow the link, or list the canonical path: run `readlink -f %s` inside the container.",
	[section, name, binary.path, failure.message, exe, binary.path],
) if {
	failure := unresolved_plausibly(binary)
	failure.errno in {"EACCES", "EPERM"}
} else := sprintf(
	"SYMLINK HINT: %s %s lists %s, which does not exist in the agent's root (%s); the process runs %s. List the path the container really has: run `readlink -f %s` inside the container.",
	[section, name, binary.path, failure.message, exe, binary.path],
) if {
	failure := unresolved_plausibly(binary)
	failure.errno == "ENOENT"
} else := sprintf(
	"SYMLINK HINT: %s %s lists %s, which Airlock could not resolve inside the agent's root (%s); the process runs %s, which may be its target. List the canonical path: run `readlink -f %s` inside the container.",
	[section, name, binary.path, failure.message, exe, binary.path],
) if {
	failure := unresolved_plausibly(binary)
}

unresolved_plausibly(binary) := failure if {
	not binary.glob
	failure := binary.resolution_error
	is_object(failure)
	plausible_target(binary.path, exe)
}

# `python3.11` for `python3`, `python3` for `python`: one name extends the other.
plausible_target(configured, actual) if startswith(basename(actual), basename(configured))

plausible_target(configured, actual) if startswith(basename(configured), basename(actual))

basename(path) := parts[count(parts) - 1] if parts := split(path, "/")
