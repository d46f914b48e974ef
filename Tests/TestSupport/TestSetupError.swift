/// Something a test needs from the machine is missing. Tests throw it, so they fail with the
/// name of what is missing rather than skipping silently.
public struct TestSetupError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
