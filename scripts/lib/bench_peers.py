#!/usr/bin/env python3
"""Rego engine comparison driver for scripts/bench-rego.sh.

  bench_peers.py convert DIR
      Turns netpolicy.py's DIR/inputs.json into what `airlock bench` reads: DIR/inputs.jsonl (one
      input per line), DIR/expected.json (the expected data.sandbox.allow per input) and
      DIR/expected-trivial.json (data.sandbox.trivial: always true).

  bench_peers.py run [--seconds S] [--install-log FILE] DIR...
      Measures the peer engines (OPA's Go engine through opa-golib-python-bindings; regorus's
      interpreter and its RVM bytecode VM through gordon-to-regorus) on each workload DIR, reads
      airlock's results from DIR/airlock-{allow,trivial}.json (written by `airlock bench --format
      json`), and prints one table: workload x engine.

Every engine is checked against the expected decisions before it is timed; a wrong answer is shown
in the table, not hidden. The peers are called from Python, so each one's per-call floor (the
trivial rule `data.sandbox.trivial`, same inputs, same call path) is measured in the same run and
decisions/s are reported both raw and with that floor subtracted. Only the standard library is used
here, so the table still prints (with the reason) when a peer fails to install or load.
"""

import argparse
import importlib.metadata
import json
import os
import sys
import time

ALLOW = "data.sandbox.allow"
TRIVIAL = "data.sandbox.trivial"


# ---------------------------------------------------------------------------------------------
# convert


def convert(directory):
    with open(os.path.join(directory, "inputs.json")) as f:
        workload = json.load(f)
    with open(os.path.join(directory, "inputs.jsonl"), "w") as f:
        for document in workload["inputs"]:
            f.write(json.dumps(document, separators=(",", ":")) + "\n")
    with open(os.path.join(directory, "expected.json"), "w") as f:
        json.dump(workload["expected"], f)
    with open(os.path.join(directory, "expected-trivial.json"), "w") as f:
        json.dump([True] * len(workload["inputs"]), f)


# ---------------------------------------------------------------------------------------------
# measurement


class Workload:
    def __init__(self, directory):
        self.directory = directory
        self.name = os.path.basename(os.path.normpath(directory))
        with open(os.path.join(directory, "policy.rego")) as f:
            self.policy = f.read()
        with open(os.path.join(directory, "data.json")) as f:
            self.data_json = f.read()
        self.data = json.loads(self.data_json)
        with open(os.path.join(directory, "inputs.json")) as f:
            workload = json.load(f)
        self.inputs = workload["inputs"]
        self.inputs_json = [json.dumps(i, separators=(",", ":")) for i in self.inputs]
        self.expected = workload["expected"]


class Row:
    """One table row: an engine on a workload."""

    def __init__(self, workload, engine):
        self.workload = workload
        self.engine = engine
        self.ns_per_op = None
        self.floor_ns = None
        self.status = "ok"

    def decisions_per_second(self):
        return 1e9 / self.ns_per_op if self.ns_per_op else None

    def net_decisions_per_second(self):
        if self.ns_per_op is None or self.floor_ns is None:
            return None
        net = self.ns_per_op - self.floor_ns
        return 1e9 / net if net > 0 else None


def first_line(error):
    text = str(error).strip() or type(error).__name__
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    # regorus puts the useful part ("error: expecting expression") after a source excerpt.
    for line in lines:
        if line.startswith("error:"):
            return line
    return lines[0][:120] if lines else type(error).__name__


def time_calls(call, count_inputs, seconds):
    """ns per call, cycling through the inputs for at least `seconds` and at least one full pass."""
    calls = 0
    start = time.perf_counter_ns()
    deadline = start + int(seconds * 1e9)
    while True:
        for i in range(count_inputs):
            call(i)
        calls += count_inputs
        now = time.perf_counter_ns()
        if now >= deadline:
            return (now - start) / calls


def measure(row, make_calls, workload, seconds):
    """make_calls() -> (allow(i) -> value, trivial(i) -> value); failures land in row.status."""
    try:
        allow, trivial = make_calls()
    except Exception as error:  # a peer that does not load is reported, never hidden
        row.status = "load failed: " + first_line(error)
        return row
    try:
        wrong = sum(1 for i, want in enumerate(workload.expected) if allow(i) != want)
        if wrong:
            row.status = f"WRONG on {wrong}/{len(workload.expected)} inputs"
        if any(trivial(i) is not True for i in range(len(workload.inputs))):
            row.status = "WRONG on data.sandbox.trivial"
        row.ns_per_op = time_calls(allow, len(workload.inputs), seconds)
        row.floor_ns = time_calls(trivial, len(workload.inputs), seconds)
    except Exception as error:
        row.status = "eval failed: " + first_line(error)
    return row


# ---------------------------------------------------------------------------------------------
# engines


