import Foundation
import Testing

@Suite("airlock eval")
struct EvalCommandTests {
    @Test("prints OPA's result set, indented as opa eval does")
    func resultShape() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("p.rego", "package p\n\nx := 1\n")
        let run = try AirlockProcess.run(["eval", "-d", policy, "data.p.x"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                {
                  "result": [
                    {
                      "expressions": [
                        {
                          "value": 1,
                          "text": "data.p.x",
                          "location": {
                            "row": 1,
                            "col": 1
                          }
                        }
                      ]
                    }
                  ]
                }

                """)
    }

    @Test("reports the bindings of query variables, one result per solution")
    func bindings() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("p.rego", "package p\n\nxs := [10, 20]\n")
        let run = try AirlockProcess.run(["eval", "-d", policy, "x := data.p.xs[_]"])
        #expect(run.status == 0, "\(run.stderr)")
        let results = run.json["result"] as? [Any]
        #expect(results?.count == 2)
        #expect(run.json["result"][0]["bindings"]["x"] as? Int == 10)
        #expect(run.json["result"][1]["bindings"]["x"] as? Int == 20)
        #expect(run.json["result"][0]["expressions"][0]["value"] as? Bool == true)
        #expect(run.json["result"][0]["expressions"][0]["text"] as? String == "x := data.p.xs[_]")
    }

    @Test("an undefined query prints {} and succeeds")
    func undefined() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("p.rego", "package p\n\nx := 1\n")
        let run = try AirlockProcess.run(["eval", "-d", policy, "data.p.nothing"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "{}\n")
    }

    @Test(
        "the input document comes from -i, in JSON or YAML",
        arguments: [
            ("input.json", #"{"user": "alice", "port": 443}"#),
            ("input.yaml", "user: alice\nport: 443\n"),
        ])
    func input(file: String, text: String) throws {
        let scratch = try Scratch()
        let inputPath = try scratch.write(file, text)
        let run = try AirlockProcess.run(["eval", "-i", inputPath, "input.user"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json["result"][0]["expressions"][0]["value"] as? String == "alice")
    }

    @Test("data files sit at their directory's path below the -d directory")
    func dataAtDirectoryPath() throws {
        let scratch = try Scratch()
        try scratch.write("policy/a/b/data.json", #"{"k": 1}"#)
        try scratch.write("policy/a/c/data.yaml", "k: two\n")
        try scratch.write("policy/p.rego", "package p\n\nsum := data.a.b.k + 1\n")
        let run = try AirlockProcess.run(["eval", "-d", scratch.path("policy"), "[data.a.b.k, data.a.c.k, data.p.sum]"])
        #expect(run.status == 0, "\(run.stderr)")
        let value = run.json["result"][0]["expressions"][0]["value"] as? [Any]
        #expect(value?.count == 3)
        #expect(value?[0] as? Int == 1)
        #expect(value?[1] as? String == "two")
        #expect(value?[2] as? Int == 2)
    }

    @Test("a data file given directly lands at the root of data")
    func dataFileAtRoot() throws {
        let scratch = try Scratch()
        let file = try scratch.write("deep/dir/policy.yaml", "network_policies: {pypi: {}}\n")
        let run = try AirlockProcess.run(["eval", "-d", file, "data.network_policies"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json["result"][0]["expressions"][0]["value"]["pypi"] != nil)
    }

    @Test("a parse error prints OPA's error JSON with file, row and column, and exits 1")
    func parseError() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("broken.rego", "package p\n\nx := {\n")
        let run = try AirlockProcess.run(["eval", "-d", policy, "data.p.x"])
        #expect(run.status == 1)
        #expect(run.json["errors"][0]["code"] as? String == "rego_parse_error")
        #expect(run.json["errors"][0]["location"]["file"] as? String == policy)
        #expect(run.json["errors"][0]["location"]["row"] as? Int != nil)
        #expect(run.json["errors"][0]["message"] as? String != nil)
    }

    @Test("a missing file is an error, whichever option names it", arguments: [["-d"], ["-i"]])
    func missingFile(option: [String]) throws {
        let scratch = try Scratch()
        let missing = scratch.path("nowhere.json")
        let run = try AirlockProcess.run(["eval"] + option + [missing, "input"])
        #expect(run.status == 1)
        let message = try #require(run.json["errors"][0]["message"] as? String)
        #expect(message.contains(missing))
        #expect(message.lowercased().contains("no such file or directory"))
    }

    @Test("malformed JSON input is an error naming the file")
    func malformedInput() throws {
        let scratch = try Scratch()
        let input = try scratch.write("input.json", "{\"a\": ")
        let run = try AirlockProcess.run(["eval", "-i", input, "input"])
        #expect(run.status == 1)
        let message = run.json["errors"][0]["message"] as? String ?? ""
        let file = run.json["errors"][0]["location"]["file"] as? String
        #expect(file == input || message.contains(input), "\(run.stdout)")
    }

    @Test("--format pretty prints a lone value as JSON, undefined as a word")
    func prettyValue() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("p.rego", "package p\n\nobj := {\"b\": [1], \"a\": true}\n")
        let value = try AirlockProcess.run(["eval", "--format", "pretty", "-d", policy, "data.p.obj"])
        #expect(value.status == 0, "\(value.stderr)")
        #expect(value.stdout == "{\n  \"a\": true,\n  \"b\": [\n    1\n  ]\n}\n")
        let undefined = try AirlockProcess.run(["eval", "--format", "pretty", "-d", policy, "data.p.nothing"])
        #expect(undefined.stdout == "undefined\n")
    }

    @Test("--format pretty prints variables as a table")
    func prettyTable() throws {
        let run = try AirlockProcess.run(["eval", "--format", "pretty", "x := [1, 2][_]"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout == """
                +---+
                | x |
                +---+
                | 1 |
                | 2 |
                +---+

                """)
    }

    @Test("--format pretty sends errors to standard error as OPA's sentence")
    func prettyError() throws {
        let scratch = try Scratch()
        let missing = scratch.path("missing.rego")
        let run = try AirlockProcess.run(["eval", "--format", "pretty", "-d", missing, "data"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("1 error occurred: "))
        #expect(run.stderr.contains(missing))
        #expect(run.stderr.hasSuffix("no such file or directory\n"))
    }

    @Test("builtin errors leave the expression undefined unless --strict-builtin-errors")
    func strictBuiltinErrors() throws {
        let lenient = try AirlockProcess.run(["eval", "x := 1 / 0"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout == "{}\n")
        let strict = try AirlockProcess.run(["eval", "--strict-builtin-errors", "x := 1 / 0"])
        #expect(strict.status == 1)
        #expect(strict.json["errors"][0]["code"] as? String == "eval_builtin_error")
        #expect((strict.json["errors"][0]["message"] as? String)?.contains("divide by zero") == true)
    }

    @Test("logs go to standard error, as JSON lines with --log-format json")
    func jsonLogs() throws {
        let scratch = try Scratch()
        let policy = try scratch.write("p.rego", "package p\n\nx := 1\n")
        let run = try AirlockProcess.run([
            "eval", "--log-level", "debug", "--log-format", "json", "-d", policy, "data.p.x",
        ])
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["label"] as? String == "airlock.cli")
            #expect(object?["level"] as? String == "debug")
        }
        #expect(run.stdout.hasPrefix("{"))
    }
}
