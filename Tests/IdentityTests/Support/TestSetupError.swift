/// Something a test needs from the machine is missing. Tests throw it, so they fail with the
/// name of what is missing rather than skipping silently.
struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
