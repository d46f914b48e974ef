# Tests of the shipped rules: `airlock test rules/airlock`. Every deny-reason variant is asserted
# by its full text, so a change of wording is a visible, reviewed change.
package airlock_test

import data.airlock

binary(path) := {"path": path, "glob": false, "sha256": null, "resolved": path, "chain": [], "resolution_error": null}

symlink(path, target) := object.union(binary(path), {"resolved": target, "chain": [{"link": path, "target": target}]})

unresolved(path, errno, message) := object.union(binary(path), {"resolved": null, "resolution_error": {"errno": errno, "message": message}})

glob_binary(path) := object.union(binary(path), {"glob": true, "resolved": null})

pinned(path, sha) := object.union(binary(path), {"sha256": sha})

endpoint(host, ports) := {"host": host, "host_glob": contains(host, "*"), "ports": ports, "allowed_ips": [], "protocol": null, "enforcement": "enforce"}

network_policies := {
	"pypi": {
		"endpoints": [endpoint("pypi.org", [443]), endpoint("*.pythonhosted.org", [443])],
		"binaries": [symlink("/usr/bin/python3", "/usr/bin/python3.11"), glob_binary("/opt/venv/bin/*")],
	},
	"github": {
		"endpoints": [endpoint("github.com", [443, 22]), endpoint("**.githubusercontent.com", [443])],
		"binaries": [binary("/usr/bin/git"), binary("/usr/local/bin/agent")],
	},
	"internal": {
		"endpoints": [object.union(endpoint("db.internal", [5432]), {"allowed_ips": ["10.0.0.0/8"]})],
		"binaries": [pinned("/usr/bin/psql", "aa11")],
	},
	"dns": {
		"endpoints": [object.union(endpoint("resolver.internal", [53]), {"protocol": "udp"})],
		"binaries": [binary("/usr/bin/dig")],
	},
	"telemetry": {
		"endpoints": [object.union(endpoint("metrics.example.com", [443]), {"enforcement": "audit"})],
		"binaries": [binary("/usr/bin/otel")],
	},
}

unix_sockets := {"docker": {
	"paths": [
		{"path": "/var/run/docker.sock", "glob": false, "abstract": false, "resolved": "/run/docker.sock"},
		{"path": "@buildkit", "glob": false, "abstract": true, "resolved": null},
	],
	"binaries": [binary("/usr/bin/docker")],
}}

connect(exe, host, port) := {
	"kind": "tcp_connect",
	"process": {"pid": 42, "exe": exe, "ancestors": ["/usr/bin/bash"]},
	"network": {"host": host, "port": port},
}

decide(facts) := d if {
	d := airlock.decision with input as facts
		with data.network_policies as network_policies
		with data.unix_sockets as unix_sockets
}

# Allowed

test_allows_a_listed_binary if {
	decide(connect("/usr/bin/git", "github.com", 22)) == {
		"allow": true,
		"policy": "github",
		"reason": "/usr/bin/git may connect to github.com:22: allowed by network policy github (listed)",
		"hints": [],
	}
}

test_allows_the_target_of_a_listed_symlink if {
	d := decide(connect("/usr/bin/python3.11", "pypi.org", 443))
	d.allow
	d.reason == "/usr/bin/python3.11 may connect to pypi.org:443: allowed by network policy pypi (listed as /usr/bin/python3, a symlink to it)"
}

test_allows_a_binary_matched_by_a_glob if {
	d := decide(connect("/opt/venv/bin/pip", "files.pythonhosted.org", 443))
	d.allow
	d.reason == "/opt/venv/bin/pip may connect to files.pythonhosted.org:443: allowed by network policy pypi (matched by /opt/venv/bin/*)"
}

test_a_path_glob_does_not_cross_directories if {
	not decide(connect("/opt/venv/bin/sub/pip", "pypi.org", 443)).allow
}

