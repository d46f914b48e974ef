package airlock_test

import data.airlock

network_policies := {"pypi": {
	"endpoints": [
		{"host": "pypi.org", "port": 443},
		{"host": "*.pythonhosted.org", "ports": [443]},
	],
	"binaries": [{"path": "/usr/bin/python3"}],
}}

connection(exe, host, port) := {
	"kind": "tcp_connect",
	"process": {"exe": exe},
	"network": {"host": host, "port": port},
}

decide(exe, host, port) := d if {
	d := airlock.decision with input as connection(exe, host, port)
		with data.network_policies as network_policies
}

test_allows_a_listed_binary_on_a_listed_endpoint if {
	decide("/usr/bin/python3", "pypi.org", 443) == {
		"allow": true,
		"policy": "pypi",
		"reason": "/usr/bin/python3 may connect to pypi.org:443: allowed by network policy pypi",
		"hints": [],
	}
}

test_wildcard_matches_subdomains if {
	decide("/usr/bin/python3", "files.pythonhosted.org", 443).allow
}

test_wildcard_does_not_match_the_apex if {
	not decide("/usr/bin/python3", "pythonhosted.org", 443).allow
}

test_host_case_is_ignored if {
	decide("/usr/bin/python3", "PyPI.org", 443).allow
}

test_denies_an_unlisted_port if {
	d := decide("/usr/bin/python3", "pypi.org", 80)
	not d.allow
	d.reason == "/usr/bin/python3 may not connect to pypi.org:80: no network policy lists this endpoint"
}

test_deny_reason_names_the_binaries_allowed if {
	d := decide("/usr/bin/curl", "pypi.org", 443)
	not d.allow
	d.policy == null
	d.reason == "/usr/bin/curl may not connect to pypi.org:443: the network policies listing this endpoint (pypi) allow only /usr/bin/python3"
}

test_incomplete_facts_are_denied if {
	d := airlock.decision with input as {"process": {"exe": "/usr/bin/python3"}}
		with data.network_policies as network_policies
	not d.allow
}
