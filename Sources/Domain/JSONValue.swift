import Foundation

/// A parsed JSON document, used to check a body's shape (unknown fields, NUL characters)
/// before decoding it into an input type, and to apply merge patches (RFC 7396).
public enum JSONValue: Codable, Equatable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Paths of strings that PostgreSQL cannot store (U+0000).
    public func pathsWithNUL(prefix: String = "") -> [String] {
        switch self {
        case .string(let text): return text.unicodeScalars.contains("\u{0}") ? [prefix] : []
        case .array(let items):
            return items.enumerated().flatMap { $1.pathsWithNUL(prefix: "\(prefix)[\($0)]") }
        case .object(let members):
            return members.flatMap { key, value in
                let keyPaths = key.unicodeScalars.contains("\u{0}") ? [prefix.isEmpty ? "(key)" : prefix] : []
                return keyPaths + value.pathsWithNUL(prefix: prefix.isEmpty ? key : "\(prefix).\(key)")
            }
        default: return []
        }
    }
}


extension JSONValue {
    /// Paths in this document that `known` (the same document decoded and encoded again) does
    /// not have: fields a nested decoder silently ignored, which a client must hear about.
    /// Explicit nulls are not reported: an absent optional is the same as null.
    public func unknownPaths(comparedTo known: JSONValue, prefix: String = "") -> [String] {
        switch (self, known) {
        case (.object(let members), .object(let knownMembers)):
            return members.keys.sorted().flatMap { key -> [String] in
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                guard let value = members[key], value != .null else { return [] }
                guard let knownValue = knownMembers[key] else { return [path] }
                return value.unknownPaths(comparedTo: knownValue, prefix: path)
            }
        case (.array(let items), .array(let knownItems)):
            return zip(items, knownItems).enumerated().flatMap { index, pair in
                pair.0.unknownPaths(comparedTo: pair.1, prefix: "\(prefix)[\(index)]")
            }
        default:
            return []
        }
    }
}