def opa_go(workload):
    from opa_bindings import OpaEngine, OpaUndefinedError

    engine = OpaEngine()
    engine.add_policy("policy.rego", workload.policy)
    engine.add_data(workload.data)

    def document(path):
        def call(i):
            try:
                return engine.eval_document(path, workload.inputs[i])
            except OpaUndefinedError:
                return None

        return call

    return document("sandbox.allow"), document("sandbox.trivial")


def regorus_interpreter(workload):
    import regorus

    engine = regorus.Engine()
    engine.add_policy("policy.rego", workload.policy)
    engine.add_data_json(workload.data_json)

    def rule(path):
        def call(i):
            engine.set_input_json(workload.inputs_json[i])
            return engine.eval_rule(path)

        return call

    return rule(ALLOW), rule(TRIVIAL)


def regorus_vm(workload):
    import regorus

    program = regorus.Program.compile_from_modules(
        workload.data_json, [("policy.rego", workload.policy)], [ALLOW, TRIVIAL]
    )
    vm = regorus.Rvm()
    vm.load_program(program)
    vm.set_data_json(workload.data_json)

    def entry(path):
        def call(i):
            vm.set_input_json(workload.inputs_json[i])
            return json.loads(vm.execute_entry_point(path))

        return call

    return entry(ALLOW), entry(TRIVIAL)


PEERS = [
    ("OPA 1.x Go (opa-golib-python-bindings)", "opa-golib-python-bindings", opa_go),
    ("regorus interpreter (gordon-to-regorus)", "gordon-to-regorus", regorus_interpreter),
    ("regorus RVM (gordon-to-regorus)", "gordon-to-regorus", regorus_vm),
]


def airlock_row(workload):
    """airlock's figures come from `airlock bench --format json`, run by bench-rego.sh."""
    row = Row(workload.name, "airlock (Swift, in-process)")
    figures = {}
    for query in ("allow", "trivial"):
        path = os.path.join(workload.directory, f"airlock-{query}.json")
        try:
            with open(path) as f:
                figures[query] = json.load(f)
        except (OSError, ValueError) as error:
            row.status = f"no result ({os.path.basename(path)}: {first_line(error)})"
            return row
        if "errors" in figures[query]:
            row.status = f"{query} failed: " + figures[query]["errors"][0].get("message", "?")
            return row
    row.ns_per_op = figures["allow"]["ns_per_op"]
    row.floor_ns = figures["trivial"]["ns_per_op"]
    return row


# ---------------------------------------------------------------------------------------------
# table


def fmt_ns(x):
    return "-" if x is None else f"{x:,.0f}"


def fmt_rate(x):
    return "-" if x is None else f"{x:,.0f}"


def print_table(rows, notes):
    headers = ["workload", "engine", "ns/op", "decisions/s", "floor ns", "decisions/s - floor", "status"]
    cells = [
        [
            r.workload,
            r.engine,
            fmt_ns(r.ns_per_op),
            fmt_rate(r.decisions_per_second()),
            fmt_ns(r.floor_ns),
            fmt_rate(r.net_decisions_per_second()),
            r.status,
        ]
        for r in rows
    ]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    right = {2, 3, 4, 5}

    def line(values):
        return "| " + " | ".join(
            v.rjust(widths[i]) if i in right else v.ljust(widths[i]) for i, v in enumerate(values)
        ) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    print(line(headers))
    print(rule)
    for c in cells:
        print(line(c))
    for note in notes:
        print(note)


def run(args):
    notes = [
        "floor = the same engine's ns/op on data.sandbox.trivial (call overhead: bridge, input "
        "encoding); decisions/s - floor = 1e9 / (ns/op - floor ns).",
        f"python {sys.version.split()[0]}; peers timed >= {args.seconds}s each, after a checked pass.",
    ]
    for package in dict.fromkeys(package for _, package, _ in PEERS):
        try:
            notes.append(f"{package} {importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            notes.append(f"{package}: NOT INSTALLED")
    if args.install_log and os.path.exists(args.install_log):
        with open(args.install_log) as f:
            for line in f:
                if line.strip():
                    notes.append("install: " + line.strip())
    rows = []
    for directory in args.workloads:
        workload = Workload(directory)
        rows.append(airlock_row(workload))
        for engine, _, setup in PEERS:
            print(f"measuring {engine} on {workload.name}", file=sys.stderr)
            rows.append(measure(Row(workload.name, engine), lambda: setup(workload), workload, args.seconds))
    print_table(rows, notes)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("convert")
    c.add_argument("directory")
    r = sub.add_parser("run")
    r.add_argument("--seconds", type=float, default=1.0)
    r.add_argument("--install-log")
    r.add_argument("workloads", nargs="+")
    args = parser.parse_args()
    if args.command == "convert":
        convert(args.directory)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
