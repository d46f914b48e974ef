# Airlock's decision for one connection: data.airlock.decision is
# {"allow": bool, "policy": name or null, "reason": string, "hints": [string]}, computed in one
# evaluation so every field comes from the same policy generation.
#
# input: the connection's facts (facts.rego, docs/policy.md).
# data:  the policy YAML as `airlock check` prints it: `network_policies` and `unix_sockets`,
#        with each binary's symlinks resolved in the agent's root.
package airlock

# Fail closed: whatever the rules below cannot decide is denied.
default decision := {
	"allow": false,
	"policy": null,
	"reason": "denied: Airlock's rules reached no decision for these facts",
	"hints": [],
}

# The common case first: an allowed network connection needs no other rule.
decision := network_allowed if {
	kind in network_kinds
	network_allowed
} else := {
	"allow": false,
	"policy": null,
	"reason": sprintf("denied: the facts lack %s", [concat(", ", sort(missing_facts))]),
	"hints": [],
} if {
	count(missing_facts) > 0
} else := network_decision if {
	kind in network_kinds
} else := unix_decision if {
	kind == "unix_connect"
} else := dns_decision if {
	kind == "dns_query"
} else := {
	"allow": false,
	"policy": null,
	"reason": sprintf("denied: unknown connection kind %v", [kind]),
	"hints": [],
}