test_allows_through_an_ancestor if {
	facts := object.union(connect("/usr/bin/curl", "github.com", 443), {"process": {"ancestors": ["/usr/bin/bash", "/usr/local/bin/agent"]}})
	d := decide(facts)
	d.allow
	d.reason == "/usr/bin/curl may connect to github.com:443: allowed by network policy github (its ancestor /usr/local/bin/agent is listed)"
}

test_single_label_wildcard if {
	decide(connect("/usr/bin/python3.11", "files.pythonhosted.org", 443)).allow
	not decide(connect("/usr/bin/python3.11", "pythonhosted.org", 443)).allow
	not decide(connect("/usr/bin/python3.11", "a.b.pythonhosted.org", 443)).allow
}

test_leading_double_wildcard_matches_several_labels if {
	decide(connect("/usr/bin/git", "raw.githubusercontent.com", 443)).allow
	decide(connect("/usr/bin/git", "a.b.githubusercontent.com", 443)).allow
	not decide(connect("/usr/bin/git", "githubusercontent.com", 443)).allow
}

test_host_case_and_trailing_dot_are_ignored if {
	decide(connect("/usr/bin/git", "GitHub.COM.", 443)).allow
}

test_an_address_in_allowed_ips_matches_without_a_name if {
	facts := {"kind": "tcp_connect", "process": {"exe": "/usr/bin/psql", "sha256": "aa11"}, "network": {"ip": "10.1.2.3", "port": 5432}}
	decide(facts).allow
	not decide(object.union(facts, {"network": {"ip": "192.168.1.1"}})).allow
}

test_a_pinned_hash_allows_the_matching_executable if {
	decide({"process": {"exe": "/usr/bin/psql", "sha256": "aa11"}, "network": {"host": "db.internal", "port": 5432}}).allow
}

test_udp_needs_an_endpoint_that_says_udp if {
	facts := {"kind": "udp_send", "process": {"exe": "/usr/bin/dig"}, "network": {"host": "resolver.internal", "port": 53}}
	decide(facts).allow
	not decide(object.union(facts, {"kind": "tcp_connect"})).allow
}

test_http_requests_are_network_decisions if {
	decide(object.union(connect("/usr/bin/git", "github.com", 443), {"kind": "http_request", "http": {"method": "GET", "path": "/"}})).allow
}

test_ipv6_destinations_are_bracketed if {
	d := decide({"process": {"exe": "/usr/bin/git"}, "network": {"ip": "2001:db8::1", "port": 443}})
	d.reason == "/usr/bin/git may not connect to [2001:db8::1]:443: endpoint [2001:db8::1]:443 is not allowed by any network policy"
}

# Denied: the endpoint

test_denies_an_endpoint_no_policy_lists if {
	decide(connect("/usr/bin/git", "evil.example", 443)) == {
		"allow": false,
		"policy": null,
		"reason": "/usr/bin/git may not connect to evil.example:443: endpoint evil.example:443 is not allowed by any network policy",
		"hints": [],
	}
}

test_a_listed_host_on_another_port_gets_a_port_hint if {
	decide(connect("/usr/bin/python3.11", "pypi.org", 80)) == {
		"allow": false,
		"policy": null,
		"reason": "/usr/bin/python3.11 may not connect to pypi.org:80: endpoint pypi.org:80 is not allowed by any network policy",
		"hints": ["PORT HINT: network policy pypi allows pypi.org on port 443 only, not 80"],
	}
}

# Denied: the binary

test_denies_a_binary_the_policy_does_not_list if {
	decide(connect("/usr/bin/curl", "pypi.org", 443)) == {
		"allow": false,
		"policy": "pypi",
		"reason": "/usr/bin/curl may not connect to pypi.org:443: binary /usr/bin/curl is not allowed by network policy pypi, which allows only /usr/bin/python3 (a symlink to /usr/bin/python3.11), /opt/venv/bin/*; its ancestors: /usr/bin/bash",
		"hints": [],
	}
}

test_a_similar_name_with_resolution_done_gets_no_symlink_hint if {
	# /usr/bin/python3 resolved to python3.11: a python3.12 is another binary, not a link problem.
	d := decide(connect("/usr/bin/python3.12", "pypi.org", 443))
	not d.allow
	d.hints == []
}

