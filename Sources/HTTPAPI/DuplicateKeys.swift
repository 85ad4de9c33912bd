import Foundation

/// Finds a key that appears twice in one JSON object. JSON parsers disagree on which of two
/// duplicates wins (RFC 8259 §4: "the names within an object SHOULD be unique"), so a proxy,
/// a validator and this server could each see a different request: such bodies are refused.
/// Runs on text that already parsed, so it only has to tell keys from values.
enum DuplicateKeys {
    /// The first repeated key (unescaped), or nil.
    static func first(in json: Data) -> String? {
        let bytes = [UInt8](json)
        // One entry per open container: the keys seen so far for an object, nil for an array.
        var open: [Set<String>?] = []
        var expectingKey = false
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "{"): open.append([]); expectingKey = true
            case UInt8(ascii: "["): open.append(nil); expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = open.popLast(); expectingKey = false
            case UInt8(ascii: ","): expectingKey = open.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let start = index
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                if expectingKey, var keys = open.last ?? nil {
                    let key = unescaped(bytes[start...min(index, bytes.count - 1)])
                    if keys.contains(key) { return key }
                    keys.insert(key)
                    open[open.count - 1] = keys
                    expectingKey = false
                }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// A JSON string token's value: `"a"` and `"\u0061"` are the same key.
    private static func unescaped(_ token: ArraySlice<UInt8>) -> String {
        guard token.contains(UInt8(ascii: "\\")) else {
            return String(decoding: token.dropFirst().dropLast(), as: UTF8.self)
        }
        return (try? JSONDecoder().decode(String.self, from: Data(token))) ?? String(decoding: token, as: UTF8.self)
    }
}
