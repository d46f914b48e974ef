import TestSupport
import Testing

@testable import Identity

@Suite struct ExecutablePathTests {
    @Test(
        arguments: [
            ("/usr/bin/python3", "/", "/usr/bin/python3"),
            ("/tmp/x/root/usr/bin/python3", "/tmp/x/root", "/usr/bin/python3"),
            ("/tmp/x/root", "/tmp/x/root", "/"),
            ("/tmp/x/rootfs/usr/bin/python3", "/tmp/x/root", nil),
            ("/opt/tool", "/tmp/x/root", nil),
        ] as [(String, String, String?)])
    func relativeToRoot(_ exe: String, _ root: String, _ expected: String?) {
        #expect(ExecutablePath.relative(exe, toRoot: root) == expected)
    }
}
