import Glibc

/// A file descriptor this module opened: closed when the owner goes away, handed off explicitly.
struct OwnedFD: ~Copyable {
    let raw: Int32

    init(_ raw: Int32) { self.raw = raw }

    /// Gives up ownership without closing: the caller now closes `raw`.
    consuming func take() -> Int32 {
        let fd = raw
        discard self
        return fd
    }

    deinit { close(raw) }
}
