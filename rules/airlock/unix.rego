# Unix socket decisions, against `data.unix_sockets`.
#
# Each path in data is {"path", "glob", "abstract", "resolved"}: abstract sockets are written
# "@name" (in policies and facts alike); `resolved` is the path after following symlinks inside the
# agent's root (`/var/run/docker.sock` → `/run/docker.sock`).
package airlock

socket_listed(entry) if {
	entry.abstract == socket_abstract
	not entry.glob
	socket_path in {entry.path, entry.resolved}
}

socket_listed(entry) if {
	entry.abstract == socket_abstract
	entry.glob
	glob.match(entry.path, ["/"], socket_path)
}

socket_policies contains name if {
	some name, policy in data.unix_sockets
	some entry in policy.paths
	socket_listed(entry)
}

socket_grants[name] := grant_in(data.unix_sockets[name].binaries) if some name in socket_policies

unix_decision := {
	"allow": true,
	"policy": name,
	"reason": sprintf("%s may connect to unix socket %s: allowed by unix socket policy %s (%s)", [exe, socket_path, name, socket_grants[name]]),
	"hints": [],
} if {
	name := min(object.keys(socket_grants))
} else := {
	"allow": false,
	"policy": null,
	"reason": sprintf("%s may not connect to unix socket %s: no unix socket policy lists it", [exe, socket_path]),
	"hints": [],
} if {
	count(socket_policies) == 0
} else := {
	"allow": false,
	"policy": min(socket_policies),
	"reason": sprintf("%s may not connect to unix socket %s: %s", [exe, socket_path, socket_binary_denial]),
	"hints": [hint |
		some name in sort(socket_policies)
		some hint in symlink_hints("unix socket policy", name, data.unix_sockets[name].binaries)
	],
}

socket_binary_denial := why if {
	whys := [why |
		some name in sort(socket_policies)
		why := sprintf("%s (unix socket policy %s)", [hash_mismatch(data.unix_sockets[name].binaries), name])
	]
	count(whys) > 0
	why := whys[0]
} else := not_allowed_by("unix socket policy", {name: data.unix_sockets[name] | some name in socket_policies})

