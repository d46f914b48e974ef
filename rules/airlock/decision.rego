# Airlock's decision for one connection. PLACEHOLDER: the shipped rule set comes in a later issue;
# this one only matches binaries and endpoints exactly (no symlink hints, no unix sockets yet).
#
# input: the connection's facts, e.g.
#        {"process": {"exe": "/usr/bin/python3"}, "network": {"host": "pypi.org", "port": 443}}
# data:  the policy YAML, e.g. rules/examples/data.yaml ({"network_policies": {name: {...}}})
#
# data.airlock.decision is {"allow": bool, "policy": name or null, "reason": string, "hints": [string]}.
package airlock

# Facts that are missing (no process or no destination) never allow anything.
default decision := {
	"allow": false,
	"policy": null,
	"reason": "denied: the connection's facts are incomplete (need process.exe, network.host and network.port)",
	"hints": [],
}

decision := {
	"allow": true,
	"policy": name,
	"reason": sprintf("%s may connect to %s:%d: allowed by network policy %s", [exe, host, port, name]),
	"hints": [],
} if {
	# Several policies may allow the same connection: name the first, so the decision is one value.
	name := sort(allowing_policies)[0]
}

decision := {
	"allow": false,
	"policy": null,
	"reason": sprintf("%s may not connect to %s:%d: %s", [exe, host, port, why_denied]),
	"hints": [],
} if {
	count(allowing_policies) == 0
}

exe := input.process.exe

host := lower(input.network.host)

port := input.network.port

# Policies that list both this binary and this endpoint.
allowing_policies contains name if {
	some name, policy in data.network_policies
	binary_listed(policy)
	endpoint_listed(policy)
}

# Policies that list this endpoint, whatever the binary: what a denied binary could be added to.
policies_for_endpoint contains name if {
	some name, policy in data.network_policies
	endpoint_listed(policy)
}

binaries_for_endpoint contains binary.path if {
	some name in policies_for_endpoint
	some binary in data.network_policies[name].binaries
}

why_denied := "no network policy lists this endpoint" if count(policies_for_endpoint) == 0

why_denied := sprintf(
	"the network policies listing this endpoint (%s) allow only %s",
	[concat(", ", sort(policies_for_endpoint)), concat(", ", sort(binaries_for_endpoint))],
) if {
	count(policies_for_endpoint) > 0
}

binary_listed(policy) if {
	some binary in policy.binaries
	binary.path == exe
}

endpoint_listed(policy) if {
	some endpoint in policy.endpoints
	host_matches(lower(endpoint.host), host)
	port_listed(endpoint)
}

port_listed(endpoint) if endpoint.port == port

port_listed(endpoint) if port in endpoint.ports

host_matches(pattern, name) if pattern == name

# "*.example.org" matches any name below example.org, not example.org itself.
host_matches(pattern, name) if {
	startswith(pattern, "*.")
	endswith(name, substring(pattern, 1, -1))
}
