# Network decisions: TCP connects, HTTP requests and UDP sends, against `data.network_policies`.
#
# Each endpoint in data is {"host", "host_glob", "ports", "allowed_ips", "protocol", "enforcement"}
# (see docs/policy.md): `host` is lower case; a glob uses `*` for one label and a leading `**` for
# one or more labels, matched with "." as the delimiter.
package airlock

endpoint_transport(endpoint) := endpoint.protocol if is_string(endpoint.protocol) else := "tcp"

endpoint_host_matches(endpoint) if {
	not endpoint.host_glob
	endpoint.host == host
}

endpoint_host_matches(endpoint) if {
	endpoint.host_glob
	glob.match(endpoint.host, ["."], host)
}

# A connect by address alone matches an endpoint whose `allowed_ips` contain the address.
endpoint_host_matches(endpoint) if {
	host == ip
	some cidr in endpoint.allowed_ips
	net.cidr_contains(cidr, ip)
}

endpoint_matches(endpoint) if {
	endpoint_transport(endpoint) == transport
	port in endpoint.ports
	endpoint_host_matches(endpoint)
}

# The policies listing this destination, whatever the binary, and those of them in audit mode.
endpoint_policies contains name if {
	some name, policy in data.network_policies
	some endpoint in policy.endpoints
	endpoint_matches(endpoint)
}

enforced_endpoint_policies contains name if {
	some name, policy in data.network_policies
	some endpoint in policy.endpoints
	endpoint.enforcement != "audit"
	endpoint_matches(endpoint)
}

# How policies grant this process this destination, as [policy, how] pairs. Exact binary paths
# and hosts are two lookups in the index (index.rego) for the executable, then each ancestor; globs,
# pinned hashes and address matches are checked one by one. The same grants as scanning every
# policy with `endpoint_matches` and `grant`, without the scan.
network_grants contains [entry.policy, entry.how] if {
	some entry in index.network[exe][host]
	entry.transport == transport
	port in entry.ports
}

network_grants contains [entry.policy, sprintf("its ancestor %s is %s", [ancestor, entry.how])] if {
	some ancestor in ancestors
	some entry in index.network[ancestor][host]
	entry.transport == transport
	port in entry.ports
}

network_grants contains [entry.policy, how] if {
	some entry in index.network_generic
	endpoint_matches(entry.endpoint)
	how := grant(entry.binary)
}

# Several policies may grant the same connection: the first by name decides, so the decision is
# one value.
network_allowed := {
	"allow": true,
	"policy": first[0],
	"reason": sprintf("%s may connect to %s: allowed by network policy %s (%s)", [exe, destination, first[0], first[1]]),
	"hints": [],
} if {
	first := min(network_grants)
}

network_decision := network_allowed if {
	network_allowed
} else := {
	"allow": false,
	"policy": null,
	"reason": sprintf("%s may not connect to %s: endpoint %s is not allowed by any network policy", [exe, destination, destination]),
	"hints": sort(port_hints),
} if {
	count(endpoint_policies) == 0
} else := {
	"allow": count(enforced_endpoint_policies) == 0,
	"policy": name,
	"reason": concat("", [audit_prefix, sprintf("%s may not connect to %s: %s", [exe, destination, binary_denial])]),
	"hints": network_symlink_hints,
} if {
	name := min(endpoint_policies)
}

# Every listing endpoint is in audit mode: the connection goes ahead and the log says what
# enforcing would have done.
audit_prefix := "AUDIT (allowed, would deny): " if count(enforced_endpoint_policies) == 0 else := ""

binary_denial := why if {
	whys := [why |
		some name in sort(endpoint_policies)
		why := sprintf("%s (network policy %s)", [hash_mismatch(data.network_policies[name].binaries), name])
	]
	count(whys) > 0
	why := whys[0]
} else := not_allowed_by("network policy", {name: data.network_policies[name] | some name in endpoint_policies})

network_symlink_hints := [hint |
	some name in sort(endpoint_policies)
	some hint in symlink_hints("network policy", name, data.network_policies[name].binaries)
]

# The host is listed, on other ports: usually a missing port in the policy, or the wrong scheme.
port_hints contains sprintf("PORT HINT: network policy %s allows %s on port %s only, not %d", [name, host, concat(", ", [format_int(p, 10) | some p in endpoint.ports]), port]) if {
	some name, policy in data.network_policies
	some endpoint in policy.endpoints
	endpoint_transport(endpoint) == transport
	endpoint_host_matches(endpoint)
	not port in endpoint.ports
}

# DNS queries: a name is answered when some network policy lists it, whoever asks and for
# whichever port, so that the proxy decides the connection that follows.
dns_policies contains name if {
	some name, policy in data.network_policies
	some endpoint in policy.endpoints
	endpoint_host_matches(endpoint)
}

dns_decision := {
	"allow": true,
	"policy": name,
	"reason": sprintf("%s may resolve %s: network policy %s lists it", [subject, host, name]),
	"hints": [],
} if {
	name := min(dns_policies)
} else := {
	"allow": false,
	"policy": null,
	"reason": sprintf("%s may not resolve %s: no network policy lists it", [subject, host]),
	"hints": [],
}
