import CJansson
import Rego

/// jansson tree → `Value`. jansson has already validated UTF-8 and structure, so conversion
/// cannot fail.
enum JanssonConversion {
    static func value(of node: UnsafeMutablePointer<json_t>) -> Value {
        switch node.pointee.type {
        case JSON_NULL: return .null
        case JSON_TRUE: return .true
        case JSON_FALSE: return .false
        case JSON_INTEGER: return .int(Int(json_integer_value(node)))
        case JSON_REAL: return .double(json_real_value(node))
        case JSON_STRING:
            return .string(string(json_string_value(node), count: json_string_length(node)))
        case JSON_ARRAY:
            let count = json_array_size(node)
            var elements: [Value] = []
            elements.reserveCapacity(count)
            for i in 0..<count { elements.append(value(of: json_array_get(node, i))) }
            return .array(elements)
        case JSON_OBJECT:
            var pairs: [(Value, Value)] = []
            pairs.reserveCapacity(json_object_size(node))
            var iterator = json_object_iter(node)
            while let current = iterator {
                // Keys may contain NUL (JSON_ALLOW_NUL), so use the explicit length.
                let key = string(json_object_iter_key(current), count: json_object_iter_key_len(current))
                pairs.append((.string(key), value(of: json_object_iter_value(current))))
                iterator = json_object_iter_next(node, current)
            }
            return .object(RegoObject(pairs))
        default:
            return .null
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?, count: Int) -> String {
        guard let pointer, count > 0 else { return "" }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