test_names_every_policy_that_lists_the_endpoint if {
	policies := object.union(network_policies, {"mirror": {"endpoints": [endpoint("pypi.org", [443])], "binaries": [binary("/usr/bin/pip")]}})
	d := airlock.decision with input as object.union(connect("/usr/bin/curl", "pypi.org", 443), {"process": {"ancestors": []}})
		with data.network_policies as policies
	d.policy == "mirror"
	d.reason == "/usr/bin/curl may not connect to pypi.org:443: binary /usr/bin/curl is not allowed by network policies mirror, pypi: mirror allows only /usr/bin/pip; pypi allows only /usr/bin/python3 (a symlink to /usr/bin/python3.11), /opt/venv/bin/*; it has no known ancestors"
}

test_a_wrong_hash_is_named if {
	d := decide({"process": {"exe": "/usr/bin/psql", "sha256": "bb22"}, "network": {"host": "db.internal", "port": 5432}})
	not d.allow
	d.policy == "internal"
	d.reason == "/usr/bin/psql may not connect to db.internal:5432: binary /usr/bin/psql is listed as /usr/bin/psql but its sha256 is bb22, not the pinned aa11 (network policy internal)"
}

test_an_unhashed_executable_does_not_match_a_pin if {
	d := decide({"process": {"exe": "/usr/bin/psql"}, "network": {"host": "db.internal", "port": 5432}})
	not d.allow
	endswith(d.reason, "but its sha256 is unknown (the executable was not hashed), not the pinned aa11 (network policy internal)")
}

test_a_pin_never_matches_an_ancestor if {
	facts := {"process": {"exe": "/usr/bin/sh", "ancestors": ["/usr/bin/psql"], "sha256": "aa11"}, "network": {"host": "db.internal", "port": 5432}}
	not decide(facts).allow
}

# SYMLINK HINT: only when resolution failed and the names make the link plausible

python_unresolved(errno, message) := {"pypi": {
	"endpoints": [endpoint("pypi.org", [443])],
	"binaries": [unresolved("/usr/bin/python3", errno, message), binary("/usr/bin/uv")],
}}

decide_with(policies, facts) := d if {
	d := airlock.decision with input as facts with data.network_policies as policies
}

test_symlink_hint_when_the_root_could_not_be_read if {
	d := decide_with(
		python_unresolved("EACCES", "permission denied: /proc/42/root/usr/bin"),
		connect("/usr/bin/python3.11", "pypi.org", 443),
	)
	not d.allow
	d.policy == "pypi"
	d.reason == "/usr/bin/python3.11 may not connect to pypi.org:443: binary /usr/bin/python3.11 is not allowed by network policy pypi, which allows only /usr/bin/python3, /usr/bin/uv; its ancestors: /usr/bin/bash"
	d.hints == ["SYMLINK HINT: network policy pypi lists /usr/bin/python3, which Airlock could not resolve inside the agent's root (permission denied: /proc/42/root/usr/bin); the process runs /usr/bin/python3.11, which may be its target. Grant Airlock CAP_SYS_PTRACE so it can read the agent's root and follow the link, or list the canonical path: run `readlink -f /usr/bin/python3` inside the container."]
}

test_symlink_hint_when_the_listed_path_is_missing if {
	d := decide_with(python_unresolved("ENOENT", "no such file: /usr/bin/python3"), connect("/usr/local/bin/python3", "pypi.org", 443))
	d.hints == ["SYMLINK HINT: network policy pypi lists /usr/bin/python3, which does not exist in the agent's root (no such file: /usr/bin/python3); the process runs /usr/local/bin/python3. List the path the container really has: run `readlink -f /usr/bin/python3` inside the container."]
}

