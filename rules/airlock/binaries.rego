# Whether a policy's `binaries` list names the process, and how to say so.
#
# Each binary in data is {"path", "glob", "sha256", "resolved", "chain", "resolution_error"}:
# `resolved` is the path after following symlinks inside the agent's root (null for globs and
# when resolution failed, then `resolution_error` says why).
package airlock

# The binary entry names `path`: exactly, through its resolved symlink target, or as a glob.
names(binary, path) if {
	not binary.glob
	path == binary.path
}

names(binary, path) if {
	not binary.glob
	path == binary.resolved
}

names(binary, path) if {
	binary.glob
	glob.match(binary.path, ["/"], path)
}

# A pinned hash can only be checked for the executable itself: ancestors are never hashed.
hash_matches(binary) if binary.sha256 == null

hash_matches(binary) if {
	binary.sha256 != null
	binary.sha256 == exe_sha256
}

# How `binary` grants this process, as a phrase for the allow reason; undefined when it does not.
grant(binary) := how if {
	names(binary, exe)
	hash_matches(binary)
	how := naming(binary, exe)
} else := how if {
	binary.sha256 == null
	listed := [a | some a in ancestors; names(binary, a)]
	count(listed) > 0
	how := sprintf("its ancestor %s is %s", [listed[0], naming(binary, listed[0])])
}

naming(binary, path) := "listed" if {
	not binary.glob
	path == binary.path
} else := sprintf("listed as %s, a symlink to it", [binary.path]) if {
	not binary.glob
} else := sprintf("matched by %s", [binary.path])

# The first way some binary of the list grants the process, in list order.
grant_in(binaries) := hows[0] if {
	hows := [how | some binary in binaries; how := grant(binary)]
	count(hows) > 0
}

# A binary entry as the deny reason lists it: with its symlink target when it has one.
listing(binary) := sprintf("%s (a symlink to %s)", [binary.path, binary.resolved]) if {
	not binary.glob
	is_string(binary.resolved)
	binary.resolved != binary.path
} else := binary.path

listings(binaries) := concat(", ", [listing(b) | some b in binaries])

# "binary X is not allowed by network policy P, which allows only …; its ancestors: …". `policies`
# maps the names of the policies that list the destination to their sections.
not_allowed_by(section, policies) := sprintf(
	"binary %s is not allowed by %s %s, which allows only %s; %s",
	[exe, section, name, listings(policies[name].binaries), ancestry],
) if {
	count(policies) == 1
	some name, _ in policies
} else := sprintf("binary %s is not allowed by %s %s: %s; %s", [
	exe,
	plural(section),
	concat(", ", object.keys(policies)),
	concat("; ", [sprintf("%s allows only %s", [name, listings(policy.binaries)]) | some name, policy in policies]),
	ancestry,
])

plural(section) := sprintf("%sies", [trim_suffix(section, "y")])

ancestry := "it has no known ancestors" if count(ancestors) == 0 else := sprintf("its ancestors: %s", [concat(", ", ancestors)])

# An entry that names the executable but pins another hash: the denial says so instead.
hash_mismatch(binaries) := sprintf(
	"binary %s is listed as %s but its sha256 is %s, not the pinned %s",
	[exe, binary.path, shown_hash, binary.sha256],
) if {
	mismatched := [b | some b in binaries; names(b, exe); not hash_matches(b)]
	count(mismatched) > 0
	binary := mismatched[0]
}

shown_hash := exe_sha256 if is_string(exe_sha256) else := "unknown (the executable was not hashed)"
