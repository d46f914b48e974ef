import Testing

@testable import Rego

@Suite struct CryptoTests {
    static let a200 = String(repeating: "a", count: 200)
    static let unicodeKey = "秘密の"
    static let unicodeMessage = "åäöçß🥲♙Ω"

    static let cases: [BuiltinCase] = [
        // Conformance cases.
        .init("crypto.md5", [.str("lorem ipsum")], .value(.str("80a751fde577028640c419000e33eba6"))),
        .init("crypto.sha1", [.str("lorem ipsum")], .value(.str("bfb7759a67daeb65410490b4d98bb9da7d1ea2ce"))),
        .init("crypto.sha256", [.str("lorem ipsum")], .value(.str("5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269"))),
        .init("crypto.hmac.md5", [.str("foo"), .str("bar")], .value(.str("31b6db9e5eb4addb42f1a6ca07367adc"))),
        .init("crypto.hmac.md5", [.str(unicodeMessage), .str(unicodeKey)], .value(.str("20a8743c2157ac60b7e8b79c83651b8d"))),
        .init("crypto.hmac.sha1", [.str("foo"), .str("bar")], .value(.str("85d155c55ed286a300bd1cf124de08d87e914f3a"))),
        .init("crypto.hmac.sha1", [.str(unicodeMessage), .str(unicodeKey)], .value(.str("81759c39013935fcf0de833d44c8018d7c1455dd"))),
        .init("crypto.hmac.sha256", [.str(unicodeMessage), .str(unicodeKey)],
              .value(.str("eb90daeb76d4b2571fbdaf94bbb240809faa8fed93ec0c260dd38c3fdf8d963a"))),
        .init("crypto.hmac.sha512", [.str("foo"), .str("bar")],
              .value(.str("24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d61b4b72154a89d17b2d49448a8452ea066f4fc56a2bcead45c088572ffccdb3d8"))),
        .init("crypto.hmac.sha512", [.str(unicodeMessage), .str(unicodeKey)],
              .value(.str("192f5afded233d6e21427aa26ed267ac118cfa2971013d91cbed530c0b208d78138b83dfe1d6cc3553d7bd518f22a481402c723028e1279d1ffbe8f11ea6b125"))),
        .init("crypto.hmac.equal", [.str("31b6db9e5eb4addb42f1a6ca07367adc"), .str("31b6db9e5eb4addb42f1a6ca07367adc")], .value(.true)),
        .init("crypto.hmac.equal", [.str("31b6db9e5eb4addb42f1a6ca07367adc"), .str("31b6db9e5eb4addb")], .value(.false)),
        .init("crypto.hmac.equal", [.str("abc"), .str("abd")], .value(.false)),
        // Standard vectors (FIPS 180, RFC 1321, RFC 4231) and multi-block inputs.
        .init("crypto.md5", [.str("")], .value(.str("d41d8cd98f00b204e9800998ecf8427e"))),
        .init("crypto.md5", [.str(a200)], .value(.str("887f30b43b2867f4a9accceee7d16e6c"))),
        .init("crypto.sha1", [.str("abc")], .value(.str("a9993e364706816aba3e25717850c26c9cd0d89d"))),
        .init("crypto.sha1", [.str(a200)], .value(.str("e61cfffe0d9195a525fc6cf06ca2d77119c24a40"))),
        .init("crypto.sha256", [.str("")], .value(.str("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))),
        .init("crypto.sha256", [.str(a200)], .value(.str("c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5"))),
        .init("crypto.hmac.sha512", [.str("The quick brown fox jumps over the lazy dog"), .str("key")],
              .value(.str("b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a"))),
        .init("crypto.hmac.sha256", [.str("msg"), .str(String(repeating: "k", count: 200))],
              .value(.str("e2adadca233bc31c6e6126c865132c3e945f9dedd44797a1e5acc3c037bc21fc"))),
        .init("crypto.sha256", [.int(1)], .typeError("operand 1 must be string but got number")),
        .init("crypto.hmac.sha1", [.str("m"), .null], .typeError("operand 2 must be string but got null")),
    ]

    @Test(arguments: cases) func crypto(_ c: BuiltinCase) { c.check() }

    @Test func sha512OfLongInput() {
        #expect(Hex.encode(SHA512.hash(Array(CryptoTests.a200.utf8)))
                == "4b11459c33f52a22ee8236782714c150a3b2c60994e9acee17fe68947a3e6789f31e7668394592da7bef827cddca88c4e6f86e4df7ed1ae6cba71f3e98faee9f")
    }
}
