import Testing

@testable import Rego

/// Known-answer tests for the public-key primitives. Vectors were produced once with Python's
/// arbitrary-precision integers and the `cryptography` package (OpenSSL), or come from RFCs.
@Suite struct CryptoPrimitivesTests {
    struct BignumVector: Sendable, CustomTestStringConvertible {
        let a, b, quotient, remainder, exponent, modulus, power: String
        var testDescription: String { "\(a.count * 4)-bit by \(b.count * 4)-bit" }
    }

    static let bignumVectors: [BignumVector] = [
        .init(a: "36f675cc81e74ef5e8e25d940ed904759531985d5d9dc9f81818e811892f902bd23f0824128b2f330c5c7fd0a6a3a4506513270e269e0d37f2a74de452e6b439", b: "8d116ece1738f7d93d9c172411e20b8f6b0d549b6f03675a1600a35a099950d8", quotient: "63be09178392d9819f73736710e63aab4c874f43ded9d9eb25c2ed1828f1bb15", remainder: "8336e82be1770e044116cbca2fa120842c6199911e548c27821c9847afed4a81", exponent: "953f48f1a09f76b5", modulus: "a170b33839263059f28c105d1fb17c2390c192cfd3ac94af0f21ddb66cad4a27", power: "76a4dfe47aa90a0fdf5feb0df0e3c39eb1871d891d4f689d561c49d688353efa"),
        .init(a: "b64ce4228c38fb2918f135d25f557203301850c5a38fd547923a736994e3bf911a61dbe22e44158bae97ba94d0eda82f8f6d05584ef8aa38922766581e27a1c08a6a63ec24ede6a46b4cb2424a23d5962217beaddbc496cb8e81973e0becd7b03898d190f9ebdacc0cb1e29c658cda1495e60af593bd04cf0fd630f1f29d0da9", b: "f2babced2057ee05cde00902c77ebff206867347214cdd2055930d6eaf14f4733f3e7d1bfbc7a2ea20b2f14c942e05319acb5c74273f98e2774cbd87ad5c90a9587403e430ec66a78795e761d17731af10506bf2efc6f877186d76b07e881ed162ae2eb1547f15052434b9b5df9e7769b10f4205b4907a70c31012f037", quotient: "c04461", remainder: "ddc364980833ce4c8c018f56cba82f0a20ba03636675ac2dda48169652cbb6867d4897dfee2b261faf7c05c3eb8a2f965594a687cb0398589bf047bffb0847b7ac02262451ee36c687aa62bc4b7987c32c82809ebdd867e0e4ac2c44796b4aa1e393c0e8427535c69aaf28b0b28dc8854cfac8892f3931988faa616cd2", exponent: "5790f82ec1d3fcff", modulus: "2a3af4d46b0a18e8830e07bc1e398f1012bd4acefaecbd389be4bcfc49b64a09", power: "18d255a9f91ce9bc8c73e14020d63b4ede7c282eb9de7f294b76bb8689770251"),
        .init(a: "6bf46c697d2caf82eeeacbe226e87555", b: "ab1031d0f646e1f4", quotient: "a18e86d5f22eefea", remainder: "2aa8329b9b53204d", exponent: "b1fee08f57124242", modulus: "5051c1ccd17f9acae01f5057ca02135e92b1d3f28ede0d7ac3baea9e13deef87", power: "28341d1301b7f9622ed4d665c00f02f89c4bc6cc619b2b05ff542ea84f01d353"),
        .init(a: "47469a4d8cdb305fdd2e16096e36aab0d1bc52d9230d977ee22571594720771f8ca8181166d2287672fdf2022a96fb1a14a0f9e77f1b103cdf1582b0eab477d26415479c65dc9f503f63af83bd0561e6211c70cf49952399c4aaeac137dc76fb0f17a3007e62aa0a1df9fd789c6539382b0537e65affb2297631a992f0ce583505c6af0758d5563dab2cd31ee315128862c33a4fb774eb5248db40af72158370d269a9a5ae658f33fe3b890b93f448b3a5aa3c814f426dcbb394fb36bb2d420f0f88080b10a3d6b2aa05e11ab2715945795e8229451abd81f1d69ed617f5e837d70820fe119a72d174c9df6acc011cdd9474031b7f26144b98289fcd59a54a7b", b: "f3fe39c0519088f590fbbd119c1caaf75e8766ed88daf4016b4013ef254b0c4e010c4759482c9cbc43435cc52eae05cf96d0cc5fd4c28c2e7c26847f0316909e3bbbe9eaa8948c893b61867626bb7dbd2d1c9af0153e7c2a26a2c0bd3b1287fff52ddf5d616499c9e25a7605aec6f0245bd86d40fc891b4a6a50df4db4d66a3a", quotient: "4ac8853eb3e4c12c8e645efe69124b5de858a76e178ec7afdd29bd6decc198d2716fc7ad3d373b1d189a0a7645bc165873464e6045e2c860fbed2b2077f8097c6a9bdb71dcf8553c1b35f9af35b64d11a13c06c941a2865bf8f56c11d2d9f630165bf3862c8ede2ec709406c8c3be6b0cfdf12f03c15d0f3b388ebf4c68b3de3", remainder: "9267388f3663ea858367f8c13533dfe17f5a50352bc83548cfc94bf194f4feef2e26637bff1151d1c869f41d30ce500dbcbe5031191c512ad9b27c37f8f6a2b424696eea25e14cd4ff99bd3f139fea9cdc52e4bb141a5125d1196e681282b0fcda00af63664a765f868bf4028bf089f2b2564894d10cc10c877d95f25eb7470d", exponent: "dd27a65bd628881", modulus: "ad1b72dba7abe1c29e1a8ef4f341e07a83f73f16dbf4a8b2b0c4312d20203627", power: "5e8edefca88c327c60109e9d968a173874b11cbfc0c7118a3f2f47732519c2d4"),
        .init(a: "6478f2c6ec8cc4169a3ae3a2b7fdfe01893f3aed0b6c7ac1491def88334e647cb8f74e69a5d", b: "48930cbc97d0fef792866836886a260cd0b7b45145c1a81682c64e50cad66237a0465e7e423", quotient: "1", remainder: "1be5e60a54bbc51f07b47b6c2f93d7f4b887869bc5aad2aac657a1376878024518b0efeb63a", exponent: "f49c81a358ca0", modulus: "d75985d99c94309570dc1951c2442f9298cb3a570ccec313571810afc132d0d", power: "95562534dd15c6a73e7be5e34bdb5c0e46fcbdfbbf60499f51ba422726c4bef"),
        .init(a: "9d5d158a2ff2ee4e4519f9919c895fd7b326b94c7f9118bb17", b: "b53c631cdfd43f371200339d068739fa", quotient: "de47a3a152fde1530d", remainder: "5c3787fb675388803c8f972e5db4bb65", exponent: "7961fd925d39d0a8", modulus: "9a2ef80f58ee8571f4998d7c4093f6dea268aa872607679d6050914a9d33a01d", power: "24e60d9cb583798b1d5affb94cc1649bdf5ca19f4e24812e5f21b8d2f24823b5"),
    ]

