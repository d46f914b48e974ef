import Testing

@testable import Rego

@Suite struct NetAddressTests {
    @Test(arguments: [
        ("192.168.1.1", "192.168.1.1"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("1:0:0:2:3:0:0:4", "1::2:3:0:0:4"), ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
        ("::ffff:1.2.3.4", "1.2.3.4"), ("::FFFF:7f00:1", "127.0.0.1"), ("::1.2.3.4", "::102:304"),
        ("fe80::1:2", "fe80::1:2"), ("2601:600:8a80:207e:a57d:7567:e2c9:e7b3", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3"),
    ])
    func parsesAndPrintsAsGo(_ text: String, _ printed: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == printed)
        #expect(IPAddress(printed) == address)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..2.3", "a.b.c.d", " 1.2.3.4",
        ":", ":::", "1:2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "::g", "1:::2", "1::2::3",
        "fe80::1%eth0", ":1::", "1::2:", "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "not-an-ip",
    ])
    func rejects(_ text: String) {
        #expect(IPAddress(text) == nil, "\(text)")
    }

    @Test func ipv4MappedAddressesAreIPv4() throws {
        let mapped = try #require(IPAddress("::ffff:127.0.0.1"))
        #expect(mapped == IPAddress("127.0.0.1"))
        #expect(mapped.ipv4Value == 0x7F00_0001)
        let loopback = try #require(CIDR("127.0.0.0/8"))
        #expect(loopback.contains(mapped))
        #expect(try #require(CIDR("::ffff:127.0.0.0/104")) == loopback)
        #expect(try #require(CIDR("::/0")).contains(mapped) == false, "families never mix, as in Go")
        #expect(try #require(CIDR("::ffff:0:0/96")).description == "0.0.0.0/0")
    }

