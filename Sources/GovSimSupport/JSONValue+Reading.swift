import Foundation

/// Reading JSON documents (manifests) back into ``JSONValue``.
extension JSONValue {
    /// Parses a JSON document.
    /// - Throws: the error of `JSONSerialization`, or a `CocoaError` for a value it cannot represent.
    package static func parse(_ data: Data) throws -> JSONValue {
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        guard let value = JSONValue(foundation: object) else { throw CocoaError(.propertyListReadCorrupt) }
        return value
    }

    /// The value of a `JSONSerialization` result; nil for anything else.
    package init?(foundation value: Any) {
        switch value {
        case let s as String:
            self = .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c", "B": self = .bool(n.boolValue)
            case "f", "d": self = .number(n.doubleValue)
            default: self = .integer(n.intValue)
            }
        case is NSNull:
            self = .null
        case let a as [Any]:
            var items: [JSONValue] = []
            for item in a {
                guard let v = JSONValue(foundation: item) else { return nil }
                items.append(v)
            }
            self = .array(items)
        case let o as [String: Any]:
            var members: [String: JSONValue] = [:]
            for (k, item) in o {
                guard let v = JSONValue(foundation: item) else { return nil }
                members[k] = v
            }
            self = .object(members)
        default:
            return nil
        }
    }

    /// The member `key` of an object; nil for a missing member or a non-object.
    package subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    package var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    package var intValue: Int? {
        switch self {
        case .integer(let i): return i
        case .number(let x) where x == x.rounded() && abs(x) < 9e15: return Int(x)
        default: return nil
        }
    }

    package var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    package var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