    @Test(arguments: bignumVectors) func bignumDivisionAndPower(_ v: BignumVector) {
        let a = Bignum(hex: v.a)!, b = Bignum(hex: v.b)!
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        #expect(q == Bignum(hex: v.quotient)!)
        #expect(r == Bignum(hex: v.remainder)!)
        #expect(q * b + r == a)
        #expect(a.power(Bignum(hex: v.exponent)!, modulus: Bignum(hex: v.modulus)!) == Bignum(hex: v.power)!)
    }

    @Test func bignumBytesAndShifts() {
        let n = Bignum(bytes: [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
        #expect(n.bytes == [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09])
        #expect(n.bytes(length: 4) == nil)
        #expect((n << 67) >> 67 == n)
        #expect(Bignum(3).inverse(modulus: Bignum(7)) == Bignum(5))
        #expect(Bignum(2).inverse(modulus: Bignum(4)) == nil)
        #expect(X509JSON.decimal(Bignum(hex: "de0b6b3a7640000")! * Bignum(hex: "de0b6b3a7640000")!) == "1000000000000000000000000000000000000")
    }

    @Test func sha384() {
        #expect(Hex.encode(SHA384.hash(Array("abc".utf8))) == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(Hex.encode(SHA384.hash([])) == "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")
    }

    static let rsaPrivatePEM = """
-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEApNOZrfC35eRDo9OAEzt/gVVPfuB6tvWWlHqjAFK4W6R+LuvH
/al6nGd5qRaI5Fj793ijKgKrj2+Uda464MrEXcXfzAtrM1sXl2JSRmQVU/QhqYUI
OeiZaKvgC4RJ5vFblQGlqYGVvSWs9aAX24tf3GDgMJtFJC4yiHEm9lvR0ewZiA1w
BZnQahXx3Hf06D3TF+msVX9tN4YbBouR7N9csQtVjqLm3+O0elwOEr8K/thb7DXO
nmwrQ7BX/aLB3YY8dCinEOAG/g6JJx0j74EAL0nv+TOCZulHf4rJjakxyPBT1vgS
zzDdJT+LIFVt3G/DeSJ87mxwi6xP8o8zu398jQIDAQABAoIBAA6UCpkoW9ORA2yH
heHtlsL1LTFPIHtzMEzUpfse1eCBJYn337nvVgFkY43RiO0Nc8e5G1FZaBwpJcvc
y6dbN9AFctxkvCgQK/9/OkCwlHRW+O0573bTvFHWNdw+6JxtB4kf2qup4vkWTnxx
GvsXkjR3Ow0BhrWDAoQv4d7TUzUKVP7dcufSPek25ozkLNLhL/dHzLvhpKhJERT+
XqzUPQPlC50uz8378d0pEwvOJQQmdt8e+4/nf6mRtNn3iSsABLqUU11oAWw+SHSN
xe3AdSTR7UoES3WNOq7NH0qhekfer+6BOHaUiUIZ8DUOU7VlF0JW3TN2Zxc9GYP6
7ynatsECgYEA1nOAXSqQCeglOpA9ke8b+0KhElqs4uaPgKgLSUd4P5EA5YhudpgK
EPiR8r4bVARHGdyiHcD+0ACuHjT0vi9IIB8EB5tg8J9W3cw8gROmaIScHwcBVDhK
pTVegBrWVZt71UJ3JqzExS2glJ13GFpHhWqRLDdRM7q27/w8qTRzEyECgYEAxMLI
ZZYGRrJ8SVZPSf7lKvPKIrSP30UeBpd/ZJ2W6B8tSHb7fSnlQrzcwdYfI/xsVeMQ
wcNNF2C3FUvagRWaAc60I15LLfFhAnoR1havpaHuZu513RpLrriBNhfgfR66Qtxw
5F7LladSMPaZqyI9ltSvPCoP7df+jMN9v/Q05+0CgYEAmGMW8h1OoVuPKOBagBrz
PUaJgqtgcxP3IStIadgZgMIfavvZ0vgTHyAjReUFMlyf0abQpGgCKfhxwhFLYOHk
VL71dBpbdmEjrxR0Yhx+gYLKFdo6fYhKsr8L2eg4KjkEc/R5Csh2Qs87bp++g1WT
wSCK7GqajzG80SfiSzJ0G0ECgYAR5AAitIR3ky0X4gAtoz6lLCuaAj7+tyMmyEmu
FWIuUv9kEmWFmPSen9uWyGhmdkJHgPD6HU76LDIZfp8sk5FATtI0UROW5tbCSeUr
ST7JWbL6qv4Oj6CID4C4MW2ZEt0uzSp6qV/riJ5Bk3qfg+qDt20DlHOEVdpwZCof
9Q2GdQKBgFvDOGsqlS2vElwfkrP8VHcNUwMK+cZTnfUEeQDQfesO8lsXz2bTBVUd
JK9IhLl0j9VuDrSTPQuhYJhJ1bSizp75DSBS51N+6ICMdzTzPAC1eN4au6GZsv2c
8wsFc4iMQOYKOVLufJKNOW9UDbTcvZ+a+gL9wYqkLh3z7UuBlEZH
-----END RSA PRIVATE KEY-----
"""
    static let rsaPublicPEM = """
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApNOZrfC35eRDo9OAEzt/
gVVPfuB6tvWWlHqjAFK4W6R+LuvH/al6nGd5qRaI5Fj793ijKgKrj2+Uda464MrE
XcXfzAtrM1sXl2JSRmQVU/QhqYUIOeiZaKvgC4RJ5vFblQGlqYGVvSWs9aAX24tf
3GDgMJtFJC4yiHEm9lvR0ewZiA1wBZnQahXx3Hf06D3TF+msVX9tN4YbBouR7N9c
sQtVjqLm3+O0elwOEr8K/thb7DXOnmwrQ7BX/aLB3YY8dCinEOAG/g6JJx0j74EA
L0nv+TOCZulHf4rJjakxyPBT1vgSzzDdJT+LIFVt3G/DeSJ87mxwi6xP8o8zu398
jQIDAQAB
-----END PUBLIC KEY-----
"""
    static let message = Array("airlock test message".utf8)
    static let pkcs1SHA256Signature = "493199504f4debce2f5692a20968825012414284b99da8e84623127c038abfdb8da3572004af8a00a6bde96537afc3c6f5575e6142395e8311008ac66ebfb8a4ef14fd875f0d09a922cfdd25613f4a4ce08ef4f7ef48d7713d8cd8bef485434e92c053691beffa23156f213bf8def4e564124d78c547f56325e0b2447182652d0378eafea350edc1e68e0a346111cfb5c1039f41da9beb5b7ba061c50160fd6e5525e511124be6f1cc6927551ef58b2227ce6c406e31544d5f8e6b795c72dc913b9726e85836bb3dc61ae42b6d42a2cd1f40f069c66bbaa359c3aaa0902c37286e5ef29e507cb352a5a5d446dd6efb0b4e6f25c31df6b33e4abbf2ca13295af0"
    static let pssSHA384Signature = "4c76913d9424eac74699cb0d13bf84f328cee858f9c08ef889dbcbcf41bad7eafbb3f687831b26d99bf5e90e06a684b46c341f92806f903f7d40222ca9805736ca9b34dbc653549bbe224b531ece8941dddf38d414dc809c780fcf1d5c187577219e6e9c555ba593038b838769b01300812100a3ac56aada1a4637496dec79b82a647c1be5a6dffb521190cadfd8f45bbaa99016807f0956a6779b66cf97c9e1d2d756c008d7774d2d0e151e1e977fc2ffad9f7b27265b854a16b6514e69663e9425ee10a08267369a2be69afc3798353494cb83b8768bd9c549234c46e86fa517f3fc3a87460699ce8d66141e43131316c1869e905c91c2f668f59eb1784fb6"
    static let pssSHA256NoSaltSignature = "438b1de260b4ad3399f259feb3f446ec9b0d8f61bc54b3a6516382d69524dc102598cfc7181c7615c01abb16fae83b60a3adbdc04eb284dab905bbd90f9d534beeb87bb46b0a2313b89f05794b2d7d08a4cb6d0d1531919442604fa22f002967df019317fbec2578611371fd50d61e73f8debf9f32493565e0ef81aeb6a0eecd1a3c24688bc75de3d12e42ef81231d8606ab1118fb6cda9422e1f6c37d35feb84ca6c6704ed4d3910befbf083c2987e73cc76a8c7fc612111b36dd4da182c960f74411561ed3528baf985a71fb00c2868528e18f9ac9b4f9eaf8b49f4f96c165800ae1a2405ca60710be3468945297b7a973f4010323eb8b61499119264b05d7"

    static func rsaKey() throws -> RSAPrivateKey {
        let block = try #require(PEM.decode(rsaPrivatePEM).block)
        return try KeyDER.rsaPrivateKey(pkcs1: block.bytes[...])
    }

    @Test func rsaVerifiesOpenSSLSignatures() throws {
        let key = try Self.rsaKey().publicKey
        let block = try #require(PEM.decode(Self.rsaPublicPEM).block)
        #expect(try KeyDER.publicKey(spki: block.bytes[...]) == .rsa(key))
        let pkcs1 = try Hex.decode(Self.pkcs1SHA256Signature)
        #expect(key.verifyPKCS1v15(digest: SHA256.hash(Self.message), signature: pkcs1, hash: .sha256))
        #expect(!key.verifyPKCS1v15(digest: SHA256.hash(Self.message + [0]), signature: pkcs1, hash: .sha256))
        #expect(!key.verifyPKCS1v15(digest: SHA384.hash(Self.message), signature: pkcs1, hash: .sha384))
        let pss = try Hex.decode(Self.pssSHA384Signature)
        #expect(key.verifyPSS(digest: SHA384.hash(Self.message), signature: pss, hash: .sha384))
        #expect(!key.verifyPSS(digest: SHA384.hash(Self.message), signature: pkcs1, hash: .sha384))
        let noSalt = try Hex.decode(Self.pssSHA256NoSaltSignature)
        #expect(key.verifyPSS(digest: SHA256.hash(Self.message), signature: noSalt, hash: .sha256))
        var tampered = pss
        tampered[10] ^= 1
        #expect(!key.verifyPSS(digest: SHA384.hash(Self.message), signature: tampered, hash: .sha384))
        #expect(!key.verifyPSS(digest: SHA384.hash(Self.message), signature: Array(pss.dropFirst()), hash: .sha384))
    }

    @Test func rsaSigningMatchesOpenSSLAndRoundTrips() throws {
        let key = try Self.rsaKey()
        let digest = SHA256.hash(Self.message)
        // PKCS #1 v1.5 is deterministic: the same bytes as OpenSSL's.
        #expect(Hex.encode(try key.signPKCS1v15(digest: digest, hash: .sha256)) == Self.pkcs1SHA256Signature)
        let pss = try key.signPSS(digest: SHA512.hash(Self.message), hash: .sha512)
        #expect(key.publicKey.verifyPSS(digest: SHA512.hash(Self.message), signature: pss, hash: .sha512))
    }

    @Test func rsaRefusesHostileKeys() {
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: Bignum.one << 20000 + Bignum.one, e: Bignum(65537)) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: Bignum(hex: "c5")!, e: Bignum.one << 40) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(n: Bignum(hex: "c5")!, e: Bignum(1)) }
        // Too small to trust: verification says no rather than doing the work.
        let small = try? RSAPublicKey(n: Bignum(hex: "c5")!, e: Bignum(3))
        #expect(small?.verifyPKCS1v15(digest: [UInt8](repeating: 0, count: 32), signature: [1], hash: .sha256) == false)
    }

    struct ECVector: Sendable, CustomTestStringConvertible {
        let curve: EllipticCurve
        let x, y, r, s, d: String
        var testDescription: String { curve.name }
    }

    static let ecVectors: [ECVector] = [
        .init(curve: .p256, x: "ecbf16408c33660a782014c4c724d8ba60034895308139afc9d0c4b7825cdeec", y: "11908539c22c210d9047466b4fe307c77da15b6dfa2c20d90e23edef9bfe5b13", r: "da4890ea6aa6bae8b34efdbe4d3fd71d9c9498ae89d1fa52b77badf212ce9a6", s: "4a4d3ed45b1477b8c38bfddf419ae41915506565fc092a8d44145f7defe5c10e", d: "4c2b5ea0348c266d605df9f571c34f1e5ffb140fce25dce90c7ca498c5630a76"),
        .init(curve: .p384, x: "abd7f98b2bd6ac30f3911c64e6f999a5bbc40ccff062b8746a3f9fb4e76aa5769a7b17314791680a96c4ce852de26dc", y: "fcfaf9c3d361e287dee6f117692b2db9624a1864f76ec3ae400c380bc8cc44fb8a258d88838c3d17a492acef1d900840", r: "9b0b547914a670b600c88fc5776389a733117eeb205ea85c240ebd1b1188dd7c64b81b9b5fbf52eedbac1e8cc62fcecc", s: "c0c1f98dcc2e15309d296cc3fcd30c4bb251c9c2c7745cfed909f90220a4b228749bc151462abd643bf709fbdbcc66a8", d: "fdf22d4f6f766cf495ff1226c46bb06765c1c9d790726532bc6c5d0d9f694d9b62e83161df6e189207ae564c9a0d0ce5"),
        .init(curve: .p521, x: "13b8954fef199c2887a3ed3c1e46276876832db4c2e80b8837bc126cc9894b7a65cf273bf6a2133e25616a248f8b0aa17fcf40778421ec19147b542da5c06c66547", y: "a76db7b32806e10087d47b66c48e561ac02eceec36c57b7d1ea2a474f11e63c8f7ad3fe3eafe54fc15f14dd53d15b46bff598293cdb5fe0cdc51335374f64bbc6a", r: "e5de2598672976867d0dcc7dd63426135f06b5e7ec2a4672610d954844d569bef10233e370e3d88e6ab1f5902daf43260cfe29c4ee192deee71d3ebc2660197887", s: "c647cd8769b6e61428bde24aa3e771fd758d6992344c118b32e0b0ad1a998a61d87125c9ec2a910e4d2fb219ff031f95d36d17d565dec7fe8f6d10757670601c47", d: "e1bbc3d0b99025714490b3d1f33121d86ea01a1d655aae96e6d7c60e12ff5edb5d86230f4dc28bd9ae235862951cd99e51f226daa8f0383ae1b12868c0aa09d687"),
    ]

    static func hash(for curve: EllipticCurve) -> HashAlgorithm {
        switch curve.name {
        case "P-256": .sha256
        case "P-384": .sha384
        default: .sha512
        }
    }

    @Test(arguments: ecVectors) func ecdsaVerifiesOpenSSLSignatures(_ v: ECVector) throws {
        let key = try ECDSAPublicKey(curve: v.curve, x: Bignum(hex: v.x)!, y: Bignum(hex: v.y)!)
        let hash = Self.hash(for: v.curve)
        let digest = hash.hash(Self.message)
        let (r, s) = (Bignum(hex: v.r)!, Bignum(hex: v.s)!)
        #expect(key.verify(digest: digest, r: r, s: s))
        #expect(!key.verify(digest: hash.hash(Self.message + [1]), r: r, s: s))
        #expect(!key.verify(digest: digest, r: s, s: r))
        #expect(!key.verify(digest: digest, r: .zero, s: s))
        #expect(!key.verify(digest: digest, r: r, s: v.curve.n))
        // The private key derives the same public key, and its signatures verify.
        let privateKey = try ECDSAPrivateKey(curve: v.curve, d: Bignum(hex: v.d)!)
        #expect(privateKey.publicKey == key)
        let (r2, s2) = privateKey.sign(digest: digest, hash: hash)
        #expect(key.verify(digest: digest, r: r2, s: s2))
    }

    @Test func ecdsaRejectsPointsOffTheCurve() {
        let g = EllipticCurve.p256
        #expect(throws: CryptoError.self) { try ECDSAPublicKey(curve: g, x: g.gx, y: g.gy + Bignum.one) }
        #expect(throws: CryptoError.self) { try ECDSAPublicKey(curve: g, x: g.field.p, y: g.gy) }
    }

    /// RFC 6979, A.2.5: P-256 with SHA-256, message "sample".
    @Test func ecdsaDeterministicNonceMatchesRFC6979() throws {
        let key = try ECDSAPrivateKey(curve: .p256, d: Bignum(hex: "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721")!)
        #expect(key.publicKey.x == Bignum(hex: "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6")!)
        let (r, s) = key.sign(digest: SHA256.hash(Array("sample".utf8)), hash: .sha256)
        #expect(r == Bignum(hex: "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716")!)
        #expect(s == Bignum(hex: "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8")!)
    }

    /// RFC 8032, 7.1, tests 1 and 3.
    @Test func ed25519MatchesRFC8032() throws {
        let seed1 = try Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        let public1 = try Hex.decode("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature1 = try Hex.decode("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")
        #expect(Ed25519.publicKey(seed: seed1) == public1)
        #expect(Ed25519.sign(seed: seed1, message: []) == signature1)
        #expect(Ed25519.verify(publicKey: public1, message: [], signature: signature1))
        #expect(!Ed25519.verify(publicKey: public1, message: [0], signature: signature1))
        let seed3 = try Hex.decode("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7")
        let signature3 = try Hex.decode("6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")
        #expect(Ed25519.sign(seed: seed3, message: [0xaf, 0x82]) == signature3)
        #expect(Ed25519.verify(publicKey: Ed25519.publicKey(seed: seed3), message: [0xaf, 0x82], signature: signature3))
        // S ≥ L is refused (malleability), as is a truncated signature.
        var highS = signature1
        highS[63] |= 0xF0
        #expect(!Ed25519.verify(publicKey: public1, message: [], signature: highS))
        #expect(!Ed25519.verify(publicKey: public1, message: [], signature: Array(signature1.prefix(63))))
    }

    @Test func derReaderRejectsMalformedInput() throws {
        let cases: [[UInt8]] = [
            [0x30], [0x30, 0x05, 0x01], [0x30, 0x80, 0x00, 0x00], [0x30, 0x81, 0x05, 0, 0, 0, 0, 0],
            [0x30, 0x85, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], [0x1F, 0x01, 0x00],
        ]
        for bytes in cases {
            var reader = DERReader(bytes)
            #expect(throws: CryptoError.self) { _ = try reader.next() }
        }
        var oid = DERReader([0x06, 0x03, 0x55, 0x1d, 0x11])
        #expect(try oid.next().objectIdentifier("oid") == [2, 5, 29, 17])
        var badOID = DERReader([0x06, 0x02, 0x80, 0x01])
        #expect(throws: CryptoError.self) { _ = try badOID.next().objectIdentifier("oid") }
    }

    @Test func pemDecodingFollowsGo() {
        let text = "junk\n-----BEGIN THING-----\nAQID\n-----END THING-----\nrest"
        let (block, rest) = PEM.decode(text)
        #expect(block == PEMBlock(type: "THING", headers: [:], bytes: [1, 2, 3]))
        #expect(String(decoding: rest, as: UTF8.self) == "rest")
        #expect(PEM.decode("-----BEGIN A-----\nAQID\n-----END B-----").block == nil)
        #expect(PEM.decode("-----BEGIN A-----\n!!!!\n-----END A-----").block == nil)
        #expect(PEM.decode("no pem here").block == nil)
        let headers = PEM.decode("-----BEGIN A-----\nProc-Type: 4,ENCRYPTED\n\nAQID\n-----END A-----\n").block
        #expect(headers?.headers == ["Proc-Type": "4,ENCRYPTED"])
        #expect(PEM.decode(PEM.encode(type: "X", bytes: Array(0..<100))).block?.bytes == Array(0..<100))
    }
}

extension CryptoPrimitivesTests {
    /// Many BEGIN lines and no END line: answered in one pass, not one scan per BEGIN.
    @Test func pemWithoutEndLinesIsLinear() {
        let hostile = String(repeating: "\n-----BEGIN X-----\nAAAA", count: 100_000)
        #expect(PEM.decode(hostile).block == nil)
    }

    @Test func oversizedPrivateKeysAreRefused() throws {
        let n = (Bignum.one << 9000) + Bignum(1)
        let key = try RSAPublicKey(n: n, e: Bignum(65537))
        #expect(throws: CryptoError.self) { try RSAPrivateKey(publicKey: key, d: Bignum(3), primes: []) }
    }
}
