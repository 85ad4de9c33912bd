import Foundation
import Synchronization

/// Keys converted from snake_case by a decoder, and back, each worked out once
/// (`JSON.memoisingDecoder`).
final class KeyConversions: Sendable {
    static let userInfoKey = CodingUserInfoKey(rawValue: "appraise.keyConversions")!

    private struct Table {
        var camel: [String: String] = [:]
        var snake: [String: String] = [:]
    }
    private let table = Mutex(Table())

    /// The key as `convertFromSnakeCase` reads it.
    func camelCase(_ key: String) -> String {
        if let known = table.withLock({ $0.camel[key] }) { return known }
        let converted = Self.foundationConversion(key)
        table.withLock { $0.camel[key] = converted }
        return converted
    }

    /// A converted key in snake_case again (`Body.snakeCase`), for checking it is a field.
    func snakeCase(_ converted: String) -> String {
        if let known = table.withLock({ $0.snake[converted] }) { return known }
        let snake = Body.snakeCase(converted)
        table.withLock { $0.snake[converted] = snake }
        return snake
    }

    /// Foundation's own conversion, read back from a one-key object.
    static func foundationConversion(_ key: String) -> String {
        struct FirstKey: Decodable {
            let key: String?
            init(from decoder: any Decoder) throws {
                key = try decoder.container(keyedBy: AnyKey.self).allKeys.first?.stringValue
            }
        }
        guard let object = try? JSONSerialization.data(withJSONObject: [key: 0]),
              let converted = try? JSON.decoder.decode(FirstKey.self, from: object).key else { return key }
        return converted
    }
}

extension KeyConversions {
    /// The body with every object key already converted (`camelCase`), for a decoder with
    /// default keys: `JSONDecoder` calling the key strategy's closure for each of a
    /// 10,000-staff sync's 100,000 keys took half its decoding (issue 16 §1). Nil when a key
    /// holds an escape or is not UTF-8; the caller then decodes with the strategy. This is no
    /// validator: malformed JSON comes out malformed, for the decoder to refuse.
    func convertingKeys(of body: Data) -> Data? {
        let bytes = [UInt8](body)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        var objects: [Bool] = [] // for each open container, whether it is an object
        var expectingKey = false
        var converted: [ArraySlice<UInt8>: [UInt8]] = [:]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "\"") else {
                switch byte {
                case UInt8(ascii: "{"): objects.append(true); expectingKey = true
                case UInt8(ascii: "["): objects.append(false)
                case UInt8(ascii: "}"), UInt8(ascii: "]"): _ = objects.popLast(); expectingKey = false
                case UInt8(ascii: ","): expectingKey = objects.last == true
                default: break
                }
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 1
            var escaped = false
            while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                if bytes[end] == UInt8(ascii: "\\") { escaped = true; end += 1 }
                end += 1
            }
            guard end < bytes.count else { break } // unterminated: the decoder refuses what is left
            let text = bytes[(index + 1)..<end]
            // Foundation leaves a key without an underscore as it is.
            if expectingKey, text.contains(UInt8(ascii: "_")) {
                if escaped { return nil }
                if converted[text] == nil {
                    guard let key = String(validating: text, as: UTF8.self) else { return nil }
                    converted[text] = Array(camelCase(key).utf8)
                }
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: converted[text]!)
                output.append(UInt8(ascii: "\""))
            } else {
                if expectingKey, escaped { return nil }
                output.append(contentsOf: bytes[index...end])
            }
            expectingKey = false
            index = end + 1
        }
        output.append(contentsOf: bytes[min(index, bytes.count)...])
        return Data(output)
    }
}
