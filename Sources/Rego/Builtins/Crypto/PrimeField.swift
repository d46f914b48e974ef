/// Arithmetic modulo an odd prime, over `Bignum`s already reduced below the modulus.
struct PrimeField: Sendable, Equatable {
    let p: Bignum

    @inline(__always) func add(_ a: Bignum, _ b: Bignum) -> Bignum {
        let s = a + b
        return s >= p ? s - p : s
    }

    @inline(__always) func sub(_ a: Bignum, _ b: Bignum) -> Bignum {
        a >= b ? a - b : (a + p) - b
    }

    @inline(__always) func mul(_ a: Bignum, _ b: Bignum) -> Bignum { (a * b) % p }

    @inline(__always) func square(_ a: Bignum) -> Bignum { (a * a) % p }

    @inline(__always) func negate(_ a: Bignum) -> Bignum { a.isZero ? a : p - a }

    /// Small multiples (2a, 3a, 8a) by repeated addition: cheaper than a full multiplication.
    func times(_ k: Int, _ a: Bignum) -> Bignum {
        var result = Bignum.zero
        for _ in 0..<k { result = add(result, a) }
        return result
    }

    func inverse(_ a: Bignum) -> Bignum { a.inversePrime(modulus: p) }

    func reduce(_ a: Bignum) -> Bignum { a < p ? a : a % p }
}
