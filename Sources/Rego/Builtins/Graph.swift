extension Builtins {
    /// The `graph` family: reachability over a graph given as an object from each node to the array
    /// or set of its neighbours (`walk`-free alternatives to recursive rules, which Rego forbids).
    static let graph: [Builtin] = [
        Builtin("graph.reachable", arity: 2) { args, _ throws(BuiltinError) in
            let graph = try args.object(1)
            return .set(GraphReachability(graph).reachable(from: try initialNodes(args)))
        },
        Builtin("graph.reachable_paths", arity: 2) { args, _ throws(BuiltinError) in
            let graph = try args.object(1)
            return .set(GraphReachability(graph).paths(from: try initialNodes(args)))
        },
    ]

    private static func initialNodes(_ args: [Value]) throws(BuiltinError) -> [Value] {
        switch args[1] {
        case .array(let nodes): return nodes
        case .set(let nodes): return nodes.sorted
        case let other: throw .operand(2, mustBe: "one of {array, set}", got: other)
        }
    }
}

/// Walks a graph object. A node is in the graph when it is a key of the object, whatever its value;
/// only array and set values have neighbours (any other value is a node without edges, as in OPA).
struct GraphReachability {
    let graph: RegoObject

    init(_ graph: RegoObject) { self.graph = graph }

    /// The neighbours of a node, in OPA's iteration order (array order, or sorted set order).
    private func neighbours(_ edges: Value) -> [Value] {
        switch edges {
        case .array(let a): return a
        case .set(let s): return s.sorted
        default: return []
        }
    }

    /// Every node in the graph reachable from the initial nodes, including those initial nodes that
    /// are in the graph. Nodes named as neighbours but absent from the graph are not reached.
    func reachable(from initial: [Value]) -> RegoSet {
        var reached = RegoSet()
        var queue = initial
        var next = 0
        while next < queue.count {
            let node = queue[next]
            next += 1
            guard !reached.contains(node), let edges = graph[node] else { continue }
            reached.insert(node)
            for neighbour in neighbours(edges) where !reached.contains(neighbour) {
                queue.append(neighbour)
            }
        }
        return reached
    }

    /// Every path from an initial node through its neighbours until a node without edges, a node
    /// missing from the graph (not included in the path), or a node already visited.
    ///
    /// OPA shares the "visited" set across all branches explored from one first edge, so a node
    /// reached on an earlier branch ends later branches (its conformance cases depend on this); the
    /// same is done here rather than enumerating every simple path.
    func paths(from initial: [Value]) -> RegoSet {
        var result = RegoSet()
        for node in initial {
            guard let edges = graph[node] else { continue }
            let first = neighbours(edges)
            if first.isEmpty {
                result.insert(.array([node]))
                continue
            }
            for neighbour in first {
                var visited: Set<Value> = [node]
                extend([node], to: neighbour, visited: &visited, into: &result)
            }
        }
        return result
    }

    /// Depth-first, with an explicit stack: a policy's input can hold a long chain of nodes and a
    /// recursive walk would then exhaust the thread's stack.
    private func extend(_ root: [Value], to first: Value, visited: inout Set<Value>, into result: inout RegoSet) {
        struct Frame {
            var path: [Value]
            var next: [Value]
            var index = 0
        }
        var stack: [Frame] = []

        // Enters `node` after `path`: records a finished path, or pushes a frame to explore.
        func enter(_ node: Value, after path: [Value]) {
            guard let edges = graph[node] else {
                result.insert(.array(path))
                return
            }
            let path = path + [node]
            let next = neighbours(edges)
            if next.isEmpty {
                result.insert(.array(path))
                return
            }
            visited.insert(node)
            stack.append(Frame(path: path, next: next))
        }

        enter(first, after: root)
        while let top = stack.last {
            if top.index == top.next.count {
                stack.removeLast()
                continue
            }
            let neighbour = top.next[top.index]
            stack[stack.count - 1].index += 1
            if visited.contains(neighbour) {
                result.insert(.array(top.path))
            } else {
                enter(neighbour, after: top.path)
            }
        }
    }
}
