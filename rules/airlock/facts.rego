# The connection's facts (`input`, see docs/policy.md), normalised once for the other rules.
package airlock

# What is being decided. Facts without a kind are a TCP connect, what the proxy mostly sees.
kind := object.get(input, "kind", "tcp_connect")

network_kinds := {"tcp_connect", "http_request", "udp_send"}

exe := input.process.exe

ancestors := object.get(input.process, "ancestors", [])

# Absent unless the policy pins hashes and the supervisor hashed the executable.
exe_sha256 := object.get(input.process, "sha256", null)

# The destination's name as policies spell it: lower case, no trailing dot. Without a name (a
# connect by address that no SNI, Host header or DNS answer explains) the address stands in.
host := lower(trim_suffix(input.network.host, ".")) if {
	is_string(input.network.host)
	input.network.host != ""
} else := input.network.ip

ip := object.get(input.network, "ip", "")

port := input.network.port

transport := "udp" if kind == "udp_send" else := "tcp"

# host:port as people write it, IPv6 addresses in brackets.
destination := sprintf("[%s]:%d", [host, port]) if contains(host, ":") else := sprintf("%s:%d", [host, port])

socket_path := input.unix_socket.path

socket_abstract := object.get(input.unix_socket, "abstract", false)

# Who is asking, for reasons: the executable, or "a process" when a DNS query came without one.
subject := exe if is_string(exe) else := "a process"

# Facts a decision of each kind cannot do without, as the reason names them.
missing_facts contains "process.exe" if {
	kind != "dns_query"
	not is_string(exe)
}

missing_facts contains "network.host or network.ip" if {
	kind in network_kinds | {"dns_query"}
	not is_string(host)
}

missing_facts contains "network.port" if {
	kind in network_kinds
	not is_number(port)
}

missing_facts contains "unix_socket.path" if {
	kind == "unix_connect"
	not is_string(socket_path)
}
