import TestSupport
import Testing

@testable import Identity

@Suite struct CmdlineTests {
    @Test(arguments: [
        ("python3\0fetch.py\0", ["python3", "fetch.py"]),
        ("sleep\0\0x\0", ["sleep", "", "x"]),
        ("", []),
        ("rewritten title without nul", ["rewritten title without nul"]),
        ("a b\0c\0", ["a b", "c"]),
    ])
    func splitsArguments(_ text: String, _ expected: [String]) {
        #expect(Cmdline.parse(Array(text.utf8)) == expected)
    }
}