    @Test func cidrs() throws {
        let net = try #require(CIDR("10.1.2.3/8"))
        #expect(net.description == "10.0.0.0/8")
        #expect(net.prefixLength == 8 && net.isIPv4)
        #expect(net.last.description == "10.255.255.255")
        #expect(net.contains(try #require(CIDR("10.1.0.0/24"))))
        #expect(!net.contains(try #require(CIDR("10.0.0.0/7"))))
        #expect(try #require(CIDR("2001:db8::1/32")).description == "2001:db8::/32")
        #expect(try #require(CIDR("::/0")).last.description == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(CIDR(address: try #require(IPAddress("192.168.7.9")), prefixLength: 16)?.description == "192.168.0.0/16")
        #expect(CIDR(address: try #require(IPAddress("192.168.7.9")), prefixLength: 33) == nil)
        for bad in ["10.0.0.0", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/+8", "::/129", "x/8", "10.0.0.0/8/8", ""] {
            #expect(CIDR(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct NetTests {
    static let cases: [BuiltinCase] = [
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("10.1.0.0/24")], .value(.true)),
        .init("net.cidr_contains", [.str("172.17.0.0/24"), .str("172.17.0.0/16")], .value(.false)),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("192.168.1.0/24")], .value(.false)),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("10.1.1.1/32")], .value(.true)),
        .init("net.cidr_contains", [.str("2001:4860::/96"), .str("2001:4860::/32")], .value(.false)),
        .init("net.cidr_contains", [.str("2001:4860::/32"), .str("2001:4860::1")], .value(.true)),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("10.1.2.3")], .value(.true)),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("192.168.1.1")], .value(.false)),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("::ffff:10.0.0.1")], .value(.true)),
        .init("net.cidr_contains", [.str("not-a-cidr"), .str("192.168.1.67")], .builtinError("invalid CIDR address: not-a-cidr")),
        .init("net.cidr_contains", [.str("10.0.0.0/8"), .str("nope")],
              .builtinError("not a valid textual representation of an IP address or CIDR: nope")),
        .init("net.cidr_contains", [.int(1), .str("10.0.0.1")], .typeError("operand 1 must be string but got number")),
        .init("net.cidr_intersects", [.str("192.168.1.0/25"), .str("192.168.1.64/25")], .value(.true)),
        .init("net.cidr_intersects", [.str("192.168.1.0/24"), .str("192.168.2.0/24")], .value(.false)),
        .init("net.cidr_intersects", [.str("fd1e:5bfe:8af3:9ddc::/64"), .str("fd1e:5bfe:8af3:9ddc:1111::/72")], .value(.true)),
        .init("net.cidr_intersects", [.str("fd1e:5bfe:8af3:9ddc::/64"), .str("2001:4860:4860::8888/32")], .value(.false)),
        .init("net.cidr_intersects", [.str("not-a-cidr"), .str("192.168.1.0/24")], .builtinError("invalid CIDR address")),
        .init("net.cidr_intersects", [.str("192.168.1.0/28"), .str("not-a-cidr")], .builtinError("invalid CIDR address: not-a-cidr")),
        .init("net.cidr_is_valid", [.str("192.168.1.0/24")], .value(.true)),
        .init("net.cidr_is_valid", [.str("")], .value(.false)),
        .init("net.cidr_is_valid", [.str("there goes a string")], .value(.false)),
        .init("net.cidr_is_valid", [.str("192.168.1.2")], .value(.false)),
        .init("net.cidr_is_valid", [.int(1)], .value(.false)),
        .init("net.cidr_expand", [.str("172.16.100.255/30")],
              .value(set(json: "[\"172.16.100.252\", \"172.16.100.253\", \"172.16.100.254\", \"172.16.100.255\"]"))),
        .init("net.cidr_expand", [.str("192.168.1.1/32")], .value(set(.str("192.168.1.1")))),
        .init("net.cidr_expand", [.str("fe80::/127")], .value(set(.str("fe80::"), .str("fe80::1")))),
        .init("net.cidr_expand", [.str("10.0.0.0/8")], .builtinError("more than")),
        .init("net.cidr_contains_matches", [.str("1.1.1.0/24"), .str("1.1.1.1")],
              .value(set(json("[\"1.1.1.0/24\", \"1.1.1.1\"]")))),
        .init("net.cidr_contains_matches", [json("[\"1.1.2.0/24\", \"1.1.1.0/24\"]"), json("[\"1.1.1.1\", \"1.1.2.1\"]")],
              .value(set(json("[0, 1]"), json("[1, 0]")))),
        .init("net.cidr_contains_matches", [json("[[\"1.1.2.0/24\", 1], \"1.1.1.0/24\"]"), json("[\"1.1.1.1\", \"1.1.2.1\"]")],
              .value(set(json("[0, 1]"), json("[1, 0]")))),
        .init("net.cidr_contains_matches", [json("[\"1.1.2.0/24\", \"1.1.1.0/24\"]"), json("[\"1.1.1.1\", 1]")],
              .builtinError("operand 2: element must be string or non-empty array")),
        .init("net.cidr_contains_matches",
              [set(json("[\"1.1.1.0/24\", \"bar\"]"), json("[\"1.1.2.0/24\", \"foo\"]")),
               set(json("[\"1.1.1.1\", \"baz\"]"), json("[\"1.1.2.1\", \"qux\"]"))],
              .value(set(json("[[\"1.1.1.0/24\", \"bar\"], [\"1.1.1.1\", \"baz\"]]"),
                         json("[[\"1.1.2.0/24\", \"foo\"], [\"1.1.2.1\", \"qux\"]]")))),
        .init("net.cidr_contains_matches",
              [set(json("[\"1.1.1.0/24\", \"bar\"]")), set(json("[]"), json("[\"1.1.2.1\", \"qux\"]"))],
              .builtinError("operand 2: element must be string or non-empty array")),
        .init("net.cidr_contains_matches", [json("{\"k1\": \"1.1.1.1/24\", \"k2\": [\"1.1.1.2/24\", 1]}"), .str("1.1.1.128")],
              .value(set(json("[\"k1\", \"1.1.1.128\"]"), json("[\"k2\", \"1.1.1.128\"]")))),
        .init("net.cidr_contains_matches", [json("[\"bad\"]"), .str("1.1.1.1")], .builtinError("invalid CIDR address: bad")),
    ]

    @Test(arguments: cases) func net(_ c: BuiltinCase) { c.check() }

    static let mergeCases: [([String], [String])] = [
        (["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"], ["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]),
        (["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"],
         ["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"]),
        (["2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64", "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128"], ["2601:600:8a80:207e::/64"]),
        (["192.0.128.0/24"], ["192.0.128.0/24"]),
        (["192.0.128.0/24", "192.0.128.0/24"], ["192.0.128.0/24"]),
        (["192.0.129.0/24", "192.0.130.0/24"], ["192.0.129.0/24", "192.0.130.0/24"]),
        (["192.0.2.112/30", "192.0.2.116/32", "192.0.2.118/31"], ["192.0.2.112/30", "192.0.2.116/32", "192.0.2.118/31"]),
        (["192.0.2.112/31", "192.0.2.116/31", "192.0.2.118/31"], ["192.0.2.112/31", "192.0.2.116/30"]),
        (["192.0.1.254/31", "192.0.2.0/28", "192.0.2.16/28", "192.0.2.32/28", "192.0.2.48/28", "192.0.2.64/28",
          "192.0.2.80/28", "192.0.2.96/28", "192.0.2.112/28", "192.0.2.128/28", "192.0.2.144/28", "192.0.2.160/28",
          "192.0.2.176/28", "192.0.2.192/28", "192.0.2.208/28", "192.0.2.224/28", "192.0.2.240/28", "192.0.3.0/28"],
         ["192.0.1.254/31", "192.0.2.0/24", "192.0.3.0/28"]),
        (["::/0", "fe80::1/128"], ["::/0"]),
        (["::/0", "::192.0.2.0/124", "ff00::101/128"], ["::/0"]),
        (["fe80::/120", "192.0.2.0/24", "192.0.3.0/24", "192.0.4.0/25", "192.0.4.128/25"],
         ["192.0.2.0/23", "192.0.4.0/24", "fe80::/120"]),
        ([], []),
        (["192.0.2.112", "192.0.2.116/31", "192.0.2.118/31"], ["192.0.2.0/24"]),
        (["10.1.2.3"], ["10.1.2.3/8"]),
        (["0.0.0.0/1", "128.0.0.0/1"], ["0.0.0.0/0"]),
        (["10.0.0.1/32", "10.0.0.2/32", "10.0.0.3/32", "10.0.0.4/32"], ["10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/32"]),
    ]

    @Test func merge() throws {
        for (input, expected) in NetTests.mergeCases {
            BuiltinCase("net.cidr_merge", [.array(input.map(Value.string))], .value(.set(RegoSet(expected.map(Value.string)))))
                .check()
        }
        BuiltinCase("net.cidr_merge", [set(json: "[\"192.0.2.112/30\", \"192.0.2.116/31\", \"192.0.2.118/31\"]")],
                    .value(set(.str("192.0.2.112/29")))).check()
        BuiltinCase("net.cidr_merge", [json("[\"2601:600:8a80:207e:a57d:7567:e2c9:e7b3\"]")],
                    .builtinError("IPv6 invalid: needs prefix length")).check()
        BuiltinCase("net.cidr_merge", [json("[\"foo\"]")], .builtinError("invalid CIDR address: foo")).check()
        BuiltinCase("net.cidr_merge", [json("[1]")], .builtinError("element must be string")).check()
        BuiltinCase("net.cidr_merge", [.str("10.0.0.0/8")], .builtinError("operand must be an array")).check()
    }
}
