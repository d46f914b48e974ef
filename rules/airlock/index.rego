# The lookups that let a decision find its policies without scanning all of them.
#
# `index.network[path][host]` lists, for each exact binary path (as listed, and as resolved inside
# the agent's root) and each exact host, `{"policy", "how", "transport", "ports"}`;
# `index.network_generic` lists the (binary, endpoint) pairs lookups cannot answer — a glob on
# either side, a pinned hash, an endpoint with `allowed_ips` — as `{"policy", "binary", "endpoint"}`.
#
# Airlock computes the same index when it loads a policy generation and ships it as
# data.airlock_index, so evaluations do not rebuild it; its tests check that both agree. Without
# it (data written by hand for `airlock eval`), the rules compute it here.
package airlock

index := data.airlock_index if is_object(data.airlock_index) else := computed_index

computed_index := {"network": computed_network, "network_generic": computed_generic}

indexable(binary, endpoint) if {
	not binary.glob
	binary.sha256 == null
	not endpoint.host_glob
}

# A pair the lookups cannot answer (an exact pair with allowed_ips is in both: the lookup matches
# its name, this its address).
generic(binary, endpoint) if binary.glob

generic(binary, endpoint) if binary.sha256 != null

generic(binary, endpoint) if endpoint.host_glob

generic(binary, endpoint) if count(endpoint.allowed_ips) > 0

# The phrase for an exact binary entry found under `path`: listed as such, or through its symlink.
index_naming(binary, path) := "listed" if {
	binary.path == path
} else := sprintf("listed as %s, a symlink to it", [binary.path]) if {
	is_string(binary.resolved)
	binary.resolved != binary.path
	binary.resolved == path
}

indexed_paths contains path if {
	some policy in data.network_policies
	some binary in policy.binaries
	some endpoint in policy.endpoints
	indexable(binary, endpoint)
	some path in {binary.path, binary.resolved}
	is_string(path)
}

computed_network := {path: hosts |
	some path in indexed_paths
	hosts := {host: index_entries(path, host) | some host in indexed_hosts(path)}
}

indexed_hosts(path) := {endpoint.host |
	some policy in data.network_policies
	some binary in policy.binaries
	index_naming(binary, path)
	some endpoint in policy.endpoints
	indexable(binary, endpoint)
}

index_entries(path, host) := [entry |
	some name, policy in data.network_policies
	some binary in policy.binaries
	how := index_naming(binary, path)
	some endpoint in policy.endpoints
	indexable(binary, endpoint)
	endpoint.host == host
	entry := {"policy": name, "how": how, "transport": endpoint_transport(endpoint), "ports": endpoint.ports}
]

computed_generic := [{"policy": name, "binary": binary, "endpoint": endpoint} |
	some name, policy in data.network_policies
	some binary in policy.binaries
	some endpoint in policy.endpoints
	generic(binary, endpoint)
]
