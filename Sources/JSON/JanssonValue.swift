import CJansson

/// Sole owner of one reference to a jansson `json_t`. Noncopyable so the reference is released
/// exactly once: `deinit` calls `json_decref`, and there is no way to duplicate the owner by accident.
public struct JanssonValue: ~Copyable {
    /// The owned node. Valid for the lifetime of this value; do not `json_decref` it yourself.
    public let pointer: UnsafeMutablePointer<json_t>

    /// Takes ownership of a reference the caller already holds (e.g. the result of `json_loadb`
    /// or `json_object()`).
    public init(owning pointer: UnsafeMutablePointer<json_t>) {
        self.pointer = pointer
    }

    /// Gives up ownership without releasing: the caller now owns the reference (used when handing
    /// a fresh node to jansson functions that steal references, such as `json_array_append_new`).
    public consuming func release() -> UnsafeMutablePointer<json_t> {
        let pointer = self.pointer
        discard self
        return pointer
    }

    deinit { json_decref(pointer) }
}