test_symlink_hint_for_other_resolution_failures if {
	d := decide_with(python_unresolved("ELOOP", "too many symlinks: /usr/bin/python3"), connect("/usr/bin/python3.11", "pypi.org", 443))
	d.hints == ["SYMLINK HINT: network policy pypi lists /usr/bin/python3, which Airlock could not resolve inside the agent's root (too many symlinks: /usr/bin/python3); the process runs /usr/bin/python3.11, which may be its target. List the canonical path: run `readlink -f /usr/bin/python3` inside the container."]
}

test_no_symlink_hint_for_an_unrelated_binary if {
	d := decide_with(python_unresolved("EACCES", "permission denied"), connect("/usr/bin/curl", "pypi.org", 443))
	not d.allow
	d.hints == []
}

# Audit mode

test_an_audit_endpoint_allows_and_says_what_enforcing_would_do if {
	d := decide(connect("/usr/bin/curl", "metrics.example.com", 443))
	d.allow
	d.policy == "telemetry"
	d.reason == "AUDIT (allowed, would deny): /usr/bin/curl may not connect to metrics.example.com:443: binary /usr/bin/curl is not allowed by network policy telemetry, which allows only /usr/bin/otel; its ancestors: /usr/bin/bash"
}

test_audit_allows_listed_binaries_normally if {
	decide(connect("/usr/bin/otel", "metrics.example.com", 443)).reason == "/usr/bin/otel may connect to metrics.example.com:443: allowed by network policy telemetry (listed)"
}

# Unix sockets

unix(exe, path, abstract) := {"kind": "unix_connect", "process": {"exe": exe, "ancestors": []}, "unix_socket": {"path": path, "abstract": abstract}}

test_unix_socket_allowed_by_its_resolved_path if {
	decide(unix("/usr/bin/docker", "/run/docker.sock", false)) == {
		"allow": true,
		"policy": "docker",
		"reason": "/usr/bin/docker may connect to unix socket /run/docker.sock: allowed by unix socket policy docker (listed)",
		"hints": [],
	}
	decide(unix("/usr/bin/docker", "/var/run/docker.sock", false)).allow
}

test_abstract_sockets_match_only_abstract_entries if {
	decide(unix("/usr/bin/docker", "@buildkit", true)).allow
	not decide(unix("/usr/bin/docker", "@buildkit", false)).allow
}

test_unix_socket_no_policy_lists if {
	decide(unix("/usr/bin/docker", "/run/secret.sock", false)).reason == "/usr/bin/docker may not connect to unix socket /run/secret.sock: no unix socket policy lists it"
}

test_unix_socket_wrong_binary if {
	d := decide(unix("/usr/bin/python3.11", "/run/docker.sock", false))
	not d.allow
	d.policy == "docker"
	d.reason == "/usr/bin/python3.11 may not connect to unix socket /run/docker.sock: binary /usr/bin/python3.11 is not allowed by unix socket policy docker, which allows only /usr/bin/docker; it has no known ancestors"
}

# DNS

test_dns_answers_names_some_policy_lists if {
	decide({"kind": "dns_query", "network": {"host": "files.pythonhosted.org"}}).reason == "a process may resolve files.pythonhosted.org: network policy pypi lists it"
	d := decide({"kind": "dns_query", "process": {"exe": "/usr/bin/curl"}, "network": {"host": "evil.example"}})
	not d.allow
	d.reason == "/usr/bin/curl may not resolve evil.example: no network policy lists it"
}

# Fail closed

test_incomplete_facts_are_denied_naming_what_is_missing if {
	decide({"process": {"exe": "/usr/bin/git"}}) == {
		"allow": false,
		"policy": null,
		"reason": "denied: the facts lack network.host or network.ip, network.port",
		"hints": [],
	}
	decide({"kind": "unix_connect", "unix_socket": {"path": "/run/x.sock"}}).reason == "denied: the facts lack process.exe"
}

test_unknown_kinds_are_denied if {
	decide(object.union(connect("/usr/bin/git", "github.com", 443), {"kind": "raw_socket"})).reason == "denied: unknown connection kind raw_socket"
}

test_no_policies_at_all_denies if {
	d := airlock.decision with input as connect("/usr/bin/git", "github.com", 443) with data.network_policies as {}
	not d.allow
}
